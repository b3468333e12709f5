/**
 * The words of the monthly report email to an account's owner (R1), apart from any sending:
 * a Spanish subject and a short text and HTML body with the month's headline numbers (sends,
 * delivery, opens, clicks, bounces, unsubscribes, credit left and when bags expire). The PDF
 * and CSV travel as attachments (workers/reports/monthly-mail.ts). Figures are written as the
 * report itself writes them (shared/reports/monthly-format.ts): "1.234", "45,3 %", "29 nov. 2026".
 */
import type { MonthlyReport } from "../api/schemas-reports";
import { escapeHtml } from "../email/merge";
import { formatDate, formatInt, formatRate, monthTitle } from "../reports/monthly-format";

export type ReportMailContent = { subject: string; text: string; html: string };

const int = (n: number) => formatInt(n, "es");
const withRate = (n: number, rate: number | null) => (rate === null ? int(n) : `${int(n)} (${formatRate(rate, "es")})`);

/**
 * Subject, text and HTML of the monthly email for `report`; `dashboardUrl` adds a link to the
 * on-screen report.
 * @example reportMailContent(report).subject // "Reporte de consumo de octubre de 2026 · Municipalidad de Lima"
 */
export function reportMailContent(report: MonthlyReport, dashboardUrl?: string | null): ReportMailContent {
  const t = report.totals;
  const month = monthTitle(report.month, "es");
  const credit = (channel: "email" | "sms") => report.credits.filter((c) => c.channel === channel && c.holder === "main").reduce((sum, c) => sum + c.balance, 0);
  const rows: [string, string][] = [
    ["Campañas con actividad", int(report.campaigns.length)],
    ["Enviados", int(t.sent)],
    ["Entregados", withRate(t.delivered, t.deliveredRate)],
    ["Aperturas únicas", withRate(t.uniqueOpens, t.openRate)],
    ["Clics únicos", withRate(t.uniqueClicks, t.clickRate)],
    ["Rebotes", `${int(t.bounced)} (${int(t.hardBounces)} duros, ${int(t.softBounces)} blandos)`],
    ["Bajas", int(t.unsubscribed)],
    ["Quejas", int(t.complaints)],
    ["Créditos de email disponibles", int(credit("email"))],
    ["Créditos de SMS disponibles", int(credit("sms"))],
  ];
  const expiring = report.bags
    .filter((b) => !b.expired && b.remaining > 0)
    .map((b) => `${int(b.remaining)} ${b.channel === "sms" ? "SMS" : "emails"} vencen el ${formatDate(Date.parse(b.expiresAt), "es")}`);
  const intro = `Este es el reporte de consumo de ${month} de ${report.account.name}.`;
  const attached = "Adjuntamos el reporte completo en PDF y en CSV (para Excel).";
  const footer = "Este mensaje se envía automáticamente el primer día de cada mes.";
  const text = [
    "Hola:",
    "",
    intro,
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(expiring.length ? ["", "Vencimiento de créditos:", ...expiring.map((e) => `- ${e}`)] : []),
    "",
    attached,
    ...(dashboardUrl ? [`También puede verlo en el panel: ${dashboardUrl}`] : []),
    "",
    footer,
  ].join("\n");
  const cell = "padding:4px 12px;border-bottom:1px solid #e5e7eb";
  const html =
    `<!doctype html><html lang="es"><body style="font-family:Arial,Helvetica,sans-serif;color:#111827;font-size:14px">` +
    `<p>Hola:</p><p>${escapeHtml(intro)}</p>` +
    `<table style="border-collapse:collapse">${rows.map(([k, v]) => `<tr><td style="${cell}">${escapeHtml(k)}</td><td style="${cell};text-align:right"><strong>${escapeHtml(v)}</strong></td></tr>`).join("")}</table>` +
    (expiring.length ? `<p>Vencimiento de créditos:</p><ul>${expiring.map((e) => `<li>${escapeHtml(e)}</li>`).join("")}</ul>` : "") +
    `<p>${escapeHtml(attached)}</p>` +
    (dashboardUrl ? `<p><a href="${escapeHtml(dashboardUrl)}">Ver el reporte en el panel</a></p>` : "") +
    `<p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p></body></html>`;
  return { subject: `Reporte de consumo de ${month} · ${report.account.name}`, text, html };
}
