/**
 * Schemas of a campaign's per-recipient detail: the keyset-paged
 * recipients list with its filters, one recipient's timeline, and the query of the two CSV
 * downloads. `satisfies` keeps them in step with shared/reports/recipients.ts, which presents
 * the rows.
 */
import { z } from "zod";
import { DELIVERY_STATUSES, EVENT_KINDS, RECIPIENT_FILTERS, type Recipient, type TimelineEvent } from "../reports/recipients";
import { CSV_LANGS } from "../reports/csv-labels";

const isoDate = z.iso.datetime();
const n = z.number().int().nonnegative();

const filter = z
  .enum(RECIPIENT_FILTERS)
  .default("all")
  .describe(
    "all; opened / clicked (by a person: machine opens and clicks never count); not_opened (delivered, not bounced, no human open); bounced (hard or soft); unsubscribed; complained (marked as spam)",
  );
const q = z.string().trim().max(200).optional().describe("Prefix of the recipient's email address");
const lang = z.enum(CSV_LANGS).default("es").describe("Language of the headings and labels (Spanish unless en)");

export const RecipientQuery = z.strictObject({
  filter,
  q,
  cursor: z.string().regex(/^\d+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Rows a page (default 50)"),
});

export const RecipientsCsvQuery = z.strictObject({ filter, q, lang });
export const EventsCsvQuery = z.strictObject({ lang });

export const RecipientOut = z.object({
  contactId: n,
  email: z.string(),
  name: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES).describe("The delivery's state: queued → sending → sent / deferred / bounced / failed / unknown / cancelled"),
  sentAt: isoDate.nullable().describe("When the relay accepted the message"),
  bounce: z.enum(["hard", "soft"]).nullable(),
  code: z.number().int().nullable().describe("SMTP code of the last answer or bounce report"),
  detail: z.string().nullable().describe("SMTP text or the bounce report's diagnostic"),
  firstOpenAt: isoDate.nullable().describe("First open by a person"),
  opens: n.describe("Opens by a person"),
  machineOpens: n.describe("Opens by machines (B5: Apple Mail Privacy Protection, image proxies, scanners), counted apart"),
  firstClickAt: isoDate.nullable().describe("First click by a person"),
  clicks: n.describe("Clicks by a person"),
  machineClicks: n.describe("Clicks by machines (security scanners), counted apart"),
  unsubscribedAt: isoDate.nullable(),
  complainedAt: isoDate.nullable(),
}) satisfies z.ZodType<Recipient>;

export const RecipientPage = z.object({ recipients: z.array(RecipientOut), nextCursor: z.string().nullable() });

export const TimelineEventOut = z.object({
  id: z.string(),
  at: isoDate,
  kind: z.enum(EVENT_KINDS),
  url: z.string().nullable().describe("Clicks: the link's original URL"),
  machine: z.string().nullable().describe("The machine rule that decided it (B5), null for a person"),
  provider: z.string().nullable(),
  device: z.string().nullable(),
  client: z.string().nullable(),
  status: z.string().nullable().describe("Bounces and complaints: SMTP or DSN status"),
  detail: z.string().nullable(),
  source: z.string().nullable().describe("Bounces and complaints: smtp, dsn, arf, ses, sendgrid, mailgun, postmark"),
}) satisfies z.ZodType<TimelineEvent>;

export const RecipientTimeline = z.object({ recipient: RecipientOut, events: z.array(TimelineEventOut).describe("Every event of this recipient in the campaign, oldest first") });
