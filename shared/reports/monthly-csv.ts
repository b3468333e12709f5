/**
 * The monthly report (R1) as one CSV a spreadsheet user can read top to bottom: a heading block
 * (account, user, period, when it was generated), then sections — summary, campaigns, mailbox
 * providers, SMS campaigns and SMS by operator (when the month had SMS campaigns; the email
 * sections count email only), credits and, for the whole account, credit bags — each a title line, a header line
 * and its rows, separated by an empty line. Headings are Spanish by default. Counts are plain
 * integers and rates are percentages as plain numbers (71.43, "." decimal, no "%" sign) so a
 * spreadsheet can add and sort them; times are Lima wall-clock "2026-11-29 09:15". Every cell
 * goes through csvCell (formula-neutralised: a campaign named "=HYPERLINK(…)" stays text).
 */
import type { MonthlyCounts, MonthlyReport, ReportLang } from "../api/schemas-reports";
import { csvLine } from "../import/csv-export";
import { csvDateTime, hourLabel, monthTitle } from "./monthly-format";
import { CHANNEL_NAMES, COUNT_COLUMNS, holderLabel, PROVIDER_NAMES, WORDS } from "./monthly-labels";
import { SMS_WORDS } from "./monthly-sms-labels";
import { smsTally } from "./monthly-sms";
import { operatorLabel } from "./sms-csv-rows";

/** A UTF-8 byte-order mark: without it Excel reads the file as ANSI and garbles the accents. */
const BOM = "\uFEFF";

type Cell = string | number | null;

/**
 * A rate as a percentage number, two decimals at most; empty when there is none.
 * @example percent(5 / 7) // 71.43
 */
export const percent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 10_000) / 100);

const countCells = (c: MonthlyCounts): Cell[] => COUNT_COLUMNS.map((col) => (col.rate ? percent(c[col.key]) : c[col.key]));
const peaks = (p: readonly { hour: number; opens: number }[]) => p.map((h) => `${hourLabel(h.hour)} (${h.opens})`).join("; ");

function section(title: string, header: readonly string[], rows: readonly Cell[][]): string {
  return "\r\n" + csvLine([title]) + csvLine(header) + rows.map((r) => csvLine(r)).join("");
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The SMS campaigns (their own figures and total) and the operators table; empty without SMS campaigns. */
function smsSections(report: MonthlyReport, lang: ReportLang, lima: string): string {
  const w = WORDS[lang];
  const sw = SMS_WORDS[lang];
  const sms = report.campaigns.filter((c) => c.channel === "sms");
  if (sms.length === 0 || !report.smsTotals) return "";
  type Figures = NonNullable<MonthlyReport["smsTotals"]>;
  const cells = (f: Figures): Cell[] => [f.sent, f.delivered, percent(ratio(f.delivered, f.sent)), f.failed, f.pending, f.clicks, f.uniqueClicks, f.replies, f.credits];
  const campaigns = section(sw.campaigns, [w.campaign, w.campaignId, `${w.started} ${lima}`, sw.sent, sw.delivered, sw.deliveredRate, sw.failed, sw.pending, sw.clicks, sw.uniqueClicks, sw.replies, sw.credits], [
    ...sms.map((c): Cell[] => [c.name, c.campaignId, c.startedAt ? csvDateTime(Date.parse(c.startedAt)) : null, ...cells(c.sms ?? smsTally([]))]),
    [w.total, null, null, ...cells(report.smsTotals)],
  ]);
  const operators = section(
    sw.operators,
    [sw.operator, sw.sent, sw.delivered, sw.deliveredRate, sw.failed, sw.pending],
    (report.smsOperators ?? []).map((o) => [operatorLabel(lang, o.operator), o.sent, o.delivered, percent(ratio(o.delivered, o.sent)), o.failed, o.pending]),
  );
  return campaigns + operators;
}

/**
 * The whole report as CSV text, starting with a BOM so Excel reads the accents.
 * @example monthlyReportCsv(report, "es").split("\r\n")[0] // "\uFEFFReporte mensual de consumo,noviembre de 2026"
 */
export function monthlyReportCsv(report: MonthlyReport, lang: ReportLang): string {
  const w = WORDS[lang];
  const lima = `(${w.limaTime})`;
  const counts = COUNT_COLUMNS.map((c) => c[lang]);
  const from = Date.parse(report.from);
  const lastDay = csvDateTime(Date.parse(report.to) - 1).slice(0, 10);
  const head =
    csvLine([w.title, monthTitle(report.month, lang)]) +
    csvLine([w.account, report.account.name]) +
    csvLine([w.user, report.user ? `${report.user.name} <${report.user.email}>` : w.wholeAccount]) +
    csvLine([`${w.period} ${lima}`, `${csvDateTime(from).slice(0, 10)} — ${lastDay}`]) +
    csvLine([`${w.generated} ${lima}`, csvDateTime(Date.parse(report.generatedAt))]);
  const summary = section(w.summary, [w.indicator, w.value], [
    ...COUNT_COLUMNS.map((col, i): Cell[] => [counts[i]!, countCells(report.totals)[i]!]),
    [`${w.peakHours} ${lima}`, peaks(report.peakHours)],
  ]);
  const campaigns = section(w.campaigns, [w.campaign, w.campaignId, `${w.started} ${lima}`, ...counts, `${w.peakHours} ${lima}`], [
    ...report.campaigns.filter((c) => c.channel !== "sms").map((c): Cell[] => [c.name, c.campaignId, c.startedAt ? csvDateTime(Date.parse(c.startedAt)) : null, ...countCells(c), peaks(c.peakHours)]),
    [w.total, null, null, ...countCells(report.totals), peaks(report.peakHours)],
  ]);
  const providers = section(w.providers, [w.provider, ...counts], report.providers.map((p) => [PROVIDER_NAMES[lang][p.provider], ...countCells(p)]));
  const credits = section(
    w.credits,
    [w.channel, w.holder, w.used, w.refunded, w.granted, w.expired, w.balance],
    report.credits.map((c) => [CHANNEL_NAMES[lang][c.channel], holderLabel(c, lang), c.used, c.refunded, c.granted, c.expired, c.balance]),
  );
  const bags = report.user
    ? ""
    : section(
        w.bags,
        [w.bag, w.channel, w.bagGranted, w.remaining, `${w.expiresAt} ${lima}`, w.bagExpired],
        report.bags.map((b) => [b.id, CHANNEL_NAMES[lang][b.channel], b.granted, b.remaining, csvDateTime(Date.parse(b.expiresAt)), b.expired ? w.yes : w.no]),
      );
  return BOM + head + summary + campaigns + providers + smsSections(report, lang, lima) + credits + bags;
}
