/**
 * What a shared link shows (W6): Open Graph and Twitter Card tags for an archived campaign, and
 * the two facts they need from the email, a short summary (the preheader, else the start of the
 * text part) and its first real image. Pure string work on the campaign as rendered without a
 * contact.
 */
import { escapeHtml } from "../email/merge";

export type PageMeta = { title: string; description: string; url: string; image: string | null; siteName: string; publishedAt: number | null };

/**
 * A summary of at most `max` characters, whitespace collapsed, cut at a word with "…".
 * @example summaryOf(null, "Estimado proveedor:\n\nLe recordamos que su registro vence pronto.", 30) // "Estimado proveedor: Le…"
 */
export function summaryOf(preheader: string | null, text: string, max = 200): string {
  const source = preheader?.trim() ? preheader : text;
  const flat = source.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/**
 * The first image of the email worth a preview: absolute http(s), not a 1×1 spacer or pixel.
 * @example firstImage('<img src="https://x.pe/t.gif" width="1" height="1"><img alt="" src="https://x.pe/logo.png?a=1&amp;b=2">') // "https://x.pe/logo.png?a=1&b=2"
 */
export function firstImage(html: string): string | null {
  for (const m of html.matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const url = (src?.[1] ?? src?.[2] ?? "").replace(/&amp;/g, "&").trim();
    if (!/^https?:\/\//i.test(url)) continue;
    if (/\s(?:width|height)\s*=\s*["']?1(?:px)?["'\s>]/i.test(tag)) continue;
    return url;
  }
  return null;
}

/**
 * The `<head>` tags of an archived campaign: title, description, canonical, Open Graph
 * (es_PE, article) and the Twitter Card (a large image when the email has one).
 * @example metaTags({ title: "Aviso", description: "Texto", url: "https://p.pe/archivo/m/1", image: null, siteName: "Muni", publishedAt: null }).includes('<meta property="og:type" content="article">') // true
 */
export function metaTags(m: PageMeta): string {
  const a = (s: string) => escapeHtml(s);
  const tags = [
    `<title>${a(m.title)}</title>`,
    `<meta name="description" content="${a(m.description)}">`,
    `<link rel="canonical" href="${a(m.url)}">`,
    `<meta property="og:title" content="${a(m.title)}">`,
    `<meta property="og:description" content="${a(m.description)}">`,
    `<meta property="og:url" content="${a(m.url)}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:locale" content="es_PE">`,
    `<meta property="og:site_name" content="${a(m.siteName)}">`,
    ...(m.image ? [`<meta property="og:image" content="${a(m.image)}">`] : []),
    ...(m.publishedAt !== null ? [`<meta property="article:published_time" content="${new Date(m.publishedAt).toISOString()}">`] : []),
    `<meta name="twitter:card" content="${m.image ? "summary_large_image" : "summary"}">`,
    `<meta name="twitter:title" content="${a(m.title)}">`,
    `<meta name="twitter:description" content="${a(m.description)}">`,
    ...(m.image ? [`<meta name="twitter:image" content="${a(m.image)}">`] : []),
  ];
  return tags.join("\n");
}
