/**
 * The text/plain alternative of a compiled email, made from its HTML in one pass of a tokenizer
 * (no DOM: Workers have none). It keeps what a reader needs: paragraphs, headings, lists, table
 * rows, and every link as "label (url)"; it drops the head, styles, scripts, Outlook conditional
 * comments, hidden preheaders and tracking pixels. `{{merge tags}}` pass through untouched (the
 * merge engine renders the text later) and are never split by the line wrapping.
 */
import { decodeEntities } from "./entities";
import { tidyLines } from "./wrap";

export { WRAP } from "./wrap";

// A comment or conditional comment, a declaration, a tag (with quoted attributes that may hold ">"), text, or a stray "<".
const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const SKIP = new Set(["head", "style", "script", "title", "template", "svg", "noscript", "xml"]);
const VOID = new Set(["br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source", "track", "embed", "param"]);
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "pre", "figure"]);
const LINE = new Set(["div", "li", "tr", "table", "thead", "tbody", "tfoot", "section", "article", "header", "footer", "nav", "aside", "main", "center", "dt", "dd", "figcaption", "form", "fieldset", "legend", "caption", "address", "details", "summary"]);
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/i;
const INVISIBLE = /[\u00ad\u034f\u200b-\u200d\u2060\ufeff]/g;

type Link = { href: string; start: number };
type List = { ordered: boolean; n: number };

/**
 * The readable text of an HTML email.
 * @example htmlToText('<p>Hola {{nombre}},</p><p><a href="https://x.pe/a">Ver</a></p>') // "Hola {{nombre}},\n\nVer (https://x.pe/a)"
 */
export function htmlToText(html: string): string {
  // Output as chunks: reading back a growing string (endsWith, slice) would flatten it each time.
  const out: string[] = [];
  let last = ""; // the last chunk written
  let pending = 0; // line breaks owed before the next text (2 = a blank line)
  let space = false; // a space owed before the next text on the same line
  let cellSep = false; // a table cell ended: separate the next one on the same row
  let atLineStart = true;
  let bullet: string | null = null;
  let skip: { tag: string; depth: number } | null = null;
  let link: Link | null = null;
  let pre = 0;
  let quote = 0;
  const lists: List[] = [];

  const brk = (n: number) => (pending = Math.max(pending, n));
  const indent = () => "> ".repeat(quote) + "  ".repeat(Math.max(0, lists.length - 1));
  const put = (s: string) => {
    if (s !== "") out.push((last = s));
  };
  const write = (text: string) => {
    if (pending > 0 && out.length > 0) {
      put("\n".repeat(pending));
      atLineStart = true;
    }
    pending = 0;
    if (atLineStart) {
      put(bullet ?? (lists.length > 0 ? indent() + "  " : indent()));
      bullet = null;
    } else if (cellSep) put(last.endsWith(":") ? " " : " | ");
    else if (space) put(" ");
    atLineStart = space = cellSep = false;
    if (link && link.start < 0) link.start = out.length;
    put(text);
  };

  for (const m of html.matchAll(TOKEN)) {
    const token = m[0];
    const name = m[2]?.toLowerCase();
    if (skip) {
      if (name === skip.tag) skip.depth += m[1] ? -1 : token.endsWith("/>") ? 0 : 1;
      if (skip.depth === 0) skip = null;
      continue;
    }
    if (name === undefined) {
      if (token.startsWith("<!") || token.startsWith("<?")) continue;
      text(token);
      continue;
    }
    const closing = m[1] === "/";
    const rawAttrs = m[3] ?? "";
    if (!closing && !VOID.has(name) && !rawAttrs.endsWith("/") && (SKIP.has(name) || isHidden(rawAttrs))) {
      skip = { tag: name, depth: 1 };
      continue;
    }
    if (closing) close(name);
    else open(name, rawAttrs);
  }
  return tidyLines(out.join(""));

  function text(raw: string) {
    const t = decodeEntities(raw).replace(INVISIBLE, "");
    if (pre > 0) {
      const lines = t.split("\n");
      lines.forEach((l, i) => {
        if (i > 0) brk(1);
        if (l !== "") write(l);
      });
      return;
    }
    const c = t.replace(/\s+/g, " ");
    if (c.startsWith(" ")) space = true;
    const w = c.trim();
    if (w !== "") write(w);
    if (c.endsWith(" ") && w !== "") space = true;
  }

  function open(name: string, rawAttrs: string) {
    if (name === "br") return void (pending = out.length === 0 ? 0 : Math.min(pending + 1, 2));
    if (name === "hr") {
      brk(2);
      write("----------");
      return brk(2);
    }
    if (name === "img") {
      const a = attrs(rawAttrs);
      if (link && a.alt && !isPixel(a) && !HIDDEN_STYLE.test(a.style ?? "")) text(a.alt);
      return;
    }
    if (name === "a") {
      if (link) close("a");
      link = { href: attrs(rawAttrs).href?.trim() ?? "", start: -1 };
      return;
    }
    if (name === "td" || name === "th") return;
    if (name === "ul" || name === "ol") {
      brk(lists.length > 0 ? 1 : 2);
      const start = Number.parseInt(attrs(rawAttrs).start ?? "1", 10);
      lists.push({ ordered: name === "ol", n: Number.isFinite(start) ? start - 1 : 0 });
      return;
    }
    if (name === "li") {
      brk(1);
      const list = lists.at(-1);
      bullet = list?.ordered ? `${indent()}${++list.n}. ` : `${indent()}- `;
      return;
    }
    if (name === "pre") pre++;
    if (name === "blockquote") quote++;
    if (PARAGRAPH.has(name)) brk(2);
    else if (LINE.has(name)) brk(1);
  }

  function close(name: string) {
    if (name === "a") {
      if (!link) return;
      const { href, start } = link;
      link = null;
      const url = plainUrl(href);
      if (url === null) return;
      const label = start < 0 ? "" : out.slice(start).join("").replace(/\s+/g, " ").trim();
      if (label === "") write(url);
      else if (sameUrl(label, url)) {
        out.length = start;
        put(url);
      } else put(` (${url})`);
      return;
    }
    if (name === "td" || name === "th") return void (cellSep = true);
    if (name === "ul" || name === "ol") {
      lists.pop();
      return brk(lists.length > 0 ? 1 : 2);
    }
    if (name === "li") return brk(1);
    if (name === "pre") pre = Math.max(0, pre - 1);
    if (name === "blockquote") quote = Math.max(0, quote - 1);
    if (PARAGRAPH.has(name)) brk(2);
    else if (LINE.has(name)) brk(1);
  }
}

/** The attributes of a tag, names lower-cased, values decoded. */
function attrs(raw: string): Record<string, string> {
  const a: Record<string, string> = {};
  for (const m of raw.matchAll(ATTR)) a[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  return a;
}

function isHidden(raw: string): boolean {
  if (!/none|hidden|mso-hide/i.test(raw)) return false;
  const a = attrs(raw);
  return "hidden" in a || a["aria-hidden"] === "true" || HIDDEN_STYLE.test(a.style ?? "");
}

/** A 1×1 (or 0×0) image: an open-tracking pixel, never content. */
function isPixel(a: Record<string, string>): boolean {
  const tiny = (v: string | undefined) => v !== undefined && /^\s*[01](?:px)?\s*$/.test(v);
  return tiny(a.width) || tiny(a.height) || /(?:^|;)\s*(?:width|height)\s*:\s*[01]px/i.test(a.style ?? "");
}

/** What a link shows in text: the URL, the bare address of a mailto:/tel:, or null for anchors and scripts. */
function plainUrl(href: string): string | null {
  if (href === "" || href.startsWith("#") || /^javascript:/i.test(href)) return null;
  const m = /^(?:mailto|tel):([^?]*)/i.exec(href);
  return m ? decodeURIComponent(m[1]!) : href;
}

/** "www.x.pe" and "https://www.x.pe/" name the same page. */
function sameUrl(label: string, url: string): boolean {
  const norm = (s: string) => s.replace(/^[a-z]+:(\/\/)?/i, "").replace(/\/$/, "").toLowerCase();
  return norm(label) === norm(url);
}
