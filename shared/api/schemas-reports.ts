/**
 * Schema of the monthly consumption report (R1): for one Lima calendar month, per account or per
 * sub-user, a) sends per campaign; b) sent, opened, not opened, bounced, unsubscribed, clicks;
 * c) sent, bounced, opened, unsubscribed per mailbox provider; d) % delivered per campaign;
 * e) % opens and re-opens; f) peak open hours per campaign — plus credit consumed, balances and
 * expiry dates. The JSON, CSV and PDF forms all render this one shape.
 *
 * Counting rules (so every figure can be checked by hand):
 * - Only events whose time falls inside the month count (a campaign sent on the 31st and opened on
 *   the 1st contributes its opens to the next month). Machine opens and clicks (B5) are left out
 *   of every figure except `machineOpens` / `machineClicks`.
 * - `sent` = messages handed to the relay: accepted, or refused at once with a 5xx (those are
 *   also hard bounces). `delivered` = sent − bounced (hard and soft). `notOpened` = max(0, delivered − uniqueOpens).
 * - `deliveredRate` = delivered / sent; `openRate` = uniqueOpens / delivered; `reopenRate` =
 *   (opens − uniqueOpens) / uniqueOpens, i.e. extra opens per opener; `clickRate` =
 *   uniqueClicks / delivered. Rates are fractions 0…1 (null when the denominator is 0).
 */
import { z } from "zod";
import { PROVIDERS } from "../campaigns/providers";
import { CHANNELS } from "./schemas";

const n = z.number().int().nonnegative();
const rate = z.number().min(0).nullable();
const isoDate = z.iso.datetime();

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The counters every level of the report shares (campaign, provider, total). */
export const MonthlyCounts = z.object({
  sent: n,
  delivered: n,
  bounced: n.describe("Hard and soft bounces together"),
  hardBounces: n,
  softBounces: n,
  opens: n.describe("Human opens, every one"),
  uniqueOpens: n.describe("Recipients whose first human open fell in the month"),
  notOpened: n,
  clicks: n,
  uniqueClicks: n,
  unsubscribed: n,
  complaints: n,
  machineOpens: n,
  machineClicks: n,
  deliveredRate: rate,
  openRate: rate,
  reopenRate: rate,
  clickRate: rate,
});
export type MonthlyCounts = z.infer<typeof MonthlyCounts>;

const PeakHour = z.object({ hour: z.number().int().min(0).max(23).describe("Lima hour of the day"), opens: n });

/** An SMS campaign's own figures, or the month's SMS campaigns summed. */
export const MonthlySms = z.object({
  sent: n.describe("Messages the provider accepted"),
  delivered: n.describe("Final receipt delivered"),
  failed: n.describe("Final receipt failed, expired or rejected"),
  clicks: n.describe("Human short-link clicks"),
  uniqueClicks: n,
  machineClicks: n,
  replies: n.describe("Incoming messages linked to the campaign"),
  pending: n.describe("Sent without a final receipt in the month: sent − delivered − failed, never below 0"),
  credits: n.describe("SMS credit (segments) debited to the campaign in the month, net of refunds (the ledger's entries)"),
});
export type MonthlySms = z.infer<typeof MonthlySms>;

/** The month's SMS messages of one operator (event_buckets of dimension `operator`). */
export const MonthlySmsOperator = z.object({
  operator: z.string().describe("claro | movistar | entel | bitel | other | unknown"),
  sent: n,
  delivered: n,
  failed: n,
  pending: n,
});

export const MonthlyCampaign = MonthlyCounts.extend({
  campaignId: z.string(),
  name: z.string(),
  channel: z.enum(CHANNELS),
  sentBy: z.string().nullable().describe("User whose credit paid (null: the main pool)"),
  startedAt: isoDate.nullable(),
  peakHours: z.array(PeakHour).max(3).describe("Up to three Lima hours with most human opens in the month"),
  sms: MonthlySms.optional().describe("SMS campaigns only: their own figures (sent, delivered and clicks are also in the columns above; email-only ones are 0 or null)"),
});
export type MonthlyCampaign = z.infer<typeof MonthlyCampaign>;

export const MonthlyProvider = MonthlyCounts.extend({ provider: z.enum(PROVIDERS) });
export type MonthlyProvider = z.infer<typeof MonthlyProvider>;

export const MonthlyCredit = z.object({
  channel: z.enum(CHANNELS),
  holder: z.string().describe("`main` or a user id"),
  holderName: z.string().nullable().describe("The user's name (null for the main pool)"),
  used: n.describe("Credit debited in the month, net of refunds"),
  refunded: n,
  granted: n.describe("Credit added in the month (bags granted, or allocated to the sub-user)"),
  expired: n.describe("Credit that lapsed unused in the month"),
  balance: n.describe("Usable at the end of the month (or now, for the current month)"),
});
export type MonthlyCredit = z.infer<typeof MonthlyCredit>;

export const MonthlyBag = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  granted: n,
  remaining: n,
  expiresAt: isoDate,
  expired: z.boolean(),
});

export const MonthlyReportOut = z.object({
  month: z.string().regex(MONTH_RE).describe("YYYY-MM, a Lima calendar month"),
  from: isoDate.describe("Start of the month in Lima (inclusive)"),
  to: isoDate.describe("Start of the next month in Lima (exclusive)"),
  generatedAt: isoDate,
  account: z.object({ id: z.string(), name: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable().describe("The sub-user the report is limited to, or null for the whole account"),
  totals: MonthlyCounts,
  campaigns: z.array(MonthlyCampaign).describe("a), b), d), e), f): every campaign with activity in the month, by start time"),
  providers: z.array(MonthlyProvider).describe("c): gmail, outlook (Outlook/Hotmail/Live), yahoo, other (corporate and the rest), always all four"),
  peakHours: z.array(PeakHour).max(3).describe("Peak Lima open hours over every campaign of the month"),
  smsTotals: MonthlySms.optional().describe("The month's SMS campaigns summed (totals and providers are email only)"),
  smsOperators: z.array(MonthlySmsOperator).optional().describe("The month's SMS campaigns by operator, known operators first"),
  credits: z.array(MonthlyCredit),
  bags: z.array(MonthlyBag).describe("Credit bags and their expiry (whole account only; empty for a sub-user)"),
});
export type MonthlyReport = z.infer<typeof MonthlyReportOut>;

export const REPORT_FORMATS = ["json", "csv", "pdf"] as const;
export const REPORT_LANGS = ["es", "en"] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** `GET /reports/monthly`: which month, in which form, for whom. */
export const MonthlyReportQuery = z.strictObject({
  month: z.string().regex(MONTH_RE, { error: "must be YYYY-MM, e.g. 2026-11" }).optional().describe("A Lima calendar month; the current one when left out"),
  format: z.enum(REPORT_FORMATS, { error: "must be json, csv or pdf" }).optional().describe("json (default), csv or pdf (both as attachments)"),
  user: z.string().min(1).max(100).optional().describe("Owner/admin: limit the report to this user's campaigns and credit; other roles always get their own"),
  lang: z.enum(REPORT_LANGS, { error: "must be es or en" }).optional().describe("Language of the CSV and PDF (default es)"),
});
