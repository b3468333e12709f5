/**
 * The automation clock in the account's time zone (America/Lima by default): the minute a date
 * trigger enrols contacts each day, which date value it looks for (N days before or after that
 * day), and how long a wait step lasts. Pure: `now` comes in, nothing reads the wall clock.
 */
import { parseScheduleTime } from "../campaigns/schedule";

const DAY_MS = 86_400_000;
const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: DAY_MS } as const;

/**
 * The local calendar date of `ms` in `zone`, as YYYY-MM-DD.
 * @example localDate(Date.UTC(2026, 11, 1, 3, 0), "America/Lima") // "2026-11-30"
 */
export function localDate(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * `date` moved by `days` (negative: back), calendar arithmetic.
 * @example addDays("2026-12-28", 7) // "2027-01-04"
 */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant of `at` (HH:MM) on the local `date` in `zone`. */
export function instantOf(date: string, at: string, zone: string): number {
  return parseScheduleTime(`${date}T${at}`, zone)!;
}

/**
 * The first instant strictly after `ms` whose local time in `zone` is `at`.
 * @example nextFireAfter(Date.UTC(2026, 11, 1, 14, 0), "09:00", "America/Lima") // Date.UTC(2026, 11, 2, 14, 0)
 */
export function nextFireAfter(ms: number, at: string, zone: string): number {
  const today = localDate(ms, zone);
  for (let d = -1; d <= 2; d++) {
    const t = instantOf(addDays(today, d), at, zone);
    if (t > ms) return t;
  }
  throw new Error(`no ${at} after ${ms} in ${zone}`);
}

/**
 * The instants of `at` in (after, until], oldest first, at most `max` of them (a catch-up after
 * an outage runs the missed days, not a year of them).
 */
export function fireTimesBetween(after: number, until: number, at: string, zone: string, max = 3): number[] {
  const out: number[] = [];
  let t = nextFireAfter(Math.max(after, until - max * DAY_MS), at, zone);
  while (t <= until && out.length < max) {
    out.push(t);
    t = nextFireAfter(t, at, zone);
  }
  return out;
}

/**
 * The date value a date trigger enrols on the day of `fireAt`: N days before the field's date is
 * the day whose date is today + N.
 * @example dateTarget(Date.UTC(2026, 11, 1, 14, 0), "before", 7, "America/Lima") // "2026-12-08"
 */
export function dateTarget(fireAt: number, direction: "before" | "after" | "on", days: number, zone: string): string {
  const today = localDate(fireAt, zone);
  return direction === "before" ? addDays(today, days) : direction === "after" ? addDays(today, -days) : today;
}

/** The length of a wait step. */
export function waitMs(amount: number, unit: keyof typeof UNIT_MS): number {
  return amount * UNIT_MS[unit];
}
