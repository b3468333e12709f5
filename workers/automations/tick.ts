/**
 * One pass of an automation, run by its Durable Object's alarm (and so at minute resolution or
 * better): look for contacts a periodic trigger enrols, move every due run as far as it goes
 * (within a time budget; what is left is due at once, so the alarm comes straight back), and
 * answer when the next pass is needed. `now` is passed in, so tests drive it with their clock.
 */
import { drawsFromMainPool, type Role } from "../../shared/auth/roles";
import { MAIN } from "../../shared/credits/ledger";
import type { SmtpMessenger } from "../email/smtp";
import { openMessenger } from "../email/transport";
import { advance, dueRuns } from "./engine";
import { collect, nextLook } from "./periodic";
import type { StepContext } from "./steps";
import { loadAutomation, type Automation } from "./store";

const BATCH = 50;
const BUDGET_MS = 20_000;

async function payer(db: D1Database, a: Automation): Promise<string> {
  const role = await db.prepare("SELECT role FROM users WHERE id = ?").bind(a.created_by).first<Role>("role");
  return !role || drawsFromMainPool(role) ? MAIN : a.created_by;
}

/** Run what is due of automation `id` at `now`; returns when to run again (null: nothing to wait for). */
export async function tick(env: Env, id: string, now: number): Promise<number | null> {
  const a = await loadAutomation(env.DB, id);
  if (!a || a.status !== "active") return null;
  // A trigger that cannot be looked at (its segment deleted…) must not stop the runs already in.
  await collect(env, a, now).catch((err: unknown) => console.error(`automation ${id}: trigger not looked at`, err));
  let messenger: SmtpMessenger | null = null;
  let holder: Promise<string> | null = null;
  const ctx: StepContext = {
    env,
    messenger: () => (messenger ??= openMessenger(env)),
    holder: () => (holder ??= payer(env.DB, a)),
  };
  const started = Date.now();
  let more = false;
  try {
    for (;;) {
      const runs = await dueRuns(env.DB, a.id, now, BATCH);
      for (const run of runs) await advance(ctx, a, run, now);
      if (runs.length < BATCH) break;
      if (Date.now() - started > BUDGET_MS) {
        more = true;
        break;
      }
    }
  } finally {
    await (messenger as SmtpMessenger | null)?.close();
  }
  if (more) return now;
  const earliest = await env.DB.prepare("SELECT MIN(next_at) AS t FROM automation_runs WHERE automation_id = ? AND status = 'waiting'").bind(a.id).first<number | null>("t");
  const look = nextLook(env, a, now);
  const candidates = [earliest, look].filter((t): t is number => typeof t === "number");
  return candidates.length ? Math.min(...candidates) : null;
}
