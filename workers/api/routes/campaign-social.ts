/**
 * A campaign's social posts (W6), mounted under /campaigns: the posts made (or failing) for it
 * with their status, address and error, and "publish now" for a campaign that has gone out (owners
 * and admins): rows for the chosen accounts (default: every connected account), failed ones
 * tried afresh, posted ones left alone (a campaign is posted to an account once), posted in the
 * request; what got no answer is retried by the Queue (workers/social/publish.ts). A campaign
 * may be posted when it may be published in the archive (shared/archive/publish.ts), and posting
 * it publishes it there, since that is the page the posts link to.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { PublishSocialBody, type SocialPostOut } from "../../../shared/api/schemas-social";
import type { SocialNetwork } from "../../../shared/social/networks";
import type { AppEnv } from "../context";
import { ApiError, conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { currentPublicUrl, NO_PUBLIC_URL, publicUrlForPost } from "../../social/public-url";
import { publishRefusal } from "../../../shared/archive/publish";
import { publishPending, queueRetry } from "../../social/publish";

type Campaign = { id: string; account_id: string; status: string; channel: string; automation_id: string | null; started_at: number | null };
type PostRow = { id: string; social_account_id: string; network: SocialNetwork; name: string; status: SocialPostOut["status"]; attempts: number; url: string | null; error: string | null; created_at: number; updated_at: number };

async function ownCampaign(c: Context<AppEnv>): Promise<Campaign> {
  const row = await c.env.DB.prepare("SELECT id, account_id, status, channel, automation_id, started_at FROM campaigns WHERE id = ? AND account_id = ?").bind(c.req.param("id"), c.var.actor.accountId).first<Campaign>();
  if (!row || row.automation_id !== null) throw notFound("Campaign");
  return row;
}

async function postsOf(db: D1Database, campaignId: string): Promise<SocialPostOut[]> {
  const rows = await db
    .prepare(
      `SELECT p.id, p.social_account_id, a.network, a.name, p.status, p.attempts, p.url, p.error, p.created_at, p.updated_at
       FROM social_posts p JOIN social_accounts a ON a.id = p.social_account_id WHERE p.campaign_id = ? ORDER BY p.created_at, a.name, p.id`,
    )
    .bind(campaignId)
    .all<PostRow>();
  const iso = (ms: number) => new Date(ms).toISOString();
  return rows.results.map((r) => ({
    id: r.id, socialAccountId: r.social_account_id, network: r.network, accountName: r.name, status: r.status, attempts: r.attempts,
    url: r.url, error: r.error, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  }));
}

export const campaignSocialRoutes = new Hono<AppEnv>()
  .get("/:id/social", guard("campaignSocialPosts", operations.campaignSocialPosts), async (c) => {
    const campaign = await ownCampaign(c);
    return c.json({ posts: await postsOf(c.env.DB, campaign.id), publicUrl: await currentPublicUrl(c.env, campaign.id) });
  })
  .post("/:id/social", guard("publishCampaignSocial", operations.publishCampaignSocial), ...json(PublishSocialBody), async (c) => {
    const campaign = await ownCampaign(c);
    const b = c.req.valid("json");
    c.set("audit", { targetType: "campaign", targetId: campaign.id, details: { social: b.accounts ?? "all" } });
    // The archive's rule (only email that went out is public) is the social posts' rule too.
    const refusal = publishRefusal(campaign);
    if (refusal?.code === "not_email") throw new ApiError(400, refusal.code, refusal.message, refusal.field);
    if (refusal) throw new ApiError(409, refusal.code, refusal.message, refusal.field);
    const publicUrl = await publicUrlForPost(c.env, campaign.account_id, campaign.id, Date.now());
    if (!publicUrl) throw conflict(NO_PUBLIC_URL, "archive");
    const accounts = (await c.env.DB.prepare("SELECT id FROM social_accounts WHERE account_id = ?").bind(campaign.account_id).all<{ id: string }>()).results.map((r) => r.id);
    const chosen = b.accounts ? [...new Set(b.accounts)] : accounts;
    const unknown = chosen.find((id) => !accounts.includes(id));
    if (unknown !== undefined) throw new ApiError(400, "invalid_field", `accounts: no connected social account "${unknown}"`, "accounts");
    if (chosen.length === 0) throw new ApiError(400, "invalid_field", "accounts: connect a social account first", "accounts");
    const now = Date.now();
    const ids = JSON.stringify(chosen);
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO social_posts (id, account_id, campaign_id, social_account_id, status, attempts, created_at, updated_at)
         SELECT 'sp_' || lower(hex(randomblob(10))), ?2, ?1, j.value, 'pending', 0, ?4, ?4 FROM json_each(?3) j WHERE true
         ON CONFLICT (campaign_id, social_account_id) DO NOTHING`,
      ).bind(campaign.id, campaign.account_id, ids, now),
      c.env.DB.prepare("UPDATE social_posts SET status = 'pending', attempts = 0, error = NULL, updated_at = ?3 WHERE campaign_id = ?1 AND status = 'failed' AND social_account_id IN (SELECT value FROM json_each(?2))").bind(campaign.id, ids, now),
    ]);
    const r = await publishPending(c.env, campaign.id, chosen);
    if (r.pending > 0) await queueRetry(c.env, campaign.id, chosen, r.attempts);
    return c.json({ posts: await postsOf(c.env.DB, campaign.id), publicUrl });
  });
