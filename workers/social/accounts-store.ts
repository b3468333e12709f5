/**
 * D1 access for connected social accounts (W6): the row, its presentation (the token never
 * leaves: only its last four characters, read by opening the sealed token), and the latest post
 * of each account for the settings page.
 */
import type { SocialAccountOut } from "../../shared/api/schemas-social";
import { tokenHint, type SocialNetwork } from "../../shared/social/networks";
import { openSocialToken } from "./token";

export type SocialAccountRow = {
  id: string;
  account_id: string;
  network: SocialNetwork;
  name: string;
  target: string;
  token: string;
  auto_publish: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
};
type LastPost = { social_account_id: string; campaign_id: string; status: string; url: string | null; error: string | null; updated_at: number };

const iso = (ms: number) => new Date(ms).toISOString();

/** One account of `accountId`, or null. */
export function findSocialAccount(db: D1Database, accountId: string, id: string): Promise<SocialAccountRow | null> {
  return db.prepare("SELECT * FROM social_accounts WHERE id = ? AND account_id = ?").bind(id, accountId).first<SocialAccountRow>();
}

/**
 * The accounts of `accountId` as the API shows them, oldest first, each with its latest post.
 * @example const list = await listSocialAccounts(env, "acc_1") // [{ id, network, tokenHint: "…a1b2", lastPost, … }]
 */
export async function listSocialAccounts(env: Env, accountId: string): Promise<SocialAccountOut[]> {
  const [rows, last] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM social_accounts WHERE account_id = ? ORDER BY created_at, id").bind(accountId),
    env.DB.prepare(
      `SELECT social_account_id, campaign_id, status, url, error, updated_at FROM (
         SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.social_account_id ORDER BY p.updated_at DESC, p.id DESC) AS n FROM social_posts p WHERE p.account_id = ?1
       ) WHERE n = 1`,
    ).bind(accountId),
  ]);
  const lastOf = new Map((last!.results as LastPost[]).map((p) => [p.social_account_id, p]));
  return Promise.all((rows!.results as SocialAccountRow[]).map((r) => presentSocialAccount(env, r, lastOf.get(r.id) ?? null)));
}

/** A row as the API shows it. */
export async function presentSocialAccount(env: Env, r: SocialAccountRow, last: LastPost | null = null): Promise<SocialAccountOut> {
  let hint: string | null = null;
  try {
    hint = tokenHint(await openSocialToken(env, r.id, r.token));
  } catch {
    // The deployment's secret changed: the account needs a new token, which the page asks for.
  }
  return {
    id: r.id,
    network: r.network,
    name: r.name,
    target: r.target,
    tokenHint: hint,
    autoPublish: r.auto_publish === 1,
    lastPost: last ? { campaignId: last.campaign_id, status: last.status as NonNullable<SocialAccountOut["lastPost"]>["status"], url: last.url, error: last.error, at: iso(last.updated_at) } : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
