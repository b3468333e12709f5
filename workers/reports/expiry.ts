/**
 * The minute cron's clean-up of exports past their expiry: their R2 objects are deleted (one
 * call for up to 1,000 keys) and the rows marked `expired`, which stops their links (the
 * download checks the row) and keeps the record of what was exported and when.
 */
import { dueForExpiry, markExpired } from "./export-store";

/** Exports expired per cron run; a backlog drains a minute at a time. */
const PER_RUN = 500;

/**
 * Delete the files of exports expired at `now` and mark them; returns how many.
 * @example await expireExports(env, controller.scheduledTime) // 3
 */
export async function expireExports(env: Env, now: number): Promise<number> {
  const rows = await dueForExpiry(env.DB, now, PER_RUN);
  if (rows.length === 0) return 0;
  const keys = rows.flatMap((r) => (r.r2_key ? [r.r2_key] : []));
  if (keys.length) await env.FILES.delete(keys);
  await markExpired(env.DB, rows.map((r) => r.id), now);
  return rows.length;
}
