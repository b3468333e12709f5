/**
 * Reads what the monthly report (R1) is built from, in one D1 batch and one CreditLedger call,
 * and hands it to shared/reports/monthly.ts. Every statement is bounded by an index: the month's
 * `event_buckets` through `event_buckets_account` (account_id, hour), grouped in SQL so the rows
 * stay few (dimension `all` summed per campaign, kind, machine flag and Lima hour of day — what
 * the totals and the peak hours need; dimension `provider` summed over the month); the month's
 * campaigns by primary key; users by `users_account`; `credit_entries` through `credit_entries_account_seq`,
 * summed per holder, channel, bag and kind up to the month's end (a balance at a past month's end
 * is the replay of the whole history before it, see monthly-credits.ts); for SMS campaigns, the
 * month's operator buckets and the credit entries of their reservations. The ledger gives the
 * bags' expiry dates (only it knows them) and, for the current month, the balances now.
 */
import type { MonthlyReport } from "../../shared/api/schemas-reports";
import type { Channel } from "../../shared/api/schemas";
import { drawsFromMainPool, isRole } from "../../shared/auth/roles";
import { buildMonthlyReport, monthRange, type CampaignBucket, type CampaignInfo, type ProviderBucket } from "../../shared/reports/monthly";
import { creditCut, type CreditSum, type LiveLedger } from "../../shared/reports/monthly-credits";
import { ledgerOf } from "../ledger";

/** The statements, apart so a test can check each one's query plan. ?1 account, ?2 month start, ?3 month end (or, for credits, the cut), ?4 the user or null. */
export const MONTHLY_SQL = {
  account: "SELECT id, name FROM accounts WHERE id = ?1",
  users: "SELECT id, name, email, role FROM users WHERE account_id = ?1",
  // CROSS JOIN keeps the month's few campaign ids outside, so each campaign is found by primary key
  // rather than by walking every campaign of the account.
  campaigns: `SELECT c.id, c.name, c.channel, c.sent_by, c.started_at FROM (
      SELECT DISTINCT campaign_id FROM event_buckets WHERE account_id = ?1 AND hour >= ?2 AND hour < ?3 AND dim = 'all' AND kind != 'view') AS b
    CROSS JOIN campaigns c ON c.id = b.campaign_id WHERE c.account_id = ?1`,
  // Hours folded onto the Lima hour of day (a fixed shift of the UTC one): min(hour) is one of them.
  buckets: `SELECT campaign_id, min(hour) AS hour, kind, machine, sum(n) AS n, sum(u) AS u FROM event_buckets
    WHERE account_id = ?1 AND hour >= ?2 AND hour < ?3 AND dim = 'all' GROUP BY campaign_id, kind, machine, hour % 86400000`,
  providers: `SELECT campaign_id, value AS provider, kind, machine, sum(n) AS n, sum(u) AS u FROM event_buckets
    WHERE account_id = ?1 AND hour >= ?2 AND hour < ?3 AND dim = 'provider' GROUP BY campaign_id, value, kind, machine`,
  // SMS campaigns: the month's operator buckets, and each SMS campaign's credit debited in
  // the month net of refunds. A campaign's SMS reservations are keyed "campaign:<id>:sms:<first>:<n>"
  // (workers/sms/campaign-batch.ts) and every entry names its reservation.
  operators: `SELECT campaign_id, value AS operator, kind, sum(n) AS n FROM event_buckets
    WHERE account_id = ?1 AND hour >= ?2 AND hour < ?3 AND dim = 'operator' GROUP BY campaign_id, value, kind`,
  smsCredits: `SELECT substr(reference, 10, instr(substr(reference, 10), ':sms:') - 1) AS campaign_id,
      sum(CASE kind WHEN 'commit' THEN amount ELSE -amount END) AS credits FROM credit_entries
    WHERE account_id = ?1 AND at >= ?2 AND at < ?3 AND channel = 'sms' AND kind IN ('commit', 'refund') AND reference LIKE 'campaign:%:sms:%' GROUP BY 1`,
  credits: `SELECT holder, channel, bag_id, kind, sum(amount) AS total, sum(CASE WHEN at >= ?2 THEN amount ELSE 0 END) AS month FROM credit_entries
    WHERE account_id = ?1 AND at < ?3 AND (?4 IS NULL OR holder = ?4) GROUP BY holder, channel, bag_id, kind`,
} as const;

type UserRow = { id: string; name: string; email: string; role: string };
type CampaignRow = { id: string; name: string; channel: string; sent_by: string | null; started_at: number | null };
type BucketRow = { campaign_id: string; hour: number; kind: string; machine: number; n: number; u: number };
type ProviderRow = Omit<BucketRow, "hour"> & { provider: string };
type CreditRow = { holder: string; channel: Channel; bag_id: string | null; kind: string; total: number; month: number };

/**
 * The report of `month` ("YYYY-MM", a Lima month that has started) for the whole account, or for
 * one user (`userId`: the campaigns that user sent and that user's credit). Throws on a malformed
 * month, an unknown account or a user who is not the account's: callers check those first.
 * @example const report = await loadMonthlyReport(env, "acc_1", "2026-11", null, Date.now())
 */
export async function loadMonthlyReport(env: Env, accountId: string, month: string, userId: string | null, now: number): Promise<MonthlyReport> {
  const range = monthRange(month);
  if (!range) throw new Error(`monthly report: "${month}" is not a month`);
  const db = env.DB;
  const cut = creditCut(range, now);
  const [[account, users, campaigns, buckets, providers, credits, operators, smsCredits], overview] = await Promise.all([
    db.batch([
      db.prepare(MONTHLY_SQL.account).bind(accountId),
      db.prepare(MONTHLY_SQL.users).bind(accountId),
      db.prepare(MONTHLY_SQL.campaigns).bind(accountId, range.from, range.to),
      db.prepare(MONTHLY_SQL.buckets).bind(accountId, range.from, range.to),
      db.prepare(MONTHLY_SQL.providers).bind(accountId, range.from, range.to),
      db.prepare(MONTHLY_SQL.credits).bind(accountId, range.from, cut, userId),
      db.prepare(MONTHLY_SQL.operators).bind(accountId, range.from, range.to),
      db.prepare(MONTHLY_SQL.smsCredits).bind(accountId, range.from, range.to),
    ]),
    ledgerOf(env, accountId).overview(),
  ]);
  const acc = (account!.results as { id: string; name: string }[])[0];
  if (!acc) throw new Error(`monthly report: no account ${accountId}`);
  const people = users!.results as UserRow[];
  const user = userId === null ? null : people.find((u) => u.id === userId);
  if (user === undefined) throw new Error(`monthly report: user ${userId} is not in account ${accountId}`);
  const roleOf = new Map(people.map((u) => [u.id, u.role]));
  // Whose credit paid: the main pool (null) when the sender is an owner or admin (runner-resend.ts payerOf).
  const payer = (id: string | null) => {
    const role = id === null ? undefined : roleOf.get(id);
    return id === null || role === undefined || (isRole(role) && drawsFromMainPool(role)) ? null : id;
  };
  const infos: CampaignInfo[] = (campaigns!.results as CampaignRow[])
    .filter((c) => user === null || c.sent_by === user.id)
    .map((c) => ({ id: c.id, name: c.name, channel: c.channel === "sms" ? "sms" : "email", sentBy: payer(c.sent_by), startedAt: c.started_at }));
  const live: LiveLedger | null =
    now < range.to
      ? {
          available: Object.fromEntries(Object.entries(overview.holders).map(([h, v]) => [h, { email: v.email.available, sms: v.sms.available }])),
          remaining: Object.fromEntries(overview.bags.map((b) => [b.id, b.remaining])),
        }
      : null;
  return buildMonthlyReport({
    range,
    now,
    account: { id: acc.id, name: acc.name },
    user: user ? { id: user.id, name: user.name, email: user.email } : null,
    campaigns: infos,
    buckets: (buckets!.results as BucketRow[]).map((r): CampaignBucket => ({ campaignId: r.campaign_id, hour: r.hour, kind: r.kind, machine: r.machine, n: r.n, u: r.u })),
    providerBuckets: (providers!.results as ProviderRow[]).map((r): ProviderBucket => ({ campaignId: r.campaign_id, provider: r.provider, kind: r.kind, machine: r.machine, n: r.n, u: r.u })),
    operatorBuckets: (operators!.results as { campaign_id: string; operator: string; kind: string; n: number }[]).map((r) => ({ campaignId: r.campaign_id, operator: r.operator, kind: r.kind, n: r.n })),
    smsCredits: (smsCredits!.results as { campaign_id: string; credits: number }[]).map((r) => ({ campaignId: r.campaign_id, credits: r.credits })),
    credits: {
      sums: (credits!.results as CreditRow[]).map((r): CreditSum => ({ holder: r.holder, channel: r.channel, bagId: r.bag_id, kind: r.kind, total: r.total, month: r.month })),
      bags: overview.bags.map((b) => ({ id: b.id, channel: b.channel, granted: b.granted, activatedAt: b.activatedAt, expiresAt: b.expiresAt })),
      live,
      names: Object.fromEntries(people.map((u) => [u.id, u.name])),
    },
  });
}
