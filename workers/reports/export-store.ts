/**
 * D1 statements of exports: create, find (always scoped by account), list, settle, delete, and
 * the expired ones for the cron. Who may see which export (owner and admin: the account's;
 * others: their own) is decided here by `visibleTo`, so every route applies the same rule.
 */
import type { Actor } from "../api/context";
import type { ExportRow } from "../../shared/exports/present";
import type { ExportFormat, ExportKind, ExportParams } from "../../shared/api/schemas-exports";
import { DEFAULT_EXPORT_TTL_DAYS } from "../../shared/exports/files";

export type NewExport = {
  id: string;
  accountId: string;
  kind: ExportKind;
  format: ExportFormat;
  params: ExportParams;
  scheduleId: string | null;
  createdBy: string | null;
  createdAt: number;
  expiresAt: number;
};

/** How long exports are kept (EXPORT_TTL_DAYS, default 7), in ms. */
export function exportTtlMs(env: Env): number {
  const days = Number(env.EXPORT_TTL_DAYS || DEFAULT_EXPORT_TTL_DAYS);
  return (Number.isFinite(days) && days > 0 ? Math.min(days, 365) : DEFAULT_EXPORT_TTL_DAYS) * 86_400_000;
}

/** The user id whose exports `actor` is limited to, or null for the whole account (owner, admin). */
export function visibleTo(actor: Pick<Actor, "userId" | "role">): string | null {
  return actor.role === "owner" || actor.role === "admin" ? null : actor.userId;
}

/** The INSERT of a new pending export (a statement, so callers can batch it). */
export function insertExport(db: D1Database, e: NewExport): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO exports (id, account_id, kind, params, format, status, schedule_id, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
    )
    .bind(e.id, e.accountId, e.kind, JSON.stringify(e.params), e.format, e.scheduleId, e.createdBy, e.createdAt, e.expiresAt);
}

/** One export of the account that `onlyBy` (when set) created, or null. */
export async function findExport(db: D1Database, accountId: string, id: string, onlyBy: string | null): Promise<ExportRow | null> {
  return db
    .prepare("SELECT * FROM exports WHERE id = ?1 AND account_id = ?2 AND (?3 IS NULL OR created_by = ?3)")
    .bind(id, accountId, onlyBy)
    .first<ExportRow>();
}

/** The account's exports (or `onlyBy`'s), newest first. */
export async function listExports(db: D1Database, accountId: string, onlyBy: string | null, limit = 100): Promise<ExportRow[]> {
  const rows = await db
    .prepare("SELECT * FROM exports WHERE account_id = ?1 AND (?2 IS NULL OR created_by = ?2) ORDER BY created_at DESC, id DESC LIMIT ?3")
    .bind(accountId, onlyBy, limit)
    .all<ExportRow>();
  return rows.results;
}

/** A row by id alone (the queue consumer and the download link, which carry no account). */
export async function exportById(db: D1Database, id: string): Promise<ExportRow | null> {
  return db.prepare("SELECT * FROM exports WHERE id = ?").bind(id).first<ExportRow>();
}

/** Settle a pending export as ready; false when it is no longer pending (deleted or settled meanwhile). */
export async function markReady(db: D1Database, id: string, file: { key: string; bytes: number; rows: number | null }, now: number): Promise<boolean> {
  const { meta } = await db
    .prepare("UPDATE exports SET status = 'ready', r2_key = ?2, bytes = ?3, rows = ?4, error = NULL, finished_at = ?5 WHERE id = ?1 AND status = 'pending'")
    .bind(id, file.key, file.bytes, file.rows, now)
    .run();
  return meta.changes === 1;
}

/** Settle a pending export as failed with the reason. */
export async function markFailed(db: D1Database, id: string, error: string, now: number): Promise<void> {
  await db.prepare("UPDATE exports SET status = 'failed', error = ?2, finished_at = ?3 WHERE id = ?1 AND status = 'pending'").bind(id, error.slice(0, 500), now).run();
}

/** Remove the row; returns it as it was (for its R2 key), or null when another call removed it first. */
export async function deleteExport(db: D1Database, id: string): Promise<ExportRow | null> {
  return db.prepare("DELETE FROM exports WHERE id = ? RETURNING *").bind(id).first<ExportRow>();
}

/**
 * Exports past their expiry that still hold a file or wait to be produced, oldest first: the
 * cron deletes their files and marks them `expired`.
 */
export async function dueForExpiry(db: D1Database, now: number, limit: number): Promise<Pick<ExportRow, "id" | "r2_key">[]> {
  const rows = await db
    .prepare("SELECT id, r2_key FROM exports WHERE expires_at <= ? AND status IN ('pending', 'ready', 'failed') ORDER BY expires_at LIMIT ?")
    .bind(now, limit)
    .all<Pick<ExportRow, "id" | "r2_key">>();
  return rows.results;
}

/** Mark rows expired once their files are gone. */
export async function markExpired(db: D1Database, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.batch(ids.map((id) => db.prepare("UPDATE exports SET status = 'expired', r2_key = NULL, finished_at = COALESCE(finished_at, ?2) WHERE id = ?1").bind(id, now)));
}
