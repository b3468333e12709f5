/**
 * The public archive's settings and publishing (W6). `GET/PUT /archive` (owners and admins):
 * slug, title, description, on or off; a slug is checked (3–40 of a-z, 0-9, inner hyphens) and
 * unique across accounts (409 naming `slug`). `POST/DELETE /campaigns/:id/publish` (whoever may
 * edit campaigns): an email campaign that went out is put in or taken out of the archive; a
 * draft, a scheduled or an SMS campaign is refused with 409 naming why, an automation's hidden
 * step campaign is not found. The public pages are in workers/archive/public.ts.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { ArchiveBody, type ArchiveOut } from "../../../shared/api/schemas-archive";
import { slugProblem } from "../../../shared/archive/slug";
import { archiveUrls } from "../../../shared/archive/urls";
import { publishRefusal } from "../../../shared/archive/publish";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { archiveSettings, publicBase, slugOwner, type ArchiveSettings } from "../../archive/store";
import { baseOf, findCampaign, present } from "./campaigns";

function out(c: Context<AppEnv>, s: ArchiveSettings): ArchiveOut {
  const u = archiveUrls(publicBase(c.env, c.req.url), s.slug);
  return { ...s, urls: { index: u.index, rss: u.rss, atom: u.atom, widget: u.widget, widgetScript: u.widgetScript } };
}

const taken = () => new ApiError(409, "slug_taken", "slug: this address is already used by another archive", "slug");

export const archiveRoutes = new Hono<AppEnv>()
  .get("/", guard("getArchive", operations.getArchive), async (c) => c.json(out(c, await archiveSettings(c.env.DB, c.var.actor.accountId))))
  .put("/", guard("updateArchive", operations.updateArchive), ...json(ArchiveBody), async (c) => {
    const b = c.req.valid("json");
    const accountId = c.var.actor.accountId;
    const slug = b.slug.trim();
    c.set("audit", { targetType: "archive", targetId: accountId, details: { slug, enabled: b.enabled } });
    const problem = slugProblem(slug);
    if (problem) throw new ApiError(400, "invalid_field", `slug: ${problem}`, "slug");
    const owner = await slugOwner(c.env.DB, slug);
    if (owner !== null && owner !== accountId) throw taken();
    await c.env.DB.prepare(
      `INSERT INTO archive_settings (account_id, slug, title, description, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET slug = excluded.slug, title = excluded.title, description = excluded.description, enabled = excluded.enabled, updated_at = excluded.updated_at`,
    )
      .bind(accountId, slug, b.title, b.description || null, b.enabled ? 1 : 0, Date.now())
      .run()
      .catch((e: unknown) => {
        // Another account took the slug between the check and the write: the unique index decides.
        if (String(e).includes("UNIQUE")) throw taken();
        throw e;
      });
    return c.json(out(c, await archiveSettings(c.env.DB, accountId)));
  });

/** The campaign of the URL, never an automation's hidden step campaign (those do not exist to this API). */
async function publishable(c: Context<AppEnv>) {
  const row = await findCampaign(c, c.req.param("id")!);
  if ((row as { automation_id?: string | null }).automation_id) throw notFound("Campaign");
  return row;
}

export const campaignPublish = new Hono<AppEnv>()
  .post("/:id/publish", guard("publishCampaign", operations.publishCampaign), async (c) => {
    const row = await publishable(c);
    c.set("audit", { targetType: "campaign", targetId: row.id, details: { status: row.status } });
    const refusal = publishRefusal(row);
    if (refusal) throw new ApiError(409, refusal.code, refusal.message, refusal.field);
    // Publishing again keeps the first date, so the feeds do not show it as new.
    await c.env.DB.prepare("UPDATE campaigns SET published_at = COALESCE(published_at, ?) WHERE id = ?").bind(Date.now(), row.id).run();
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  })
  .delete("/:id/publish", guard("unpublishCampaign", operations.unpublishCampaign), async (c) => {
    const row = await publishable(c);
    c.set("audit", { targetType: "campaign", targetId: row.id });
    await c.env.DB.prepare("UPDATE campaigns SET published_at = NULL WHERE id = ?").bind(row.id).run();
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  });
