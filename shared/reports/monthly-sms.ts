/**
 * The SMS side of the monthly report. An SMS campaign's `event_buckets` rows have kinds
 * of their own (`sms_sent`, `sms_delivered`, `sms_failed`, `sms_reply`, and `click` from its
 * short links); its figures fill the columns an email campaign uses where they mean the same
 * (sent, delivered, clicks and the delivered and click rates), the email-only ones are 0 or null,
 * and what only SMS has (failed, replies) goes in `sms`. Email totals and providers never include
 * them; the month's SMS campaigns are summed apart (`smsTotals`). Pending is sent − delivered −
 * failed (never below 0: a receipt this month for last month's send); credits are the campaign's
 * SMS credit (segments) committed in the month net of refunds, from the ledger's entries (the
 * store reads them per campaign); the operators table sums dimension `operator` over the
 * campaigns listed (shared/sms/operator-stats.ts, as on the campaign page).
 */
import type { MonthlyCounts, MonthlySms } from "../api/schemas-reports";
import { operatorTable, type OperatorRow } from "../sms/operator-stats";

type Row = { kind: string; machine: number; n: number; u: number };

/** Rows of `event_buckets` of dimension `operator` summed over the month, per campaign. */
export type OperatorBucketRow = { campaignId: string; operator: string; kind: string; n: number };
/** SMS credit (segments) debited to a campaign in the month, net of refunds. */
export type SmsCredit = { campaignId: string; credits: number };

/**
 * The SMS figures of some bucket rows (machine clicks apart, as for email), with `credits` used.
 * @example smsTally([{ kind: "sms_sent", machine: 0, n: 4, u: 4 }, { kind: "sms_delivered", machine: 0, n: 3, u: 3 }], 5) // { sent: 4, delivered: 3, failed: 0, pending: 1, credits: 5, … }
 */
export function smsTally(rows: readonly Row[], credits = 0): MonthlySms {
  const t: MonthlySms = { sent: 0, delivered: 0, failed: 0, clicks: 0, uniqueClicks: 0, machineClicks: 0, replies: 0, pending: 0, credits };
  for (const r of rows) {
    if (r.kind === "sms_sent") t.sent += r.n;
    else if (r.kind === "sms_delivered") t.delivered += r.n;
    else if (r.kind === "sms_failed") t.failed += r.n;
    else if (r.kind === "sms_reply") t.replies += r.n;
    else if (r.kind === "click" && r.machine) t.machineClicks += r.n;
    else if (r.kind === "click") {
      t.clicks += r.n;
      t.uniqueClicks += r.u;
    }
  }
  t.pending = Math.max(0, t.sent - t.delivered - t.failed);
  return t;
}

/**
 * The month's operators table over the campaigns in `listed`.
 * @example smsOperators([{ campaignId: "c", operator: "claro", kind: "sms_sent", n: 2 }], new Set(["c"])) // [{ operator: "claro", sent: 2, delivered: 0, failed: 0, pending: 2 }]
 */
export function smsOperators(rows: readonly OperatorBucketRow[], listed: ReadonlySet<string>): OperatorRow[] {
  return operatorTable(rows.filter((r) => listed.has(r.campaignId)).map((r) => ({ kind: r.kind, value: r.operator, n: r.n })));
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * An SMS campaign's row in the email columns: sent, delivered, clicks and their rates; the rest 0 or null.
 * @example smsCounts(smsTally(rows)).openRate // null
 */
export function smsCounts(s: MonthlySms): MonthlyCounts {
  return {
    sent: s.sent,
    delivered: s.delivered,
    bounced: 0,
    hardBounces: 0,
    softBounces: 0,
    opens: 0,
    uniqueOpens: 0,
    notOpened: 0,
    clicks: s.clicks,
    uniqueClicks: s.uniqueClicks,
    unsubscribed: 0,
    complaints: 0,
    machineOpens: 0,
    machineClicks: s.machineClicks,
    deliveredRate: ratio(s.delivered, s.sent),
    openRate: null,
    reopenRate: null,
    clickRate: ratio(s.uniqueClicks, s.delivered),
  };
}
