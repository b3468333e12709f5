/**
 * CampaignRunner: one per campaign, the send state machine, woken by alarms (never cron). At the
 * scheduled minute it runs the send-day cleaning (E7), reserves the credit, then walks the
 * audience with a keyset cursor, writing delivery rows and putting batches on the email Queue,
 * checkpointing after each page: a crash resumes from the checkpoint, and re-enqueued recipients
 * are harmless because the consumer only sends rows it can claim. When every delivery is
 * settled it reconciles the credit with what was actually accepted and releases the rest.
 * This class holds the state and the alarm and dispatches each phase; the phases themselves live
 * in runner-email.ts and runner-sms.ts (one per channel), runner-ab.ts, runner-resend.ts and
 * runner-throttle.ts.
 */
import { DurableObject } from "cloudflare:workers";
import { loadCampaign, type CampaignRow } from "../workers/email/campaign-store";
import type { AbStage } from "./runner-ab";
import { enqueueEmail, finishEmail, PAGE, PAGES_PER_ALARM, prepareEmail, STALL_MS, WAIT_POLL_MS, waitEmail, type EmailStep } from "./runner-email";
import { PER_MESSAGE } from "./runner-groups";
import { requeueStep, startResendRound, type ResendRefusal } from "./runner-resend";
import { throttleHolds, type Hold } from "./runner-throttle";
import { enqueueSms, finishSms, prepareSms, smsDrops, waitSms, type SmsStep } from "./runner-sms";
import type { SmsDrops } from "../workers/sms/campaign-audience";

export type { EmailSendMessage } from "./runner-groups";
export { STALL_MS } from "./runner-email";
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
    const c = await loadCampaign(this.env.DB, s.campaignId);
    if (!c) return;
    if (c.channel === "sms") return this.smsAlarm(s, c);
    if (c.status === "cancelled") return this.step(s, await finishEmail(this.env, s, c, "cancelled"));
    if (c.status === "paused") return; // resume re-arms the alarm
    if (s.phase === "scheduled") {
      if (c.status !== "scheduled") return;
      const started = await prepareEmail(this.env, s, c, Date.now());
      await this.save(s);
      if (!started) return;
    }
    if (s.phase === "enqueuing") return this.step(s, await enqueueEmail(this.env, this.ctx.storage, s, c, () => this.save(s)));
    if (s.phase === "requeue") return this.requeue(s, c);
    if (s.phase === "waiting") return this.step(s, await waitEmail(this.env, s, c));
  }

  /** Save what a phase moved and wake when it asks (null: leave the alarm alone). */
  private async step(s: State, step: EmailStep | SmsStep): Promise<void> {
    await this.save(s);
    if (step.wakeAt !== null) await this.ctx.storage.setAlarm(step.wakeAt);
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
    await this.step(s, step);
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
    await this.step(s, { wakeAt: Date.now() + (step.done ? WAIT_POLL_MS : 0) });
  }
}
