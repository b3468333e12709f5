/**
 * The minute cron's safety net for automations: an alarm can be lost (a deployment, an outage),
 * never the state, which is in D1. Wakes every active automation that has runs overdue by more
 * than two minutes, or whose trigger should have been looked at and was not (a date minute that
 * passed, a segment or engagement trigger not looked at for three minutes).
 */
import { fireTimesBetween } from "../../shared/automations/clock";
import type { Trigger } from "../../shared/automations/definition";
import { wakeAutomation } from "./enrol";
import { zoneOf } from "./periodic";

const LATE_MS = 120_000;

export async function wakeStaleAutomations(env: Env, now: number): Promise<number> {
  const db = env.DB;
  const [overdue, active] = await db.batch([
    db
      .prepare(
        `SELECT DISTINCT automation_id AS id FROM automation_runs WHERE status = 'waiting' AND next_at < ?
         AND automation_id IN (SELECT id FROM automations WHERE status = 'active') LIMIT 500`,
      )
      .bind(now - LATE_MS),
    db.prepare("SELECT id, trigger, checked_at FROM automations WHERE status = 'active' AND trigger ->> 'type' IN ('date', 'segment', 'engagement')"),
  ]);
  const ids = new Set((overdue!.results as { id: string }[]).map((r) => r.id));
  for (const r of active!.results as { id: string; trigger: string; checked_at: number | null }[]) {
    const t = JSON.parse(r.trigger) as Trigger;
    const checked = r.checked_at ?? 0;
    const late = t.type === "date" ? fireTimesBetween(checked, now - LATE_MS, t.at, zoneOf(env)).length > 0 : checked < now - 3 * 60_000;
    if (late) ids.add(r.id);
  }
  for (const id of ids) await wakeAutomation(env, id, now);
  return ids.size;
}
