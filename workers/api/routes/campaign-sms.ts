/**
 * An SMS campaign's per-operator table and recipients, mounted under /campaigns. The
 * table sums the `event_buckets` rows of dimension "operator" (shared/sms/operator-stats.ts); the
 * recipients are a keyset page of its `sms_messages` rows by contact id (workers/sms/sms-recipients-store.ts,
 * shared with the CSV exports), each with its short-link clicks and replies counted from `events`,
 * and the contact's name (so a click is seen to be that person's). Another account's campaign is a 404; an email campaign simply has no rows.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { SmsRecipientQuery } from "../../../shared/api/schemas-sms-stats";
import { operatorTable, type OperatorBucket } from "../../../shared/sms/operator-stats";
import { presentSmsRecipient } from "../../../shared/sms/sms-recipients";
import { smsRecipientsPage } from "../../sms/sms-recipients-store";
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
    const { rows, nextCursor } = await smsRecipientsPage(c.env.DB, c.var.actor.accountId, id, { cursor, limit });
    return c.json({ recipients: rows.map(presentSmsRecipient), nextCursor });
  });
