/**
 * Export schedules: their D1 statements, and the minute cron's pass over the ones due. A due
 * schedule is claimed by moving its `next_run_at` on with a conditional UPDATE (only the run that
 * still sees the old time wins), and in the same D1 batch (one transaction) its export row is
 * inserted only if that UPDATE changed the row — with an id made of the schedule and the due
 * time, so even two overlapping crons produce exactly one export per due time. A schedule that
 * was missed for a while runs once, then moves to its next time after now. Monthly-report
 * schedules report on the Lima month before the due time.
 */
import { nextRunAt, previousLimaMonth, type Cadence } from "../../shared/exports/cadence";
import type { ScheduleRow } from "../../shared/exports/present";
import { paramsOf } from "../../shared/exports/present";
import type { ExportFormat, ExportKind, ExportParams } from "../../shared/api/schemas-exports";
import { enqueueExport } from "./exports";
import { exportTtlMs } from "./export-store";

/** Due schedules handled per cron run; the rest wait a minute. */
const PER_RUN = 50;

export type NewSchedule = { id: string; accountId: string; kind: ExportKind; format: ExportFormat; params: ExportParams; cadence: Cadence; hour: number; createdBy: string; now: number };

export async function insertSchedule(db: D1Database, s: NewSchedule): Promise<ScheduleRow> {
  const row = await db
    .prepare(
      `INSERT INTO export_schedules (id, account_id, kind, params, format, cadence, hour, timezone, next_run_at, active, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'America/Lima', ?, 1, ?, ?) RETURNING *`,
    )
    .bind(s.id, s.accountId, s.kind, JSON.stringify(s.params), s.format, s.cadence, s.hour, nextRunAt(s.cadence, s.hour, s.now), s.createdBy, s.now)
    .first<ScheduleRow>();
  return row!;
}

/** The account's active schedules (or `onlyBy`'s), oldest first. */
export async function listSchedules(db: D1Database, accountId: string, onlyBy: string | null): Promise<ScheduleRow[]> {
  const rows = await db
    .prepare("SELECT * FROM export_schedules WHERE account_id = ?1 AND active = 1 AND (?2 IS NULL OR created_by = ?2) ORDER BY created_at, id")
    .bind(accountId, onlyBy)
    .all<ScheduleRow>();
  return rows.results;
}

/** Delete a schedule of the account (of `onlyBy`, when set); false when there was none. */
export async function deleteSchedule(db: D1Database, accountId: string, id: string, onlyBy: string | null): Promise<boolean> {
  const { meta } = await db.prepare("DELETE FROM export_schedules WHERE id = ?1 AND account_id = ?2 AND (?3 IS NULL OR created_by = ?3)").bind(id, accountId, onlyBy).run();
  return meta.changes === 1;
}

/**
 * Create and enqueue one export for each schedule due at `now`; returns the ids of the exports
 * this run created (an overlapping run that lost the claim creates none).
 * @example await runDueSchedules(env, controller.scheduledTime) // ["exp_sch_…_lz3k8"]
 */
export async function runDueSchedules(env: Env, now: number): Promise<string[]> {
  const db = env.DB;
  const due = await db.prepare("SELECT * FROM export_schedules WHERE active = 1 AND next_run_at <= ? ORDER BY next_run_at LIMIT ?").bind(now, PER_RUN).all<ScheduleRow>();
  const created: string[] = [];
  for (const s of due.results) {
    const dueAt = s.next_run_at;
    const next = nextRunAt(s.cadence as Cadence, s.hour, Math.max(now, dueAt));
    const params = paramsOf(s);
    if (s.kind === "monthly-report") params.month = previousLimaMonth(dueAt);
    const exportId = `exp_${s.id}_${dueAt.toString(36)}`;
    const [claim] = await db.batch([
      db.prepare("UPDATE export_schedules SET next_run_at = ?2, last_run_at = ?3 WHERE id = ?1 AND next_run_at = ?4 AND active = 1").bind(s.id, next, now, dueAt),
      db
        .prepare(
          `INSERT OR IGNORE INTO exports (id, account_id, kind, params, format, status, schedule_id, created_by, created_at, expires_at)
           SELECT ?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8, ?9 WHERE changes() = 1`,
        )
        .bind(exportId, s.account_id, s.kind, JSON.stringify(params), s.format, s.id, s.created_by, now, now + exportTtlMs(env)),
    ]);
    if (claim?.meta.changes !== 1) continue;
    await enqueueExport(env, exportId);
    created.push(exportId);
  }
  return created;
}
