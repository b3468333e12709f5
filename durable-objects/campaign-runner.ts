/**
 * CampaignRunner: one per campaign, the send state machine, woken by alarms (never cron). At the
 * scheduled minute it runs the send-day cleaning (E7), reserves the credit, then walks the
 * audience with a keyset cursor, writing delivery rows and putting batches on the email Queue,
 * checkpointing after each page: a crash resumes from the checkpoint, and re-enqueued recipients
 * are harmless because the consumer only sends rows it can claim. When every delivery is
 * settled it reconciles the credit with what was actually accepted and releases the rest.
 */
import { DurableObject } from "cloudflare:workers";
import { MAIN } from "../shared/credits/ledger";
import { drawsFromMainPool, type Role } from "../shared/auth/roles";
import { validateForSend, resolverFor } from "../workers/audience/cleaning";
import { audienceSql, countAudience, loadCampaign, openDeliveries, queueDeliveries, recipientsPage, type CampaignRow } from "../workers/email/campaign-store";
import { ledgerOf } from "../workers/ledger";

export type RunnerPhase = "idle" | "scheduled" | "enqueuing" | "waiting" | "done";
type State = { campaignId: string; accountId: string; phase: RunnerPhase; cursor: number; maxId: number; enqueued: number };
export type EmailSendMessage = { campaignId: string; contactIds: number[] };

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

  override async alarm(): Promise<void> {
    const s = await this.state();
    if (!s || s.phase === "done") return;
    const db = this.env.DB;
    const c = await loadCampaign(db, s.campaignId);
    if (!c) return;
    if (c.status === "cancelled") return this.finish(s, c, "cancelled");
    if (c.status === "paused") return; // resume re-arms the alarm
    if (s.phase === "scheduled") {
      if (c.status !== "scheduled") return;
      if (!(await this.prepare(s, c))) return;
    }
    if (s.phase === "enqueuing") return this.enqueue(s, c);
    if (s.phase === "waiting") {
      // A row claimed long ago whose sender died may or may not have gone out: it is settled as
      // "unknown" (never re-sent automatically, so nobody gets it twice; refundable, C1).
      await db.prepare("UPDATE deliveries SET status = 'unknown' WHERE campaign_id = ? AND status = 'sending' AND claimed_at < ?").bind(c.id, Date.now() - STALE_CLAIM_MS).run();
      if ((await openDeliveries(db, c.id)) === 0) return this.finish(s, c, "sent");
      await this.ctx.storage.setAlarm(Date.now() + WAIT_POLL_MS);
    }
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
    const sender = c.sent_by ? await db.prepare("SELECT role FROM users WHERE id = ?").bind(c.sent_by).first<Role>("role") : null;
    const holder = !sender || drawsFromMainPool(sender) ? MAIN : c.sent_by!;
    const r = await ledgerOf(this.env, c.account_id).reserve({ accountId: c.account_id, key: `campaign:${c.id}`, holder, channel: "email", amount: total, actorUserId: c.sent_by, note: c.name });
    if (!r.ok) return fail(`insufficient_credit:${r.available ?? 0}`);
    const maxId = (await db.prepare("SELECT MAX(id) AS m FROM contacts WHERE account_id = ?").bind(c.account_id).first<number>("m")) ?? 0;
    await db
      .prepare("UPDATE campaigns SET status = 'sending', total = ?, reservation_id = ?, started_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled'")
      .bind(total, r.reservationId, now, now, c.id)
      .run();
    Object.assign(s, { phase: "enqueuing", cursor: 0, maxId });
    await this.save(s);
    return true;
  }

  private async enqueue(s: State, c: CampaignRow): Promise<void> {
    const db = this.env.DB;
    // Contacts added after the start are not part of this send: the audience is fixed by id.
    const a = await audienceSql(db, c, Date.now());
    a.sql += ` AND c.id <= ${Number(s.maxId)}`;
    for (let page = 0; page < PAGES_PER_ALARM; page++) {
      const rows = await recipientsPage(db, c.account_id, a, s.cursor, PAGE);
      if (rows.length === 0) {
        s.phase = "waiting";
        await this.save(s);
        await this.ctx.storage.setAlarm(Date.now() + WAIT_POLL_MS);
        return;
      }
      await queueDeliveries(db, c.id, rows).run();
      const messages: { body: EmailSendMessage }[] = [];
      for (let i = 0; i < rows.length; i += PER_MESSAGE) messages.push({ body: { campaignId: c.id, contactIds: rows.slice(i, i + PER_MESSAGE).map((r) => r.id) } });
      for (let i = 0; i < messages.length; i += 100) await this.env.EMAIL_SENDS.sendBatch(messages.slice(i, i + 100));
      s.cursor = rows[rows.length - 1]!.id;
      s.enqueued += rows.length;
      await this.save(s);
    }
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
      const accepted = (await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'sent'").bind(c.id).first<number>("n")) ?? 0;
      await ledgerOf(this.env, c.account_id).settle({ accountId: c.account_id, key: `settle:${c.id}`, reservationId: c.reservation_id, debited: accepted, actorUserId: c.sent_by });
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
