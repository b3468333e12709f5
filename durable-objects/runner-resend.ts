/**
 * Re-send rounds (C1). A message whose sender died mid-transaction is settled "unknown" by the
 * runner: never re-sent automatically, and not debited. One action starts a new round: credit
 * is reserved for those recipients under the round's own key, their rows go back to "queued",
 * and the runner puts them on the email Queue again; its finish step then settles only that
 * round's reservation, with what the relay accepted in the round.
 */
import { MAIN } from "../shared/credits/ledger";
import { drawsFromMainPool, type Role } from "../shared/auth/roles";
import type { Variant } from "../shared/campaigns/ab";
import type { CampaignRow } from "../workers/email/campaign-store";
import { ledgerOf } from "../workers/ledger";
import { toMessages, type RecipientGroup } from "./runner-groups";

export type ResendRefusal = { ok: false; code: "not_finished" | "nothing_to_resend" | "insufficient_credit"; message: string };
export type ResendStarted = { ok: true; round: number; count: number; sentBefore: number };

/** The ledger keys of a round; round 0 keeps the keys the first send always used. */
export const roundKeys = (campaignId: string, round: number) =>
  round === 0 ? { reserve: `campaign:${campaignId}`, settle: `settle:${campaignId}` } : { reserve: `campaign:${campaignId}:r${round}`, settle: `settle:${campaignId}:r${round}` };

/** Whose credit pays for the campaign: the main pool for owner and admin, else the sender's own. */
export async function payerOf(db: D1Database, c: CampaignRow): Promise<string> {
  const role = c.sent_by ? await db.prepare("SELECT role FROM users WHERE id = ?").bind(c.sent_by).first<Role>("role") : null;
  return !role || drawsFromMainPool(role) ? MAIN : c.sent_by!;
}

/**
 * Start a re-send round of a sent campaign's unconfirmed messages: reserve, requeue the rows,
 * and return how many were sent before (the round's acceptances are counted from there).
 * @example await startResendRound(env, campaign, actor.userId) // { ok: true, round: 1, count: 3, sentBefore: 97 }
 */
export async function startResendRound(env: Env, c: CampaignRow, actorUserId: string): Promise<ResendStarted | ResendRefusal> {
  const db = env.DB;
  if (c.status !== "sent") return { ok: false, code: "not_finished", message: `The campaign is ${c.status}: only a sent campaign's unconfirmed messages can be re-sent` };
  const count = (await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'unknown'").bind(c.id).first<number>("n")) ?? 0;
  if (count === 0) return { ok: false, code: "nothing_to_resend", message: "The campaign has no unconfirmed messages to re-send" };
  const round = c.round + 1;
  const keys = roundKeys(c.id, round);
  const ledger = ledgerOf(env, c.account_id);
  const r = await ledger.reserve({ accountId: c.account_id, key: keys.reserve, holder: await payerOf(db, c), channel: "email", amount: count, actorUserId, note: `${c.name} (re-send ${round})` });
  if (!r.ok) return { ok: false, code: "insufficient_credit", message: `Not enough email credit: ${count} needed, ${r.available ?? 0} available` };
  const now = Date.now();
  // One transaction: the campaign moves to the round, the count of earlier acceptances is taken,
  // and the unconfirmed rows are queued again, so nothing of the round can be counted before it.
  const [moved, before] = await db.batch([
    db
      .prepare("UPDATE campaigns SET status = 'sending', round = ?1, reservation_id = ?2, finished_at = NULL, pause_reason = NULL, updated_at = ?3 WHERE id = ?4 AND status = 'sent' AND round = ?5")
      .bind(round, r.reservationId, now, c.id, c.round),
    db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND sent_at IS NOT NULL").bind(c.id),
    db
      .prepare("UPDATE deliveries SET status = 'queued', attempts = 0, claimed_at = NULL, code = NULL, detail = NULL WHERE campaign_id = ?1 AND status = 'unknown' AND (SELECT round FROM campaigns WHERE id = ?1) = ?2")
      .bind(c.id, round),
    db.prepare("UPDATE campaigns SET failed = (SELECT COUNT(*) FROM deliveries WHERE campaign_id = ?1 AND status IN ('bounced', 'failed', 'unknown')) WHERE id = ?1").bind(c.id),
  ]);
  if (moved!.meta.changes !== 1) {
    await ledger.release({ accountId: c.account_id, key: `release:${keys.reserve}`, reservationId: r.reservationId });
    return { ok: false, code: "not_finished", message: "The campaign changed meanwhile; reload it" };
  }
  return { ok: true, round, count, sentBefore: (before!.results[0] as { n: number }).n };
}

/**
 * Put up to `pages` pages of a round's queued rows after `afterId` on the Queue again, grouped
 * by the version each is rendered with (a test's sample keeps its own; everyone else gets the
 * winner, if any). Returns the new cursor, and whether none are left.
 * @example const step = await requeueStep(env, campaign, 0, { page: 1000, pages: 20, perMessage: 200 })
 */
export async function requeueStep(env: Env, c: CampaignRow, afterId: number, size: { page: number; pages: number; perMessage: number }): Promise<{ cursor: number; done: boolean }> {
  let cursor = afterId;
  for (let page = 0; page < size.pages; page++) {
    const rows = (
      await env.DB.prepare(`SELECT contact_id, variant FROM deliveries WHERE campaign_id = ? AND status = 'queued' AND contact_id > ? ORDER BY contact_id LIMIT ${size.page}`)
        .bind(c.id, cursor)
        .all<{ contact_id: number; variant: Variant | null }>()
    ).results;
    if (rows.length === 0) return { cursor, done: true };
    const byVariant = new Map<Variant | undefined, number[]>();
    for (const r of rows) {
      const v = r.variant ?? (c.ab_winner as Variant | null) ?? undefined;
      const ids = byVariant.get(v) ?? [];
      ids.push(r.contact_id);
      byVariant.set(v, ids);
    }
    const groups: RecipientGroup[] = [...byVariant].map(([variant, ids]) => ({ ...(variant ? { variant } : {}), ids }));
    const messages = toMessages(c.id, groups, size.perMessage);
    for (let i = 0; i < messages.length; i += 100) await env.EMAIL_SENDS.sendBatch(messages.slice(i, i + 100));
    cursor = rows[rows.length - 1]!.contact_id;
  }
  return { cursor, done: false };
}
