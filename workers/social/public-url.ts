/**
 * The public address a social post links to (W6): the campaign's page in the account's public
 * archive (`/archivo/{slug}/{campaignId}`, workers/archive/store.ts campaignPublicUrl). A post
 * makes the campaign public, so posting it publishes it in an enabled archive first (the archive
 * only shows campaigns with `published_at`, and takes only those that have gone out, which a
 * posted campaign has). The web version (`/v/:token`) is a recipient's own copy (their name,
 * their unsubscribe link) and is never posted; without an enabled archive there is no public
 * page, and the post says so instead of linking to something private.
 */
import { campaignPublicUrl } from "../archive/store";

/** Why a post could not be made: shown on the post and answered by the manual publish. */
export const NO_PUBLIC_URL = "No public page for this campaign: turn on the public archive";

/**
 * The campaign's public address, publishing it in the account's archive when that is enabled;
 * null when the account has no enabled archive.
 * @example await publicUrlForPost(env, "acc_1", "cmp_1") // "https://pregon.example/archivo/muni/cmp_1"
 */
export async function publicUrlForPost(env: Env, accountId: string, campaignId: string, now: number): Promise<string | null> {
  const enabled = await env.DB.prepare("SELECT 1 AS y FROM archive_settings WHERE account_id = ? AND enabled = 1").bind(accountId).first();
  if (!enabled) return null;
  await env.DB.prepare("UPDATE campaigns SET published_at = COALESCE(published_at, ?3) WHERE id = ?1 AND account_id = ?2 AND automation_id IS NULL AND channel = 'email'")
    .bind(campaignId, accountId, now)
    .run();
  return (await campaignPublicUrl(env, campaignId))?.url ?? null;
}

/** The address posts link to now, without publishing anything (null: not public). */
export async function currentPublicUrl(env: Env, campaignId: string): Promise<string | null> {
  return (await campaignPublicUrl(env, campaignId))?.url ?? null;
}
