/**
 * The monthly report's SMS part from the November 2026 fixture plus two SMS campaigns
 * placed by hand: the JSON figures (sent, delivered, failed, pending, clicks, replies, credits;
 * the operators table), the CSV's SMS sections cell by cell in Spanish and English, and the PDF
 * layout: every figure in its row, email tables email only, the SMS tables continued over pages
 * under a repeated header, nothing below the margin, and a sub-user's report with only theirs.
 */
import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { buildMonthlyReport, type CampaignBucket, type MonthlyInput } from "../../shared/reports/monthly";
import { monthlyReportCsv } from "../../shared/reports/monthly-csv";
import { layoutMonthlyReport } from "../../shared/reports/monthly-layout";
import { helveticaMeasure, monthlyReportPdf } from "../../shared/reports/monthly-pdf";
import type { OperatorBucketRow } from "../../shared/reports/monthly-sms";
import { MARGIN, type Page } from "../../shared/reports/pdf-flow";
import type { MonthlyReport } from "../../shared/api/schemas-reports";
import { AFTER, NOV, novemberInput } from "./monthly-fixture";

// Wednesday 4 November 2026, 14:00 UTC = 09:00 in Lima.
const h9 = Date.UTC(2026, 10, 4, 14);
const FORMULA_NAME = '=cmd|"/C calc"!A0 Recordatorio';

const b = (campaignId: string, kind: string, n: number, u = 0, machine = 0, hour = h9): CampaignBucket => ({ campaignId, hour, kind, machine, n, u });
const o = (campaignId: string, operator: string, kind: string, n: number): OperatorBucketRow => ({ campaignId, operator, kind, n });

/** November with two SMS campaigns: s1 (the main pool's) and s2 (the sender's, its name a formula). */
function smsInput(who: "account" | "sender" = "account"): MonthlyInput {
  const base = novemberInput(AFTER, who);
  const sms = [
    { id: "cmp_s1", name: "Aviso de vacunación", channel: "sms" as const, sentBy: null, startedAt: Date.UTC(2026, 10, 4, 13, 55) },
    { id: "cmp_s2", name: FORMULA_NAME, channel: "sms" as const, sentBy: "usr_s", startedAt: Date.UTC(2026, 10, 6, 15) },
  ];
  return {
    ...base,
    campaigns: [...base.campaigns, ...sms.filter((c) => who === "account" || c.sentBy === "usr_s")],
    buckets: [
      ...base.buckets,
      b("cmp_s1", "sms_sent", 5, 5),
      b("cmp_s1", "sms_delivered", 3, 3),
      b("cmp_s1", "sms_failed", 1, 1),
      b("cmp_s1", "click", 2, 2),
      b("cmp_s1", "click", 1, 1, 1), // a link scanner
      b("cmp_s1", "sms_reply", 2, 2),
      b("cmp_s2", "sms_sent", 2, 2),
      b("cmp_s2", "sms_delivered", 2, 2),
      b("cmp_s2", "sms_sent", 9, 9, 0, NOV.from - 3_600_000), // October in Lima: not this month's
    ],
    operatorBuckets: [
      o("cmp_s1", "claro", "sms_sent", 3),
      o("cmp_s1", "claro", "sms_delivered", 2),
      o("cmp_s1", "claro", "sms_failed", 1),
      o("cmp_s1", "movistar", "sms_sent", 2),
      o("cmp_s1", "movistar", "sms_delivered", 1),
      o("cmp_s2", "entel", "sms_sent", 2),
      o("cmp_s2", "entel", "sms_delivered", 2),
      o("cmp_c", "claro", "sms_sent", 50), // a campaign not listed
    ],
    smsCredits: [
      { campaignId: "cmp_s1", credits: 7 },
      { campaignId: "cmp_s2", credits: 4 },
      { campaignId: "cmp_c", credits: 99 },
    ],
  };
}

const report = buildMonthlyReport(smsInput());
const senderReport = buildMonthlyReport(smsInput("sender"));

function sections(csv: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of csv.replace(/^\uFEFF/, "").split("\r\n\r\n")) {
    const [title, ...rows] = block.split("\r\n").filter(Boolean);
    out.set(title!, rows);
  }
  return out;
}
const texts = (page: Page) => page.ops.flatMap((op) => (op.kind === "text" ? [op.text] : []));
const allTexts = (pages: Page[]) => pages.flatMap(texts);
/** The `n` texts from `label` on (a table row: its name and its figures). */
const rowOf = (t: string[], label: string, n: number) => t.slice(t.indexOf(label), t.indexOf(label) + n);

describe("the report's SMS figures", () => {
  it("gives each SMS campaign sent, delivered, failed, pending, clicks, replies and credits, and sums them apart from email", () => {
    const s1 = report.campaigns.find((c) => c.campaignId === "cmp_s1")!;
    expect(s1.sms).toEqual({ sent: 5, delivered: 3, failed: 1, pending: 1, clicks: 2, uniqueClicks: 2, machineClicks: 1, replies: 2, credits: 7 });
    expect(report.campaigns.find((c) => c.campaignId === "cmp_s2")!.sms).toEqual({ sent: 2, delivered: 2, failed: 0, pending: 0, clicks: 0, uniqueClicks: 0, machineClicks: 0, replies: 0, credits: 4 });
    expect(report.smsTotals).toEqual({ sent: 7, delivered: 5, failed: 1, pending: 1, clicks: 2, uniqueClicks: 2, machineClicks: 1, replies: 2, credits: 11 });
    // Email totals as in the email-only fixture.
    expect(report.totals.sent).toBe(10);
    expect(report.smsOperators).toEqual([
      { operator: "claro", sent: 3, delivered: 2, failed: 1, pending: 0 },
      { operator: "movistar", sent: 2, delivered: 1, failed: 0, pending: 1 },
      { operator: "entel", sent: 2, delivered: 2, failed: 0, pending: 0 },
    ]);
  });

  it("keeps a sub-user's report to their SMS campaigns and operators", () => {
    expect(senderReport.campaigns.filter((c) => c.channel === "sms").map((c) => c.campaignId)).toEqual(["cmp_s2"]);
    expect(senderReport.smsTotals).toMatchObject({ sent: 2, delivered: 2, credits: 4 });
    expect(senderReport.smsOperators).toEqual([{ operator: "entel", sent: 2, delivered: 2, failed: 0, pending: 0 }]);
  });

  it("never counts a pending below zero (a receipt this month of last month's send)", () => {
    const late = buildMonthlyReport({ ...smsInput(), buckets: [b("cmp_s1", "sms_delivered", 4, 4)], operatorBuckets: [], smsCredits: [] });
    expect(late.campaigns.find((c) => c.campaignId === "cmp_s1")!.sms).toMatchObject({ sent: 0, delivered: 4, pending: 0, credits: 0 });
  });
});

describe("the CSV's SMS sections", () => {
  const s = sections(monthlyReportCsv(report, "es"));

  it("come after the mailbox providers; the email campaigns section lists email campaigns only", () => {
    expect([...s.keys()].slice(1)).toEqual(["Resumen", "Campañas", "Proveedores de correo", "Campañas SMS", "SMS por operador", "Créditos", "Bolsas de créditos"]);
    expect(s.get("Campañas")!.map((r) => r.split(",")[1])).toEqual(["ID de campaña", "cmp_b", "cmp_a", ""]);
  });

  it("write each SMS campaign and the total cell by cell, with a formula in a name neutralised", () => {
    expect(s.get("Campañas SMS")).toEqual([
      "Campaña,ID de campaña,Inicio (hora de Lima),Enviados,Entregados,Entregados (%),Fallidos,Pendientes,Clics,Clics únicos,Respuestas,Créditos (segmentos)",
      "Aviso de vacunación,cmp_s1,2026-11-04 08:55,5,3,60,1,1,2,2,2,7",
      `"'=cmd|""/C calc""!A0 Recordatorio",cmp_s2,2026-11-06 10:00,2,2,100,0,0,0,0,0,4`,
      "Total,,,7,5,71.43,1,1,2,2,2,11",
    ]);
  });

  it("write the operators with the dashboard's names", () => {
    expect(s.get("SMS por operador")).toEqual(["Operador,Enviados,Entregados,Entregados (%),Fallidos,Pendientes", "Claro,3,2,66.67,1,0", "Movistar,2,1,50,0,1", "Entel,2,2,100,0,0"]);
  });

  it("speak English when asked, and are absent from a month without SMS campaigns", () => {
    const en = sections(monthlyReportCsv(senderReport, "en"));
    expect(en.get("SMS campaigns")).toEqual([
      "Campaign,Campaign ID,Started (Lima time),Sent,Delivered,Delivered (%),Failed,Pending,Clicks,Unique clicks,Replies,Credits (segments)",
      `"'=cmd|""/C calc""!A0 Recordatorio",cmp_s2,2026-11-06 10:00,2,2,100,0,0,0,0,0,4`,
      "Total,,,2,2,100,0,0,0,0,0,4",
    ]);
    expect(en.get("SMS by operator")).toEqual(["Operator,Sent,Delivered,Delivered (%),Failed,Pending", "Entel,2,2,100,0,0"]);
    const none = sections(monthlyReportCsv(buildMonthlyReport(novemberInput(AFTER)), "es"));
    expect([...none.keys()].some((k) => k.includes("SMS"))).toBe(false);
  });
});

describe("the PDF's SMS tables", async () => {
  const measure = await helveticaMeasure();

  it("show every SMS figure in its row, the operators, and keep the email table and KPI email only", () => {
    const pages = layoutMonthlyReport(report, "es", measure);
    const t = allTexts(pages);
    expect(t).toContain("en 2 campañas");
    expect(t.filter((x) => x === "Aviso de vacunación")).toHaveLength(1);
    expect(t).toContain("Campañas SMS");
    expect(t).toContain("SMS por operador");
    expect(rowOf(t, "Aviso de vacunación", 8)).toEqual(["Aviso de vacunación", "5", "3", "1", "1", "2", "2", "7"]);
    expect(rowOf(t, FORMULA_NAME, 8)).toEqual([FORMULA_NAME, "2", "2", "0", "0", "0", "0", "4"]);
    // The SMS total is the table's last row, after the email table's own total.
    const smsTotal = t.lastIndexOf("Total");
    expect(t.slice(smsTotal, smsTotal + 8)).toEqual(["Total", "7", "5", "1", "1", "2", "2", "11"]);
    expect(rowOf(t, "Claro", 6)).toEqual(["Claro", "3", "2", "66,7\u00a0%", "1", "0"]);
    expect(rowOf(t, "Movistar", 6)).toEqual(["Movistar", "2", "1", "50\u00a0%", "0", "1"]);
    expect(rowOf(t, "Entel", 6)).toEqual(["Entel", "2", "2", "100\u00a0%", "0", "0"]);
    // Headings: the credits column says what a credit is.
    expect(t).toContain("Créditos");
    expect(t).toContain("(segmentos)");
    expect(t).toContain("SMS: enviados = aceptados por el proveedor; pendientes = sin recibo final en el mes; créditos = segmentos cobrados en el mes, menos devoluciones.");
  });

  it("say so when a month had SMS campaigns only", () => {
    const only: MonthlyReport = { ...report, campaigns: report.campaigns.filter((c) => c.channel === "sms") };
    const t = allTexts(layoutMonthlyReport(only, "en", measure));
    expect(t).toContain("No email campaigns this month (SMS campaigns are further down).");
    expect(t).not.toContain("No campaign activity this month.");
    expect(t).toContain("SMS campaigns");
  });

  it("continue a long SMS table over pages under its repeated header, nothing below the margin", () => {
    const s1 = report.campaigns.find((c) => c.campaignId === "cmp_s1")!;
    const many: MonthlyReport = { ...report, campaigns: Array.from({ length: 90 }, (_, i) => ({ ...s1, campaignId: `cmp_${i}`, name: `Aviso SMS ${i + 1}` })) };
    const pages = layoutMonthlyReport(many, "es", measure);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const t = allTexts(pages);
    const order = t.filter((x) => x.startsWith("Aviso SMS ")).map((x) => Number(x.slice(10)));
    expect(order).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(t.filter((x) => x === "Campañas SMS (continuación)").length).toBe(pages.length - 1 - (texts(pages[pages.length - 1]!).some((x) => x.startsWith("Aviso SMS")) ? 0 : 1));
    pages.forEach((p, i) => {
      expect(texts(p)).toContain(`Página ${i + 1} de ${pages.length}`);
      for (const op of p.ops) if (op.kind === "text" && !op.text.startsWith("Página") && !op.text.startsWith("Pregón")) expect(op.y).toBeGreaterThanOrEqual(MARGIN.bottom - 1);
    });
  });

  it("paint into a PDF that parses", async () => {
    const doc = await PDFDocument.load(await monthlyReportPdf(report, "es"));
    expect(doc.getPageCount()).toBe(layoutMonthlyReport(report, "es", measure).length);
  });
});
