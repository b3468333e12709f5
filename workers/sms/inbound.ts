/**
 * What happens to an incoming SMS once its hook has checked the secret and parsed it (S4, S6,
 * Ley 32323): find the account (for the shared `local` connection, by the sender), classify the
 * text (shared/sms/keywords.ts), then one D1 batch stores the message and applies what must hold
 * at once: an opt-out (optout.ts) or a keyword's tag (keyword-actions.ts). The row id comes from
 * what a provider retry repeats (shared/sms/inbound.ts inboundKey), so a retry stores nothing and
 * its batch changes nothing.
 *
 * Only the first delivery of a message then sends: the opt-out confirmation (free, GSM-7, one
 * segment, sent even though the number is now opted out), a keyword's reply (charged like any
 * SMS, through queueSms with the account's credit; refused quietly when the number opted out or
 * credit ran out) and a keyword's webhook (after the answer, through waitUntil). If queueing
 * the confirmation fails after the opt-out was stored, the opt-out stands and the failure is
 * logged: the legal effect never depends on the courtesy message.
 *
 * A first delivery that answers a campaign message (inbound-store.ts inboundContext) is also an
 * `sms_reply` event of that campaign (id `sms_reply:<inboundId>`), for its live counters.
 * Every stored message (campaign reply or not) is also an `sms_received` outgoing webhook
 * delivery for the account's subscribed webhooks (workers/webhooks/store.ts inboundStatement).
 */
import type { EventsMessage } from "../../shared/events/types";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import { classifyInbound } from "../../shared/sms/keywords";
import { inboundKey, type InboundSms } from "../../shared/sms/inbound";
import type { KeywordActions } from "../../shared/api/schemas-sms-inbox";
import { optOutConfirmation } from "../../shared/sms/optout-reply";
import { accountForLocalMo, inboundContext, insertInbound, type RepliedMessage } from "./inbound-store";
import { callKeywordWebhook, tagStatements } from "./keyword-actions";
import { onSmsKeyword } from "../automations/enrol";
import { optOutStatements } from "./optout";
import { queueSms, type QueueSmsResult } from "./queue-sms";
import { inboundStatement } from "../webhooks/store";
import { kickWebhooks } from "../webhooks/deliver";

export type InboundOutcome = {
  id: string;
  accountId: string;
  /** False for a provider's retry of a message already stored. */
  fresh: boolean;
  kind: "opt-out" | "keyword" | "message";
  keyword: string | null;
  contactId: number | null;
};

type Keyword = { id: string; keyword: string; actions: KeywordActions };

/**
 * Store and act on one incoming SMS that arrived through `conn`; null when no account takes it
 * (the local connection with no account using it).
 * @example await receiveInbound(env, (p) => ctx.waitUntil(p), { id: "local", accountId: null }, sms)
 */
export async function receiveInbound(
  env: Env,
  waitUntil: (p: Promise<unknown>) => void,
  conn: { id: string; accountId: string | null },
  sms: InboundSms,
  now = Date.now(),
): Promise<InboundOutcome | null> {
  const db = env.DB;
  const accountId = conn.accountId ?? (await accountForLocalMo(db, sms.from));
  if (accountId === null) return null;
  const ctx = await inboundContext(db, accountId, sms.from, now);
  const keywords: Keyword[] = ctx.keywords.map((k) => ({ id: k.id, keyword: k.keyword, actions: JSON.parse(k.actions) as KeywordActions }));
  const cls = classifyInbound(sms.text, keywords);
  const key = inboundKey(conn.id, sms);
  const id = `mo_${key === null ? randomToken(16) : (await sha256Hex(`${accountId}\n${key}`)).slice(0, 32)}`;
  const contactId = ctx.contact?.id ?? null;
  const keyword = cls.kind === "message" ? null : cls.keyword;
  const action = cls.kind === "opt-out" ? "optout" : cls.kind === "keyword" ? "keyword" : null;

  // The second statement queues the account's `sms_received` webhook deliveries (B1; posted later, never here).
  const statements = [insertInbound(db, { id, accountId, connectionId: conn.id, sms, contactId, keyword, action, now }), inboundStatement(db, id, now)];
  if (cls.kind === "opt-out") statements.push(...optOutStatements(db, { accountId, number: sms.from, inboundId: id, keyword: cls.keyword, now }));
  if (cls.kind === "keyword" && cls.match.actions.tag !== undefined && contactId !== null) {
    statements.push(...tagStatements(db, accountId, contactId, cls.match.actions.tag, cls.keyword, now));
  }
  const results = await db.batch(statements);
  const fresh = results[0]!.meta.changes === 1;
  const outcome: InboundOutcome = { id, accountId, fresh, kind: cls.kind, keyword, contactId };
  if (!fresh) return outcome;
  if ((results[1]!.meta.changes ?? 0) > 0) await kickWebhooks(env, [accountId]);
  if (ctx.replyTo) await replyEvent(env, id, accountId, ctx.replyTo, now);

  if (cls.kind === "opt-out") {
    const text = optOutConfirmation(ctx.accountName);
    await send(env, id, "opt-out confirmation", { accountId, to: sms.from, text, contactId, free: true, ignoreOptOut: true, policy: "allow" });
  } else if (cls.kind === "keyword") {
    const { reply, webhookUrl } = cls.match.actions;
    if (reply !== undefined) await send(env, id, `reply of keyword ${cls.keyword}`, { accountId, to: sms.from, text: reply, contactId, confirmMultipart: true });
    if (webhookUrl !== undefined) {
      waitUntil(
        callKeywordWebhook(env, webhookUrl, cls.match.id, {
          event: "sms.keyword",
          keyword: cls.keyword,
          inboundId: id,
          from: sms.from,
          to: sms.to,
          text: sms.text,
          contactId,
          receivedAt: new Date(now).toISOString(),
        }),
      );
    }
    // Automations triggered by this keyword enrol the sender's contact, once per message (W4, S6).
    if (contactId !== null) waitUntil(onSmsKeyword(env, accountId, contactId, cls.keyword, id, now));
  }
  return outcome;
}

/** queueSms for an automatic message: a refusal (opted out, no credit, not a Peruvian mobile) or a fault is logged, never thrown. */
async function send(env: Env, inboundId: string, what: string, input: Parameters<typeof queueSms>[1]): Promise<QueueSmsResult | null> {
  try {
    const r = await queueSms(env, input);
    if (!r.ok) console.warn(`sms inbound ${inboundId}: ${what} not sent (${r.code}: ${r.message})`);
    return r;
  } catch (e) {
    console.error(`sms inbound ${inboundId}: ${what} could not be queued`, e);
    return null;
  }
}

/** Queues the `sms_reply` event of a stored MO; a failure is logged (the message itself is stored). */
async function replyEvent(env: Env, inboundId: string, accountId: string, to: RepliedMessage, now: number): Promise<void> {
  const event = { id: `sms_reply:${inboundId}`, kind: "sms_reply" as const, accountId, campaignId: to.campaignId, contactId: to.contactId, at: now };
  await env.EVENTS.send({ type: "events", events: [event] } satisfies EventsMessage).catch((e: unknown) => console.error(`sms inbound ${inboundId}: reply event not queued`, e));
}
