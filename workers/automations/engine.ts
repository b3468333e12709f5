/**
 * Moving runs through an automation's steps (W4). A run is due when it waits and its `next_at`
 * has come; each due run goes step after step until it must wait (a wait step, a retry) or ends.
 *
 * Idempotency — a contact goes through each step once — rests on `automation_step_log`, whose key
 * is (run, step): a step is claimed by inserting its row as "pending" before it acts, and its
 * outcome written after. A replay (a crash, a second alarm) finds the row: a finished step is not
 * acted again, only followed (a condition by its stored branch); a step left "pending" by a crash
 * counts as failed ("interrupted") rather than risk a second email. Retries (a relay's 4xx, a
 * webhook's 5xx) set the row to "retry", the only state a step can be claimed again from.
 */
import { nextStep } from "../../shared/automations/graph";
import type { Step } from "../../shared/automations/definition";
import { waitMs } from "../../shared/automations/clock";
import type { Automation } from "./store";
import { runStep, type StepContext, type StepResult } from "./steps";
import { ledgerOf } from "../ledger";

export type DueRun = { id: number; contact_id: number; step_id: string | null; attempts: number; context: string; occurrence: string; next_at: number };

/** Outcomes a step can end with; "retry" and "pending" are in between. */
type Outcome = "done" | "yes" | "no" | "skipped" | "failed";

/** Steps a run may go through in one pass (a graph has at most 50 steps and no cycle). */
const MAX_STEPS_PER_PASS = 60;

/**
 * The runs of `a` that are due at `now` (oldest first, at most `limit`).
 */
export async function dueRuns(db: D1Database, automationId: string, now: number, limit: number): Promise<DueRun[]> {
  const rows = await db
    .prepare("SELECT id, contact_id, step_id, attempts, context, occurrence, next_at FROM automation_runs WHERE automation_id = ? AND status = 'waiting' AND next_at <= ? ORDER BY next_at, id LIMIT ?")
    .bind(automationId, now, limit)
    .all<DueRun>();
  return rows.results;
}

/** Take one due run as far as it goes at `now`. */
export async function advance(ctx: StepContext, a: Automation, run: DueRun, now: number): Promise<void> {
  const db = ctx.env.DB;
  const steps = a.def.steps;
  let stepId = run.step_id;
  let attempts = run.attempts;
  for (let n = 0; stepId !== null && n < MAX_STEPS_PER_PASS; n++) {
    const step = steps.find((s) => s.id === stepId);
    if (!step) {
      // The automation was edited and the step this run waited at is gone.
      await finish(db, run.id, "exited", null, now);
      return;
    }
    if (step.type === "wait") {
      const until = await waitStep(db, a.id, run, step, now);
      if (until !== null) {
        await db.prepare("UPDATE automation_runs SET step_id = ?, next_at = ?, attempts = 0, updated_at = ? WHERE id = ?").bind(step.id, until, now, run.id).run();
        return;
      }
      stepId = nextStep(steps, step.id);
      attempts = 0;
      continue;
    }
    const claimed = await claim(db, a.id, run.id, step.id, now);
    let outcome: Outcome;
    if (claimed === "claimed") {
      const r: StepResult = await runStep(ctx, a, run, step, attempts, now).catch((err: unknown): StepResult => ({ outcome: "failed", detail: `error: ${String(err).slice(0, 200)}` }));
      if (r.outcome === "retry") {
        await db.batch([
          db.prepare("UPDATE automation_step_log SET outcome = 'retry', detail = ?, at = ? WHERE run_id = ? AND step_id = ?").bind(r.detail, now, run.id, step.id),
          db.prepare("UPDATE automation_runs SET step_id = ?, next_at = ?, attempts = ?, updated_at = ? WHERE id = ?").bind(step.id, r.at, attempts + 1, now, run.id),
        ]);
        return;
      }
      outcome = r.outcome;
      await db.prepare("UPDATE automation_step_log SET outcome = ?, detail = ?, at = ? WHERE run_id = ? AND step_id = ?").bind(outcome, r.detail ?? null, now, run.id, step.id).run();
      if (r.stopRun) {
        await finish(db, run.id, "failed", step.id, now);
        return;
      }
    } else if (claimed === "interrupted") {
      outcome = "failed";
      // An email step that died after reserving its credit gives the credit back.
      if (step.type === "email") await ledgerOf(ctx.env, a.account_id).release({ accountId: a.account_id, key: `auto:${run.id}:${step.id}:release`, reservationId: `auto:${run.id}:${step.id}` }).catch(() => undefined);
    } else {
      outcome = claimed;
    }
    if (step.type === "condition" && outcome !== "yes" && outcome !== "no") {
      await finish(db, run.id, "failed", step.id, now); // a condition that could not be judged takes no branch
      return;
    }
    stepId = nextStep(steps, step.id, outcome === "no" ? "no" : "yes");
    attempts = 0;
  }
  await finish(db, run.id, stepId === null ? "done" : "failed", stepId, now);
}

/**
 * Claim (run, step): "claimed" when this pass acts, else the outcome it already had. A row left
 * "pending" (a pass that died mid-step) becomes "failed" (interrupted): never acted twice.
 */
async function claim(db: D1Database, automationId: string, runId: number, stepId: string, now: number): Promise<"claimed" | "interrupted" | Outcome> {
  const got = await db
    .prepare(
      `INSERT INTO automation_step_log (run_id, step_id, automation_id, outcome, at) VALUES (?1, ?2, ?3, 'pending', ?4)
       ON CONFLICT (run_id, step_id) DO UPDATE SET outcome = 'pending', at = ?4 WHERE automation_step_log.outcome = 'retry'
       RETURNING outcome`,
    )
    .bind(runId, stepId, automationId, now)
    .first<string>("outcome");
  if (got === "pending") return "claimed";
  const existing = await db.prepare("SELECT outcome FROM automation_step_log WHERE run_id = ? AND step_id = ?").bind(runId, stepId).first<string>("outcome");
  if (existing === "pending") {
    await db.prepare("UPDATE automation_step_log SET outcome = 'failed', detail = 'interrupted: not repeated', at = ? WHERE run_id = ? AND step_id = ? AND outcome = 'pending'").bind(now, runId, stepId).run();
    return "interrupted";
  }
  return (existing ?? "failed") as Outcome;
}

/**
 * A wait step: on arrival its row records until when (and the run sleeps until then); once that
 * time has come the row is "done" and the run goes on. Returns the time to sleep until, or null.
 */
async function waitStep(db: D1Database, automationId: string, run: DueRun, step: Extract<Step, { type: "wait" }>, now: number): Promise<number | null> {
  const until = now + waitMs(step.amount, step.unit);
  const arrived = await db
    .prepare("INSERT INTO automation_step_log (run_id, step_id, automation_id, outcome, detail, at) VALUES (?, ?, ?, 'waiting', ?, ?) ON CONFLICT DO NOTHING RETURNING detail")
    .bind(run.id, step.id, automationId, String(until), now)
    .first<string>("detail");
  if (arrived !== null) return until;
  const row = await db.prepare("SELECT outcome, detail FROM automation_step_log WHERE run_id = ? AND step_id = ?").bind(run.id, step.id).first<{ outcome: string; detail: string | null }>();
  if (row?.outcome !== "waiting") return null;
  const due = Number(row.detail);
  if (Number.isFinite(due) && due > now) return due;
  await db.prepare("UPDATE automation_step_log SET outcome = 'done', at = ? WHERE run_id = ? AND step_id = ?").bind(now, run.id, step.id).run();
  return null;
}

async function finish(db: D1Database, runId: number, status: "done" | "exited" | "failed", stepId: string | null, now: number): Promise<void> {
  await db.prepare("UPDATE automation_runs SET status = ?, step_id = ?, next_at = NULL, updated_at = ? WHERE id = ?").bind(status, stepId, now, runId).run();
}
