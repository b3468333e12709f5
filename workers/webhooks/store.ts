/**
 * D1 for outgoing webhooks (B1). Producers only insert `webhook_deliveries` rows (status
 * pending, due now), inside the D1 batch they already write, so recording an event never waits
 * on a target: fanOutStatement for the events consumer (this run's events × the account's active
 * webhooks subscribed to their event), inboundStatement for a stored incoming SMS. Unique
 * (webhook_id, event_id) makes a retried batch insert nothing twice.
 *
 * The sender (deliver.ts) claims due rows by moving their `next_at` a lease ahead in the same
 * statement that selects them, so the Queue message and the minute cron never post a row twice
 * at once; then it records each attempt (recordAttempt).
 */
import { KIND_TO_EVENT } from "../../shared/webhooks/events";

/** ISO 8601 in UTC with milliseconds, of an epoch-ms SQL expression (exact, no float rounding). */
const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || '.' || printf('%03d', ${ms} % 1000) || 'Z'`;
const NEW_ID = "'whd_' || lower(hex(randomblob(12)))";
const SUBSCRIBED = (event: string) => `w.active = 1 AND EXISTS (SELECT 1 FROM json_each(w.events) s WHERE s.value = ${event})`;

/** The kind → event mapping of shared/webhooks/events.ts as a SQL CASE over `kind` and `machine`. */
const EVENT_CASE = `CASE ${Object.entries(KIND_TO_EVENT)
  .map(([kind, m]) => `WHEN kind = '${kind}'${m!.humanOnly ? " AND machine IS NULL" : ""}${kind === "sms_delivered" ? " AND status = 'delivered'" : ""} THEN '${m!.event}'`)
  .join(" ")} END`;

/**
 * The events consumer's fan-out, bound like its other statements (?1 attempt, ?2 JSON of the
 * Queue message ids, ?3 now): one delivery per new event of this run and active webhook of its
 * account subscribed to the event. Its `meta.changes` says whether anything is due.
 */
export function fanOutStatement(db: D1Database, attempt: string, msgs: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `WITH x AS MATERIALIZED (
         SELECT id, account_id, campaign_id, contact_id, at, url, status, detail, source, ${EVENT_CASE} AS name
         FROM events WHERE msg IN (SELECT value FROM json_each(?2)) AND attempt = ?1)
       INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, next_at, created_at)
       SELECT ${NEW_ID}, w.id, x.account_id, x.id, x.name,
         json_object('id', x.id, 'event', x.name, 'occurredAt', ${iso("x.at")}, 'accountId', x.account_id,
           'data', json_object('campaignId', x.campaign_id, 'contactId', x.contact_id, 'email', c.email, 'phone', c.phone, 'url', x.url, 'status', x.status, 'detail', x.detail, 'source', x.source)),
         'pending', 0, ?3, ?3
       FROM x JOIN webhooks w ON w.account_id = x.account_id AND ${SUBSCRIBED("x.name")}
         LEFT JOIN contacts c ON c.id = x.contact_id AND c.account_id = x.account_id
       WHERE x.name IS NOT NULL`,
    )
    .bind(attempt, msgs, now);
}

/** One delivery per active webhook subscribed to `sms_received`, for the stored incoming SMS `inboundId`. */
export function inboundStatement(db: D1Database, inboundId: string, now: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, next_at, created_at)
       SELECT ${NEW_ID}, w.id, i.account_id, 'sms_received:' || i.id, 'sms_received',
         json_object('id', 'sms_received:' || i.id, 'event', 'sms_received', 'occurredAt', ${iso("i.received_at")}, 'accountId', i.account_id,
           'data', json_object('inboundId', i.id, 'from', i.from_number, 'to', i.to_number, 'text', i.text, 'contactId', i.contact_id, 'keyword', i.keyword)),
         'pending', 0, ?2, ?2
       FROM sms_inbound i JOIN webhooks w ON w.account_id = i.account_id AND ${SUBSCRIBED("'sms_received'")}
       WHERE i.id = ?1`,
    )
    .bind(inboundId, now);
}

export type DueDelivery = { id: string; webhook_id: string; event: string; payload: string; attempts: number; url: string; secret: string };

/** How long a claimed row is left alone: well past one attempt's timeout. */
export const CLAIM_LEASE_MS = 60_000;

/**
 * Up to `limit` due pending deliveries of `accountId` to active webhooks, claimed for this
 * sender (their `next_at` moved a lease ahead), oldest due first.
 */
export async function claimDue(db: D1Database, accountId: string, now: number, limit: number): Promise<DueDelivery[]> {
  const claimed = await db
    .prepare(
      `UPDATE webhook_deliveries SET next_at = ?3 WHERE id IN (
         SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active = 1
         WHERE d.status = 'pending' AND d.next_at <= ?2 AND d.account_id = ?1 ORDER BY d.next_at LIMIT ?4)
       RETURNING id, webhook_id, event, payload, attempts`,
    )
    .bind(accountId, now, now + CLAIM_LEASE_MS, limit)
    .all<Omit<DueDelivery, "url" | "secret">>();
  if (claimed.results.length === 0) return [];
  const hooks = await db
    .prepare("SELECT id, url, secret FROM webhooks WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify([...new Set(claimed.results.map((r) => r.webhook_id))]))
    .all<{ id: string; url: string; secret: string }>();
  const byId = new Map(hooks.results.map((h) => [h.id, h]));
  return claimed.results.flatMap((r) => {
    const h = byId.get(r.webhook_id);
    return h ? [{ ...r, url: h.url, secret: h.secret }] : [];
  });
}

/** Accounts with deliveries due at `now` to active webhooks (what the minute cron wakes), at most `limit`. */
export async function accountsWithDue(db: D1Database, now: number, limit = 100): Promise<string[]> {
  const rows = await db.prepare("SELECT DISTINCT d.account_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active = 1 WHERE d.status = 'pending' AND d.next_at <= ? LIMIT ?").bind(now, limit).all<{ account_id: string }>();
  return rows.results.map((r) => r.account_id);
}

export type AttemptResult = { ok: boolean; status: number | null; error: string | null };

/**
 * Writes one attempt's outcome: delivered (and the webhook's failing mark cleared), due again at
 * `retryAt`, or failed when `retryAt` is null (and the webhook marked failing since now).
 */
export async function recordAttempt(db: D1Database, d: Pick<DueDelivery, "id" | "webhook_id">, r: AttemptResult, retryAt: number | null, now: number): Promise<void> {
  const status = r.ok ? "delivered" : retryAt === null ? "failed" : "pending";
  await db.batch([
    db
      .prepare("UPDATE webhook_deliveries SET status = ?2, attempts = attempts + 1, last_status = ?3, last_error = ?4, next_at = ?5, done_at = ?6 WHERE id = ?1")
      .bind(d.id, status, r.status, r.error, status === "pending" ? retryAt : null, status === "pending" ? null : now),
    db
      .prepare(
        `UPDATE webhooks SET last_status = ?2, failing_since = CASE WHEN ?3 = 'delivered' THEN NULL WHEN ?3 = 'failed' THEN coalesce(failing_since, ?4) ELSE failing_since END WHERE id = ?1`,
      )
      .bind(d.webhook_id, r.status, status, now),
  ]);
}
