/**
 * D1 reads and writes behind the webhooks API (workers/api/routes/webhooks.ts): one webhook of
 * an account, the log row of a test call (so the delivery log shows pings too, and a good answer
 * clears the failing mark like any success), and the delivery log page, newest first, keyset
 * paged on (created_at, id).
 */
import type { AttemptResult } from "./store";

export type WebhookRow = {
  id: string;
  account_id: string;
  url: string;
  events: string;
  secret: string;
  description: string | null;
  active: number;
  failing_since: number | null;
  last_status: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};

/** The webhook `id` of `accountId`, or null. */
export function findWebhook(db: D1Database, accountId: string, id: string): Promise<WebhookRow | null> {
  return db.prepare("SELECT * FROM webhooks WHERE id = ? AND account_id = ?").bind(id, accountId).first<WebhookRow>();
}

/** Logs a test call (event "ping", one attempt, never retried) and updates the webhook's last status and failing mark. */
export async function logTestDelivery(db: D1Database, hook: WebhookRow, deliveryId: string, eventId: string, body: string, r: AttemptResult, now: number): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, next_at, last_status, last_error, created_at, done_at)
         VALUES (?, ?, ?, ?, 'ping', ?, ?, 1, NULL, ?, ?, ?, ?)`,
      )
      .bind(deliveryId, hook.id, hook.account_id, eventId, body, r.ok ? "delivered" : "failed", r.status, r.error, now, now),
    db.prepare("UPDATE webhooks SET last_status = ?2, failing_since = CASE WHEN ?3 THEN NULL ELSE failing_since END WHERE id = ?1").bind(hook.id, r.status, r.ok ? 1 : 0),
  ]);
}

type DeliveryRow = {
  id: string;
  event: string;
  event_id: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  next_at: number | null;
  last_status: number | null;
  last_error: string | null;
  payload: string;
  created_at: number;
  done_at: number | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * One page of the delivery log of `webhookId`, newest first; `cursor` is the previous page's
 * nextCursor ("<created_at>_<id>").
 * @example await deliveryPage(db, "wh_1", null, 50) // { deliveries: [...], nextCursor: "1790000000000_whd_…" }
 */
export async function deliveryPage(db: D1Database, webhookId: string, cursor: string | null, limit: number) {
  const sep = cursor?.indexOf("_") ?? -1;
  const [at, id] = cursor && sep > 0 ? [Number(cursor.slice(0, sep)), cursor.slice(sep + 1)] : [Number.MAX_SAFE_INTEGER, ""];
  const rows = await db
    .prepare(
      `SELECT id, event, event_id, status, attempts, next_at, last_status, last_error, payload, created_at, done_at FROM webhook_deliveries
       WHERE webhook_id = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3)) ORDER BY created_at DESC, id DESC LIMIT ?4`,
    )
    .bind(webhookId, at, id, limit + 1)
    .all<DeliveryRow>();
  const page = rows.results.slice(0, limit);
  const last = page[page.length - 1];
  return {
    deliveries: page.map((r) => ({
      id: r.id,
      event: r.event,
      eventId: r.event_id,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === "pending" ? iso(r.next_at) : null,
      lastStatus: r.last_status,
      lastError: r.last_error,
      payload: JSON.parse(r.payload) as unknown,
      createdAt: iso(r.created_at)!,
      doneAt: iso(r.done_at),
    })),
    nextCursor: rows.results.length > limit && last ? `${last.created_at}_${last.id}` : null,
  };
}
