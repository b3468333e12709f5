/**
 * Publishing a campaign to connected social accounts (W6). When an email campaign starts sending
 * the runner calls queueAutoPublish: one `{type:"social", campaignId}` message on the IMPORTS
 * Queue. Its consumer (handleSocialMessage) inserts one `social_posts` row per auto-publish
 * account (unique per campaign and account, so a redelivered message adds nothing) and posts
 * every pending row: each row is claimed (pending → posting, attempts + 1) with a conditional
 * UPDATE before the network is called, so two copies of a message never post twice. A network's
 * refusal (4xx, e.g. an expired token) fails the row with its message; no answer or a 5xx puts it
 * back to pending, retried with the message after RETRY_BASE_SECONDS × 4^(attempts − 1), up to
 * MAX_ATTEMPTS. A row left "posting" by a consumer that died is failed as lost after LOST_MS,
 * never posted again (it may have gone out). The manual publish (POST /campaigns/:id/social)
 * uses the same publishPending and hands its retries to the same message.
 */
import { buildPost } from "../../shared/social/post";
import type { SocialNetwork } from "../../shared/social/networks";
import { NO_PUBLIC_URL, publicUrlForPost } from "./public-url";
import { sendPost } from "./post-call";
import { openSocialToken } from "./token";

/** Attempts per post (the first included). */
export const MAX_ATTEMPTS = 3;
const RETRY_BASE_SECONDS = 30;
const LOST_MS = 10 * 60_000;

/** `accountIds` limits the message to those accounts' rows (a manual publish); without it, the auto-publish accounts. */
export type SocialMessage = { type: "social"; campaignId: string; accountIds?: string[] };

type Campaign = { id: string; account_id: string; subject: string; channel: string; automation_id: string | null };
type Due = { id: string; attempts: number; social_account_id: string; network: SocialNetwork; target: string; token: string };

/** Seconds before a message retries posts that have made `attempts` attempts (SOCIAL_RETRY_SECONDS overrides the base). */
export function retryDelay(env: { SOCIAL_RETRY_SECONDS?: string }, attempts: number): number {
  const base = env.SOCIAL_RETRY_SECONDS === undefined || env.SOCIAL_RETRY_SECONDS === "" ? RETRY_BASE_SECONDS : Number(env.SOCIAL_RETRY_SECONDS);
  return Math.round(base * 4 ** Math.max(0, attempts - 1));
}

/**
 * Called when an email campaign starts sending: queues its auto-publish when the account has an
 * auto-publish account. Never throws (a lost wake-up must not stop a send); logs instead.
 */
export async function queueAutoPublish(env: Pick<Env, "DB" | "IMPORTS">, accountId: string, campaignId: string): Promise<void> {
  try {
    const any = await env.DB.prepare("SELECT 1 AS y FROM social_accounts WHERE account_id = ? AND auto_publish = 1 LIMIT 1").bind(accountId).first();
    if (any) await env.IMPORTS.send({ type: "social", campaignId } satisfies SocialMessage);
  } catch (e) {
    console.error(`social: auto-publish of ${campaignId} not queued`, e);
  }
}

/** The campaign when it may be posted: an email campaign, not an automation's hidden step. */
async function publishable(db: D1Database, campaignId: string): Promise<Campaign | null> {
  const c = await db.prepare("SELECT id, account_id, subject, channel, automation_id FROM campaigns WHERE id = ?").bind(campaignId).first<Campaign>();
  return c && c.channel === "email" && c.automation_id === null ? c : null;
}

/** One pending row per auto-publish account of the campaign's account (kept when it exists). */
async function addAutoRows(db: D1Database, c: Campaign, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO social_posts (id, account_id, campaign_id, social_account_id, status, attempts, created_at, updated_at)
       SELECT 'sp_' || lower(hex(randomblob(10))), a.account_id, ?1, a.id, 'pending', 0, ?3, ?3 FROM social_accounts a WHERE a.account_id = ?2 AND a.auto_publish = 1
       ON CONFLICT (campaign_id, social_account_id) DO NOTHING`,
    )
    .bind(c.id, c.account_id, now)
    .run();
}

/**
 * Posts the pending rows of `campaignId` (only `accountIds`' when given), each claimed first.
 * Returns how many rows are still pending (to retry) and their most attempts.
 * @example await publishPending(env, "cmp_1", null) // { pending: 0, attempts: 1 }
 */
export async function publishPending(env: Env, campaignId: string, accountIds: string[] | null, now = () => Date.now()): Promise<{ pending: number; attempts: number }> {
  const db = env.DB;
  const scope = accountIds ? ` AND p.social_account_id IN (SELECT value FROM json_each(?2))` : "";
  const scoped = (sql: string) => db.prepare(sql).bind(campaignId, ...(accountIds ? [JSON.stringify(accountIds)] : []));
  await scoped(`UPDATE social_posts AS p SET status = 'failed', error = 'lost while posting (it may have been posted)', updated_at = ${now()} WHERE p.campaign_id = ?1 AND p.status = 'posting' AND p.updated_at < ${now() - LOST_MS}${scope}`).run();
  const c = await publishable(db, campaignId);
  const url = c ? await publicUrlForPost(env, c.account_id, c.id, now()) : null;
  if (!c || !url) {
    const why = c ? NO_PUBLIC_URL : "The campaign cannot be posted (deleted, or not an email campaign)";
    await scoped(`UPDATE social_posts AS p SET status = 'failed', error = '${why.replaceAll("'", "''")}', updated_at = ${now()} WHERE p.campaign_id = ?1 AND p.status = 'pending'${scope}`).run();
    return { pending: 0, attempts: 0 };
  }
  const due = (
    await scoped(
      `SELECT p.id, p.attempts, p.social_account_id, a.network, a.target, a.token FROM social_posts p JOIN social_accounts a ON a.id = p.social_account_id
       WHERE p.campaign_id = ?1 AND p.status = 'pending'${scope} ORDER BY p.id`,
    ).all<Due>()
  ).results;
  let pending = 0;
  let attempts = 0;
  await Promise.all(
    due.map(async (d) => {
      // The claim: only one copy of a message moves the row to "posting" and calls the network.
      const claimed = await db.prepare("UPDATE social_posts SET status = 'posting', attempts = attempts + 1, updated_at = ?3 WHERE id = ?1 AND status = 'pending' AND attempts = ?2").bind(d.id, d.attempts, now()).run();
      if (claimed.meta.changes !== 1) return;
      const made = d.attempts + 1;
      let outcome;
      try {
        outcome = await sendPost(env, buildPost(d.network, c.subject, url), d.target, await openSocialToken(env, d.social_account_id, d.token));
      } catch (e) {
        // The token does not open (the deployment's secret changed): only a new token helps.
        outcome = { kind: "failed" as const, error: e instanceof Error ? e.message : String(e) };
      }
      if (outcome.kind === "posted") {
        await db.prepare("UPDATE social_posts SET status = 'posted', remote_id = ?2, url = ?3, error = NULL, updated_at = ?4 WHERE id = ?1").bind(d.id, outcome.remoteId || null, outcome.url, now()).run();
        return;
      }
      const again = outcome.kind === "retry" && made < MAX_ATTEMPTS;
      await db.prepare("UPDATE social_posts SET status = ?2, error = ?3, updated_at = ?4 WHERE id = ?1").bind(d.id, again ? "pending" : "failed", outcome.error, now()).run();
      if (again) {
        pending++;
        attempts = Math.max(attempts, made);
      }
    }),
  );
  return { pending, attempts };
}

/**
 * The IMPORTS consumer's case for `{type:"social"}`: rows added (auto-publish), pending posts
 * made, the message retried with backoff while some are pending, else acknowledged.
 */
export async function handleSocialMessage(env: Env, msg: Message<SocialMessage>): Promise<void> {
  const body = msg.body;
  try {
    if (!body.accountIds) {
      const c = await publishable(env.DB, body.campaignId);
      if (c) await addAutoRows(env.DB, c, Date.now());
    }
    const r = await publishPending(env, body.campaignId, body.accountIds ?? null);
    if (r.pending > 0) msg.retry({ delaySeconds: retryDelay(env, r.attempts) });
    else msg.ack();
  } catch (err) {
    console.error(`social posts of ${body.campaignId} failed (attempt ${msg.attempts})`, err);
    msg.retry({ delaySeconds: retryDelay(env, msg.attempts) });
  }
}

/** Queues a retry of a manual publish's pending posts (a failure is logged: the rows stay pending for the next publish). */
export async function queueRetry(env: Pick<Env, "IMPORTS" | "SOCIAL_RETRY_SECONDS">, campaignId: string, accountIds: string[], attempts: number): Promise<void> {
  await env.IMPORTS.send({ type: "social", campaignId, accountIds } satisfies SocialMessage, { delaySeconds: retryDelay(env, attempts) }).catch((e: unknown) => console.error(`social: retry of ${campaignId} not queued`, e));
}
