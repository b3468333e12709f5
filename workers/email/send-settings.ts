/**
 * The account's send limits (E5, B6) in D1 `send_settings`: per-provider hourly limits and the
 * warm-up schedule, stored as validated JSON. An account that never set them has none.
 */
import type { SendLimits } from "../../shared/campaigns/throttle";

export type StoredLimits = { limits: SendLimits; updatedAt: number };

/** The account's limits, or null when it never set any. */
export async function loadLimits(db: D1Database, accountId: string): Promise<StoredLimits | null> {
  const row = await db.prepare("SELECT limits, updated_at FROM send_settings WHERE account_id = ?").bind(accountId).first<{ limits: string; updated_at: number }>();
  return row ? { limits: JSON.parse(row.limits) as SendLimits, updatedAt: row.updated_at } : null;
}

/**
 * Replace the account's limits (already validated at the boundary). The SMS settings stored in
 * the same JSON under `sms` (workers/sms/settings-store.ts) are kept.
 */
export async function saveLimits(db: D1Database, accountId: string, limits: SendLimits, now: number): Promise<StoredLimits> {
  await db
    .prepare(
      `INSERT INTO send_settings (account_id, limits, updated_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET
         limits = CASE WHEN send_settings.limits -> '$.sms' IS NULL THEN excluded.limits ELSE json_set(excluded.limits, '$.sms', send_settings.limits -> '$.sms') END,
         updated_at = excluded.updated_at`,
    )
    .bind(accountId, JSON.stringify(limits), now)
    .run();
  return { limits, updatedAt: now };
}
