/**
 * The usage guide (W5) as an A4 PDF made with pdf-lib, for `/guia.pdf` and the welcome mail's
 * attachment. Laid out with the reports' page flow (shared/reports/pdf-flow.ts: new pages as
 * text runs past the bottom margin, WinAnsi text) and painted by the monthly report's painter,
 * so both PDFs look alike. Paragraphs are wrapped to the content width; list items get a bullet
 * and a hanging indent. `layoutGuide` is exported so the tests read the text back per page.
 */
import { PDFDocument } from "pdf-lib";
import type { Guide } from "./guide";
import { ACCENT, CONTENT_WIDTH, Flow, MARGIN, MUTED, type Measure, type Page } from "../reports/pdf-flow";
import { winAnsi, wrapText } from "../reports/pdf-text";
import { fontsOf, measureWith, paint } from "../reports/monthly-pdf";

const BODY = 10;
const LEADING = BODY * 1.45;
const INDENT = 14;

/** `text` wrapped to `width` at the body size, with no limit on lines. */
function wrap(text: string, width: number, measure: Measure, bold = false): string[] {
  return wrapText(winAnsi(text), width, (t) => measure(t, BODY, bold), 1000);
}

/** Lines of text at `x`, moving down; a new page when the next line does not fit. */
function lines(flow: Flow, rows: readonly string[], x: number, bold = false): void {
  for (const row of rows) {
    flow.ensure(LEADING);
    flow.y -= LEADING;
    flow.text(row, x, flow.y + LEADING * 0.28, { size: BODY, bold });
  }
}

/**
 * The guide's pages as drawing operations (A4, points), with "Página n de m" footers.
 * @example layoutGuide(guide("es"), measure).length // 3
 */
export function layoutGuide(g: Guide, measure: Measure): Page[] {
  const flow = new Flow(measure);
  flow.line(g.title, { size: 20, bold: true, color: ACCENT }, 28);
  flow.line(g.subtitle, { size: 11, color: MUTED }, 18);
  flow.gap(8);
  lines(flow, wrap(g.intro, CONTENT_WIDTH, measure), MARGIN.left);
  for (const section of g.sections) {
    flow.gap(10);
    // A heading never sits alone at the bottom of a page.
    flow.ensure(20 + 2 * LEADING);
    flow.line(section.title, { size: 13, bold: true, color: ACCENT }, 20);
    flow.gap(2);
    for (const block of section.blocks) {
      if (block.kind === "p") lines(flow, wrap(block.text, CONTENT_WIDTH, measure), MARGIN.left);
      else if (block.kind === "list") {
        for (const item of block.items) {
          const rows = wrap(item, CONTENT_WIDTH - INDENT, measure);
          flow.ensure(LEADING * Math.min(2, rows.length));
          flow.text("•", MARGIN.left + 3, flow.y - LEADING + LEADING * 0.28, { size: BODY });
          lines(flow, rows, MARGIN.left + INDENT);
          flow.gap(2);
        }
      } else {
        for (const [term, text] of block.items) {
          const rows = wrap(text, CONTENT_WIDTH - INDENT, measure);
          // A term stays on the page of its explanation.
          flow.ensure(LEADING * (1 + rows.length));
          lines(flow, [winAnsi(term)], MARGIN.left, true);
          lines(flow, rows, MARGIN.left + INDENT);
          flow.gap(3);
        }
      }
      flow.gap(4);
    }
  }
  const of = g.lang === "es" ? "de" : "of";
  const pageWord = g.lang === "es" ? "Página" : "Page";
  return flow.finish((f, i, n) => {
    f.text(`${g.title} · ${pageWord} ${i + 1} ${of} ${n}`, MARGIN.left, MARGIN.bottom - 24, { size: 8, color: MUTED });
  });
}

/**
 * The guide as PDF bytes; `at` fixes the document's dates so the same guide gives the same bytes.
 * @example const pdf = await guidePdf(guide("es"), new Date(0)) // Uint8Array starting with "%PDF-"
 */
export async function guidePdf(g: Guide, at: Date): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  doc.setTitle(g.title);
  doc.setAuthor("Pregón");
  doc.setCreator("Pregón");
  doc.setProducer("Pregón (pdf-lib)");
  doc.setLanguage(g.lang === "es" ? "es-PE" : "en");
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const fonts = await fontsOf(doc);
  paint(doc, layoutGuide(g, measureWith(fonts)), fonts);
  return (await doc.save()) as Uint8Array<ArrayBuffer>;
}
