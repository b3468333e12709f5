/**
 * D1 for the events consumer: the facts of the deliveries a batch touches (one read), then the
 * writes of one consumer run as one D1 batch (one transaction). Raw events are inserted with
 * INSERT OR IGNORE, tagged with the run's `attempt`, and every later statement works only on the
 * rows this run inserted: a redelivered or retried event changes nothing. The last statement
 * counts what CampaignLive has not been told yet for these Queue messages (`live = 0`).
 *
 * SMS campaigns have no `deliveries` row: their facts come from `sms_messages`, a
 * first click is the pair's first recorded human click, and `sms_sent` / `sms_delivered` /
 * `sms_failed` are also bucketed per operator (dim "operator").
 *
 * The next-to-last statement queues outgoing webhook deliveries of this run's events
 * (workers/webhooks/store.ts fanOutStatement); nothing is posted from here.
 */
import type { DeliveryFacts, EventRow } from "../../shared/events/enrich";
import { pairKey } from "../../shared/events/enrich";
import type { CountRow } from "../../shared/events/live-delta";
import { fanOutStatement } from "../webhooks/store";

export async function deliveryFacts(db: D1Database, pairs: readonly (readonly [string, number])[]): Promise<Map<string, DeliveryFacts>> {
  const facts = new Map<string, DeliveryFacts>();
  if (pairs.length === 0) return facts;
  const rows = await db
    .prepare(
      `SELECT d.campaign_id, d.contact_id, d.email, d.sent_at, d.opened_at, k.account_id FROM json_each(?1) j
       JOIN deliveries d ON d.campaign_id = j.value ->> '$[0]' AND d.contact_id = j.value ->> '$[1]' JOIN campaigns k ON k.id = d.campaign_id`,
    )
    .bind(JSON.stringify(pairs))
    .all<{ campaign_id: string; contact_id: number; email: string; sent_at: number | null; opened_at: number | null; account_id: string }>();
  for (const r of rows.results) facts.set(pairKey(r.campaign_id, r.contact_id), { accountId: r.account_id, email: r.email, sentAt: r.sent_at, openedAt: r.opened_at });
  const missing = pairs.filter(([c, k]) => !facts.has(pairKey(c, k)));
  if (missing.length > 0) for (const [key, f] of await smsFacts(db, missing)) facts.set(key, f);
  return facts;
}

/** Facts of SMS campaign messages (no mailbox: `email` null), for pairs with no email delivery. */
async function smsFacts(db: D1Database, pairs: readonly (readonly [string, number])[]): Promise<Map<string, DeliveryFacts>> {
  const rows = await db
    .prepare(
      `SELECT m.campaign_id, m.contact_id, m.sent_at, m.account_id FROM json_each(?1) j
       JOIN sms_messages m ON m.campaign_id = j.value ->> '$[0]' AND m.contact_id = j.value ->> '$[1]'`,
    )
    .bind(JSON.stringify(pairs))
    .all<{ campaign_id: string; contact_id: number; sent_at: number | null; account_id: string }>();
  return new Map(rows.results.map((r) => [pairKey(r.campaign_id, r.contact_id), { accountId: r.account_id, email: null, sentAt: r.sent_at, openedAt: null }]));
}

/** Rows of this run: ?1 the attempt, ?2 the JSON array of Queue message ids. */
const NEW = "msg IN (SELECT value FROM json_each(?2)) AND attempt = ?1";
const SAME_PAIR = "campaign_id = events.campaign_id AND contact_id = events.contact_id";
/** No earlier first of this kind for the pair (unsubscribes, SMS replies, SMS clicks: no deliveries row to ask). */
const NO_FIRST_YET = "NOT EXISTS (SELECT 1 FROM events p WHERE p.campaign_id = events.campaign_id AND p.contact_id = events.contact_id AND p.kind = events.kind AND p.first = 1)"
/** An unsubscribe leaves every communication when asked to, or when the campaign went to no list. */
const ALL_SCOPE = "(e.detail = 'all' OR json_array_length(k.audience, '$.listIds') = 0)";

export function writeStatements(db: D1Database, attempt: string, msgIds: readonly string[], rows: readonly (EventRow & { msg: string })[], now: number): D1PreparedStatement[] {
  const msgs = JSON.stringify(msgIds);
  const run = (sql: string, ...extra: unknown[]) => db.prepare(sql).bind(attempt, msgs, ...extra);
  return [
    db.prepare(
      `INSERT OR IGNORE INTO events (id, account_id, campaign_id, contact_id, kind, at, url, user_agent, ip_hash, machine, provider, device, client, status, detail, source, msg, attempt)
       SELECT value ->> 'id', value ->> 'accountId', value ->> 'campaignId', value ->> 'contactId', value ->> 'kind', value ->> 'at', value ->> 'url', value ->> 'userAgent',
         value ->> 'ipHash', value ->> 'machine', value ->> 'provider', value ->> 'device', value ->> 'client', value ->> 'status', value ->> 'detail', value ->> 'source', value ->> 'msg', ?1
       FROM json_each(?2)`,
    ).bind(attempt, JSON.stringify(rows)),
    // First human open / click (the delivery had none, and it is the earliest new one) and first
    // unsubscribe of a recipient; every sent event is its recipient's only one.
    run(
      `UPDATE events SET first = CASE
         WHEN kind IN ('sent', 'sms_sent', 'sms_delivered', 'sms_failed') THEN 1
         WHEN machine IS NOT NULL OR kind NOT IN ('open', 'click', 'unsubscribe', 'sms_reply') THEN 0
         WHEN EXISTS (SELECT 1 FROM events o WHERE o.campaign_id = events.campaign_id AND o.contact_id = events.contact_id AND o.kind = events.kind AND o.attempt = ?1
           AND o.machine IS NULL AND (o.at < events.at OR (o.at = events.at AND o.id < events.id))) THEN 0
         WHEN kind = 'open' THEN coalesce((SELECT opened_at IS NULL FROM deliveries WHERE ${SAME_PAIR}), 0)
         WHEN kind = 'click' THEN coalesce((SELECT clicked_at IS NULL FROM deliveries WHERE ${SAME_PAIR}), ${NO_FIRST_YET})
         ELSE ${NO_FIRST_YET}
       END WHERE ${NEW}`,
    ),
    // Consent revoked, with its proof, only when the unsubscribe changes something (a replay does not).
    run(
      `INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof)
       SELECT e.account_id, e.contact_id, 'email', 'revoked', 'unsubscribe', e.at,
         json_object('campaignId', e.campaign_id, 'scope', CASE WHEN ${ALL_SCOPE} THEN 'all' ELSE 'list' END, 'ipHash', e.ip_hash, 'userAgent', e.user_agent, 'eventId', e.id)
       FROM events e JOIN campaigns k ON k.id = e.campaign_id JOIN contacts c ON c.id = e.contact_id AND c.account_id = e.account_id
       WHERE e.msg IN (SELECT value FROM json_each(?2)) AND e.attempt = ?1 AND e.kind = 'unsubscribe'
         AND NOT EXISTS (SELECT 1 FROM events o WHERE o.attempt = ?1 AND o.campaign_id = e.campaign_id AND o.contact_id = e.contact_id AND o.kind = 'unsubscribe' AND o.id < e.id)
         AND CASE WHEN ${ALL_SCOPE} THEN c.email_status != 'unsubscribed'
           ELSE EXISTS (SELECT 1 FROM list_members m WHERE m.contact_id = e.contact_id AND m.status = 'subscribed' AND m.list_id IN (SELECT value FROM json_each(k.audience, '$.listIds'))) END`,
    ),
    // From this run's unsubscribes to their contacts (a subquery naming contacts' columns would be
    // run once per contact of the database).
    run(
      `UPDATE contacts SET email_status = 'unsubscribed', updated_at = ?3
       FROM (SELECT DISTINCT e.contact_id, e.account_id FROM events e JOIN campaigns k ON k.id = e.campaign_id
             WHERE e.msg IN (SELECT value FROM json_each(?2)) AND e.attempt = ?1 AND e.kind = 'unsubscribe' AND ${ALL_SCOPE}) AS x
       WHERE contacts.id = x.contact_id AND contacts.account_id = x.account_id AND contacts.email_status != 'unsubscribed'`,
      now,
    ),
    run(
      `UPDATE list_members SET status = 'unsubscribed' WHERE status = 'subscribed' AND (list_id, contact_id) IN (
         SELECT j.value, e.contact_id FROM events e JOIN campaigns k ON k.id = e.campaign_id, json_each(k.audience, '$.listIds') j
         WHERE e.msg IN (SELECT value FROM json_each(?2)) AND e.attempt = ?1 AND e.kind = 'unsubscribe' AND NOT ${ALL_SCOPE})`,
    ),
    // First human open and click of each delivery (the earliest, whatever order events arrive in).
    run(
      `WITH x AS MATERIALIZED (
         SELECT campaign_id, contact_id, min(CASE WHEN kind = 'open' THEN at END) AS o, min(CASE WHEN kind = 'click' THEN at END) AS c
         FROM events WHERE ${NEW} AND kind IN ('open', 'click') AND machine IS NULL GROUP BY campaign_id, contact_id)
       UPDATE deliveries SET opened_at = CASE WHEN x.o IS NULL THEN opened_at ELSE min(coalesce(opened_at, x.o), x.o) END,
         clicked_at = CASE WHEN x.c IS NULL THEN clicked_at ELSE min(coalesce(clicked_at, x.c), x.c) END
       FROM x WHERE deliveries.campaign_id = x.campaign_id AND deliveries.contact_id = x.contact_id`,
    ),
    run(
      `WITH x AS MATERIALIZED (
         SELECT contact_id, account_id, max(CASE WHEN kind = 'open' THEN at END) AS o, max(CASE WHEN kind = 'click' THEN at END) AS c
         FROM events WHERE ${NEW} AND kind IN ('open', 'click') AND machine IS NULL GROUP BY contact_id, account_id)
       UPDATE contacts SET last_open_at = CASE WHEN x.o IS NULL THEN last_open_at ELSE max(coalesce(last_open_at, x.o), x.o) END,
         last_click_at = CASE WHEN x.c IS NULL THEN last_click_at ELSE max(coalesce(last_click_at, x.c), x.c) END
       FROM x WHERE contacts.id = x.contact_id AND contacts.account_id = x.account_id`,
    ),
    run(
      `WITH e AS MATERIALIZED (
         SELECT campaign_id, account_id, (at / 3600000) * 3600000 AS hour, kind, machine IS NOT NULL AS m, first, url, provider, device, client,
           CASE WHEN kind = 'sms_sent' THEN status WHEN kind IN ('sms_delivered', 'sms_failed') THEN detail END AS operator FROM events WHERE ${NEW}),
       d AS (
         SELECT campaign_id, account_id, hour, kind, m, 'all' AS dim, '' AS value, first FROM e
         UNION ALL SELECT campaign_id, account_id, hour, kind, m, 'link', url, first FROM e WHERE url IS NOT NULL
         -- D1 allows five terms in a compound SELECT: an email event has a provider, an SMS one an operator, never both.
         UNION ALL SELECT campaign_id, account_id, hour, kind, m, CASE WHEN provider IS NOT NULL THEN 'provider' ELSE 'operator' END, coalesce(provider, operator), first
           FROM e WHERE coalesce(provider, operator) IS NOT NULL
         UNION ALL SELECT campaign_id, account_id, hour, kind, m, 'device', device, first FROM e WHERE device IS NOT NULL
         UNION ALL SELECT campaign_id, account_id, hour, kind, m, 'client', client, first FROM e WHERE client IS NOT NULL)
       INSERT INTO event_buckets (campaign_id, hour, kind, machine, dim, value, account_id, n, u)
       SELECT campaign_id, hour, kind, m, dim, value, max(account_id), count(*), sum(first) FROM d WHERE true GROUP BY campaign_id, hour, kind, m, dim, value
       ON CONFLICT (campaign_id, hour, kind, machine, dim, value) DO UPDATE SET n = n + excluded.n, u = u + excluded.u`,
    ),
    // Outgoing webhooks (B1): a pending delivery per new event and subscribed webhook (sent later, see workers/webhooks/deliver.ts).
    fanOutStatement(db, attempt, msgs, now),
    pendingLive(db, msgs),
  ];
}

/** Index from the end of writeStatements' results of the webhook fan-out (its `meta.changes`: deliveries queued). */
export const FAN_OUT_FROM_END = 2;

/** What CampaignLive has not been told yet for these messages, per campaign (the batch's last statement). */
function pendingLive(db: D1Database, msgs: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT campaign_id, kind, machine IS NOT NULL AS machine, first, CASE WHEN kind = 'click' AND machine IS NULL THEN url END AS url, count(*) AS n
       FROM events WHERE msg IN (SELECT value FROM json_each(?1)) AND live = 0 GROUP BY 1, 2, 3, 4, 5`,
    )
    .bind(msgs);
}

export type PendingRow = CountRow & { campaign_id: string };

export function markLive(db: D1Database, msgIds: readonly string[], campaignIds: readonly string[]): Promise<D1Result> {
  return db
    .prepare("UPDATE events SET live = 1 WHERE msg IN (SELECT value FROM json_each(?1)) AND live = 0 AND campaign_id IN (SELECT value FROM json_each(?2))")
    .bind(JSON.stringify(msgIds), JSON.stringify(campaignIds))
    .run();
}
