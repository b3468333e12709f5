/**
 * The Worker's `email` handler: Cloudflare Email Routing delivers what arrives at the VERP bounce
 * address (and the feedback-loop address) here. Reads the message with a size cap, parses it
 * (shared/bounces), finds the delivery and applies the outcome (apply.ts), then puts the events
 * on the EVENTS queue. Malformed or forged mail is logged and dropped; nothing is thrown back to
 * the runtime, which would bounce the bounce.
 */
import { parseBounceMail } from "../../shared/bounces/report";
import { importLinkKey } from "../../shared/email/links";
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../events/queue-events";
import type { Feedback } from "../../shared/bounces/types";
import { applyFeedback } from "./apply";
import { locate } from "./locate";
import { linkSecret } from "../../shared/security/deploy-config";

/** Reports carry the report parts first; what follows this many bytes (a large original) is not read. */
export const MAX_BOUNCE_BYTES = 512 * 1024;

/** The first `cap` bytes of a stream; the rest is cancelled unread. */
export async function readCapped(stream: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const out = new Uint8Array(cap);
  let size = 0;
  while (size < cap) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = Math.min(value.byteLength, cap - size);
    out.set(value.subarray(0, take), size);
    size += take;
  }
  await reader.cancel().catch(() => {});
  return out.subarray(0, size);
}

/**
 * Applies each feedback of a report or webhook to its delivery and queues the events; returns them.
 * `trustEmail` lets an authenticated webhook fall back to the recipient's address.
 */
export async function recordFeedback(env: Env, feedback: Feedback[], opts: { trustEmail: boolean }): Promise<TrackEvent[]> {
  const key = await importLinkKey(linkSecret(env));
  const events: TrackEvent[] = [];
  for (const f of feedback) {
    const where = await locate(env.DB, key, f.clues, { trustEmail: opts.trustEmail ? f.email : null });
    if (!where.ok) {
      console.warn(`bounces: ${f.source} ${f.kind} ignored (${where.reason})`, { verp: f.clues.verp, messageId: f.clues.messageId, email: f.email });
      continue;
    }
    events.push(await applyFeedback(env.DB, where.target, f, Date.now()));
  }
  if (events.length) await queueEvents(env, events);
  return events;
}

/**
 * @example export default { email: handleBounceMail }
 */
export async function handleBounceMail(message: Pick<ForwardableEmailMessage, "from" | "to" | "raw" | "rawSize">, env: Env): Promise<void> {
  try {
    const raw = await readCapped(message.raw, MAX_BOUNCE_BYTES);
    const parsed = await parseBounceMail(raw);
    if (!parsed.ok) {
      console.warn(`bounces: malformed report from ${message.from} to ${message.to}: ${parsed.error}`);
      return;
    }
    // The envelope recipient is the VERP address: it names the delivery better than anything inside.
    const feedback = parsed.feedback.map((f) => (/^b-/i.test(message.to) ? { ...f, clues: { ...f.clues, verp: message.to } } : f));
    await recordFeedback(env, feedback, { trustEmail: false });
  } catch (err) {
    console.error(`bounces: report from ${message.from} to ${message.to} not processed`, err);
  }
}
