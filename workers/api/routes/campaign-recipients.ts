/**
 * Per-recipient detail of a campaign, mounted under /campaigns beside
 * the campaign routes: the filtered, keyset-paged recipients list, one recipient's timeline, and
 * the recipients and raw-events CSV downloads, streamed page by page from D1
 * (workers/reports/campaign-csv.ts; an SMS campaign's are its `sms_messages` rows and SMS
 * events, with the filters all and clicked). Another account's campaign is a 404.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { EventsCsvQuery, RecipientQuery, RecipientsCsvQuery } from "../../../shared/api/schemas-recipients";
import { presentEvent, presentRecipient } from "../../../shared/reports/recipients";
import { SMS_RECIPIENT_FILTERS, smsFilterOf } from "../../../shared/reports/sms-recipient-filters";
import { CONTENT_TYPES, contentDisposition, exportFileName } from "../../../shared/exports/files";
import { recipientTimeline, recipientsPage } from "../../reports/recipients-store";
import { campaignEventsCsv, campaignRecipientsCsv } from "../../reports/campaign-csv";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { query } from "../validate";

/** The caller's campaign (its name names the downloads, its channel picks the CSV's rows), or a 404. */
async function ownCampaign(c: Context<AppEnv>): Promise<{ id: string; name: string; channel: string }> {
  const row = await c.env.DB.prepare("SELECT id, name, channel FROM campaigns WHERE id = ? AND account_id = ?").bind(c.req.param("id"), c.var.actor.accountId).first<{ id: string; name: string; channel: string }>();
  if (!row) throw notFound("Campaign");
  return row;
}

const csvResponse = (body: ReadableStream<Uint8Array>, name: string) =>
  new Response(body, { headers: { "Content-Type": CONTENT_TYPES.csv, "Content-Disposition": contentDisposition(name), "Cache-Control": "no-store" } });

export const campaignRecipientsRoutes = new Hono<AppEnv>()
  .get("/:id/recipients", guard("campaignRecipients", operations.campaignRecipients), query(RecipientQuery), async (c) => {
    const campaign = await ownCampaign(c);
    const { rows, nextCursor } = await recipientsPage(c.env.DB, c.var.actor.accountId, campaign.id, c.req.valid("query"));
    return c.json({ recipients: rows.map(presentRecipient), nextCursor });
  })
  .get("/:id/recipients.csv", guard("campaignRecipientsCsv", operations.campaignRecipientsCsv), query(RecipientsCsvQuery), async (c) => {
    const campaign = await ownCampaign(c);
    const { filter, q, lang } = c.req.valid("query");
    if (campaign.channel === "sms" && smsFilterOf(filter) === null) {
      throw new ApiError(400, "invalid_field", `filter: an SMS campaign's recipients take ${SMS_RECIPIENT_FILTERS.join(", ")}`, "filter");
    }
    const name = exportFileName("campaign-recipients", "csv", { campaignId: campaign.id, ...(filter === "all" ? {} : { filter }) }, campaign.name);
    return csvResponse(campaignRecipientsCsv(c.env.DB, c.var.actor.accountId, campaign.id, { filter, q, lang }), name);
  })
  .get("/:id/events.csv", guard("campaignEventsCsv", operations.campaignEventsCsv), query(EventsCsvQuery), async (c) => {
    const campaign = await ownCampaign(c);
    const name = exportFileName("campaign-events", "csv", { campaignId: campaign.id }, campaign.name);
    return csvResponse(campaignEventsCsv(c.env.DB, c.var.actor.accountId, campaign.id, { lang: c.req.valid("query").lang }), name);
  })
  .get("/:id/recipients/:contactId", guard("campaignRecipient", operations.campaignRecipient), async (c) => {
    const raw = c.req.param("contactId");
    if (!/^[1-9]\d{0,15}$/.test(raw)) throw new ApiError(400, "invalid_field", "contactId: must be a contact id (a positive whole number)", "contactId");
    const campaign = await ownCampaign(c);
    const found = await recipientTimeline(c.env.DB, c.var.actor.accountId, campaign.id, Number(raw));
    if (!found) throw notFound("Recipient");
    return c.json({ recipient: presentRecipient(found.row), events: found.events.map(presentEvent) });
  });
