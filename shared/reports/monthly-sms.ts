/**
 * The SMS side of the monthly report (issue 6). An SMS campaign's `event_buckets` rows have kinds
 * of their own (`sms_sent`, `sms_delivered`, `sms_failed`, `sms_reply`, and `click` from its
 * short links); its figures fill the columns an email campaign uses where they mean the same
 * (sent, delivered, clicks and the delivered and click rates), the email-only ones are 0 or null,
 * and what only SMS has (failed, replies) goes in `sms`. Email totals and providers never include
 * them; the month's SMS campaigns are summed apart (`smsTotals`).
 */
import type { MonthlyCounts, MonthlySms } from "../api/schemas-reports";

type Row = { kind: string; machine: number; n: number; u: number };

/**
 * The SMS figures of some bucket rows (machine clicks apart, as for email).
 * @example smsTally([{ kind: "sms_sent", machine: 0, n: 4, u: 4 }, { kind: "sms_delivered", machine: 0, n: 3, u: 3 }]) // { sent: 4, delivered: 3, failed: 0, … }
 */
export function smsTally(rows: readonly Row[]): MonthlySms {
  const t: MonthlySms = { sent: 0, delivered: 0, failed: 0, clicks: 0, uniqueClicks: 0, machineClicks: 0, replies: 0 };
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
  return t;
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
