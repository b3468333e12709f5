/**
 * AutomationRunner — one per automation (W4, S6): its alarm is the automation's clock. Enrolment
 * and activation wake it (`wake`), each alarm runs one pass (workers/automations/tick.ts) and
 * sets the next alarm: the earliest waiting run, the next minute a date trigger enrols, or a
 * minute later for triggers that are looked for. The state lives in D1 (runs, step log), so a
 * lost alarm loses nothing: the minute cron wakes automations whose runs are overdue.
 */
import { DurableObject } from "cloudflare:workers";
import { tick } from "../workers/automations/tick";

export class AutomationRunner extends DurableObject<Env> {
  /** Make sure the alarm runs at `at` or earlier. */
  async wake(automationId: string, at: number): Promise<void> {
    await this.ctx.storage.put("id", automationId);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || at < current) await this.ctx.storage.setAlarm(at);
  }

  /** Paused or deleted: no more alarms until woken again. */
  async stop(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
  }

  /** When the next pass is due (tests read it; null: none). */
  async nextAlarm(): Promise<number | null> {
    return this.ctx.storage.getAlarm();
  }

  override async alarm(): Promise<void> {
    const id = await this.ctx.storage.get<string>("id");
    if (!id) return;
    const next = await tick(this.env, id, Date.now());
    if (next !== null) {
      const current = await this.ctx.storage.getAlarm();
      if (current === null || next < current) await this.ctx.storage.setAlarm(next);
    }
  }
}
