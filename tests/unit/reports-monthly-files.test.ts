/**
 * The monthly report's files from the November 2026 fixture: the CSV (sections, Spanish and
 * English headings, the fixture's figures in the right rows, rates as percentage numbers, Lima
 * times, formula injection neutralised), the PDF's number and date formats, WinAnsi text, the
 * page layout (every figure on a page, long reports broken over pages under repeated headers,
 * nothing below the margin) and the PDF bytes themselves, read back with pdf-lib.
 */
import { describe, expect, it } from "vitest";
import { PDFDocument, PDFName } from "pdf-lib";
import { buildMonthlyReport } from "../../shared/reports/monthly";
import { monthlyReportCsv, percent } from "../../shared/reports/monthly-csv";
import { formatDate, formatDateTime, formatInt, formatRate, monthTitle } from "../../shared/reports/monthly-format";
import { layoutMonthlyReport } from "../../shared/reports/monthly-layout";
import { helveticaMeasure, monthlyReportPdf } from "../../shared/reports/monthly-pdf";
import { A4, MARGIN, type Page } from "../../shared/reports/pdf-flow";
import { fitText, winAnsi, wrapText } from "../../shared/reports/pdf-text";
import type { MonthlyReport } from "../../shared/api/schemas-reports";
import { AFTER, novemberInput } from "./monthly-fixture";

const report = buildMonthlyReport(novemberInput(AFTER));
const senderReport = buildMonthlyReport(novemberInput(AFTER, "sender"));

/** The CSV's sections by title: each one's rows as arrays of raw cells (quotes kept). */
function sections(csv: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const block of csv.replace(/^\uFEFF/, "").split("\r\n\r\n")) {
    const [title, ...rows] = block.split("\r\n").filter(Boolean);
    out.set(title!, rows);
  }
  return out;
}

describe("monthlyReportCsv", () => {
  const csv = monthlyReportCsv(report, "es");
  const s = sections(csv);

  it("starts with a BOM and the heading block, in Spanish by default", () => {
    expect(csv.startsWith("\uFEFFReporte mensual de consumo,noviembre de 2026\r\n")).toBe(true);
    expect(s.get("Reporte mensual de consumo,noviembre de 2026")).toEqual([
      "Cuenta,Municipalidad Distrital de Miraflores",
      "Usuario,Toda la cuenta",
      "Periodo (hora de Lima),2026-11-01 — 2026-11-30",
      "Generado (hora de Lima),2026-12-15 07:00",
    ]);
    expect([...s.keys()].slice(1)).toEqual(["Resumen", "Campañas", "Proveedores de correo", "Créditos", "Bolsas de créditos"]);
  });

  it("writes the summary as one figure a line, rates as percentage numbers", () => {
    const summary = s.get("Resumen")!;
    expect(summary[0]).toBe("Indicador,Valor");
    expect(summary).toContain("Enviados,10");
    expect(summary).toContain("Entregados (%),70");
    expect(summary).toContain("Reaperturas (%),71.43");
    expect(summary).toContain("Tasa de clics (%),42.86");
    expect(summary).toContain("Aperturas de máquinas,5");
    expect(summary[summary.length - 1]).toBe('Horas pico (hora de Lima),"09:00 (4); 00:00 (3); 15:00 (3)"');
  });

  it("writes each campaign and the total with every counter, and neutralises a formula in a name", () => {
    const rows = s.get("Campañas")!;
    expect(rows[0]!.split(",").slice(0, 6)).toEqual(["Campaña", "ID de campaña", "Inicio (hora de Lima)", "Enviados", "Entregados", "Entregados (%)"]);
    // B: no sends this month, so its rates are empty cells; the name starts with "'" so Excel shows it as text.
    expect(rows[1]).toBe(`"'=HYPERLINK(""http://x"") Boletín 🎉",cmp_b,2026-10-31 20:00,0,0,,0,0,0,3,2,0,,50,0,0,,0,0,0,0,00:00 (3)`);
    expect(rows[2]).toBe('Convocatoria CAS 2026,cmp_a,2026-11-02 09:05,10,7,70,3,2,1,9,5,2,71.43,80,4,3,42.86,1,1,5,2,"09:00 (4); 15:00 (3); 10:00 (2)"');
    expect(rows[3]).toBe('Total,,,10,7,70,3,2,1,12,7,0,100,71.43,4,3,42.86,1,1,5,2,"09:00 (4); 00:00 (3); 15:00 (3)"');
  });

  it("writes the providers, credits and bags", () => {
    expect(s.get("Proveedores de correo")!.slice(1)).toEqual([
      "Gmail,4,4,100,0,0,0,8,5,0,125,60,3,2,50,0,0,5,0",
      "Outlook / Hotmail / Live,3,2,66.67,1,1,0,1,1,1,50,0,0,0,0,0,0,0,0",
      "Yahoo,1,0,0,1,0,1,0,0,0,,,0,0,,0,0,0,0",
      "Corporativos y otros,2,1,50,1,1,0,3,1,0,100,200,1,1,100,1,1,0,2",
    ]);
    expect(s.get("Créditos")).toEqual(["Canal,Titular,Usados,Devueltos,Recibidos,Vencidos,Saldo", "Correo,Cuenta principal,1180,20,5050,530,3600", "SMS,Cuenta principal,0,0,0,0,0", "Correo,Ana Quispe,40,0,440,100,500"]);
    expect(s.get("Bolsas de créditos")).toEqual([
      "Bolsa,Canal,Otorgados,Restantes,Vigencia hasta (hora de Lima),Vencida",
      "e1,Correo,1000,580,2026-11-19 19:00,sí",
      "e4,Correo,50,50,2026-11-30 07:00,sí",
      "e2,Correo,5000,4100,2027-11-09 19:00,no",
    ]);
  });

  it("speaks English when asked, and leaves bags out of a sub-user's report", () => {
    const en = sections(monthlyReportCsv(senderReport, "en"));
    expect([...en.keys()].slice(1)).toEqual(["Summary", "Campaigns", "Mailbox providers", "Credits"]);
    expect(en.get("Monthly consumption report,November 2026")).toContain("User,Ana Quispe <ana@muni.gob.pe>");
    expect(en.get("Credits")).toEqual(["Channel,Holder,Used,Refunded,Received,Expired,Balance", "Email,Ana Quispe,40,0,440,100,500", "SMS,Ana Quispe,0,0,0,0,0"]);
  });

  it("rounds percentages to two decimals", () => {
    expect([percent(2 / 3), percent(1), percent(0), percent(null)]).toEqual([66.67, 100, 0, null]);
  });
});

describe("PDF formats", () => {
  it("write numbers, rates and dates like the dashboard", () => {
    expect([formatInt(0, "es"), formatInt(999, "es"), formatInt(1000, "es"), formatInt(4_999_000, "es"), formatInt(4_999_000, "en")]).toEqual(["0", "999", "1.000", "4.999.000", "4,999,000"]);
    expect([formatRate(0.125, "es"), formatRate(0.125, "en"), formatRate(0.5, "es"), formatRate(5 / 7, "es"), formatRate(12.5, "es"), formatRate(null, "es")]).toEqual(["12,5\u00a0%", "12.5%", "50\u00a0%", "71,4\u00a0%", "1.250\u00a0%", "—"]);
    expect(formatDateTime(Date.UTC(2026, 10, 29, 14, 15), "es")).toBe("29 nov. 2026, 09:15");
    expect(formatDateTime(Date.UTC(2026, 8, 1, 4, 59), "es")).toBe("31 ago. 2026, 23:59");
    expect(formatDate(Date.UTC(2026, 8, 9, 12), "es")).toBe("9 set. 2026");
    expect(formatDateTime(Date.UTC(2026, 10, 29, 14, 15), "en")).toBe("Nov 29, 2026, 09:15");
    expect([monthTitle("2026-11", "es"), monthTitle("2026-09", "es"), monthTitle("2026-11", "en")]).toEqual(["noviembre de 2026", "setiembre de 2026", "November 2026"]);
  });

  it("reduce text to WinAnsi without losing what Spanish needs", () => {
    expect(winAnsi("¿Campaña «navideña» — 1.º año? ¡Sí!")).toBe("¿Campaña «navideña» — 1.º año? ¡Sí!");
    expect(winAnsi("Boletín 🎉 de 👩🏽‍💻 noviembre 🇵🇪")).toBe("Boletín de noviembre");
    expect(winAnsi("Kraków – Łódź 活动\tfin")).toBe("Kraków – ?ódz ?? fin");
    expect(winAnsi("−5 ≥ 3")).toBe("-5 >= 3");
  });

  it("cut and wrap text to a width", () => {
    const m = (t: string) => t.length * 5;
    expect(fitText("Campaña de fin de año", 40, m)).toBe("Campaña…");
    expect(fitText("Corta", 40, m)).toBe("Corta");
    expect(wrapText("Convocatoria CAS 2026 de la sede central", 60, m, 2)).toEqual(["Convocatoria", "CAS 2026 de…"]);
    expect(wrapText("Dos palabras", 60, m, 2)).toEqual(["Dos palabras"]);
  });
});

const texts = (page: Page) => page.ops.flatMap((o) => (o.kind === "text" ? [o.text] : []));
const allTexts = (pages: Page[]) => pages.flatMap(texts);

/** The fixture report with `n` campaigns in it (copies of campaign A). */
function withCampaigns(n: number): MonthlyReport {
  const a = report.campaigns[1]!;
  return { ...report, campaigns: Array.from({ length: n }, (_, i) => ({ ...a, campaignId: `cmp_${i}`, name: `Campaña número ${i + 1}` })) };
}

describe("layoutMonthlyReport", async () => {
  const measure = await helveticaMeasure();

  it("puts the title, the people and every figure of the fixture on one page", () => {
    const pages = layoutMonthlyReport(report, "es", measure);
    expect(pages).toHaveLength(1);
    const t = allTexts(pages);
    expect(t[0]).toBe("Reporte mensual de consumo — noviembre de 2026");
    expect(t).toContain("Cuenta: Municipalidad Distrital de Miraflores · Usuario: Toda la cuenta");
    expect(t).toContain("Periodo: 1 nov. 2026 – 30 nov. 2026 · Generado: 15 dic. 2026, 07:00 (hora de Lima)");
    // KPI cards: value and caption.
    for (const v of ["10", "70\u00a0%", "7", "71,4\u00a0%", "3", "1", "1.180", "en 2 campañas", "7 de 10", "tasa de apertura 100\u00a0%", "12 aperturas totales", "tasa 42,9\u00a0% · 4 clics", "2 duros · 1 blandos", "1 queja (spam)", "saldo 4.100"]) expect(t).toContain(v);
    expect(t).toContain("Horas pico de apertura (hora de Lima): 09:00 (4) · 00:00 (3) · 15:00 (3)");
    // Campaign A's row: name, sent, delivered %, opens, unique, re-opens %, clicks, bounces, unsubscribed, peaks.
    const row = t.slice(t.indexOf("Convocatoria CAS 2026"), t.indexOf("Convocatoria CAS 2026") + 10);
    expect(row).toEqual(["Convocatoria CAS 2026", "10", "70\u00a0%", "9", "5", "80\u00a0%", "4", "3", "1", "09 · 15 · 10"]);
    // B's name without its emoji, its formula text harmless in a PDF.
    expect(t).toContain('=HYPERLINK("http://x")');
    expect(t).toContain("Boletín");
    expect(t.slice(t.indexOf("Gmail"), t.indexOf("Gmail") + 9)).toEqual(["Gmail", "4", "4", "100\u00a0%", "0", "5", "125\u00a0%", "2", "0"]);
    expect(t.slice(t.indexOf("Ana Quispe") - 1, t.indexOf("Ana Quispe") + 6)).toEqual(["Correo", "Ana Quispe", "40", "0", "440", "100", "500"]);
    expect(t).toContain("Saldo: disponible al cierre del mes.");
    expect(t.slice(t.indexOf("e1") , t.indexOf("e1") + 6)).toEqual(["e1", "Correo", "1.000", "580", "19 nov. 2026, 19:00", "Vencida"]);
    expect(t[t.length - 1]).toBe("Página 1 de 1");
  });

  it("breaks a long campaigns table over pages, repeating its header, with nothing below the margin", () => {
    const pages = layoutMonthlyReport(withCampaigns(120), "es", measure);
    expect(pages.length).toBe(4);
    const t = allTexts(pages);
    for (let i = 1; i <= 120; i++) expect(t.filter((x) => x === `Campaña número ${i}`)).toHaveLength(1);
    // Campaign rows stay in order across the pages.
    const order = t.filter((x) => x.startsWith("Campaña número ")).map((x) => Number(x.slice(15)));
    expect(order).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    pages.forEach((p, i) => {
      expect(texts(p)).toContain(`Página ${i + 1} de 4`);
      for (const o of p.ops) if (o.kind === "text" && !o.text.startsWith("Página") && !o.text.startsWith("Pregón")) expect(o.y).toBeGreaterThanOrEqual(MARGIN.bottom - 1);
      for (const o of p.ops) if (o.kind === "text") expect(o.x).toBeGreaterThanOrEqual(MARGIN.left - 0.01), expect(o.x).toBeLessThanOrEqual(A4.width - MARGIN.right);
    });
    // Pages 2 and 3 continue the table under its header.
    for (const p of pages.slice(1, 3)) expect(texts(p).slice(0, 2)).toEqual(["Campañas (continuación)", "Campaña"]);
  });

  it("says so when there were no campaigns, and leaves bags out of a sub-user's report", () => {
    const empty = allTexts(layoutMonthlyReport(withCampaigns(0), "en", measure));
    expect(empty).toContain("No campaign activity this month.");
    const sender = allTexts(layoutMonthlyReport(senderReport, "es", measure));
    expect(sender).toContain("Cuenta: Municipalidad Distrital de Miraflores · Usuario: Ana Quispe (ana@muni.gob.pe)");
    expect(sender).not.toContain("Bolsas de créditos");
  });

  it("never cuts a figure: a number wider than its column is drawn smaller", () => {
    const big = { ...report, totals: { ...report.totals, sent: 123_456_789 } };
    const op = layoutMonthlyReport(big, "es", measure)[0]!.ops.find((o) => o.kind === "text" && o.text === "123.456.789" && o.size < 7.5);
    expect(op).toBeDefined();
  });
});

describe("monthlyReportPdf", () => {
  it("is a real A4 PDF with one page per laid-out page", async () => {
    const bytes = await monthlyReportPdf(report, "es");
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: A4.width, height: A4.height });
    expect(doc.getTitle()).toBe("Reporte mensual de consumo — noviembre de 2026 — Municipalidad Distrital de Miraflores");
    expect(String(doc.catalog.get(PDFName.of("Lang")))).toBe("(es-PE)");
  });

  it("takes many campaigns, and emoji, without failing", async () => {
    const long = withCampaigns(120);
    long.campaigns[0]!.name = "Día del Niño 👧🏽🎈 — 活动";
    const doc = await PDFDocument.load(await monthlyReportPdf(long, "en"));
    expect(doc.getPageCount()).toBe(4);
  });

  it("gives the same bytes for the same report", async () => {
    expect(Buffer.from(await monthlyReportPdf(report, "es")).equals(Buffer.from(await monthlyReportPdf(report, "es")))).toBe(true);
  });
});
