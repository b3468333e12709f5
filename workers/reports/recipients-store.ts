/**
 * D1 reads of a campaign's per-recipient detail: a keyset page of recipients (by contact id,
 * ascending: the order the runner enqueued them), one recipient's timeline, and pages of raw
 * events for the CSV. Built to stay fast at 100,000 recipients: a page walks `deliveries` by its
 * primary key (campaign_id, contact_id) from the cursor and stops at the limit, and the page's
 * events are counted in the same statement, grouped, for that page's contact ids only, through the
 * `events_contact` index (campaign_id, contact_id, kind). Callers check the campaign's account first.
 */
import { SOFT_BOUNCE_PREFIX, type EventRow, type RecipientFilter, type RecipientRow } from "../../shared/reports/recipients";

export type RecipientQuery = { filter?: RecipientFilter; q?: string; cursor?: string | number | null; limit?: number };

const hasEvent = (kind: string) => `EXISTS (SELECT 1 FROM events e WHERE e.campaign_id = d.campaign_id AND e.contact_id = d.contact_id AND e.kind = '${kind}')`;
const SOFT = `d.detail LIKE '${SOFT_BOUNCE_PREFIX}%'`;

/** Each filter as a condition on `deliveries d` (see RECIPIENT_FILTERS for what each means). */
const FILTER_SQL: Record<RecipientFilter, string | null> = {
  all: null,
  opened: "d.opened_at IS NOT NULL",
  not_opened: `d.opened_at IS NULL AND d.status = 'sent' AND NOT coalesce(${SOFT}, 0)`,
  clicked: "d.clicked_at IS NOT NULL",
  bounced: `(d.status = 'bounced' OR ${SOFT})`,
  unsubscribed: hasEvent("unsubscribe"),
  complained: hasEvent("complaint"),
};

/**
 * One page of recipients and the cursor of the next (null at the end). `q` is a prefix of the
 * address the message went to (case-insensitive: addresses are stored lower-case).
 * @example const { rows, nextCursor } = await recipientsPage(env.DB, accountId, campaignId, { filter: "opened", limit: 50 })
 */
export async function recipientsPage(db: D1Database, accountId: string, campaignId: string, query: RecipientQuery): Promise<{ rows: RecipientRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const where = ["d.campaign_id = ?1", "d.contact_id > ?2"];
  const params: (string | number)[] = [campaignId, Number(query.cursor ?? 0), limit + 1, accountId];
  const filter = FILTER_SQL[query.filter ?? "all"];
  if (filter) where.push(filter);
  const q = query.q?.trim().toLowerCase();
  if (q) {
    where.push("d.email >= ?5 AND d.email < ?6");
    params.push(q, q + "\uffff");
  }
  const { results } = await db
    .prepare(
      // The page first (MATERIALIZED: SQLite must not fold it into the join and lose the LIMIT's
      // early stop), then its events counted in one grouped pass over that page's ids only.
      `WITH page AS MATERIALIZED (
         SELECT d.contact_id, d.email, d.status, d.sent_at, d.code, d.detail, d.opened_at, d.clicked_at FROM deliveries d
         WHERE ${where.join(" AND ")} ORDER BY d.contact_id LIMIT ?3),
       counted AS (
         SELECT contact_id, sum(kind = 'open' AND machine IS NULL) AS opens, sum(kind = 'open' AND machine IS NOT NULL) AS machine_opens,
           sum(kind = 'click' AND machine IS NULL) AS clicks, sum(kind = 'click' AND machine IS NOT NULL) AS machine_clicks,
           min(CASE WHEN kind = 'unsubscribe' THEN at END) AS unsubscribed_at, min(CASE WHEN kind = 'complaint' THEN at END) AS complained_at
         FROM events WHERE campaign_id = ?1 AND contact_id IN (SELECT contact_id FROM page) AND kind IN ('open', 'click', 'unsubscribe', 'complaint')
         GROUP BY contact_id)
       SELECT p.contact_id, p.email, c.first_name, c.last_name, p.status, p.sent_at, p.code, p.detail, p.opened_at, p.clicked_at,
         coalesce(n.opens, 0) AS opens, coalesce(n.machine_opens, 0) AS machine_opens, coalesce(n.clicks, 0) AS clicks, coalesce(n.machine_clicks, 0) AS machine_clicks,
         n.unsubscribed_at, n.complained_at
       FROM page p LEFT JOIN contacts c ON c.id = p.contact_id AND c.account_id = ?4 LEFT JOIN counted n ON n.contact_id = p.contact_id
       ORDER BY p.contact_id`,
    )
    .bind(...params)
    .all<RecipientRow>();
  const rows = results.slice(0, limit);
  return { rows, nextCursor: results.length > limit ? String(rows[rows.length - 1]!.contact_id) : null };
}

/**
 * One recipient and every event of theirs in the campaign, oldest first; null when the contact
 * was not a recipient of it.
 * @example const t = await recipientTimeline(env.DB, accountId, campaignId, 42)
 */
export async function recipientTimeline(db: D1Database, accountId: string, campaignId: string, contactId: number): Promise<{ row: RecipientRow; events: EventRow[] } | null> {
  const [rows, events] = await db.batch([
    db
      .prepare(
        `SELECT d.contact_id, d.email, c.first_name, c.last_name, d.status, d.sent_at, d.code, d.detail, d.opened_at, d.clicked_at,
           coalesce(sum(e.kind = 'open' AND e.machine IS NULL), 0) AS opens, coalesce(sum(e.kind = 'open' AND e.machine IS NOT NULL), 0) AS machine_opens,
           coalesce(sum(e.kind = 'click' AND e.machine IS NULL), 0) AS clicks, coalesce(sum(e.kind = 'click' AND e.machine IS NOT NULL), 0) AS machine_clicks,
           min(CASE WHEN e.kind = 'unsubscribe' THEN e.at END) AS unsubscribed_at, min(CASE WHEN e.kind = 'complaint' THEN e.at END) AS complained_at
         FROM deliveries d LEFT JOIN contacts c ON c.id = d.contact_id AND c.account_id = ?3
           LEFT JOIN events e ON e.campaign_id = d.campaign_id AND e.contact_id = d.contact_id
         WHERE d.campaign_id = ?1 AND d.contact_id = ?2 GROUP BY d.contact_id`,
      )
      .bind(campaignId, contactId, accountId),
    db
      .prepare("SELECT id, at, kind, url, machine, provider, device, client, status, detail, source FROM events WHERE campaign_id = ? AND contact_id = ? ORDER BY at, id")
      .bind(campaignId, contactId),
  ]);
  const row = (rows!.results as RecipientRow[])[0];
  return row ? { row, events: events!.results as EventRow[] } : null;
}

/**
 * The raw events of the next `contacts` recipients after `afterContact` (every recipient is
 * walked, with or without events, so the cursor always advances), ordered by recipient then
 * time; `kind` keeps one event kind. Paging by recipient keeps each statement on the primary
 * key and the events index: the campaign's events are never sorted as a whole.
 * @example const { events, lastContact } = await eventsPage(env.DB, campaignId, 0, 500)
 */
export async function eventsPage(
  db: D1Database,
  campaignId: string,
  afterContact: number,
  contacts: number,
  kind: string | null = null,
): Promise<{ events: (EventRow & { email: string })[]; lastContact: number | null; done: boolean }> {
  const { results } = await db
    .prepare(
      `WITH page AS MATERIALIZED (SELECT contact_id, email FROM deliveries WHERE campaign_id = ?1 AND contact_id > ?2 ORDER BY contact_id LIMIT ?3)
       SELECT p.contact_id, p.email, e.id, e.at, e.kind, e.url, e.machine, e.provider, e.device, e.client, e.status, e.detail, e.source
       FROM page p LEFT JOIN events e ON e.campaign_id = ?1 AND e.contact_id = p.contact_id AND (?4 IS NULL OR e.kind = ?4)
       ORDER BY p.contact_id, e.at, e.id`,
    )
    .bind(campaignId, afterContact, contacts, kind)
    .all<EventRow & { contact_id: number; email: string }>();
  const seen = new Set(results.map((r) => r.contact_id));
  const last = results.length ? results[results.length - 1]!.contact_id : null;
  return { events: results.filter((r) => r.id !== null), lastContact: last, done: seen.size < contacts };
}
