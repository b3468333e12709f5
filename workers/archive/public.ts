/**
 * The public archive and its widget (W6), no session: `/archivo/:slug` (the list, `?pagina=N`),
 * `/archivo/:slug/rss.xml` and `/atom.xml` (the latest 20), `/archivo/:slug/:campaignId` (one
 * campaign as its web version, rendered without a contact, with share-preview tags and share
 * links), `/embed/:slug/latest` (the widget page, `?n=5&lang=en`) and `/embed/:slug/latest.js`
 * (its loader). An unknown or disabled archive, or a campaign that is not published, is a 404
 * page. Only the embed routes may be framed by other sites (`frame-ancestors *`); the archive's
 * pages may not be framed at all.
 */
import { Hono, type Context } from "hono";
import { archiveIndexHtml, ARCHIVE_PAGE_SIZE, notFoundHtml, type ArchiveEntry } from "../../shared/archive/pages";
import { campaignPageHtml } from "../../shared/archive/campaign-page";
import { atomFeed, FEED_SIZE, rssFeed, type Feed } from "../../shared/archive/feeds";
import { publicCopy } from "../../shared/archive/render";
import { archiveUrls } from "../../shared/archive/urls";
import { widgetCount, widgetHtml, widgetScript } from "../../shared/archive/embed";
import { enabledArchive, publicBase, publishedCampaign, publishedPage, type ArchiveRow, type PublishedRow } from "./store";

type App = { Bindings: Env };

/** The CSP of the archive's pages (also of a campaign's public address, public-campaign.ts): no script, never framed. */
export const PAGE_CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const EMBED_CSP = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors *; base-uri 'self'; form-action 'none'";
/** Pages and the widget are read again on every visit (a publish or unpublish shows at once); feeds and the loader may wait a few minutes. */
const CACHE = "no-cache";
const FEED_CACHE = "public, max-age=300";

const notFound = (c: Context<App>) => c.html(notFoundHtml(), 404, { "Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store" });

/** The enabled archive of the URL's slug, with its URLs; null when it is unknown or off. */
async function archiveOf(c: Context<App>, slug: string): Promise<{ row: ArchiveRow; urls: ReturnType<typeof archiveUrls> } | null> {
  if (!/^[a-z0-9-]{3,40}$/.test(slug)) return null;
  const row = await enabledArchive(c.env.DB, slug);
  return row ? { row, urls: archiveUrls(publicBase(c.env, c.req.url), row.slug) } : null;
}

function entryOf(r: PublishedRow, url: string): ArchiveEntry {
  const copy = publicCopy(r, url, false);
  return { title: copy.title, url, summary: copy.summary, date: r.sent_at ?? r.published_at };
}

async function feedOf(c: Context<App>, slug: string, self: "rss" | "atom"): Promise<Feed | null> {
  const a = await archiveOf(c, slug);
  if (!a) return null;
  const rows = await publishedPage(c.env.DB, a.row.account_id, FEED_SIZE, 0);
  const items = rows.map((r) => {
    const e = entryOf(r, a.urls.campaign(r.id));
    return { id: r.id, title: e.title, url: e.url, summary: e.summary, publishedAt: r.published_at, sentAt: r.sent_at };
  });
  const updatedAt = Math.max(a.row.updated_at, ...rows.map((r) => r.published_at));
  return { title: a.row.title, description: a.row.description ?? "", url: a.urls.index, selfUrl: a.urls[self], updatedAt, items };
}

const xml = (body: string, type: string) => new Response(body, { headers: { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": FEED_CACHE } });

export const archivePublic = new Hono<App>()
  .get("/archivo/:slug/rss.xml", async (c) => {
    const feed = await feedOf(c, c.req.param("slug"), "rss");
    return feed ? xml(rssFeed(feed), "application/rss+xml") : notFound(c);
  })
  .get("/archivo/:slug/atom.xml", async (c) => {
    const feed = await feedOf(c, c.req.param("slug"), "atom");
    return feed ? xml(atomFeed(feed), "application/atom+xml") : notFound(c);
  })
  .get("/archivo/:slug/:campaignId", async (c) => {
    const a = await archiveOf(c, c.req.param("slug"));
    const row = a ? await publishedCampaign(c.env.DB, a.row.account_id, c.req.param("campaignId")) : null;
    if (!a || !row) return notFound(c);
    const url = a.urls.campaign(row.id);
    const copy = publicCopy(row, url);
    const html = campaignPageHtml(copy.html, {
      title: copy.title, description: copy.summary, url, image: copy.image, siteName: a.row.title, publishedAt: row.sent_at, archiveTitle: a.row.title, archiveUrl: a.urls.index,
    });
    return c.html(html, 200, { "Content-Security-Policy": PAGE_CSP, "Cache-Control": CACHE });
  })
  .get("/archivo/:slug", async (c) => {
    const a = await archiveOf(c, c.req.param("slug"));
    if (!a) return notFound(c);
    const page = Math.max(1, Math.min(Number.parseInt(c.req.query("pagina") ?? "1", 10) || 1, 10_000));
    const rows = await publishedPage(c.env.DB, a.row.account_id, ARCHIVE_PAGE_SIZE + 1, (page - 1) * ARCHIVE_PAGE_SIZE);
    if (page > 1 && rows.length === 0) return notFound(c);
    const entries = rows.slice(0, ARCHIVE_PAGE_SIZE).map((r) => entryOf(r, a.urls.campaign(r.id)));
    const html = archiveIndexHtml({ title: a.row.title, description: a.row.description, url: a.urls.index, rssUrl: a.urls.rss, atomUrl: a.urls.atom, entries, page, hasMore: rows.length > ARCHIVE_PAGE_SIZE });
    return c.html(html, 200, { "Content-Security-Policy": PAGE_CSP, "Cache-Control": CACHE });
  })
  .get("/embed/:slug/latest.js", async (c) => {
    const a = await archiveOf(c, c.req.param("slug"));
    if (!a) return c.text("/* Pregón: archivo no encontrado */", 404, { "Content-Type": "text/javascript; charset=utf-8" });
    return c.body(widgetScript(a.urls.widget, a.row.title), 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": FEED_CACHE, "Access-Control-Allow-Origin": "*" });
  })
  .get("/embed/:slug/latest", async (c) => {
    const a = await archiveOf(c, c.req.param("slug"));
    if (!a) return c.html(notFoundHtml(), 404, { "Content-Security-Policy": EMBED_CSP });
    const rows = await publishedPage(c.env.DB, a.row.account_id, widgetCount(c.req.query("n")), 0);
    const entries = rows.map((r) => entryOf(r, a.urls.campaign(r.id)));
    const html = widgetHtml({ title: a.row.title, archiveUrl: a.urls.index, entries, lang: c.req.query("lang") === "en" ? "en" : "es" });
    return c.html(html, 200, { "Content-Security-Policy": EMBED_CSP, "Cache-Control": CACHE });
  })
  // Any other path under these prefixes (a trailing slash, a typo) is the archive's 404, never the dashboard's shell.
  .get("/archivo/*", (c) => notFound(c))
  .get("/embed/*", (c) => notFound(c));
