/**
 * The archive's public HTML pages (W6), in Spanish with lang="es": the list of published
 * campaigns (newest first, paged) and the "not found" page. Plain, accessible HTML with one small
 * stylesheet and no script; every value from the account or a campaign is escaped here.
 */
import { escapeHtml } from "../email/merge";
import { longDateLima } from "../email/merge-format";

export type ArchiveEntry = { title: string; url: string; summary: string; date: number };
export type ArchiveIndex = {
  title: string;
  description: string | null;
  url: string;
  rssUrl: string;
  atomUrl: string;
  entries: ArchiveEntry[];
  page: number;
  /** Whether an older page exists. */
  hasMore: boolean;
};

/** Campaigns per page of the archive list. */
export const ARCHIVE_PAGE_SIZE = 20;

const STYLE = `*{box-sizing:border-box}body{margin:0;background:#f5f7fa;color:#1f2933;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem 3rem}header{border-bottom:1px solid #d9e2ec;margin-bottom:1.5rem;padding-bottom:1rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}p.lead{margin:0 0 .75rem;color:#3e4c59}.feeds{font-size:.9rem;margin:0}
a{color:#0b5cab}a:hover{color:#084a8a}a:focus-visible{outline:3px solid #f0b429;outline-offset:2px;border-radius:2px}
ol.entries{list-style:none;margin:0;padding:0}ol.entries li{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
ol.entries h2{font-size:1.15rem;line-height:1.35;margin:0 0 .25rem}ol.entries time{display:block;font-size:.875rem;color:#52606d;margin-bottom:.4rem}
ol.entries p{margin:0;color:#3e4c59}nav.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:1.5rem}.empty{background:#fff;border:1px dashed #9aa5b1;border-radius:8px;padding:1.5rem;text-align:center}`;

function shell(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${head}<style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * The archive's list page.
 * @example archiveIndexHtml({ title: "Avisos", description: null, url: u, rssUrl: r, atomUrl: a, entries: [], page: 1, hasMore: false }).includes('lang="es"') // true
 */
export function archiveIndexHtml(a: ArchiveIndex): string {
  const e = escapeHtml;
  const head = `
<meta name="description" content="${e(a.description ?? a.title)}">
<link rel="canonical" href="${e(a.page > 1 ? `${a.url}?pagina=${a.page}` : a.url)}">
<link rel="alternate" type="application/rss+xml" title="${e(a.title)} (RSS)" href="${e(a.rssUrl)}">
<link rel="alternate" type="application/atom+xml" title="${e(a.title)} (Atom)" href="${e(a.atomUrl)}">`;
  const items = a.entries
    .map(
      (x) => `<li><article><h2><a href="${e(x.url)}">${e(x.title)}</a></h2><time datetime="${new Date(x.date).toISOString()}">${e(longDateLima(new Date(x.date)))}</time>${x.summary ? `<p>${e(x.summary)}</p>` : ""}</article></li>`,
    )
    .join("\n");
  const list = a.entries.length ? `<ol class="entries">\n${items}\n</ol>` : `<p class="empty">Todavía no hay comunicados publicados.</p>`;
  const newer = a.page > 1 ? `<a href="${e(a.page === 2 ? a.url : `${a.url}?pagina=${a.page - 1}`)}" rel="prev">← Más recientes</a>` : "<span></span>";
  const older = a.hasMore ? `<a href="${e(`${a.url}?pagina=${a.page + 1}`)}" rel="next">Anteriores →</a>` : "<span></span>";
  const pager = a.page > 1 || a.hasMore ? `<nav class="pager" aria-label="Páginas del archivo">${newer}${older}</nav>` : "";
  const body = `<header><h1>${e(a.title)}</h1>${a.description ? `<p class="lead">${e(a.description)}</p>` : ""}
<p class="feeds">Suscríbase: <a href="${e(a.rssUrl)}">RSS</a> · <a href="${e(a.atomUrl)}">Atom</a></p></header>
${list}
${pager}`;
  return shell(a.page > 1 ? `${a.title} (página ${a.page})` : a.title, head, body);
}

/**
 * The 404 page of an unknown or disabled archive, or of a campaign that is not published.
 * @example notFoundHtml().includes("<h1>Página no encontrada</h1>") // true
 */
export function notFoundHtml(): string {
  return shell(
    "Página no encontrada",
    '<meta name="robots" content="noindex">',
    "<h1>Página no encontrada</h1><p>Este archivo o comunicado no existe o ya no está publicado.</p>",
  );
}
