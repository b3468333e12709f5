/**
 * D1 reads of an SMS campaign's recipients: one keyset page of its `sms_messages` rows
 * by contact id (the unique index campaign_id, contact_id), each with the contact's name, its
 * short-link clicks (people and machines apart) and its replies counted from `events` through
 * `events_contact`, and pages of the campaign's raw SMS events for the events CSV. Shared by
 * GET /campaigns/:id/sms-recipients and the campaign CSV exports (workers/reports/campaign-csv.ts),
 * so the page on screen and the file agree row by row. Callers check the campaign's account first.
 */
import type { SmsRecipientRow } from "../../shared/sms/sms-recipients";
import type { SmsEventLine } from "../../shared/reports/sms-csv-rows";
import { numberPrefix, type SmsRecipientFilter } from "../../shared/reports/sms-recipient-filters";

export type SmsRecipientQuery = { cursor?: string | number | null; limit?: number; filter?: SmsRecipientFilter; q?: string };

/**
 * One page of an SMS campaign's recipients and the cursor of the next (null at the end).
 * @example const { rows, nextCursor } = await smsRecipientsPage(env.DB, accountId, campaignId, { limit: 50 })
 */
export async function smsRecipientsPage(db: D1Database, accountId: string, campaignId: string, query: SmsRecipientQuery): Promise<{ rows: SmsRecipientRow[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const where = ["m.campaign_id = ?1", "m.account_id = ?2", "m.contact_id > ?3"];
  const params: (string | number)[] = [campaignId, accountId, Number(query.cursor ?? 0), limit + 1];
  if (query.filter === "clicked") where.push("EXISTS (SELECT 1 FROM events x WHERE x.campaign_id = m.campaign_id AND x.contact_id = m.contact_id AND x.kind = 'click' AND x.machine IS NULL)");
  const prefix = query.q ? numberPrefix(query.q) : "";
  if (prefix) {
    where.push("m.to_number >= ?5 AND m.to_number < ?6");
    params.push(prefix, prefix + "\uffff");
  }
  const { results } = await db
    .prepare(
      // The page first (MATERIALIZED: the LIMIT stops the walk early), then its events counted in
      // one grouped pass over that page's contacts only.
      `WITH page AS MATERIALIZED (
         SELECT m.id, m.campaign_id, m.contact_id, m.to_number, m.status, m.operator, m.segments, m.sent_at, m.done_at, m.error FROM sms_messages m
         WHERE ${where.join(" AND ")} ORDER BY m.contact_id LIMIT ?4)
       SELECT p.id, p.contact_id, p.to_number, p.status, p.operator, p.segments, p.sent_at, p.done_at, p.error,
         (SELECT trim(coalesce(k.first_name, '') || ' ' || coalesce(k.last_name, '')) FROM contacts k WHERE k.id = p.contact_id) AS name,
         min(CASE WHEN e.kind = 'click' AND e.machine IS NULL THEN e.at END) AS first_click_at,
         -- e.kind is NULL when the message has no click or reply at all (the LEFT JOIN's empty row).
         sum(e.kind = 'click' AND e.machine IS NULL) AS clicks, sum(e.kind = 'click' AND e.machine IS NOT NULL) AS machine_clicks,
         sum(e.kind = 'sms_reply') AS replies
       FROM page p LEFT JOIN events e ON e.campaign_id = p.campaign_id AND e.contact_id = p.contact_id AND e.kind IN ('click', 'sms_reply')
       GROUP BY p.contact_id ORDER BY p.contact_id`,
    )
    .bind(...params)
    .all<SmsRecipientRow>();
  const more = results.length > limit;
  const rows = more ? results.slice(0, limit) : results;
  return { rows, nextCursor: more ? String(rows[rows.length - 1]!.contact_id) : null };
}


/**
 * The raw events of the next `contacts` messages after `afterContact` (every message is walked,
 * with or without events, so the cursor always advances), by recipient then time; `kind` keeps
 * one event kind; a reply carries its text. Same paging as the email events CSV (recipients-store.ts eventsPage).
 * @example const { events, lastContact, done } = await smsEventsPage(env.DB, campaignId, 0, 500)
 */
export async function smsEventsPage(db: D1Database, campaignId: string, afterContact: number, contacts: number, kind: string | null = null): Promise<{ events: SmsEventLine[]; lastContact: number | null; done: boolean }> {
  const { results } = await db
    .prepare(
      `WITH page AS MATERIALIZED (SELECT contact_id, to_number, operator FROM sms_messages WHERE campaign_id = ?1 AND contact_id > ?2 ORDER BY contact_id LIMIT ?3)
       SELECT p.contact_id, p.to_number, p.operator, e.id, e.at, e.kind, e.url, e.machine, e.provider, e.device, e.client, e.status, e.detail, e.source, i.text AS reply
       FROM page p LEFT JOIN events e ON e.campaign_id = ?1 AND e.contact_id = p.contact_id AND (?4 IS NULL OR e.kind = ?4)
         -- A reply's event id is "sms_reply:<sms_inbound id>" (workers/sms/inbound.ts): its text by primary key.
         LEFT JOIN sms_inbound i ON e.kind = 'sms_reply' AND i.id = substr(e.id, 11)
       ORDER BY p.contact_id, e.at, e.id`,
    )
    .bind(campaignId, afterContact, contacts, kind)
    .all<SmsEventLine>();
  const seen = new Set(results.map((r) => r.contact_id));
  const last = results.length ? results[results.length - 1]!.contact_id : null;
  return { events: results.filter((r) => r.id !== null), lastContact: last, done: seen.size < contacts };
}
