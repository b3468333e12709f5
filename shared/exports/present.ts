/**
 * D1 rows of `exports` and `export_schedules` → the API's shapes (shared/api/schemas-exports.ts).
 * Pure: the signed URL is made by the caller (it needs the key) and passed in.
 */
import type { ExportFormat, ExportKind, ExportOut, ExportParams, ScheduleOut } from "../api/schemas-exports";
import type { Cadence } from "./cadence";

export type ExportRow = {
  id: string;
  account_id: string;
  kind: string;
  params: string;
  format: string;
  status: string;
  r2_key: string | null;
  bytes: number | null;
  rows: number | null;
  error: string | null;
  schedule_id: string | null;
  created_by: string | null;
  created_at: number;
  finished_at: number | null;
  expires_at: number;
};

export type ScheduleRow = {
  id: string;
  account_id: string;
  kind: string;
  params: string;
  format: string;
  cadence: string;
  hour: number;
  timezone: string;
  next_run_at: number;
  last_run_at: number | null;
  active: number;
  created_by: string | null;
  created_at: number;
};

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The stored params of a row. */
export const paramsOf = (row: { params: string }): ExportParams => JSON.parse(row.params) as ExportParams;

/**
 * One export as the API shows it; `link` is its signed URL when it is ready.
 * @example presentExport(row, { url: "https://…/x/eDF….abc", expiresAt: 1799366400000 }).status // "ready"
 */
export function presentExport(row: ExportRow, link: { url: string; expiresAt: number } | null): ExportOut {
  return {
    id: row.id,
    kind: row.kind as ExportKind,
    format: row.format as ExportFormat,
    params: paramsOf(row),
    status: row.status as ExportOut["status"],
    bytes: row.bytes,
    rows: row.rows,
    error: row.error,
    scheduleId: row.schedule_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
    expiresAt: iso(row.expires_at)!,
    url: link?.url ?? null,
    urlExpiresAt: link ? iso(link.expiresAt) : null,
  };
}

/** @example presentSchedule(row).nextRunAt // "2027-02-01T11:00:00.000Z" */
export function presentSchedule(row: ScheduleRow): ScheduleOut {
  return {
    id: row.id,
    kind: row.kind as ExportKind,
    format: row.format as ExportFormat,
    params: paramsOf(row),
    cadence: row.cadence as Cadence,
    hour: row.hour,
    timezone: row.timezone,
    nextRunAt: iso(row.next_run_at)!,
    lastRunAt: iso(row.last_run_at),
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
  };
}
