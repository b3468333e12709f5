/**
 * The public addresses of the archive (W6) and the share links built on them. Share links are
 * plain URLs of each network's documented share endpoint (no third-party script runs on our pages
 * or in an email): Facebook's sharer, X's web intent, LinkedIn's share-offsite, and a mailto:.
 */

/** The archive's public pages and feeds under `base` (PUBLIC_URL or the request's origin). */
export function archiveUrls(base: string, slug: string) {
  const root = `${base.replace(/\/+$/, "")}/archivo/${slug}`;
  return {
    index: root,
    rss: `${root}/rss.xml`,
    atom: `${root}/atom.xml`,
    widget: `${base.replace(/\/+$/, "")}/embed/${slug}/latest`,
    widgetScript: `${base.replace(/\/+$/, "")}/embed/${slug}/latest.js`,
    campaign: (campaignId: string) => `${root}/${encodeURIComponent(campaignId)}`,
  };
}

export type ShareLinks = { facebook: string; x: string; linkedin: string; email: string };

/**
 * Links that share `url` (titled `title`) on Facebook, X, LinkedIn and by email.
 * @example shareLinks("https://p.pe/archivo/muni/c1", "Aviso").x // "https://twitter.com/intent/tweet?url=https%3A%2F%2Fp.pe%2Farchivo%2Fmuni%2Fc1&text=Aviso"
 */
export function shareLinks(url: string, title: string): ShareLinks {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return {
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
    x: `https://twitter.com/intent/tweet?url=${u}&text=${t}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
    email: `mailto:?subject=${t}&body=${u}`,
  };
}

/**
 * The system merge fields that carry the archive link and the share links (W6). `url` is the
 * public archive page when the campaign is published in an enabled archive, else the
 * recipient's web version: a public link either way, so a footer's links never break.
 * @example shareFields("https://p.pe/v/abc", "Aviso").compartir_correo // "mailto:?subject=Aviso&body=https%3A%2F%2Fp.pe%2Fv%2Fabc"
 */
export function shareFields(url: string, title: string): Record<string, string> {
  const s = shareLinks(url, title);
  return { enlace_archivo: url, compartir_facebook: s.facebook, compartir_x: s.x, compartir_linkedin: s.linkedin, compartir_correo: s.email };
}
