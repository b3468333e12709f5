/**
 * The CampaignRunner's SMS branch. The same phases as email, on `sms_messages`:
 *
 * - *scheduled → enqueuing*: the send-day cleaning keeps members with a Peruvian mobile, SMS
 *   subscribed, number not suppressed; the others are counted by reason (kept in the runner's
 *   storage, shown on the campaign page). No credit is reserved up front: each group reserves the
 *   segments of its rendered messages (workers/sms/campaign-batch.ts).
 * - *enqueuing*: groups of GROUP recipients in id order (keyset cursor, checkpointed after each);
 *   when the credit runs out mid-way (S8) the recipients it covers are sent and the campaign is
 *   paused with `credit_exhausted`; resuming after a grant goes on from the cursor.
 * - *waiting*: until no message is `queued` or `sending`; then every group's reservation is
 *   released (the consumer committed what the provider took) and the totals written.
 * - *cancel*: queued messages become `cancelled`, in-flight ones settle first, then the release.
 */
import type { CampaignRow } from "../workers/email/campaign-store";
import { ledgerOf } from "../workers/ledger";
import { smsAudienceCount, smsAudienceSql, smsRecipientsPage, type SmsDrops } from "../workers/sms/campaign-audience";
import { sendGroup } from "../workers/sms/campaign-batch";
import { payerOf } from "./runner-resend";
import { SMS_PER_MESSAGE } from "../workers/sms/campaign-batch";

/** Recipients rendered, reserved and written together. */
const GROUP = 200;
const GROUPS_PER_ALARM = 10;
const WAIT_POLL_MS = 2000;

/** The part of the runner's state the SMS branch reads and moves. */
export type SmsRunnerState = { phase: string; cursor: number; maxId: number; enqueued: number; open?: number; openSince?: number };
/** What the runner does next: save the state and wake at `wakeAt` (null: sleep until resumed). */
export type SmsStep = { wakeAt: number | null };

/** Send-day cleaning and start; false-y wake when the campaign cannot start (it is marked failed). */
export async function prepareSms(env: Env, storage: DurableObjectStorage, s: SmsRunnerState, c: CampaignRow, now: number): Promise<SmsStep> {
  const db = env.DB;
  const { total, dropped } = await smsAudienceCount(db, c, now);
  await storage.put("smsDrops", dropped);
  if (total === 0) {
    await db.prepare("UPDATE campaigns SET status = 'failed', pause_reason = 'empty_audience', finished_at = ?, updated_at = ? WHERE id = ?").bind(now, now, c.id).run();
    s.phase = "done";
    return { wakeAt: null };
  }
  const maxId = (await db.prepare("SELECT MAX(id) AS m FROM contacts WHERE account_id = ?").bind(c.account_id).first<number>("m")) ?? 0;
  await db.prepare("UPDATE campaigns SET status = 'sending', total = ?, reservation_id = NULL, started_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'").bind(total, now, now, c.id).run();
  Object.assign(s, { phase: "enqueuing", cursor: 0, maxId });
  return { wakeAt: now };
}

/** The members left out at the start, by reason (null before the send day). */
export async function smsDrops(storage: DurableObjectStorage): Promise<SmsDrops | null> {
  return (await storage.get<SmsDrops>("smsDrops")) ?? null;
}

/** Up to GROUPS_PER_ALARM groups; pauses the campaign when the credit is used up. */
export async function enqueueSms(env: Env, s: SmsRunnerState, c: CampaignRow, now: number): Promise<SmsStep> {
  const db = env.DB;
  const a = await smsAudienceSql(db, c, now);
  const holder = await payerOf(db, c);
  for (let i = 0; i < GROUPS_PER_ALARM; i++) {
    const rows = await smsRecipientsPage(db, c.account_id, a, s.cursor, s.maxId, GROUP);
    if (rows.length === 0) {
      s.phase = "waiting";
      return { wakeAt: now + WAIT_POLL_MS };
    }
    const g = await sendGroup(env, c, rows, holder, now);
    s.cursor = g.lastId;
    s.enqueued += g.queued;
    if (g.exhausted) {
      await db.prepare("UPDATE campaigns SET status = 'paused', pause_reason = 'credit_exhausted', updated_at = ? WHERE id = ? AND status = 'sending'").bind(now, c.id).run();
      return { wakeAt: null };
    }
  }
  return { wakeAt: now };
}

/**
 * While waiting: finish once every message has left `queued` and `sending`. When that number has
 * not moved for STALL_MS (the email runner's, longer than any retry backoff), a Queue message was
 * lost: the still-queued rows go on the Queue again (whichever copy claims a row sends it), and
 * rows left `sending` by a consumer that died are failed as "lost" — never sent again, since
 * they may have gone out; nothing was committed for them, so their credit comes back at the end.
 */
export async function waitSms(env: Env, s: SmsRunnerState, c: CampaignRow, now: number, stallMs: number): Promise<SmsStep> {
  const db = env.DB;
  const open = (await db.prepare("SELECT COUNT(*) AS n FROM sms_messages WHERE campaign_id = ? AND status IN ('queued', 'sending')").bind(c.id).first<number>("n")) ?? 0;
  if (open === 0) return finishSms(env, s, c, "sent", now);
  if (open !== s.open) Object.assign(s, { open, openSince: now });
  else if (now - (s.openSince ?? now) > stallMs) {
    await db.prepare("UPDATE sms_messages SET status = 'failed', error = 'lost while sending (may have gone out)', done_at = ? WHERE campaign_id = ? AND status = 'sending'").bind(now, c.id).run();
    const ids = (await db.prepare("SELECT id FROM sms_messages WHERE campaign_id = ? AND status = 'queued'").bind(c.id).all<{ id: string }>()).results.map((r) => r.id);
    for (let i = 0; i < ids.length; i += SMS_PER_MESSAGE * 100) {
      const chunk = ids.slice(i, i + SMS_PER_MESSAGE * 100);
      const batch = [];
      for (let j = 0; j < chunk.length; j += SMS_PER_MESSAGE) batch.push({ body: { type: "sms" as const, ids: chunk.slice(j, j + SMS_PER_MESSAGE) } });
      await env.SMS_SENDS.sendBatch(batch);
    }
    s.openSince = now;
  }
  return { wakeAt: now + WAIT_POLL_MS };
}

/** Close the campaign: cancel what is still queued (on cancel), release the groups' credit left, write the totals. */
export async function finishSms(env: Env, s: SmsRunnerState, c: CampaignRow, status: "sent" | "cancelled", now: number): Promise<SmsStep> {
  const db = env.DB;
  if (status === "cancelled") {
    await db.prepare("UPDATE sms_messages SET status = 'cancelled', done_at = ? WHERE campaign_id = ? AND status = 'queued'").bind(now, c.id).run();
    const inFlight = await db.prepare("SELECT COUNT(*) AS n FROM sms_messages WHERE campaign_id = ? AND status = 'sending'").bind(c.id).first<number>("n");
    if (inFlight) return { wakeAt: now + WAIT_POLL_MS };
  }
  const reservations = await db.prepare("SELECT DISTINCT reservation_id AS r FROM sms_messages WHERE campaign_id = ? AND reservation_id IS NOT NULL").bind(c.id).all<{ r: string }>();
  const ledger = ledgerOf(env, c.account_id);
  for (const { r } of reservations.results) {
    const res = await ledger.release({ accountId: c.account_id, key: `sms-campaign-release:${r}`, reservationId: r });
    if (!res.ok) console.error(`campaign ${c.id}: reservation ${r} not released: ${res.message}`);
  }
  const totals = await db
    .prepare("SELECT COALESCE(SUM(status IN ('accepted', 'delivered')), 0) AS sent, COALESCE(SUM(status IN ('failed', 'expired', 'rejected')), 0) AS failed, COUNT(*) AS total FROM sms_messages WHERE campaign_id = ?")
    .bind(c.id)
    .first<{ sent: number; failed: number; total: number }>();
  await db
    .prepare("UPDATE campaigns SET status = CASE WHEN status IN ('sending', 'cancelled') THEN ? ELSE status END, sent = ?, failed = ?, total = ?, finished_at = ?, updated_at = ? WHERE id = ?")
    .bind(status, totals?.sent ?? 0, totals?.failed ?? 0, status === "sent" ? (totals?.total ?? 0) : c.total, now, now, c.id)
    .run();
  s.phase = "done";
  return { wakeAt: null };
}
