/**
 * The monthly report PDF's SMS part, laid out like the rest (monthly-layout.ts calls it
 * after the mailbox providers, only when the month had SMS campaigns): a table of the SMS
 * campaigns with their own figures — sent, delivered, failed, pending, clicks, replies, credits
 * (segments) — and the month's SMS total, continued on further pages under its repeated header
 * when long; then the messages by operator; then one line saying how SMS are counted.
 */
import type { MonthlyReport, ReportLang } from "../api/schemas-reports";
import { MUTED, type Column, type Flow, type Row } from "./pdf-flow";
import { formatInt, formatRate } from "./monthly-format";
import { WORDS } from "./monthly-labels";
import { SMS_WORDS } from "./monthly-sms-labels";
import { TABLE_WORDS } from "./monthly-pdf-words";
import { smsTally } from "./monthly-sms";
import { operatorLabel } from "./sms-csv-rows";

/** Starts a section: its title kept on the page with at least `keep` points of what follows. */
export type SectionTitle = (f: Flow, title: string, keep: number) => void;

/**
 * The SMS tables, or nothing when the report has no SMS campaign.
 * @example smsLayout(flow, report, "es", section) // draws "Campañas SMS" and "SMS por operador"
 */
export function smsLayout(f: Flow, r: MonthlyReport, lang: ReportLang, section: SectionTitle): void {
  const sms = r.campaigns.filter((c) => c.channel === "sms");
  if (sms.length === 0 || !r.smsTotals) return;
  const sw = SMS_WORDS[lang];
  const n = (x: number) => formatInt(x, lang);
  type Figures = NonNullable<MonthlyReport["smsTotals"]>;
  const cells = (s: Figures) => [n(s.sent), n(s.delivered), n(s.failed), n(s.pending), n(s.clicks), n(s.replies), n(s.credits)];
  section(f, sw.campaigns, 50);
  const widths = [undefined, 46, 52, 44, 52, 40, 54, 56];
  const columns: Column[] = sw.campaignColumns.map((label, i) => ({ label, width: widths[i], align: i === 0 ? "left" : "right" }));
  const rows: Row[] = sms.map((c) => ({ cells: [c.name, ...cells(c.sms ?? smsTally([]))] }));
  rows.push({ cells: [WORDS[lang].total, ...cells(r.smsTotals)], bold: true });
  f.table(columns, rows, { wrap: 0, onBreak: () => f.line(`${sw.campaigns} ${TABLE_WORDS[lang].continued}`, { size: 9, bold: true, color: MUTED }, 16) });
  const operators = r.smsOperators ?? [];
  if (operators.length > 0) {
    section(f, sw.operators, 40);
    const opColumns: Column[] = sw.operatorColumns.map((label, i) => ({ label, width: i === 0 ? undefined : 62, align: i === 0 ? "left" : "right" }));
    f.table(
      opColumns,
      operators.map((o) => ({ cells: [operatorLabel(lang, o.operator) ?? o.operator, n(o.sent), n(o.delivered), formatRate(o.sent > 0 ? o.delivered / o.sent : null, lang), n(o.failed), n(o.pending)] })),
    );
  }
  f.line(sw.note, { size: 7.5, color: MUTED }, 12);
}
