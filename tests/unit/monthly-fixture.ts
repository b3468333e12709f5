/**
 * The monthly report's unit fixture: November 2026 of one account, every input placed by hand so
 * each figure of the report can be worked out from this file (the tests show the arithmetic).
 * Campaign A was sent in the month; campaign B was sent on 31 October in Lima (already 1
 * November in UTC) and only its opens fall in November. The credit history spans September to
 * December, with a bag lapsing on 20 November and another on 30 November.
 */
import type { Channel } from "../../shared/api/schemas";
import { monthRange, type CampaignBucket, type CampaignInfo, type MonthlyInput, type ProviderBucket } from "../../shared/reports/monthly";
import { sumCreditEntries, type LedgerBag } from "../../shared/reports/monthly-credits";

export const H = 3_600_000;
export const NOV = monthRange("2026-11")!;
/** 15 December 2026: November is a past month. */
export const AFTER = Date.UTC(2026, 11, 15, 12);
/** 29 November 2026, 07:00 in Lima: November is the current month. */
export const DURING = Date.UTC(2026, 10, 29, 12);

// Monday 2 November 2026, 14:00 UTC = 09:00 in Lima.
const h9 = Date.UTC(2026, 10, 2, 14);
const h10 = h9 + H;
// Tuesday 3 November, 20:00 UTC = 15:00 in Lima.
const h15 = Date.UTC(2026, 10, 3, 20);
// 1 November 00:00 in Lima, the month's first hour; and the hour before it (October in Lima).
const h0 = NOV.from;

export const CAMPAIGNS: CampaignInfo[] = [
  // Listed out of order: the report sorts by start time (B started first).
  { id: "cmp_a", name: "Convocatoria CAS 2026", channel: "email", sentBy: null, startedAt: Date.UTC(2026, 10, 2, 14, 5) },
  { id: "cmp_b", name: '=HYPERLINK("http://x") Boletín 🎉', channel: "email", sentBy: "usr_s", startedAt: Date.UTC(2026, 10, 1, 1) },
];

const b = (campaignId: string, hour: number, kind: string, n: number, u = 0, machine = 0): CampaignBucket => ({ campaignId, hour, kind, machine, n, u });
export const BUCKETS: CampaignBucket[] = [
  b("cmp_a", h9, "sent", 10, 10),
  b("cmp_a", h9, "open", 4, 3),
  b("cmp_a", h10, "open", 2, 1),
  b("cmp_a", h15, "open", 3, 1),
  b("cmp_a", h9, "open", 5, 0, 1), // machine
  b("cmp_a", h10, "click", 4, 3),
  b("cmp_a", h9, "click", 2, 0, 1), // machine
  b("cmp_a", h9, "bounce_hard", 2),
  b("cmp_a", h10, "bounce_soft", 1),
  b("cmp_a", h10, "unsubscribe", 2, 1), // a replayed unsubscribe: 2 events, 1 person
  b("cmp_a", h15, "complaint", 1),
  b("cmp_a", h10, "view", 7), // web-version views are not in the report
  b("cmp_b", h0, "open", 3, 2),
  b("cmp_b", h0 - H, "open", 50, 40), // 31 October 23:00 in Lima: October's
  b("cmp_c", h9, "sent", 99, 99), // a campaign not listed (another user's): never counted
];

const p = (campaignId: string, provider: string, kind: string, n: number, u = 0, machine = 0): ProviderBucket => ({ campaignId, provider, kind, machine, n, u });
export const PROVIDER_BUCKETS: ProviderBucket[] = [
  p("cmp_a", "gmail", "sent", 4),
  p("cmp_a", "gmail", "open", 5, 3),
  p("cmp_a", "gmail", "click", 3, 2),
  p("cmp_a", "gmail", "open", 5, 0, 1),
  p("cmp_a", "outlook", "sent", 3),
  p("cmp_a", "outlook", "bounce_hard", 1),
  p("cmp_a", "outlook", "open", 1, 1),
  p("cmp_a", "yahoo", "sent", 1),
  p("cmp_a", "yahoo", "bounce_soft", 1),
  p("cmp_a", "other", "sent", 2),
  p("cmp_a", "other", "bounce_hard", 1),
  p("cmp_a", "other", "unsubscribe", 2, 1),
  p("cmp_a", "other", "complaint", 1),
  p("cmp_a", "other", "open", 3, 1),
  p("cmp_a", "other", "click", 1, 1),
  p("cmp_a", "aol", "click", 2, 0, 1), // a value outside the four: counted as other
  p("cmp_b", "gmail", "open", 3, 2),
  p("cmp_c", "gmail", "sent", 99),
];

export const BAGS: LedgerBag[] = [
  { id: "e1", channel: "email", granted: 1000, activatedAt: Date.UTC(2026, 9, 1), expiresAt: Date.UTC(2026, 10, 20) },
  { id: "e2", channel: "email", granted: 5000, activatedAt: Date.UTC(2026, 10, 10), expiresAt: Date.UTC(2027, 10, 10) },
  { id: "e3", channel: "email", granted: 300, activatedAt: Date.UTC(2026, 11, 5), expiresAt: Date.UTC(2027, 11, 5) },
  { id: "e4", channel: "email", granted: 50, activatedAt: Date.UTC(2026, 10, 1, 6), expiresAt: Date.UTC(2026, 10, 30, 12) },
  { id: "s1", channel: "sms", granted: 800, activatedAt: Date.UTC(2026, 8, 1), expiresAt: Date.UTC(2026, 9, 15) },
];

type Entry = { at: number; kind: string; channel: Channel; holder: string; amount: number; bagId: string };
const e = (at: number, kind: string, holder: string, amount: number, bagId: string, channel: Channel = "email"): Entry => ({ at, kind, channel, holder, amount, bagId });
export const ENTRIES: Entry[] = [
  e(Date.UTC(2026, 8, 1), "grant", "main", 800, "s1", "sms"),
  e(Date.UTC(2026, 9, 1), "grant", "main", 1000, "e1"),
  e(Date.UTC(2026, 9, 5), "allocate", "usr_s", 200, "e1"),
  e(Date.UTC(2026, 9, 20), "reserve", "main", 100, "e1"),
  e(Date.UTC(2026, 9, 20), "commit", "main", 100, "e1"),
  e(Date.UTC(2026, 10, 1, 6), "grant", "main", 50, "e4"),
  e(Date.UTC(2026, 10, 3), "reserve", "usr_s", 50, "e1"),
  e(Date.UTC(2026, 10, 3), "commit", "usr_s", 40, "e1"),
  e(Date.UTC(2026, 10, 3), "release", "usr_s", 10, "e1"),
  e(Date.UTC(2026, 10, 5), "reserve", "main", 300, "e1"),
  e(Date.UTC(2026, 10, 5), "commit", "main", 300, "e1"),
  e(Date.UTC(2026, 10, 10), "grant", "main", 5000, "e2"),
  e(Date.UTC(2026, 10, 12), "refund", "main", 20, "e1"),
  e(Date.UTC(2026, 10, 15), "deallocate", "usr_s", 60, "e1"),
  e(Date.UTC(2026, 10, 25), "reserve", "main", 1000, "e2"),
  e(Date.UTC(2026, 10, 25), "commit", "main", 900, "e2"),
  e(Date.UTC(2026, 10, 25), "release", "main", 100, "e2"),
  e(Date.UTC(2026, 10, 26), "allocate", "usr_s", 500, "e2"),
  e(Date.UTC(2026, 11, 5), "grant", "main", 300, "e3"),
  e(Date.UTC(2026, 11, 5), "reserve", "main", 10, "e2"),
];

export const ACCOUNT = { id: "acc_1", name: "Municipalidad Distrital de Miraflores" };
export const SENDER = { id: "usr_s", name: "Ana Quispe", email: "ana@muni.gob.pe" };

/** The builder's input for November, as of `now`, for the account or for the sender. */
export function novemberInput(now: number, who: "account" | "sender" = "account"): MonthlyInput {
  const cut = Math.min(NOV.to, now);
  return {
    range: NOV,
    now,
    account: ACCOUNT,
    user: who === "sender" ? SENDER : null,
    campaigns: who === "sender" ? CAMPAIGNS.filter((c) => c.sentBy === SENDER.id) : CAMPAIGNS,
    buckets: BUCKETS,
    providerBuckets: PROVIDER_BUCKETS,
    credits: {
      sums: sumCreditEntries(ENTRIES, NOV.from, cut),
      bags: BAGS,
      live: now < NOV.to ? { available: { main: { email: 3599, sms: 0 }, usr_s: { email: 499 }, usr_x: { sms: 7 } }, remaining: { e1: 580, e2: 4099, e4: 50 } } : null,
      names: { usr_s: SENDER.name },
    },
  };
}
