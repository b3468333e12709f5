/**
 * The monthly report (R1) as a real A4 PDF, made with pdf-lib: pure JavaScript, so it runs inside
 * the Worker (no headless browser, no native code), and the standard Helvetica needs no font file.
 * monthly-layout.ts decides what goes where; this file only paints its operations, so what the
 * tests check in the layout is what the PDF shows. The document's dates are the report's
 * `generatedAt`, so the same report always gives the same bytes.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import type { MonthlyReport, ReportLang } from "../api/schemas-reports";
import { A4, type Measure, type Page, type Rgb } from "./pdf-flow";
import { layoutMonthlyReport } from "./monthly-layout";
import { monthTitle } from "./monthly-format";
import { WORDS } from "./monthly-labels";

const color = (c: Rgb) => rgb(c[0], c[1], c[2]);

/** Paints laid-out pages onto `doc` (also used by the usage guide's PDF, shared/guide/guide-pdf.ts). */
export function paint(doc: PDFDocument, pages: readonly Page[], fonts: { regular: PDFFont; bold: PDFFont }): void {
  for (const p of pages) {
    const page = doc.addPage([A4.width, A4.height]);
    for (const op of p.ops) {
      if (op.kind === "text") page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? fonts.bold : fonts.regular, color: color(op.color) });
      else if (op.kind === "rect")
        page.drawRectangle({ x: op.x, y: op.y, width: op.w, height: op.h, ...(op.fill ? { color: color(op.fill) } : {}), ...(op.stroke ? { borderColor: color(op.stroke), borderWidth: 0.6 } : {}) });
      else page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.width, color: color(op.color) });
    }
  }
}

/** Helvetica and Helvetica-Bold embedded in `doc` (standard fonts: nothing to ship). */
export async function fontsOf(doc: PDFDocument) {
  return { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
}

export const measureWith = (fonts: { regular: PDFFont; bold: PDFFont }): Measure => (text, size, bold) => (bold ? fonts.bold : fonts.regular).widthOfTextAtSize(text, size);

/**
 * Helvetica's metrics, for laying the report out without writing a PDF (the tests use it).
 * @example const measure = await helveticaMeasure(); measure("Enviados", 9, false) // ≈ 35.5
 */
export async function helveticaMeasure(): Promise<Measure> {
  return measureWith(await fontsOf(await PDFDocument.create()));
}

/**
 * The report as PDF bytes (A4, Spanish by default).
 * @example const bytes = await monthlyReportPdf(report, "es") // Uint8Array starting with "%PDF-"
 */
export async function monthlyReportPdf(report: MonthlyReport, lang: ReportLang): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const at = new Date(report.generatedAt);
  doc.setTitle(`${WORDS[lang].title} — ${monthTitle(report.month, lang)} — ${report.account.name}`);
  doc.setAuthor(report.account.name);
  doc.setCreator("Pregón");
  doc.setProducer("Pregón (pdf-lib)");
  doc.setLanguage(lang === "es" ? "es-PE" : "en");
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const fonts = await fontsOf(doc);
  paint(doc, layoutMonthlyReport(report, lang, measureWith(fonts)), fonts);
  // pdf-lib types its output loosely (ArrayBufferLike); it is a plain ArrayBuffer, which Response bodies need.
  return (await doc.save()) as Uint8Array<ArrayBuffer>;
}
