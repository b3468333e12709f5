/**
 * Where everything of the monthly report's PDF goes, pure: heading, eight KPI cards (email), the
 * email campaigns table (continued on further pages under a repeated header when long), mailbox
 * providers, the SMS campaigns and operators when there were any (monthly-sms-layout.ts), credits and bags, notes, and a footer with "Página n de N" on every page. It returns
 * drawing operations (pdf-flow.ts), so the tests read the exact text and page of every figure
 * without parsing a PDF, and monthly-pdf.ts only paints them.
 */
import type { MonthlyReport, ReportLang } from "../api/schemas-reports";
import { ACCENT, A4, CONTENT_WIDTH, Flow, MARGIN, MUTED, RULE, type Column, type Measure, type Page, type Row } from "./pdf-flow";
import { formatDate, formatDateTime, formatInt, formatRate, monthTitle } from "./monthly-format";
import { CHANNEL_NAMES, holderLabel, PROVIDER_NAMES, WORDS } from "./monthly-labels";
import { TABLE_WORDS } from "./monthly-pdf-words";
import { smsLayout } from "./monthly-sms-layout";
import { SMS_WORDS } from "./monthly-sms-labels";

const CARD_GAP = 8;
const CARD_H = 50;

/** The peak hours of a row as "09 · 10 · 15" (Lima hours of the day). */
const peakCell = (p: readonly { hour: number }[]) => p.map((h) => String(h.hour).padStart(2, "0")).join(" · ");

function heading(f: Flow, r: MonthlyReport, lang: ReportLang): void {
  const w = WORDS[lang];
  f.line(`${w.title} — ${monthTitle(r.month, lang)}`, { size: 17, bold: true, color: ACCENT }, 24);
  const who = r.user ? `${r.user.name} (${r.user.email})` : w.wholeAccount;
  f.line(`${w.account}: ${r.account.name} · ${w.user}: ${who}`, { size: 10 }, 16);
  const period = `${formatDate(Date.parse(r.from), lang)} – ${formatDate(Date.parse(r.to) - 1, lang)}`;
  f.line(`${w.period}: ${period} · ${w.generated}: ${formatDateTime(Date.parse(r.generatedAt), lang)} (${w.limaTime})`, { size: 8.5, color: MUTED }, 14);
  f.gap(8);
  f.rule(ACCENT, 1.2);
  f.gap(12);
}

function kpis(f: Flow, r: MonthlyReport, lang: ReportLang): void {
  const k = TABLE_WORDS[lang].kpi;
  const t = r.totals;
  const n = (x: number) => formatInt(x, lang);
  const pct = (x: number | null) => formatRate(x, lang);
  const email = r.credits.filter((c) => c.channel === "email");
  const cards: [string, string, string][] = [
    [k.sent, n(t.sent), k.campaigns(n(r.campaigns.filter((c) => c.channel !== "sms").length))],
    [k.delivered, pct(t.deliveredRate), k.of(n(t.delivered), n(t.sent))],
    [k.uniqueOpens, n(t.uniqueOpens), k.openRate(pct(t.openRate))],
    [k.reopens, pct(t.reopenRate), k.totalOpens(n(t.opens))],
    [k.uniqueClicks, n(t.uniqueClicks), k.clickRate(pct(t.clickRate), n(t.clicks))],
    [k.bounces, n(t.bounced), k.hardSoft(n(t.hardBounces), n(t.softBounces))],
    [k.unsubscribed, n(t.unsubscribed), k.complaints(n(t.complaints))],
    [k.creditsUsed, n(email.reduce((s, c) => s + c.used, 0)), k.balance(n(email.reduce((s, c) => s + c.balance, 0)))],
  ];
  const cw = (CONTENT_WIDTH - 3 * CARD_GAP) / 4;
  for (let row = 0; row < 2; row++) {
    const top = f.y;
    cards.slice(row * 4, row * 4 + 4).forEach(([label, value, sub], i) => {
      const x = MARGIN.left + i * (cw + CARD_GAP);
      f.rect(x, top - CARD_H, cw, CARD_H, [0.985, 0.99, 1], RULE);
      f.text(label, x + 8, top - 12, { size: 7.5, color: MUTED, maxWidth: cw - 16 });
      f.text(value, x + 8, top - 31, { size: 16, bold: true, color: ACCENT, maxWidth: cw - 16, shrink: true });
      f.text(sub, x + 8, top - 43, { size: 7.5, color: MUTED, maxWidth: cw - 16 });
    });
    f.gap(CARD_H + CARD_GAP);
  }
  const peaks = r.peakHours.map((p) => `${String(p.hour).padStart(2, "0")}:00 (${n(p.opens)})`).join(" · ");
  f.line(`${k.peakHours}: ${peaks || "—"}`, { size: 8.5 }, 13);
  f.line(k.machine(n(t.machineOpens), n(t.machineClicks)), { size: 8.5, color: MUTED }, 13);
}

/** A section title kept on the same page as at least `keep` points of what follows it. */
function section(f: Flow, title: string, keep: number): void {
  f.gap(10);
  f.ensure(20 + keep);
  f.line(title, { size: 11.5, bold: true, color: ACCENT }, 18);
  f.gap(4);
}

function campaigns(f: Flow, r: MonthlyReport, lang: ReportLang): void {
  const tw = TABLE_WORDS[lang];
  section(f, WORDS[lang].campaigns, 50);
  // SMS campaigns have their own table (monthly-sms-layout.ts): the total here is email only.
  const email = r.campaigns.filter((c) => c.channel !== "sms");
  if (email.length === 0) {
    f.line(r.campaigns.length === 0 ? WORDS[lang].noCampaigns : SMS_WORDS[lang].noEmailCampaigns, { size: 9, color: MUTED });
    return;
  }
  const widths = [undefined, 44, 48, 46, 46, 51, 38, 40, 50, 52];
  const columns: Column[] = tw.campaignColumns.map((label, i) => ({ label, width: widths[i], align: i === 0 ? "left" : "right" }));
  const n = (x: number) => formatInt(x, lang);
  const cells = (c: MonthlyReport["totals"], peaks: readonly { hour: number }[]) => [n(c.sent), formatRate(c.deliveredRate, lang), n(c.opens), n(c.uniqueOpens), formatRate(c.reopenRate, lang), n(c.clicks), n(c.bounced), n(c.unsubscribed), peakCell(peaks)];
  const rows: Row[] = email.map((c) => ({ cells: [c.name, ...cells(c, c.peakHours)] }));
  rows.push({ cells: [WORDS[lang].total, ...cells(r.totals, r.peakHours)], bold: true });
  f.table(columns, rows, { wrap: 0, onBreak: () => f.line(`${WORDS[lang].campaigns} ${tw.continued}`, { size: 9, bold: true, color: MUTED }, 16) });
}

function providers(f: Flow, r: MonthlyReport, lang: ReportLang): void {
  section(f, WORDS[lang].providers, 80);
  const n = (x: number) => formatInt(x, lang);
  const columns: Column[] = TABLE_WORDS[lang].providerColumns.map((label, i) => ({ label, width: i === 0 ? undefined : 50, align: i === 0 ? "left" : "right" }));
  const rows = r.providers.map((p) => ({
    cells: [PROVIDER_NAMES[lang][p.provider], n(p.sent), n(p.delivered), formatRate(p.deliveredRate, lang), n(p.bounced), n(p.uniqueOpens), formatRate(p.openRate, lang), n(p.uniqueClicks), n(p.unsubscribed)],
  }));
  f.table(columns, rows);
}

function credits(f: Flow, r: MonthlyReport, lang: ReportLang, live: boolean): void {
  const w = WORDS[lang];
  section(f, w.credits, 50);
  const n = (x: number) => formatInt(x, lang);
  const widths = [56, undefined, 62, 62, 62, 62, 68];
  const columns: Column[] = [w.channel, w.holder, w.used, w.refunded, w.granted, w.expired, w.balance].map((label, i) => ({ label, width: widths[i], align: i < 2 ? "left" : "right" }));
  f.table(columns, r.credits.map((c) => ({ cells: [CHANNEL_NAMES[lang][c.channel], holderLabel(c, lang), n(c.used), n(c.refunded), n(c.granted), n(c.expired), n(c.balance)] })));
  f.line(live ? w.balanceNow : w.balanceEnd, { size: 7.5, color: MUTED }, 12);
}

function bags(f: Flow, r: MonthlyReport, lang: ReportLang): void {
  const w = WORDS[lang];
  const tw = TABLE_WORDS[lang];
  section(f, w.bags, 40);
  if (r.bags.length === 0) {
    f.line(w.noBags, { size: 9, color: MUTED });
    return;
  }
  const widths = [84, 60, 76, 76, undefined, 70];
  const columns: Column[] = [w.bag, w.channel, w.bagGranted, w.remaining, w.expiresAt, tw.state].map((label, i) => ({ label, width: widths[i], align: i === 2 || i === 3 ? "right" : "left" }));
  f.table(
    columns,
    r.bags.map((b) => ({ cells: [b.id.slice(0, 8), CHANNEL_NAMES[lang][b.channel], formatInt(b.granted, lang), formatInt(b.remaining, lang), formatDateTime(Date.parse(b.expiresAt), lang), b.expired ? w.bagExpired : tw.valid] })),
  );
}

/**
 * The pages of the report, each a list of drawing operations.
 * @example layoutMonthlyReport(report, "es", measure)[0].ops.find((o) => o.kind === "text")?.text // "Reporte mensual de consumo — noviembre de 2026"
 */
export function layoutMonthlyReport(report: MonthlyReport, lang: ReportLang, measure: Measure): Page[] {
  const w = WORDS[lang];
  const f = new Flow(measure);
  heading(f, report, lang);
  kpis(f, report, lang);
  campaigns(f, report, lang);
  providers(f, report, lang);
  smsLayout(f, report, lang, section);
  credits(f, report, lang, Date.parse(report.generatedAt) < Date.parse(report.to));
  if (!report.user) bags(f, report, lang);
  section(f, TABLE_WORDS[lang].notesTitle, 24);
  f.line(w.notes, { size: 7.5, color: MUTED }, 11);
  f.line(TABLE_WORDS[lang].notes2, { size: 7.5, color: MUTED }, 11);
  return f.finish((page, i, count) => {
    const y = MARGIN.bottom - 22;
    page.ops.push({ kind: "line", x1: MARGIN.left, y1: y + 11, x2: A4.width - MARGIN.right, y2: y + 11, width: 0.5, color: RULE });
    page.text(`Pregón · ${w.title} · ${monthTitle(report.month, lang)} · ${report.account.name}`, MARGIN.left, y, { size: 7.5, color: MUTED, maxWidth: CONTENT_WIDTH - 90 });
    page.text(w.page(i + 1, count), A4.width - MARGIN.right, y, { size: 7.5, color: MUTED, align: "right" });
  });
}
