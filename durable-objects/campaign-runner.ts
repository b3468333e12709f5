/**
 * CampaignRunner: one per campaign, the send state machine, woken by alarms (never cron). At the
 * scheduled minute it runs the send-day cleaning (E7), reserves the credit, then walks the
 * audience with a keyset cursor, writing delivery rows and putting batches on the email Queue,
 * checkpointing after each page: a crash resumes from the checkpoint, and re-enqueued recipients
 * are harmless because the consumer only sends rows it can claim. When every delivery is
 * settled it reconciles the credit with what was actually accepted and releases the rest.
 */
import { DurableObject } from "cloudflare:workers";
import { validateForSend, resolverFor } from "../workers/audience/cleaning";
import { audienceSql, countAudience, loadCampaign, openDeliveries, queueDeliveries, recipientsPage, type CampaignRow } from "../workers/email/campaign-store";
import { ledgerOf } from "../workers/ledger";
import { abPick, abTestWait, type AbStage } from "./runner-ab";
import { payerOf, requeueStep, roundKeys, startResendRound, type ResendRefusal } from "./runner-resend";
import { toMessages } from "./runner-groups";
import { releaseThrottled, throttleHolds, type Hold } from "./runner-throttle";
import { enqueueSms, finishSms, prepareSms, smsDrops, waitSms, type SmsStep } from "./runner-sms";
import type { SmsDrops } from "../workers/sms/campaign-audience";

export type { EmailSendMessage } from "./runner-groups";
/** "requeue": a re-send round (C1) putting its rows on the Queue again. */
export type RunnerPhase = "idle" | "scheduled" | "enqueuing" | "requeue" | "waiting" | "done";
/** `ab`: the A/B stage of the walk (B3); `roundBase`: acceptances before the current re-send round. */
type State = {
  campaignId: string;
  accountId: string;
  phase: RunnerPhase;
  cursor: number;
  maxId: number;
  enqueued: number;
  ab?: AbStage;
  roundBase?: number;
  /** While waiting: deliveries still open at the last look, and since when that number held. */
  open?: number;
  openSince?: number;
};

const PAGE = 1000;
/**
 * Recipients per Queue message: the consumer claims, renders, sends and settles them together,
 * so its fixed cost per message (a handful of D1 statements, one ledger commit) is shared by
 * 200 emails; 50 made that cost a tenth of the work (bench:send, docs/benchmarks.md).
 */
export const PER_MESSAGE = 200;
/** Pages enqueued per alarm before yielding (the alarm re-arms at once). */
const PAGES_PER_ALARM = 20;
const WAIT_POLL_MS = 2000;
const STALE_CLAIM_MS = 10 * 60_000;
/**
 * Open deliveries that made no progress this long are put on the Queue again: their message was
 * lost (e.g. it failed before claiming on every Queue attempt and was dropped). Longer than the
 * longest retry backoff (10 minutes), and harmless if the message was only late: whichever copy
 * claims a row first sends it, the other finds nothing to claim.
 */
export const STALL_MS = 15 * 60_000;

export class CampaignRunner extends DurableObject<Env> {
  private async state(): Promise<State | null> {
    return (await this.ctx.storage.get<State>("state")) ?? null;
  }
  private async save(s: State): Promise<void> {
    await this.ctx.storage.put("state", s);
  }

  /** Arm the runner for `at` (ms). Scheduling again moves the alarm. */
  async schedule(campaignId: string, accountId: string, at: number): Promise<void> {
    const s = await this.state();
    if (s && s.phase !== "idle" && s.phase !== "scheduled") return;
    await this.save({ campaignId, accountId, phase: "scheduled", cursor: 0, maxId: 0, enqueued: 0 });
    await this.ctx.storage.setAlarm(at);
  }

  /** Wake at `at` (after resume or cancel) so the state in D1 takes effect. */
  async wake(at: number): Promise<void> {
    if (await this.state()) await this.ctx.storage.setAlarm(at);
  }

  async phase(): Promise<RunnerPhase> {
    return (await this.state())?.phase ?? "idle";
  }

  /** The send limits holding this campaign back now, if any (shown on its page). */
  async holds(): Promise<Hold[]> {
    return throttleHolds(this.ctx.storage, Date.now());
  }

  /** An SMS campaign's members left out on the send day, by reason (null before it). */
  async smsDrops(): Promise<SmsDrops | null> {
    return smsDrops(this.ctx.storage);
  }

  override async alarm(): Promise<void> {
    const s = await this.state();
    if (!s || s.phase === "done") return;
    const db = this.env.DB;
    const c = await loadCampaign(db, s.campaignId);
    if (!c) return;
    if (c.channel === "sms") return this.smsAlarm(s, c);
    if (c.status === "cancelled") return this.finish(s, c, "cancelled");
    if (c.status === "paused") return; // resume re-arms the alarm
    if (s.phase === "scheduled") {
      if (c.status !== "scheduled") return;
      if (!(await this.prepare(s, c))) return;
    }
    if (s.phase === "enqueuing") return this.enqueue(s, c);
    if (s.phase === "requeue") return this.requeue(s, c);
    if (s.phase === "waiting") {
      // A row claimed long ago whose sender died may or may not have gone out: it is settled as
      // "unknown" (never re-sent automatically, so nobody gets it twice; refundable, C1).
      await db.prepare("UPDATE deliveries SET status = 'unknown' WHERE campaign_id = ? AND status = 'sending' AND claimed_at < ?").bind(c.id, Date.now() - STALE_CLAIM_MS).run();
      if (s.ab === "test") return this.abWait(s, c);
      const open = await openDeliveries(db, c.id);
      if (open === 0) return this.finish(s, c, "sent");
      const now = Date.now();
      const stalled = open === s.open && now - (s.openSince ?? now) > STALL_MS;
      if (open !== s.open) Object.assign(s, { open, openSince: now });
      if (stalled) {
        await db.prepare("UPDATE deliveries SET status = 'queued' WHERE campaign_id = ? AND status = 'deferred'").bind(c.id).run();
        Object.assign(s, { phase: "requeue", cursor: 0, openSince: now });
      }
      await this.save(s);
      await this.ctx.storage.setAlarm(stalled ? now : now + WAIT_POLL_MS);
    }
  }

  /** One step of an SMS campaign (runner-sms.ts): the same phases, on sms_messages. */
  private async smsAlarm(s: State, c: CampaignRow): Promise<void> {
    const now = Date.now();
    let step: SmsStep;
    if (c.status === "cancelled") step = await finishSms(this.env, s, c, "cancelled", now);
    else if (c.status === "paused") return; // resume re-arms the alarm
    else if (s.phase === "scheduled") {
      if (c.status !== "scheduled") return;
      step = await prepareSms(this.env, this.ctx.storage, s, c, now);
    } else if (s.phase === "enqueuing") step = await enqueueSms(this.env, s, c, now);
    else if (s.phase === "waiting") step = await waitSms(this.env, s, c, now, STALL_MS);
    else return;
    await this.save(s);
    if (step.wakeAt !== null) await this.ctx.storage.setAlarm(step.wakeAt);
  }

  /** Cleaning, audience count, credit reservation; false when the campaign cannot start. */
  private async prepare(s: State, c: CampaignRow): Promise<boolean> {
    const db = this.env.DB;
    const now = Date.now();
    const audience = JSON.parse(c.audience) as { listIds: string[] };
    if (audience.listIds.length) await validateForSend(db, resolverFor(this.env), { accountId: c.account_id, listIds: audience.listIds }, now);
    const a = await audienceSql(db, c, now);
    const total = await countAudience(db, c.account_id, a);
    const fail = async (reason: string) => {
      await db.prepare("UPDATE campaigns SET status = 'failed', pause_reason = ?, finished_at = ?, updated_at = ? WHERE id = ?").bind(reason, now, now, c.id).run();
      await this.save({ ...s, phase: "done" });
      return false;
    };
    if (total === 0) return fail("empty_audience");
    const holder = await payerOf(db, c);
    const r = await ledgerOf(this.env, c.account_id).reserve({ accountId: c.account_id, key: `campaign:${c.id}`, holder, channel: "email", amount: total, actorUserId: c.sent_by, note: c.name });
    if (!r.ok) return fail(`insufficient_credit:${r.available ?? 0}`);
    const maxId = (await db.prepare("SELECT MAX(id) AS m FROM contacts WHERE account_id = ?").bind(c.account_id).first<number>("m")) ?? 0;
    await db
      .prepare("UPDATE campaigns SET status = 'sending', total = ?, reservation_id = ?, started_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'")
      .bind(total, r.reservationId, now, now, c.id)
      .run();
    // An A/B test sends its sample first (runner-ab.ts); credit is reserved for everyone now.
    Object.assign(s, { phase: "enqueuing", cursor: 0, maxId, ...(c.ab ? { ab: "test" } : {}) });
    await this.save(s);
    return true;
  }

  private async enqueue(s: State, c: CampaignRow): Promise<void> {
    const db = this.env.DB;
    // Contacts added after the start are not part of this send: the audience is fixed by id.
    const a = await audienceSql(db, c, Date.now());
    a.sql += ` AND c.id <= ${Number(s.maxId)}`;
    // Send limits (runner-throttle.ts): released per mailbox provider within their windows.
    const throttled = await releaseThrottled(this.env, this.ctx.storage, s, c, a, (rows) => abPick(c, s.ab, rows), Date.now());
    if (throttled) {
      if (throttled.done) s.phase = "waiting";
      await this.save(s);
      return this.ctx.storage.setAlarm(throttled.done ? Date.now() + WAIT_POLL_MS : throttled.wakeAt);
    }
    for (let page = 0; page < PAGES_PER_ALARM; page++) {
      const rows = await recipientsPage(db, c.account_id, a, s.cursor, PAGE);
      if (rows.length === 0) {
        s.phase = "waiting";
        await this.save(s);
        await this.ctx.storage.setAlarm(Date.now() + WAIT_POLL_MS);
        return;
      }
      // Outside an A/B test every row; in one, the sample or the rest, with their versions.
      const pick = abPick(c, s.ab, rows);
      await queueDeliveries(db, c.id, pick.rows).run();
      const messages = toMessages(c.id, pick.groups, PER_MESSAGE);
      for (let i = 0; i < messages.length; i += 100) await this.env.EMAIL_SENDS.sendBatch(messages.slice(i, i + 100));
      s.cursor = rows[rows.length - 1]!.id;
      s.enqueued += pick.rows.length;
      await this.save(s);
    }
    await this.ctx.storage.setAlarm(Date.now());
  }

  /**
   * Start a re-send round of a sent campaign's unconfirmed messages (C1); refused with a code
   * when the campaign is not sent, has none, or the credit is short.
   */
  async resendUnknown(actorUserId: string): Promise<{ ok: true; count: number; round: number } | ResendRefusal> {
    return this.ctx.blockConcurrencyWhile(async () => {
      const c = await loadCampaign(this.env.DB, (await this.state())?.campaignId ?? "");
      if (!c) return { ok: false, code: "not_finished", message: "The campaign was never sent" } as const;
      const r = await startResendRound(this.env, c, actorUserId);
      if (!r.ok) return r;
      const s = (await this.state())!;
      await this.save({ ...s, phase: "requeue", cursor: 0, roundBase: r.sentBefore });
      await this.ctx.storage.setAlarm(Date.now());
      return { ok: true, count: r.count, round: r.round } as const;
    });
  }

  /** A re-send round (runner-resend.ts): put its queued rows on the Queue again, then wait. */
  private async requeue(s: State, c: CampaignRow): Promise<void> {
    const step = await requeueStep(this.env, c, s.cursor, { page: PAGE, pages: PAGES_PER_ALARM, perMessage: PER_MESSAGE });
    Object.assign(s, { cursor: step.cursor, ...(step.done ? { phase: "waiting" } : {}) });
    await this.save(s);
    await this.ctx.storage.setAlarm(Date.now() + (step.done ? WAIT_POLL_MS : 0));
  }

  /** An A/B test's wait (runner-ab.ts): sleep until the decision, then walk the audience for the rest. */
  private async abWait(s: State, c: CampaignRow): Promise<void> {
    const next = await abTestWait(this.env.DB, c, Date.now(), WAIT_POLL_MS);
    if (next !== null) return this.ctx.storage.setAlarm(next);
    Object.assign(s, { ab: "rest", phase: "enqueuing", cursor: 0 });
    await this.save(s);
    await this.ctx.storage.setAlarm(Date.now());
  }

  /** Settle the credit with what was accepted, close the campaign, stop. */
  private async finish(s: State, c: CampaignRow, status: "sent" | "cancelled"): Promise<void> {
    const db = this.env.DB;
    const now = Date.now();
    if (status === "cancelled") {
      await db.prepare("UPDATE deliveries SET status = 'cancelled' WHERE campaign_id = ? AND status IN ('queued', 'deferred')").bind(c.id).run();
      // Messages being sent right now settle first; come back when they have.
      const inFlight = await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'sending'").bind(c.id).first<number>("n");
      if (inFlight) {
        await this.ctx.storage.setAlarm(now + WAIT_POLL_MS);
        return;
      }
    }
    if (c.reservation_id) {
      // A re-send round (C1) settles its own reservation with what it got accepted.
      // Accepted = ever taken by the relay (sent_at), including those a later DSN bounced.
      const accepted = ((await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND sent_at IS NOT NULL").bind(c.id).first<number>("n")) ?? 0) - (s.roundBase ?? 0);
      await ledgerOf(this.env, c.account_id).settle({ accountId: c.account_id, key: roundKeys(c.id, c.round).settle, reservationId: c.reservation_id, debited: accepted, actorUserId: c.sent_by });
    }
    const totals = await db
      .prepare("SELECT COALESCE(SUM(status = 'sent'), 0) AS sent, COALESCE(SUM(status IN ('bounced', 'failed', 'unknown')), 0) AS failed, COUNT(*) AS total FROM deliveries WHERE campaign_id = ?")
      .bind(c.id)
      .first<{ sent: number; failed: number; total: number }>();
    await db
      .prepare(`UPDATE campaigns SET status = CASE WHEN status IN ('sending', 'cancelled') THEN ? ELSE status END, sent = ?, failed = ?, total = ?, finished_at = ?, updated_at = ? WHERE id = ?`)
      .bind(status, totals?.sent ?? 0, totals?.failed ?? 0, status === "sent" ? (totals?.total ?? 0) : c.total, now, now, c.id)
      .run();
    await this.save({ ...s, phase: "done" });
  }
}
