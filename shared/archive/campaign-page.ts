/**
 * An archived campaign as a public page (W6): the email's own HTML (rendered without a contact)
 * with, added to it, lang="es", the share-preview tags in its <head>, and a bar above the email
 * with a link back to the archive and share links for Facebook, X, LinkedIn and email. The bar
 * uses inline styles only, so the email's stylesheet and the bar cannot affect each other. The
 * same page serves a campaign's contact-free public address (`/v/p/…`, public-link.ts) while it
 * is not in the archive: no link back then, and `noindex`.
 */
import { escapeHtml } from "../email/merge";
import { metaTags, type PageMeta } from "./meta";
import { shareLinks } from "./urls";

/** `archiveUrl` and `archiveTitle` are absent for a campaign outside the archive, which is `noindex` then. */
export type CampaignPage = PageMeta & { archiveTitle?: string; archiveUrl?: string; noindex?: boolean };

const LINK = 'style="color:#0b5cab;text-decoration:underline;margin-right:1rem;display:inline-block"';

/**
 * The share bar, reused by the web version of a published campaign; the link back to the archive
 * only when there is one.
 * @example shareBar({ url: "https://p.pe/archivo/m/1", title: "Aviso", archiveUrl: "https://p.pe/archivo/m", archiveTitle: "Avisos" }).includes("Compartir en Facebook") // true
 */
export function shareBar(o: { url: string; title: string; archiveUrl?: string; archiveTitle?: string }): string {
  const s = shareLinks(o.url, o.title);
  const e = escapeHtml;
  const ext = 'target="_blank" rel="noopener noreferrer"';
  return `<nav aria-label="Compartir este comunicado" style="background:#ffffff;border-bottom:1px solid #d9e2ec;padding:12px 16px;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2933">
<div style="max-width:600px;margin:0 auto">${o.archiveUrl ? `<a href="${e(o.archiveUrl)}" ${LINK}>← ${e(o.archiveTitle ?? "")}</a>\n` : ""}<span style="display:inline-block"><span style="margin-right:.75rem;color:#52606d">Compartir:</span><a href="${e(s.facebook)}" ${ext} ${LINK} aria-label="Compartir en Facebook">Facebook</a><a href="${e(s.x)}" ${ext} ${LINK} aria-label="Compartir en X">X</a><a href="${e(s.linkedin)}" ${ext} ${LINK} aria-label="Compartir en LinkedIn">LinkedIn</a><a href="${e(s.email)}" ${LINK} aria-label="Compartir por correo">Correo</a></span></div></nav>`;
}

/**
 * Put lang, head tags and a bar at the top of the body into an email's HTML document; an HTML
 * fragment (no <html>) gets a document around it.
 * @example decorateEmail("<p>Hola</p>", "<title>x</title>", "<nav></nav>").startsWith('<!doctype html>\n<html lang="es">') // true
 */
export function decorateEmail(html: string, head: string, bar: string): string {
  if (!/<html[\s>]/i.test(html) || !/<body[\s>]/i.test(html)) {
    return `<!doctype html>\n<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n${head}</head><body style="margin:0">${bar}${html}</body></html>`;
  }
  let out = html.replace(/<html\b([^>]*)>/i, (m, attrs: string) => (/\slang\s*=/i.test(attrs) ? m.replace(/\slang\s*=\s*("[^"]*"|'[^']*'|\S+)/i, ' lang="es"') : `<html lang="es"${attrs}>`));
  // The email's own <title> (usually the subject or empty) gives way to ours.
  out = out.replace(/<title\b[^>]*>[\s\S]*?<\/title>/i, "");
  out = /<head\b[^>]*>/i.test(out) ? out.replace(/<head\b[^>]*>/i, (m) => `${m}\n${head}\n`) : out.replace(/<body\b/i, () => `<head>${head}</head><body`);
  return out.replace(/<body\b[^>]*>/i, (m) => `${m}${bar}`);
}

/**
 * The whole archived campaign page.
 * @example campaignPageHtml("<html><head></head><body><p>Hola</p></body></html>", page).includes('property="og:title"') // true
 */
export function campaignPageHtml(emailHtml: string, p: CampaignPage): string {
  const head = (p.noindex ? '<meta name="robots" content="noindex">\n' : "") + metaTags(p);
  return decorateEmail(emailHtml, head, shareBar({ url: p.url, title: p.title, archiveUrl: p.archiveUrl, archiveTitle: p.archiveTitle }));
}
