/**
 * Finding the links to track in an HTML document, once, so each recipient's copy is made by
 * concatenation instead of another scan of 20 KB. `prepareLinks` cuts the document into
 * segments around every trackable href value and the open-pixel spot (before the last
 * </body>, or the end); `applyLinks` puts the recipient's tracking URLs in the holes. Only
 * http(s) hrefs of <a> and <area> are tracked; mailto:, tel:, #anchors, other schemes, tags
 * marked `data-pregon-notrack`, and links already on our own tracking paths (the unsubscribe
 * and web-version links a template gets from `{{enlace_baja}}` / `{{ver_en_web}}`) are left alone. Href values are entity-decoded ("&amp;" is "&")
 * since the decoded URL is where the click must finally go.
 */

/** Segments around holes: `segments.length === holes.length + 1`; a hole is a link index or PIXEL. */
export type PreparedLinks = { segments: string[]; holes: number[]; links: string[] };
export type LinkTokens = { clicks: readonly string[]; open: string | null };

export const PIXEL = -1;
export const TRACK_PATHS = { click: "/t/c/", open: "/t/o/", unsubscribe: "/u/", view: "/v/" } as const;

const TAG_START = /<(?:a|area)(?=[\s>/])/gi;
const BODY_END = /<\/body\s*>/gi;
const ATTR_NAME = /[^\s"'>/=]/;
const SPACE = /\s/;
const HTTP = /^https?:\/\//i;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));?/g;
const NAMED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

type Span = { start: number; end: number; url: string };

/**
 * Cut `html` around its trackable links and the pixel spot; with `ownBaseUrl`, links under its
 * tracking paths are not tracked again.
 * @example prepareLinks('<a href="https://x.pe">x</a>').links // ["https://x.pe"]
 */
export function prepareLinks(html: string, ownBaseUrl?: string): PreparedLinks {
  const own = ownBaseUrl === undefined ? [] : Object.values(TRACK_PATHS).map((p) => ownBaseUrl.replace(/\/+$/, "") + p);
  const spans = findLinks(html).filter((s) => !own.some((prefix) => s.url.startsWith(prefix)));
  let pixelAt = html.length;
  for (const m of html.matchAll(BODY_END)) pixelAt = m.index;
  const segments: string[] = [];
  const holes: number[] = [];
  let pos = 0;
  let pixelDone = false;
  spans.forEach((s, i) => {
    if (!pixelDone && pixelAt <= s.start) {
      segments.push(html.slice(pos, pixelAt));
      holes.push(PIXEL);
      pos = pixelAt;
      pixelDone = true;
    }
    segments.push(html.slice(pos, s.start));
    holes.push(i);
    pos = s.end;
  });
  if (!pixelDone) {
    segments.push(html.slice(pos, pixelAt));
    holes.push(PIXEL);
    pos = pixelAt;
  }
  segments.push(html.slice(pos));
  return { segments, holes, links: spans.map((s) => s.url) };
}

/**
 * The document with tracking URLs in the holes; `open: null` leaves the pixel out.
 * @example applyLinks(prepareLinks(html), { clicks: ["tok1"], open: "tok2" }, "https://t.pregon.pe")
 */
export function applyLinks(p: PreparedLinks, tokens: LinkTokens, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (tokens.clicks.length !== p.links.length) throw new RangeError(`Expected ${p.links.length} click tokens, got ${tokens.clicks.length}`);
  let out = p.segments[0]!;
  for (let k = 0; k < p.holes.length; k++) {
    const hole = p.holes[k]!;
    if (hole === PIXEL) {
      if (tokens.open !== null) out += `<img src="${base}${TRACK_PATHS.open}${tokens.open}" width="1" height="1" alt="" style="display:block;border:0">`;
    } else {
      out += base + TRACK_PATHS.click + tokens.clicks[hole]!;
    }
    out += p.segments[k + 1]!;
  }
  return out;
}

/**
 * Decode the character references a URL in an attribute may carry.
 * @example decodeEntities("https://x.pe/?a=1&amp;b=2") // "https://x.pe/?a=1&b=2"
 */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED[name]!;
    const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

function findLinks(html: string): Span[] {
  const spans: Span[] = [];
  const tagStart = new RegExp(TAG_START.source, TAG_START.flags);
  for (let m = tagStart.exec(html); m !== null; m = tagStart.exec(html)) {
    let i = m.index + m[0].length;
    let href: { start: number; end: number } | null = null;
    let notrack = false;
    // Attributes until ">", quotes respected so a ">" inside a value does not end the tag.
    while (i < html.length && html[i] !== ">") {
      if (!ATTR_NAME.test(html[i]!)) {
        i++;
        continue;
      }
      const nameStart = i;
      while (i < html.length && ATTR_NAME.test(html[i]!)) i++;
      const name = html.slice(nameStart, i).toLowerCase();
      while (i < html.length && SPACE.test(html[i]!)) i++;
      let value: { start: number; end: number } | null = null;
      if (html[i] === "=") {
        i++;
        while (i < html.length && SPACE.test(html[i]!)) i++;
        const q = html[i];
        if (q === '"' || q === "'") {
          const close = html.indexOf(q, i + 1);
          const end = close < 0 ? html.length : close;
          value = { start: i + 1, end };
          i = end + 1;
        } else {
          const start = i;
          while (i < html.length && !SPACE.test(html[i]!) && html[i] !== ">") i++;
          value = { start, end: i };
        }
      }
      if (name === "data-pregon-notrack") notrack = true;
      else if (name === "href" && href === null && value !== null) href = value;
    }
    // The next tag is searched for after this one, so spans never overlap.
    tagStart.lastIndex = i;
    if (notrack || href === null) continue;
    const url = decodeEntities(html.slice(href.start, href.end)).trim();
    if (HTTP.test(url)) spans.push({ start: href.start, end: href.end, url });
  }
  return spans;
}
