/**
 * The monthly consumption report (R1), pure: which instants a "YYYY-MM" Lima month covers, and
 * the builder that turns what the store read (the month's `event_buckets` rows, the campaigns
 * they belong to, the ledger's credit sums and bags) into a `MonthlyReport`. The counting rules
 * are the ones in the header of shared/api/schemas-reports.ts; this file is where they are
 * applied, so the JSON, the CSV and the PDF cannot disagree. Lima is UTC−5 all year (no DST), so
 * a Lima month is a fixed shift of the UTC month: November 2026 runs from 2026-11-01T05:00Z to
 * 2026-12-01T05:00Z, and an open at 2026-10-31 23:30 in Lima (04:30Z on 1 November) is October's.
 */
import type { Channel } from "../api/schemas";
import { MONTH_RE, type MonthlyCampaign, type MonthlyCounts, type MonthlyProvider, type MonthlyReport } from "../api/schemas-reports";
import { PROVIDERS, type Provider } from "../campaigns/providers";
import { heatmap, LIMA_OFFSET_MS, peakHours, type BucketRow } from "../analytics/engagement";
import { monthlyCredits, type CreditInput } from "./monthly-credits";
import { smsCounts, smsOperators, smsTally, type OperatorBucketRow, type SmsCredit } from "./monthly-sms";

/** A Lima calendar month as instants: `from` inclusive, `to` exclusive (ms since the epoch). */
export type MonthRange = { month: string; from: number; to: number };

/** The first month a report may ask for (Date.UTC reads years below 100 as 19xx; nothing is older anyway). */
const FIRST_YEAR = 2000;

/**
 * The instants of a "YYYY-MM" Lima month, or null when the text is not such a month.
 * @example monthRange("2026-11") // { month: "2026-11", from: Date.UTC(2026, 10, 1, 5), to: Date.UTC(2026, 11, 1, 5) }
 * @example monthRange("2026-13") // null
 */
export function monthRange(month: string): MonthRange | null {
  if (!MONTH_RE.test(month)) return null;
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  if (year < FIRST_YEAR) return null;
  return { month, from: Date.UTC(year, m, 1) - LIMA_OFFSET_MS, to: Date.UTC(year, m + 1, 1) - LIMA_OFFSET_MS };
}

/**
 * The Lima month an instant falls in.
 * @example limaMonth(Date.UTC(2026, 10, 1, 4, 30)) // "2026-10" (31 October, 23:30 in Lima)
 */
export function limaMonth(ms: number): string {
  return new Date(ms + LIMA_OFFSET_MS).toISOString().slice(0, 7);
}

/**
 * The month a report request asks for: none means the current Lima month; a malformed month or
 * one that has not started yet is refused with the reason (the route names the field `month`).
 * @example reportMonth("2026-1", now) // { ok: false, reason: "must be YYYY-MM, e.g. 2026-11" }
 */
export function reportMonth(input: string | undefined, now: number): { ok: true; range: MonthRange } | { ok: false; reason: string } {
  const range = monthRange(input ?? limaMonth(now));
  if (!range) return { ok: false, reason: `must be YYYY-MM from ${FIRST_YEAR}-01 on, e.g. 2026-11` };
  if (range.from > now) return { ok: false, reason: `${range.month} has not started yet (the current month is ${limaMonth(now)})` };
  return { ok: true, range };
}

/** A campaign the month's rows belong to (only those with rows are asked for). */
export type CampaignInfo = { id: string; name: string; channel: Channel; sentBy: string | null; startedAt: number | null };

/**
 * Rows of `event_buckets` of dimension `all` (rows outside the month are ignored). They may be
 * hourly or summed over the month's hours that share a Lima hour of day (the store sums them so;
 * `hour` is then any one of those hours): beyond the month check, only the hour of day is used.
 */
export type CampaignBucket = { campaignId: string; hour: number; kind: string; machine: number; n: number; u: number };
/** Rows of dimension `provider` summed over the month (`provider` is the bucket's value). */
export type ProviderBucket = { campaignId: string; provider: string; kind: string; machine: number; n: number; u: number };

export type MonthlyInput = {
  range: MonthRange;
  now: number;
  account: { id: string; name: string };
  user: { id: string; name: string; email: string } | null;
  campaigns: readonly CampaignInfo[];
  buckets: readonly CampaignBucket[];
  providerBuckets: readonly ProviderBucket[];
  credits: Omit<CreditInput, "range" | "now" | "only">;
  /** SMS campaigns: dimension `operator` summed over the month, and each campaign's SMS credit used. */
  operatorBuckets?: readonly OperatorBucketRow[];
  smsCredits?: readonly SmsCredit[];
};

type Raw = Omit<MonthlyCounts, "delivered" | "bounced" | "notOpened" | "deliveredRate" | "openRate" | "reopenRate" | "clickRate">;
const zeroRaw = (): Raw => ({ sent: 0, hardBounces: 0, softBounces: 0, opens: 0, uniqueOpens: 0, clicks: 0, uniqueClicks: 0, unsubscribed: 0, complaints: 0, machineOpens: 0, machineClicks: 0 });

/** Adds one bucket row to the counters: `n` counts events, `u` first ones (unique per recipient). */
function add(t: Raw, r: { kind: string; machine: number; n: number; u: number }): void {
  const machine = !!r.machine;
  switch (r.kind) {
    case "sent": t.sent += r.n; break;
    // Refused by the relay at send time: handed over (sent) and bounced at once.
    case "rejected":
      t.sent += r.n;
      t.hardBounces += r.n;
      break;
    case "bounce_hard": t.hardBounces += r.n; break;
    case "bounce_soft": t.softBounces += r.n; break;
    case "complaint": t.complaints += r.n; break;
    // A replayed unsubscribe is an event but not a second person leaving.
    case "unsubscribe": t.unsubscribed += r.u; break;
    case "open":
      if (machine) t.machineOpens += r.n;
      else {
        t.opens += r.n;
        t.uniqueOpens += r.u;
      }
      break;
    case "click":
      if (machine) t.machineClicks += r.n;
      else {
        t.clicks += r.n;
        t.uniqueClicks += r.u;
      }
      break;
    default: break; // web-version views are not in the report
  }
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The derived figures and rates of some counters. `delivered` cannot go below zero: a bounce
 * reported in this month for a message sent last month has no send to subtract from here.
 * @example counts({ ...zero, sent: 10, hardBounces: 2, softBounces: 1, opens: 9, uniqueOpens: 5 }).openRate // 5 / 7
 */
export function counts(raw: Raw): MonthlyCounts {
  const bounced = raw.hardBounces + raw.softBounces;
  const delivered = Math.max(0, raw.sent - bounced);
  return {
    ...raw,
    bounced,
    delivered,
    notOpened: Math.max(0, delivered - raw.uniqueOpens),
    deliveredRate: ratio(delivered, raw.sent),
    openRate: ratio(raw.uniqueOpens, delivered),
    reopenRate: ratio(raw.opens - raw.uniqueOpens, raw.uniqueOpens),
    clickRate: ratio(raw.uniqueClicks, delivered),
  };
}

/** Counters summed from bucket rows (any dimension, as long as each event is in one row). */
export function tally(rows: readonly { kind: string; machine: number; n: number; u: number }[]): MonthlyCounts {
  const t = zeroRaw();
  for (const r of rows) add(t, r);
  return counts(t);
}

const byStart = (a: CampaignInfo, b: CampaignInfo) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
const iso = (ms: number) => new Date(ms).toISOString();
const opensOf = (rows: readonly CampaignBucket[]): BucketRow[] => rows.filter((r) => r.kind === "open" && !r.machine).map((r) => ({ hour: r.hour, kind: "open", machine: 0, n: r.n }));

/**
 * The report of one month for the whole account (`user` null) or one sub-user (`user` set, and
 * `campaigns` already limited to the ones that user sent). Rows of campaigns not in `campaigns`
 * are ignored, so totals, providers and peaks always add up to the campaigns listed. Provider
 * rows carry no hour: the caller limits them to the month. SMS campaigns (channel "sms") are
 * counted by monthly-sms.ts and summed in `smsTotals`, never in the email totals.
 * @example buildMonthlyReport({ range: monthRange("2026-11")!, now, account, user: null, campaigns, buckets, providerBuckets, credits })
 */
export function buildMonthlyReport(input: MonthlyInput): MonthlyReport {
  const listed = new Set(input.campaigns.map((c) => c.id));
  const rowsOf = new Map<string, CampaignBucket[]>();
  const mine = input.buckets.filter((r) => listed.has(r.campaignId) && r.hour >= input.range.from && r.hour < input.range.to);
  for (const r of mine) {
    const list = rowsOf.get(r.campaignId);
    if (list) list.push(r);
    else rowsOf.set(r.campaignId, [r]);
  }
  const smsIds = new Set(input.campaigns.filter((c) => c.channel === "sms").map((c) => c.id));
  const smsCredit = new Map<string, number>();
  for (const r of input.smsCredits ?? []) if (smsIds.has(r.campaignId)) smsCredit.set(r.campaignId, (smsCredit.get(r.campaignId) ?? 0) + r.credits);
  const campaigns: MonthlyCampaign[] = [...input.campaigns].sort(byStart).map((c) => {
    const rows = rowsOf.get(c.id) ?? [];
    if (c.channel === "sms") {
      const sms = smsTally(rows, Math.max(0, smsCredit.get(c.id) ?? 0));
      const base = { campaignId: c.id, name: c.name, channel: c.channel, sentBy: c.sentBy, startedAt: c.startedAt === null ? null : iso(c.startedAt) };
      return { ...base, ...smsCounts(sms), peakHours: [], sms };
    }
    return {
      campaignId: c.id,
      name: c.name,
      channel: c.channel,
      sentBy: c.sentBy,
      startedAt: c.startedAt === null ? null : iso(c.startedAt),
      ...tally(rows),
      peakHours: peakHours(heatmap(opensOf(rows))),
    };
  });
  const perProvider = new Map<Provider, ProviderBucket[]>(PROVIDERS.map((p) => [p, []]));
  for (const r of input.providerBuckets) {
    if (!listed.has(r.campaignId) || smsIds.has(r.campaignId)) continue;
    perProvider.get((PROVIDERS as readonly string[]).includes(r.provider) ? (r.provider as Provider) : "other")!.push(r);
  }
  const providers: MonthlyProvider[] = PROVIDERS.map((provider) => ({ provider, ...tally(perProvider.get(provider)!) }));
  const { credits, bags } = monthlyCredits({ ...input.credits, range: input.range, now: input.now, only: input.user?.id ?? null });
  return {
    month: input.range.month,
    from: iso(input.range.from),
    to: iso(input.range.to),
    generatedAt: iso(input.now),
    account: input.account,
    user: input.user,
    totals: tally(mine.filter((r) => !smsIds.has(r.campaignId))),
    campaigns,
    providers,
    peakHours: peakHours(heatmap(opensOf(mine))),
    smsTotals: smsTally(
      mine.filter((r) => smsIds.has(r.campaignId)),
      campaigns.reduce((t, c) => t + (c.sms?.credits ?? 0), 0),
    ),
    smsOperators: smsOperators(input.operatorBuckets ?? [], smsIds),
    credits,
    bags,
  };
}
