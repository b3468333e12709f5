/**
 * When export schedules fall due, in Lima wall-clock time (UTC−5 all year: Peru has had no
 * daylight saving since 1994, so a fixed offset is exact). A schedule runs at `hour`:00 Lima:
 * `daily` every day, `weekly` on Mondays, `monthly` on the 1st. Also the month before a run,
 * which scheduled reports and the monthly email are about (months: shared/reports/monthly.ts).
 */
import { limaMonth, monthRange } from "../reports/monthly";

export const CADENCES = ["daily", "weekly", "monthly"] as const;
export type Cadence = (typeof CADENCES)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const LIMA_OFFSET_MS = -5 * HOUR_MS;
/** getUTCDay() of Monday. */
const MONDAY = 1;

/**
 * The first run strictly after `after` (ms), at `hour`:00 Lima. Throws RangeError for an hour
 * outside 0–23.
 * @example nextRunAt("monthly", 6, Date.parse("2027-01-31T12:00:00Z")) // Date.parse("2027-02-01T11:00:00Z")
 * @example nextRunAt("weekly", 0, Date.parse("2027-03-01T05:00:00Z")) // Date.parse("2027-03-08T05:00:00Z") (a Monday, 00:00 Lima)
 */
export function nextRunAt(cadence: Cadence, hour: number, after: number): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError("hour must be an integer 0-23");
  const wall = new Date(after + LIMA_OFFSET_MS);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth();
  const toUtc = (wallMs: number) => wallMs - LIMA_OFFSET_MS;
  if (cadence === "monthly") {
    const thisMonth = toUtc(Date.UTC(y, m, 1, hour));
    return thisMonth > after ? thisMonth : toUtc(Date.UTC(y, m + 1, 1, hour));
  }
  let at = toUtc(Date.UTC(y, m, wall.getUTCDate(), hour));
  if (at <= after) at += DAY_MS;
  if (cadence === "weekly") {
    const weekday = new Date(at + LIMA_OFFSET_MS).getUTCDay();
    at += ((MONDAY - weekday + 7) % 7) * DAY_MS;
  }
  return at;
}

/**
 * The Lima month before the one `at` falls in: what a report run on the 1st is about.
 * @example previousLimaMonth(Date.parse("2027-01-01T05:00:00Z")) // "2026-12"
 */
export function previousLimaMonth(at: number): string {
  return limaMonth(monthRange(limaMonth(at))!.from - 1);
}
