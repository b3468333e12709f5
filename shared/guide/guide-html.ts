/**
 * The usage guide (W5) as one self-contained, accessible HTML page for `/guia`: `lang` set, one
 * `h1`, an `h2` per section with a table of contents linking to them, lists as `ul`, terms as
 * `dl`, a readable measure, system fonts, AA contrast, and a link to the PDF. No script and no
 * external resource, so it loads anywhere (a phone on a slow network) and prints cleanly.
 */
import type { Guide, GuideBlock } from "./guide";
import { escapeHtml } from "../email/merge";

const STYLE = [
  "body{margin:0;font:16px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2937;background:#f8fafc}",
  "main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem 3rem;background:#fff}",
  "h1{font-size:1.9rem;line-height:1.2;color:#1c4a7d;margin:0 0 .25rem}",
  ".subtitle{color:#4b5563;margin:0 0 1.5rem}",
  "h2{font-size:1.3rem;color:#1c4a7d;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid #e5e7eb}",
  "dt{font-weight:700;margin-top:.6rem}dd{margin:0 0 0 1rem}",
  "nav ol{padding-left:1.25rem}a{color:#1d4ed8}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}",
  ".pdf{display:inline-block;margin:.5rem 0 1rem;font-weight:600}",
  "@media print{nav,.pdf{display:none}main{padding:0}}",
].join("");

function block(b: GuideBlock): string {
  if (b.kind === "p") return `<p>${escapeHtml(b.text)}</p>`;
  if (b.kind === "list") return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  return `<dl>${b.items.map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join("")}</dl>`;
}

/**
 * The whole page; `pdfHref` is where the PDF is served (relative, so it works behind any host).
 * @example guideHtml(guide("es"), "/guia.pdf").startsWith("<!doctype html><html lang=\"es\">") // true
 */
export function guideHtml(g: Guide, pdfHref: string): string {
  const words = g.lang === "es" ? { toc: "Contenido", pdf: "Descargar la guía en PDF" } : { toc: "Contents", pdf: "Download the guide as PDF" };
  const toc = g.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join("");
  const sections = g.sections.map((s) => `<section aria-labelledby="${s.id}"><h2 id="${s.id}">${escapeHtml(s.title)}</h2>${s.blocks.map(block).join("")}</section>`).join("");
  return (
    `<!doctype html><html lang="${g.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(g.title)}</title><style>${STYLE}</style></head><body><main>` +
    `<h1>${escapeHtml(g.title)}</h1><p class="subtitle">${escapeHtml(g.subtitle)}</p>` +
    `<a class="pdf" href="${escapeHtml(pdfHref)}">${escapeHtml(words.pdf)}</a>` +
    `<p>${escapeHtml(g.intro)}</p>` +
    `<nav aria-label="${words.toc}"><h2>${words.toc}</h2><ol>${toc}</ol></nav>${sections}` +
    `</main></body></html>`
  );
}
