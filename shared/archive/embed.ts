/**
 * The embeddable "latest campaigns" widget (W6): a compact HTML page meant for an iframe on the
 * agency's own website (`/embed/:slug/latest?n=5&lang=en`), and the small loader script
 * (`/embed/:slug/latest.js`) that puts that iframe where the script tag stands and keeps its
 * height fitted to the content. The page has a transparent background so it sits on any site;
 * its links open in a new tab, since a click inside a frame would otherwise load our page there.
 */
import { escapeHtml } from "../email/merge";
import { longDateLima } from "../email/merge-format";
import type { ArchiveEntry } from "./pages";

export type WidgetLang = "es" | "en";
export const WIDGET_DEFAULT = 5;
export const WIDGET_MAX = 20;

/**
 * `?n=` read leniently: a number from 1 to 20, else the default of 5.
 * @example widgetCount("3") // 3
 * @example widgetCount("999") // 20
 * @example widgetCount("x") // 5
 */
export function widgetCount(raw: string | undefined): number {
  const n = Number.parseInt(raw ?? "", 10);
  if (!Number.isFinite(n) || n < 1) return WIDGET_DEFAULT;
  return Math.min(n, WIDGET_MAX);
}

const WORDS = {
  es: { heading: "Últimos comunicados", all: "Ver todos los comunicados", empty: "Todavía no hay comunicados publicados.", newTab: "(se abre en una pestaña nueva)" },
  en: { heading: "Latest news", all: "See all news", empty: "Nothing has been published yet.", newTab: "(opens in a new tab)" },
} as const;

const dateIn = (ms: number, lang: WidgetLang) =>
  lang === "en" ? new Date(ms).toLocaleDateString("en-US", { timeZone: "America/Lima", year: "numeric", month: "short", day: "numeric" }) : longDateLima(new Date(ms));

const STYLE = `html,body{margin:0;background:transparent}body{color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.w{padding:4px 2px}h2{font-size:1rem;margin:0 0 .5rem}ul{list-style:none;margin:0;padding:0}li{padding:.5rem 0;border-top:1px solid rgba(127,127,127,.3)}
li:first-child{border-top:0}a{color:#0b5cab;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}
a:focus-visible{outline:3px solid #f0b429;outline-offset:2px}time{display:block;font-size:.8rem;color:#52606d}.all{display:inline-block;margin-top:.5rem;font-weight:400;font-size:.9rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}`;

/** Tells the loader script (in the host page) how tall the content is. */
// The body's own height, not the document's scrollHeight, which never goes below the frame's.
const HEIGHT_SCRIPT = `(function(){function s(){parent.postMessage({pregonArchiveHeight:Math.ceil(document.body.getBoundingClientRect().height),href:location.href},"*")}addEventListener("load",s);addEventListener("resize",s);s()})();`;

/**
 * The widget page.
 * @example widgetHtml({ title: "Avisos", archiveUrl: u, entries: [], lang: "es" }).includes("Todavía no hay comunicados publicados.") // true
 */
export function widgetHtml(o: { title: string; archiveUrl: string; entries: ArchiveEntry[]; lang: WidgetLang }): string {
  const w = WORDS[o.lang];
  const e = escapeHtml;
  const ext = 'target="_blank" rel="noopener"';
  const items = o.entries
    .map((x) => `<li><a href="${e(x.url)}" ${ext}>${e(x.title)}<span class="sr"> ${w.newTab}</span></a><time datetime="${new Date(x.date).toISOString()}">${e(dateIn(x.date, o.lang))}</time></li>`)
    .join("");
  const list = o.entries.length ? `<ul>${items}</ul>` : `<p>${w.empty}</p>`;
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${e(`${w.heading}: ${o.title}`)}</title><base target="_blank"><style>${STYLE}</style></head>
<body><div class="w"><h2>${w.heading}</h2>${list}<a class="all" href="${e(o.archiveUrl)}" ${ext}>${w.all}<span class="sr"> ${w.newTab}</span></a></div>
<script>${HEIGHT_SCRIPT}</script></body></html>`;
}

/**
 * The loader: `<script src=".../embed/muni/latest.js" data-n="5" data-lang="es" async></script>`
 * inserts an iframe of the widget right after itself. `widgetUrl` is the widget page's absolute URL.
 * @example widgetScript("https://p.pe/embed/muni/latest").includes("https://p.pe/embed/muni/latest") // true
 */
export function widgetScript(widgetUrl: string, title: string): string {
  return `/* Pregón: últimos comunicados de ${JSON.stringify(title).slice(1, -1).replace(/\*\//g, "* /")} */
(function () {
  var me = document.currentScript;
  if (!me) return;
  var n = me.getAttribute("data-n"), lang = me.getAttribute("data-lang");
  var q = [];
  if (n) q.push("n=" + encodeURIComponent(n));
  if (lang) q.push("lang=" + encodeURIComponent(lang));
  var src = ${JSON.stringify(widgetUrl)} + (q.length ? "?" + q.join("&") : "");
  var f = document.createElement("iframe");
  f.src = src;
  f.title = ${JSON.stringify(`Últimos comunicados: ${title}`)};
  f.loading = "lazy";
  f.style.cssText = "border:0;width:100%;max-width:100%;height:" + (me.getAttribute("data-height") || "360") + "px;background:transparent;color-scheme:normal";
  f.setAttribute("allowtransparency", "true");
  me.parentNode.insertBefore(f, me.nextSibling);
  if (!me.getAttribute("data-height")) {
    window.addEventListener("message", function (ev) {
      if (ev.source !== f.contentWindow || !ev.data || typeof ev.data.pregonArchiveHeight !== "number") return;
      f.style.height = Math.min(Math.max(ev.data.pregonArchiveHeight, 60), 4000) + "px";
    });
  }
})();
`;
}
