/**
 * The minute cron's sweep of single sends stuck in `sending` (C1): a consumer that died after
 * claiming a row (send-rows.ts) never settles it, and its reservation would stay held for ever.
 * A row claimed more than STUCK_MS ago (the claim time is in `done_at` while `sending`; a row
 * claimed before that was recorded falls back to `created_at`) is settled here, once:
 *
 * - no part has a provider id or a provider's status (no provider ever said it took the message): `failed` with the
 *   error "unknown: not confirmed by the provider", and its whole reservation goes back to the
 *   holder with a ledger note saying so (never sent again automatically: it may have gone out);
 * - a part has one (an earlier attempt's answer, or a receipt that outran the dead consumer): it is
 *   left to the receipts — moved to `accepted` (the status receipts move forward from), its
 *   credit debited for the parts the provider took, and the receipts already stored applied.
 *
 * The ledger key is the consumer's own (`sms-settle:<id>`), so whichever of the two settles
 * first decides, and the conditional UPDATE changes a row only while it is still `sending`.
 * Campaign messages are the runner's (durable-objects/runner-sms.ts waitSms).
 */
import { nextMessageStatus, type PartStatus } from "../../shared/sms/message-status";
import { ledgerOf } from "../ledger";

/** How long a claimed single send may stay unconfirmed: no consumer works on one attempt longer (a Queue consumer's wall-clock limit is 15 minutes). */
export const STUCK_MS = 15 * 60_000;
/** Rows settled per run (the cron runs every minute). */
const PER_RUN = 100;
export const STUCK_ERROR = "unknown: not confirmed by the provider";
/**
 * Part statuses only a provider gives (an earlier attempt's answer, or a receipt); "failed" is
 * also what we record for a part a provider refused, so it counts only with a provider id.
 * Kannel answers without an id, hence the statuses too.
 */
const TAKEN: ReadonlySet<string> = new Set(["accepted", "buffered", "delivered", "expired", "rejected"]);

type StuckRow = { id: string; account_id: string; segments: number; reservation_id: string | null; claimed_at: number };
type PartRow = { message_id: string; part: number; status: PartStatus; provider_id: string | null };

/**
 * Settle the single sends stuck in `sending`; returns how many were failed and how many were
 * handed to the receipts.
 * @example await sweepStuckSms(env, Date.now()) // { failed: 1, accepted: 0 }
 */
export async function sweepStuckSms(env: Env, now: number): Promise<{ failed: number; accepted: number }> {
  const db = env.DB;
  const cutoff = now - STUCK_MS;
  const { results: stuck } = await db
    .prepare(
      `SELECT id, account_id, segments, reservation_id, COALESCE(done_at, created_at) AS claimed_at FROM sms_messages
       WHERE campaign_id IS NULL AND status = 'sending' AND COALESCE(done_at, created_at) < ?1 LIMIT ?2`,
    )
    .bind(cutoff, PER_RUN)
    .all<StuckRow>();
  if (stuck.length === 0) return { failed: 0, accepted: 0 };
  const { results: parts } = await db
    .prepare("SELECT message_id, part, status, provider_id FROM sms_parts WHERE message_id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(stuck.map((r) => r.id)))
    .all<PartRow>();
  const taken = (id: string) => parts.filter((p) => p.message_id === id && (p.provider_id !== null || TAKEN.has(p.status)));
  const lost = stuck.filter((r) => taken(r.id).length === 0);
  const kept = stuck.filter((r) => taken(r.id).length > 0);
  // Conditional on the row being still `sending` and claimed at the same time: a row claimed
  // again meanwhile (impossible for a `sending` row, but cheap to rule out) is left alone.
  const moves = [
    ...lost.map((r) =>
      db.prepare("UPDATE sms_messages SET status = 'failed', error = ?1, done_at = ?2 WHERE id = ?3 AND status = 'sending' AND COALESCE(done_at, created_at) = ?4 RETURNING id").bind(STUCK_ERROR, now, r.id, r.claimed_at),
    ),
    ...kept.map((r) =>
      db
        .prepare("UPDATE sms_messages SET status = 'accepted', error = NULL, sent_at = COALESCE(sent_at, ?1), done_at = NULL WHERE id = ?2 AND status = 'sending' AND COALESCE(done_at, created_at) = ?1 RETURNING id")
        .bind(r.claimed_at, r.id),
    ),
  ];
  const done = await db.batch<{ id: string }>(moves);
  const moved = new Set(done.flatMap((d) => d.results.map((x) => x.id)));
  const failed = lost.filter((r) => moved.has(r.id));
  const accepted = kept.filter((r) => moved.has(r.id));
  await Promise.all([
    ...failed.map((r) => settle(env, r, 0, `C1: SMS ${r.id} not confirmed by the provider ${Math.round((now - r.claimed_at) / 60_000)} min after it was claimed: credit returned`)),
    ...accepted.map((r) => {
      const p = taken(r.id);
      return settle(env, r, p.some((x) => x.part === 0) ? r.segments : Math.min(r.segments, p.length), null);
    }),
  ]);
  // Receipts stored while the row was `sending` could not move it; they can now.
  const finals = accepted.flatMap((r) => {
    const status = nextMessageStatus("accepted", parts.filter((p) => p.message_id === r.id), r.segments);
    return status === "accepted" ? [] : [db.prepare("UPDATE sms_messages SET status = ?1, done_at = ?2 WHERE id = ?3 AND status = 'accepted'").bind(status, now, r.id)];
  });
  if (finals.length > 0) await db.batch(finals);
  if (failed.length || accepted.length) console.log(`sms stuck sweep: ${failed.length} failed (credit returned), ${accepted.length} handed to their receipts`);
  return { failed: failed.length, accepted: accepted.length };
}

async function settle(env: Env, r: StuckRow, debited: number, note: string | null): Promise<void> {
  if (!r.reservation_id) return; // an opt-out confirmation: no credit held
  try {
    const res = await ledgerOf(env, r.account_id).settle({ accountId: r.account_id, key: `sms-settle:${r.id}`, reservationId: r.reservation_id, debited, note });
    if (!res.ok) console.error(`sms ${r.id}: stuck send's credit not settled: ${res.message}`);
  } catch (err) {
    console.error(`sms ${r.id}: stuck send's credit not settled`, err);
  }
}
