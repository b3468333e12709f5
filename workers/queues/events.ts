/**
 * The events Queue consumer (E2, B5): for one Queue batch it reads the deliveries the events
 * belong to, completes each event (account, provider, device, client, machine rule), writes all
 * of it in one D1 batch (raw events, first open and click, engagement times, unsubscribes with
 * their consent proof, hourly buckets, outgoing webhook deliveries), then tells each campaign's
 * CampaignLive the increments and wakes the webhook sender of accounts with new deliveries.
 * Any failure retries the whole batch; duplicates count once (see events-store.ts).
 */
import type { EventKind, EventsMessage, TrackEvent } from "../../shared/events/types";
import { enrichEvents } from "../../shared/events/enrich";
import { liveDelta } from "../../shared/events/live-delta";
import { deliveryFacts, FAN_OUT_FROM_END, markLive, writeStatements, type PendingRow } from "./events-store";
import { kickWebhooks } from "../webhooks/deliver";
import { tellLive } from "../tracking/live";

const KINDS: ReadonlySet<EventKind> = new Set(["sent", "rejected", "open", "click", "view", "unsubscribe", "bounce_hard", "bounce_soft", "complaint", "sms_sent", "sms_delivered", "sms_failed", "sms_reply"]);

function isEvent(e: unknown): e is TrackEvent {
  const v = e as Partial<TrackEvent> | null;
  return !!v && typeof v.id === "string" && KINDS.has(v.kind as EventKind) && typeof v.campaignId === "string" && Number.isSafeInteger(v.contactId) && typeof v.at === "number";
}

export async function handleEventsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  try {
    await recordEvents(env, batch.messages);
    batch.ackAll();
  } catch (err) {
    console.error(`events batch of ${batch.messages.length} failed`, err);
    batch.retryAll({ delaySeconds: 10 });
  }
}

export async function recordEvents(env: Env, messages: readonly Message<unknown>[]): Promise<void> {
  const msgIds = messages.map((m) => m.id);
  const tagged: (TrackEvent & { msg: string })[] = [];
  for (const m of messages) {
    const body = m.body as Partial<EventsMessage> | null;
    if (body?.type !== "events" || !Array.isArray(body.events)) {
      console.warn(`events: ignoring a malformed message ${m.id}`);
      continue;
    }
    // Test sends (contact 0) are never recorded.
    for (const e of body.events) if (isEvent(e) && e.contactId > 0) tagged.push({ ...e, msg: m.id });
  }
  const pairs = [...new Map(tagged.map((e) => [`${e.campaignId}:${e.contactId}`, [e.campaignId, e.contactId] as const])).values()];
  const facts = await deliveryFacts(env.DB, pairs);
  const msgOf = new Map(tagged.map((e) => [e.id, e.msg]));
  const rows = enrichEvents(tagged, facts).map((r) => ({ ...r, msg: msgOf.get(r.id)! }));
  const attempt = crypto.randomUUID();
  const results = await env.DB.batch(writeStatements(env.DB, attempt, msgIds, rows, Date.now()));
  const pending = (results[results.length - 1]!.results ?? []) as PendingRow[];
  // Webhook deliveries were queued: one small message per account wakes their sender (it posts, not us).
  if ((results[results.length - FAN_OUT_FROM_END]!.meta.changes ?? 0) > 0) await kickWebhooks(env, rows.map((r) => r.accountId));
  const byCampaign = new Map<string, PendingRow[]>();
  for (const r of pending) {
    const list = byCampaign.get(r.campaign_id);
    if (list) list.push(r);
    else byCampaign.set(r.campaign_id, [r]);
  }
  if (byCampaign.size === 0) return;
  // The key is the same when the same messages come back, so a retried batch counts once there too.
  const key = await digest([...msgIds].sort().join(","));
  const told: string[] = [];
  for (const [campaignId, counts] of byCampaign) {
    if ((await tellLive(env, campaignId, { key: `${campaignId}:${key}`, at: Date.now(), delta: liveDelta(counts) })) === "applied") told.push(campaignId);
  }
  if (told.length) await markLive(env.DB, msgIds, told);
}

async function digest(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return [...hash.subarray(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
