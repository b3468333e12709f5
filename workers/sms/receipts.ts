/**
 * Applying a delivery receipt (S4) to D1: the part it names moves forward only (a duplicate, a
 * late intermediate status or a second final one changes nothing; the rank check is in the
 * statement, so two receipts racing cannot move a part back), then the message takes the status
 * its parts say (shared/sms/message-status.ts), and a final message status is never changed.
 * Each write is followed by a read of all the parts, so of two receipts for two parts arriving
 * together at least one sees both and the message ends delivered. A receipt from a connection of
 * another account than the message's is treated as unknown.
 *
 * The one receipt that moves a campaign message to its final status (the conditional UPDATE
 * changes the row once) carries the `sms_delivered` / `sms_failed` event for the events Queue
 * (id `sms_done:<messageId>`, so even a repeat would count once there); the hook sends it.
 */
import type { TrackEvent } from "../../shared/events/types";
import { nextMessageStatus, type MessageStatus, type PartStatus } from "../../shared/sms/message-status";
import type { SmsReceipt } from "../../shared/sms/receipt";
import type { SmsConnection } from "./connections-store";

export type ReceiptEffect =
  | { result: "unknown" }
  | { result: "duplicate"; status: MessageStatus }
  | { result: "applied"; status: MessageStatus; event?: TrackEvent };

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

const RANK_SQL = (col: string) => `CASE ${col} WHEN 'sending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'buffered' THEN 2 ELSE 3 END`;
const RANK: Record<PartStatus, number> = { sending: 0, accepted: 1, buffered: 2, delivered: 3, failed: 3, expired: 3, rejected: 3 };

/**
 * Record `receipt`, which arrived through `conn`.
 * @example await applyReceipt(env.DB, conn, { messageId: "sms_x", part: 1, status: "delivered", … }, Date.now()) // { result: "applied", status: "delivered" }
 */
export async function applyReceipt(db: D1Database, conn: Pick<SmsConnection, "accountId">, receipt: SmsReceipt, now: number): Promise<ReceiptEffect> {
  const msg = await db
    .prepare("SELECT id, account_id, campaign_id, contact_id, operator, status, segments FROM sms_messages WHERE id = ?")
    .bind(receipt.messageId)
    .first<FinalMessage & { status: MessageStatus; segments: number }>();
  if (!msg || (conn.accountId !== null && conn.accountId !== msg.account_id)) return { result: "unknown" };
  const error = receipt.errorCode ?? (receipt.status === "delivered" || receipt.status === "accepted" || receipt.status === "buffered" ? null : receipt.reply?.slice(0, 300) ?? null);
  const [written, parts] = await db.batch<{ part: number; status?: PartStatus }>([
    db
      .prepare(
        `INSERT INTO sms_parts (message_id, part, provider_id, status, error, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (message_id, part) DO UPDATE SET status = excluded.status, provider_id = COALESCE(excluded.provider_id, sms_parts.provider_id),
           error = COALESCE(excluded.error, sms_parts.error), updated_at = excluded.updated_at
         WHERE ${RANK_SQL("sms_parts.status")} < ?7
         RETURNING part`,
      )
      .bind(receipt.messageId, receipt.part, receipt.smscId, receipt.status, error, now, RANK[receipt.status]),
    db.prepare("SELECT part, status FROM sms_parts WHERE message_id = ?").bind(receipt.messageId),
  ]);
  if (written!.results.length === 0) return { result: "duplicate", status: msg.status };
  const status = nextMessageStatus(msg.status, parts!.results as { part: number; status: PartStatus }[], msg.segments);
  if (status === msg.status) return { result: "applied", status };
  const moved = await db.prepare("UPDATE sms_messages SET status = ?1, done_at = ?2 WHERE id = ?3 AND status = 'accepted'").bind(status, now, receipt.messageId).run();
  if (moved.meta.changes === 0) {
    const current = await db.prepare("SELECT status FROM sms_messages WHERE id = ?").bind(receipt.messageId).first<MessageStatus>("status");
    return { result: "applied", status: current ?? msg.status };
  }
  const event = finalStatusEvent(msg, status, now);
  return event ? { result: "applied", status, event } : { result: "applied", status };
}
