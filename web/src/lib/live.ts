/**
 * A campaign's live series as the chart shows it: the per-minute points merged frame by frame,
 * then grouped per minute (the last hour) or per hour (72 h) with empty slots filled with 0 so
 * the line keeps its shape, and times written in Lima.
 */
import type { SeriesPoint } from "../../../shared/live/counters";
import { locale } from "../i18n";

export type ChartUnit = "minute" | "hour";
export type ChartPoint = { x: number; opens: number; clicks: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SLOTS: Record<ChartUnit, { size: number; count: number }> = { minute: { size: MINUTE, count: 60 }, hour: { size: HOUR, count: 72 } };

/**
 * Replaces the minutes a frame carries (they come with their full values).
 * @example mergePoints([{ minute: 0, opens: 1, clicks: 0 }], [{ minute: 0, opens: 3, clicks: 1 }]) // [{ minute: 0, opens: 3, clicks: 1 }]
 */
export function mergePoints(current: SeriesPoint[], changed: SeriesPoint[]): SeriesPoint[] {
  const byMinute = new Map(current.map((p) => [p.minute, p]));
  for (const p of changed) byMinute.set(p.minute, p);
  return [...byMinute.values()].sort((a, b) => a.minute - b.minute);
}

/**
 * Opens and clicks per slot, oldest first, ending with the slot that holds `now` — or the newest
 * point, when it is later: the chart's clock ticks every 30 s, and an event of a minute that
 * began since must show at once, not be left out until the next tick.
 * @example groupPoints([], "hour", Date.now()).length // 72
 */
export function groupPoints(points: SeriesPoint[], unit: ChartUnit, now: number): ChartPoint[] {
  const { size, count } = SLOTS[unit];
  const newest = points.reduce((m, p) => Math.max(m, p.minute), now);
  const last = Math.floor(newest / size) * size;
  const first = last - (count - 1) * size;
  const slots: ChartPoint[] = Array.from({ length: count }, (_, i) => ({ x: first + i * size, opens: 0, clicks: 0 }));
  for (const p of points) {
    const i = Math.floor((p.minute - first) / size);
    if (i < 0 || i >= count) continue;
    slots[i]!.opens += p.opens;
    slots[i]!.clicks += p.clicks;
  }
  return slots;
}

/** "09:15" (minutes) or "29 nov., 09:00" (hours), in Lima. */
export function formatSlot(ms: number, unit: ChartUnit): string {
  const opts: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "America/Lima" };
  if (unit === "hour") Object.assign(opts, { day: "numeric", month: "short" });
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", opts).format(new Date(ms));
}
