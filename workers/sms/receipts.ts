/**
 * Applying a delivery receipt (S4) to D1: the part it names moves forward only (a duplicate, a
 * late intermediate status or a second final one changes nothing; the rank check is in the
 * statement, so two receipts racing cannot move a part back), then the message takes the status
 * its parts say (shared/sms/message-status.ts), and a final message status is never changed.
 * Both happen in one transaction, so of two receipts for two parts arriving together the second
 * sees both parts and the message ends delivered. A receipt from a connection of another account
 * than the message's is treated as unknown.
 *
 * The one receipt that moves a campaign message to its final status (the conditional UPDATE
 * changes the row once) carries the `sms_delivered` / `sms_failed` event for the events Queue
 * (id `sms_done:<messageId>`, so even a repeat would count once there); the hook sends it.
 */
import type { TrackEvent } from "../../shared/events/types";
import type { MessageStatus } from "../../shared/sms/message-status";
import type { SmsReceipt } from "../../shared/sms/receipt";
import type { SmsConnection } from "./connections-store";

export type ReceiptEffect =
  | { result: "unknown" }
  | { result: "duplicate" | "applied"; status: MessageStatus; event?: TrackEvent };

/** What the final-status event needs of an `sms_messages` row. */
export type FinalMessage = { id: string; account_id: string; campaign_id: string | null; contact_id: number | null; operator: string | null };

/**
 * The event of a campaign message reaching its final status; null for single sends (no campaign)
 * and statuses that are not final.
 * @example finalStatusEvent({ id: "sms_1", account_id: "a", campaign_id: "c", contact_id: 7, operator: "claro" }, "expired", 5)
 * // { id: "sms_done:sms_1", kind: "sms_failed", status: "expired", detail: "claro", … }
 */
export function finalStatusEvent(m: FinalMessage, status: MessageStatus, at: number): TrackEvent | null {
  if (m.campaign_id === null || m.contact_id === null || !["delivered", "failed", "expired", "rejected"].includes(status)) return null;
  return {
    id: `sms_done:${m.id}`,
    kind: status === "delivered" ? "sms_delivered" : "sms_failed",
    accountId: m.account_id,
    campaignId: m.campaign_id,
    contactId: m.contact_id,
    at,
    status,
    detail: m.operator ?? "unknown",
  };
}

export const RANK_SQL = (col: string) => `CASE ${col} WHEN 'sending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'buffered' THEN 2 ELSE 3 END`;

/**
 * shared/sms/messageStatusOf in SQL, for the message `m` (its id and segments): the first failure
 * kind among its parts (failed, expired, rejected), else delivered when part 0 or every part
 * 1…segments is, else accepted. tests/worker/sms-receipts.test.ts checks it against the
 * TypeScript rule on every combination of two parts.
 */
export const MESSAGE_STATUS_SQL = `(SELECT CASE
    WHEN SUM(p.status = 'failed') > 0 THEN 'failed'
    WHEN SUM(p.status = 'expired') > 0 THEN 'expired'
    WHEN SUM(p.status = 'rejected') > 0 THEN 'rejected'
    WHEN SUM(p.part = 0 AND p.status = 'delivered') > 0 THEN 'delivered'
    WHEN m.segments > 0 AND COUNT(DISTINCT CASE WHEN p.part >= 1 AND p.status = 'delivered' THEN p.part END) >= m.segments THEN 'delivered'
    ELSE 'accepted' END
  FROM sms_parts p WHERE p.message_id = m.id)`;

/** The error a part keeps from a receipt: the network's code, else the raw text of a failure. */
export function receiptError(r: SmsReceipt): string | null {
  return r.errorCode ?? (r.status === "delivered" || r.status === "accepted" || r.status === "buffered" ? null : r.reply?.slice(0, 300) ?? null);
}

/** A receipt and the account of the connection it came through (null: `local`, any account). */
export type ReceiptItem = { accountId: string | null; receipt: SmsReceipt };

/**
 * Record `receipt`, which arrived through `conn` (applyReceipts of one).
 * @example await applyReceipt(env.DB, conn, { messageId: "sms_x", part: 1, status: "delivered", … }, Date.now()) // { result: "applied", status: "delivered" }
 */
export async function applyReceipt(db: D1Database, conn: Pick<SmsConnection, "accountId">, receipt: SmsReceipt, now: number): Promise<ReceiptEffect> {
  return (await applyReceipts(db, [{ accountId: conn.accountId, receipt }], now))[0]!;
}

/** The receipts' statements, over ?1 = a JSON array of { m: message, a: account or null, p, s, f, e } and ?2 = now; each reads messages by id (tests/worker/sms-receipts.test.ts checks the plans). */
export const PARTS_SQL = `INSERT INTO sms_parts (message_id, part, provider_id, status, error, updated_at)
  SELECT m.id, j.value ->> 'p', j.value ->> 'f', j.value ->> 's', j.value ->> 'e', ?2
  FROM json_each(?1) j JOIN sms_messages m ON m.id = j.value ->> 'm' AND (j.value ->> 'a' IS NULL OR m.account_id = j.value ->> 'a')
  WHERE true ORDER BY j.key
  ON CONFLICT (message_id, part) DO UPDATE SET status = excluded.status, provider_id = COALESCE(excluded.provider_id, sms_parts.provider_id),
    error = COALESCE(excluded.error, sms_parts.error), updated_at = excluded.updated_at
  WHERE ${RANK_SQL("sms_parts.status")} < ${RANK_SQL("excluded.status")}
  RETURNING message_id AS m, part AS p, status AS s`;
export const MOVE_SQL = `UPDATE sms_messages SET status = n.status, done_at = ?2
  FROM (SELECT DISTINCT m.id, ${MESSAGE_STATUS_SQL} AS status
        FROM json_each(?1) j JOIN sms_messages m ON m.id = j.value ->> 'm' AND (j.value ->> 'a' IS NULL OR m.account_id = j.value ->> 'a')
        WHERE m.status = 'accepted') AS n
  WHERE sms_messages.id = n.id AND sms_messages.status = 'accepted' AND n.status != 'accepted'
  RETURNING sms_messages.id, sms_messages.account_id, sms_messages.campaign_id, sms_messages.contact_id, sms_messages.operator, sms_messages.status`;
export const STATUS_SQL = "SELECT m.id, m.account_id AS a, m.status FROM sms_messages m WHERE m.id IN (SELECT DISTINCT j.value ->> 'm' FROM json_each(?1) j)";

/**
 * Record `items` in one D1 batch (one transaction, one round trip: what a receipt costs under
 * load, two callbacks a message with Kannel's dlr-mask 31) and return their effects, in order:
 *   1. the parts, each written only when its message exists in the receipt's account and only
 *      forward (the rank check; two receipts for one part in a batch apply in order);
 *   2. the messages named moved from accepted to the status their parts now say, when that
 *      differs; the conditional UPDATE moves each once, and its RETURNING rows make the events;
 *   3. their statuses as they now stand (none: unknown message).
 * Recomputing a message from its parts is idempotent, so statement 2 needs no flag from 1.
 * @example await applyReceipts(env.DB, [{ accountId: null, receipt }], Date.now()) // [{ result: "applied", status: "delivered", event: {…} }]
 */
export async function applyReceipts(db: D1Database, items: readonly ReceiptItem[], now: number): Promise<ReceiptEffect[]> {
  const json = JSON.stringify(
    items.map(({ accountId, receipt: r }, i) => ({ i, m: r.messageId, a: accountId, p: r.part, s: r.status, f: r.smscId, e: receiptError(r) })),
  );
  const [written, moved, current] = await db.batch<Record<string, unknown>>([db.prepare(PARTS_SQL).bind(json, now), db.prepare(MOVE_SQL).bind(json, now), db.prepare(STATUS_SQL).bind(json)]);
  const wrote = new Set((written!.results as { m: string; p: number; s: string }[]).map((w) => `${w.m}\u0000${w.p}\u0000${w.s}`));
  const status = new Map((current!.results as { id: string; a: string; status: MessageStatus }[]).map((r) => [r.id, r]));
  const finals = new Map((moved!.results as (FinalMessage & { status: MessageStatus })[]).map((r) => [r.id, r]));
  return items.map(({ accountId, receipt: r }): ReceiptEffect => {
    const msg = status.get(r.messageId);
    if (!msg || (accountId !== null && accountId !== msg.a)) return { result: "unknown" };
    const result = wrote.has(`${r.messageId}\u0000${r.part}\u0000${r.status}`) ? "applied" : "duplicate";
    // A message's final event goes with the first receipt of the batch that names it.
    const final = finals.get(r.messageId);
    const event = final && finals.delete(r.messageId) ? finalStatusEvent(final, final.status, now) : null;
    return event ? { result, status: msg.status, event } : { result, status: msg.status };
  });
}

