/**
 * D1 reads and writes of the public archive (W6): the account's settings, the campaigns it
 * publishes (email campaigns with `published_at`, never an automation's hidden step campaigns),
 * the public URL of one campaign for the send-time share links, and any email campaign for its
 * contact-free public address (`/v/p/…`).
 */
import { slugFrom } from "../../shared/archive/slug";
import { archiveUrls } from "../../shared/archive/urls";
import type { PublicSource } from "../../shared/archive/render";

export type ArchiveRow = { account_id: string; slug: string; title: string; description: string | null; enabled: number; updated_at: number };
export type ArchiveSettings = { slug: string; title: string; description: string | null; enabled: boolean; stored: boolean };
export type PublishedRow = PublicSource & { id: string; published_at: number; started_at: number | null };

/** Only these campaigns are ever public. */
const PUBLIC = "k.published_at IS NOT NULL AND k.automation_id IS NULL AND k.channel = 'email'";

/** The base of public links: PUBLIC_URL, else the origin the request reached. */
export const publicBase = (env: Env, requestUrl: string) => (env.PUBLIC_URL || new URL(requestUrl).origin).replace(/\/+$/, "");

/** The account's settings, or the default (off, slug and title from the account's name) when none are stored. */
export async function archiveSettings(db: D1Database, accountId: string): Promise<ArchiveSettings> {
  const row = await db.prepare("SELECT * FROM archive_settings WHERE account_id = ?").bind(accountId).first<ArchiveRow>();
  if (row) return { slug: row.slug, title: row.title, description: row.description, enabled: row.enabled === 1, stored: true };
  const name = (await db.prepare("SELECT name FROM accounts WHERE id = ?").bind(accountId).first<string>("name")) ?? "Archivo";
  return { slug: slugFrom(name), title: name, description: null, enabled: false, stored: false };
}

/** Which other account holds `slug`, if any. */
export async function slugOwner(db: D1Database, slug: string): Promise<string | null> {
  return db.prepare("SELECT account_id FROM archive_settings WHERE slug = ?").bind(slug).first<string>("account_id");
}

/** An enabled archive by its slug; null for an unknown or disabled one (both are a 404 to the public). */
export async function enabledArchive(db: D1Database, slug: string): Promise<ArchiveRow | null> {
  return db.prepare("SELECT * FROM archive_settings WHERE slug = ? AND enabled = 1").bind(slug).first<ArchiveRow>();
}

const COLUMNS = "k.id, k.subject, k.preheader, k.html, k.text, k.ab, k.ab_result, k.published_at, k.started_at, COALESCE(k.started_at, k.published_at) AS sent_at";

/** A page of published campaigns, newest send first; one row more than `limit` says whether another page follows. */
export async function publishedPage(db: D1Database, accountId: string, limit: number, offset: number): Promise<PublishedRow[]> {
  const rows = await db
    .prepare(`SELECT ${COLUMNS} FROM campaigns k WHERE k.account_id = ? AND ${PUBLIC} ORDER BY sent_at DESC, k.id DESC LIMIT ? OFFSET ?`)
    .bind(accountId, limit, offset)
    .all<PublishedRow>();
  return rows.results;
}

/** One published campaign of the account, or null. */
export async function publishedCampaign(db: D1Database, accountId: string, campaignId: string): Promise<PublishedRow | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM campaigns k WHERE k.id = ? AND k.account_id = ? AND ${PUBLIC}`).bind(campaignId, accountId).first<PublishedRow>();
}

/**
 * The public archive page of a campaign when it is published in an enabled archive, else null
 * (the share links then fall back to the web version).
 */
export async function campaignPublicUrl(env: Env, campaignId: string): Promise<{ url: string; archiveUrl: string; archiveTitle: string } | null> {
  const r = await env.DB.prepare(`SELECT s.slug, s.title FROM campaigns k JOIN archive_settings s ON s.account_id = k.account_id AND s.enabled = 1 WHERE k.id = ? AND ${PUBLIC}`)
    .bind(campaignId)
    .first<{ slug: string; title: string }>();
  if (!r) return null;
  const urls = archiveUrls((env.PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/+$/, ""), r.slug);
  return { url: urls.campaign(campaignId), archiveUrl: urls.index, archiveTitle: r.title };
}

export type ShareableRow = PublishedRow & { from_name: string };

/**
 * Any email campaign by id, published or not, hidden automation steps included, for its
 * contact-free public address (the signed token is the permission); null for an SMS campaign or
 * an unknown id.
 */
export async function shareableCampaign(db: D1Database, campaignId: string): Promise<ShareableRow | null> {
  return db
    .prepare("SELECT k.id, k.subject, k.preheader, k.html, k.text, k.ab, k.ab_result, k.published_at, k.started_at, k.started_at AS sent_at, k.from_name FROM campaigns k WHERE k.id = ? AND k.channel = 'email'")
    .bind(campaignId)
    .first<ShareableRow>();
}
