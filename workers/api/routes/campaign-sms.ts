/**
 * An SMS campaign's per-operator table and recipients (issue 6), mounted under /campaigns. The
 * table sums the `event_buckets` rows of dimension "operator" (shared/sms/operator-stats.ts); the
 * recipients are a keyset page of its `sms_messages` rows by contact id (the unique index
 * campaign_id, contact_id), each with its short-link clicks counted from `events` through
 * `events_contact`. Another account's campaign is a 404; an email campaign simply has no rows.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { SmsRecipientQuery } from "../../../shared/api/schemas-sms-stats";
import { operatorTable, type OperatorBucket } from "../../../shared/sms/operator-stats";
import { presentSmsRecipient, type SmsRecipientRow } from "../../../shared/sms/sms-recipients";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { query } from "../validate";

async function ownCampaign(c: Context<AppEnv>): Promise<string> {
  const id = c.req.param("id")!;
  const row = await c.env.DB.prepare("SELECT id FROM campaigns WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first();
  if (!row) throw notFound("Campaign");
  return id;
}

export const campaignSmsRoutes = new Hono<AppEnv>()
  .get("/:id/sms-operators", guard("campaignSmsOperators", operations.campaignSmsOperators), async (c) => {
    const id = await ownCampaign(c);
    const { results } = await c.env.DB.prepare(
      `SELECT kind, value, sum(n) AS n FROM event_buckets WHERE campaign_id = ? AND account_id = ? AND dim = 'operator' GROUP BY kind, value`,
    )
      .bind(id, c.var.actor.accountId)
      .all<OperatorBucket>();
    return c.json({ operators: operatorTable(results) });
  })
  .get("/:id/sms-recipients", guard("campaignSmsRecipients", operations.campaignSmsRecipients), query(SmsRecipientQuery), async (c) => {
    const id = await ownCampaign(c);
    const { cursor, limit = 50 } = c.req.valid("query");
    const { results } = await c.env.DB.prepare(
      `WITH page AS MATERIALIZED (
         SELECT id, campaign_id, contact_id, to_number, status, operator, segments, sent_at, done_at, error FROM sms_messages
         WHERE campaign_id = ?1 AND account_id = ?2 AND contact_id > ?3 ORDER BY contact_id LIMIT ?4)
       SELECT p.id, p.contact_id, p.to_number, p.status, p.operator, p.segments, p.sent_at, p.done_at, p.error,
         min(CASE WHEN e.machine IS NULL THEN e.at END) AS first_click_at,
         -- e.id is NULL when the message has no click at all (the LEFT JOIN's empty row).
         sum(e.id IS NOT NULL AND e.machine IS NULL) AS clicks, sum(e.machine IS NOT NULL) AS machine_clicks
       FROM page p LEFT JOIN events e ON e.campaign_id = p.campaign_id AND e.contact_id = p.contact_id AND e.kind = 'click'
       GROUP BY p.contact_id ORDER BY p.contact_id`,
    )
      .bind(id, c.var.actor.accountId, Number(cursor ?? 0), limit + 1)
      .all<SmsRecipientRow>();
    const more = results.length > limit;
    const rows = more ? results.slice(0, limit) : results;
    return c.json({ recipients: rows.map(presentSmsRecipient), nextCursor: more ? String(rows[rows.length - 1]!.contact_id) : null });
  });
