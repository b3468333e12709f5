/**
 * The CampaignRunner's email branch, the phases of campaign-runner.ts's state machine on
 * `deliveries` (as runner-sms.ts is on `sms_messages`), kept apart so the Durable Object class
 * only dispatches, saves and sets alarms:
 *
 * - *scheduled → enqueuing*: the send-day cleaning (E7), the audience counted and its credit
 *   reserved up front; an empty audience or short credit marks the campaign failed.
 * - *enqueuing*: the audience walked with a keyset cursor fixed at the start's highest contact id,
 *   delivery rows written and batches put on the email Queue, checkpointed after each page; with
 *   send limits, released per mailbox provider instead (runner-throttle.ts).
 * - *waiting*: until every delivery is settled; a claim left by a dead sender becomes "unknown"
 *   (never re-sent automatically), and deliveries stalled for STALL_MS go on the Queue again.
 * - *finish*: the credit settled with what the relay accepted, the totals written.
 *
 * Each step advances the state in place and says when to wake next (null: do not re-arm).
 */
import { validateForSend, resolverFor } from "../workers/audience/cleaning";
import { audienceSql, countAudience, openDeliveries, queueDeliveries, recipientsPage, type CampaignRow } from "../workers/email/campaign-store";
import { ledgerOf } from "../workers/ledger";
import { abPick, abTestWait, type AbStage } from "./runner-ab";
import { PER_MESSAGE, toMessages } from "./runner-groups";
import { payerOf, roundKeys } from "./runner-resend";
import { releaseThrottled } from "./runner-throttle";
import { queueAutoPublish } from "../workers/social/publish";

/** The part of the runner's state the email branch reads and moves. */
export type EmailRunnerState = {
  phase: string;
  cursor: number;
  maxId: number;
  enqueued: number;
  ab?: AbStage;
  roundBase?: number;
  open?: number;
  openSince?: number;
};
/** What the runner does next: save the state and wake at `wakeAt` (null: leave the alarm alone). */
export type EmailStep = { wakeAt: number | null };

/** Recipients looked up a page. */
export const PAGE = 1000;
/** Pages enqueued per alarm before yielding (the alarm re-arms at once). */
export const PAGES_PER_ALARM = 20;
export const WAIT_POLL_MS = 2000;
const STALE_CLAIM_MS = 10 * 60_000;
/**
 * Open deliveries that made no progress this long are put on the Queue again: their message was
 * lost (e.g. it failed before claiming on every Queue attempt and was dropped). Longer than the
 * longest retry backoff (10 minutes), and harmless if the message was only late: whichever copy
 * claims a row first sends it, the other finds nothing to claim.
 */
export const STALL_MS = 15 * 60_000;

/**
 * Cleaning, audience count, credit reservation. True when the campaign started (the caller goes
 * on to enqueue in the same alarm); false when it cannot start: it is marked failed and `s` done.
 * @example if (await prepareEmail(env, s, c, Date.now())) await save(s);
 */
export async function prepareEmail(env: Env, s: EmailRunnerState, c: CampaignRow, now: number): Promise<boolean> {
  const db = env.DB;
  const audience = JSON.parse(c.audience) as { listIds: string[] };
  if (audience.listIds.length) await validateForSend(db, resolverFor(env), { accountId: c.account_id, listIds: audience.listIds }, now);
  const a = await audienceSql(db, c, now);
  const total = await countAudience(db, c.account_id, a);
  const fail = async (reason: string) => {
    await db.prepare("UPDATE campaigns SET status = 'failed', pause_reason = ?, finished_at = ?, updated_at = ? WHERE id = ?").bind(reason, now, now, c.id).run();
    s.phase = "done";
    return false;
  };
  if (total === 0) return fail("empty_audience");
  const holder = await payerOf(db, c);
  const r = await ledgerOf(env, c.account_id).reserve({ accountId: c.account_id, key: `campaign:${c.id}`, holder, channel: "email", amount: total, actorUserId: c.sent_by, note: c.name });
  if (!r.ok) return fail(`insufficient_credit:${r.available ?? 0}`);
  const maxId = (await db.prepare("SELECT MAX(id) AS m FROM contacts WHERE account_id = ?").bind(c.account_id).first<number>("m")) ?? 0;
  const started = await db
    .prepare("UPDATE campaigns SET status = 'sending', total = ?, reservation_id = ?, started_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'")
    .bind(total, r.reservationId, now, now, c.id)
    .run();
  // Auto-publish to connected social accounts (W6), posted apart from the send.
  if (started.meta.changes > 0) await queueAutoPublish(env, c.account_id, c.id);
  // An A/B test sends its sample first (runner-ab.ts); credit is reserved for everyone now.
  Object.assign(s, { phase: "enqueuing", cursor: 0, maxId, ...(c.ab ? { ab: "test" } : {}) });
  return true;
}

/**
 * Up to PAGES_PER_ALARM pages on the Queue, `checkpoint` (saving `s`) after each so a crash
 * resumes from the last page written; "waiting" once the audience is walked.
 * @example const step = await enqueueEmail(env, ctx.storage, s, c, () => save(s));
 */
export async function enqueueEmail(env: Env, storage: DurableObjectStorage, s: EmailRunnerState, c: CampaignRow, checkpoint: () => Promise<void>): Promise<EmailStep> {
  const db = env.DB;
  // Contacts added after the start are not part of this send: the audience is fixed by id.
  const a = await audienceSql(db, c, Date.now());
  a.sql += ` AND c.id <= ${Number(s.maxId)}`;
  // Send limits (runner-throttle.ts): released per mailbox provider within their windows.
  const throttled = await releaseThrottled(env, storage, s, c, a, (rows) => abPick(c, s.ab, rows), Date.now());
  if (throttled) {
    if (throttled.done) s.phase = "waiting";
    return { wakeAt: throttled.done ? Date.now() + WAIT_POLL_MS : throttled.wakeAt };
  }
  for (let page = 0; page < PAGES_PER_ALARM; page++) {
    const rows = await recipientsPage(db, c.account_id, a, s.cursor, PAGE);
    if (rows.length === 0) {
      s.phase = "waiting";
      return { wakeAt: Date.now() + WAIT_POLL_MS };
    }
    // Outside an A/B test every row; in one, the sample or the rest, with their versions.
    const pick = abPick(c, s.ab, rows);
    await queueDeliveries(db, c.id, pick.rows).run();
    const messages = toMessages(c.id, pick.groups, PER_MESSAGE);
    for (let i = 0; i < messages.length; i += 100) await env.EMAIL_SENDS.sendBatch(messages.slice(i, i + 100));
    s.cursor = rows[rows.length - 1]!.id;
    s.enqueued += pick.rows.length;
    await checkpoint();
  }
  return { wakeAt: Date.now() };
}

/**
 * One look while waiting: stale claims settled as "unknown", an A/B test's wait for its decision
 * (runner-ab.ts; then the rest is walked), the campaign finished when nothing is open, and
 * deliveries stalled for STALL_MS put back as a re-queue pass.
 */
export async function waitEmail(env: Env, s: EmailRunnerState, c: CampaignRow): Promise<EmailStep> {
  const db = env.DB;
  // A row claimed long ago whose sender died may or may not have gone out: it is settled as
  // "unknown" (never re-sent automatically, so nobody gets it twice; refundable, C1).
  await db.prepare("UPDATE deliveries SET status = 'unknown' WHERE campaign_id = ? AND status = 'sending' AND claimed_at < ?").bind(c.id, Date.now() - STALE_CLAIM_MS).run();
  if (s.ab === "test") {
    const next = await abTestWait(db, c, Date.now(), WAIT_POLL_MS);
    if (next !== null) return { wakeAt: next };
    Object.assign(s, { ab: "rest", phase: "enqueuing", cursor: 0 });
    return { wakeAt: Date.now() };
  }
  const open = await openDeliveries(db, c.id);
  if (open === 0) return finishEmail(env, s, c, "sent");
  const now = Date.now();
  const stalled = open === s.open && now - (s.openSince ?? now) > STALL_MS;
  if (open !== s.open) Object.assign(s, { open, openSince: now });
  if (stalled) {
    await db.prepare("UPDATE deliveries SET status = 'queued' WHERE campaign_id = ? AND status = 'deferred'").bind(c.id).run();
    Object.assign(s, { phase: "requeue", cursor: 0, openSince: now });
  }
  return { wakeAt: stalled ? now : now + WAIT_POLL_MS };
}

/**
 * Settle the credit with what was accepted, close the campaign, stop. On cancel, queued rows are
 * cancelled first and messages being sent right now settle before the close (wake and look again).
 */
export async function finishEmail(env: Env, s: EmailRunnerState, c: CampaignRow, status: "sent" | "cancelled"): Promise<EmailStep> {
  const db = env.DB;
  const now = Date.now();
  if (status === "cancelled") {
    await db.prepare("UPDATE deliveries SET status = 'cancelled' WHERE campaign_id = ? AND status IN ('queued', 'deferred')").bind(c.id).run();
    const inFlight = await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'sending'").bind(c.id).first<number>("n");
    if (inFlight) return { wakeAt: now + WAIT_POLL_MS };
  }
  if (c.reservation_id) {
    // A re-send round (C1) settles its own reservation with what it got accepted.
    // Accepted = ever taken by the relay (sent_at), including those a later DSN bounced.
    const accepted = ((await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND sent_at IS NOT NULL").bind(c.id).first<number>("n")) ?? 0) - (s.roundBase ?? 0);
    await ledgerOf(env, c.account_id).settle({ accountId: c.account_id, key: roundKeys(c.id, c.round).settle, reservationId: c.reservation_id, debited: accepted, actorUserId: c.sent_by });
  }
  const totals = await db
    .prepare("SELECT COALESCE(SUM(status = 'sent'), 0) AS sent, COALESCE(SUM(status IN ('bounced', 'failed', 'unknown')), 0) AS failed, COUNT(*) AS total FROM deliveries WHERE campaign_id = ?")
    .bind(c.id)
    .first<{ sent: number; failed: number; total: number }>();
  await db
    .prepare(`UPDATE campaigns SET status = CASE WHEN status IN ('sending', 'cancelled') THEN ? ELSE status END, sent = ?, failed = ?, total = ?, finished_at = ?, updated_at = ? WHERE id = ?`)
    .bind(status, totals?.sent ?? 0, totals?.failed ?? 0, status === "sent" ? (totals?.total ?? 0) : c.total, now, now, c.id)
    .run();
  s.phase = "done";
  return { wakeAt: null };
}
