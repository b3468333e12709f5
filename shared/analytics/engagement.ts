/**
 * Engagement over time (W3, R1f), from the hourly `event_buckets` rows of dimension `all`: opens
 * and clicks per hour for the first 72 hours after the send started, per Lima day over the whole
 * life, a weekday × hour heatmap of human opens in America/Lima time, and the three Lima hours
 * of the day with the most opens. Human and machine (B5) are kept apart: every series counts
 * humans only, machine totals are returned beside them. Peru keeps UTC−5 all year (no DST since
 * 1994), so Lima time is a fixed shift and needs no time-zone database.
 */

/** One `event_buckets` row of dimension `all` (or a sum of such rows over the same hour/kind/machine). */
export type BucketRow = { hour: number; kind: string; machine: number; n: number };

export type HourPoint = { hour: number; opens: number; clicks: number };
export type DayPoint = { day: string; opens: number; clicks: number };
export const WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** One heatmap row: a Lima weekday and its human opens in each Lima hour 0…23. */
export type HeatmapRow = { weekday: Weekday; opens: number[] };
export type PeakHour = { hour: number; opens: number };

export type CampaignAnalytics = {
  timeline72h: HourPoint[];
  daily: DayPoint[];
  heatmap: HeatmapRow[];
  peakHours: PeakHour[];
  machine: { opens: number; clicks: number };
};

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Lima is UTC−5 all year. */
export const LIMA_OFFSET_MS = -5 * HOUR_MS;

const isHuman = (r: BucketRow) => !r.machine;
const hourStart = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** The Lima calendar day of an instant. @example limaDay(Date.UTC(2026, 0, 1, 3)) // "2025-12-31" */
export function limaDay(ms: number): string {
  return new Date(ms + LIMA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Lima weekday (0 = lunes … 6 = domingo) and hour of day. @example limaSlot(Date.UTC(2026, 5, 1, 14)) // { weekday: 0, hour: 9 } */
export function limaSlot(ms: number): { weekday: number; hour: number } {
  const d = new Date(ms + LIMA_OFFSET_MS);
  return { weekday: (d.getUTCDay() + 6) % 7, hour: d.getUTCHours() };
}

/**
 * Human opens and clicks in each of the 72 hours from the hour the send started (zeros included).
 * @example hourly72(rows, Date.UTC(2026, 5, 1, 14, 20))[0].hour // Date.UTC(2026, 5, 1, 14)
 */
export function hourly72(rows: readonly BucketRow[], startedAt: number): HourPoint[] {
  const start = hourStart(startedAt);
  const points = Array.from({ length: 72 }, (_, i) => ({ hour: start + i * HOUR_MS, opens: 0, clicks: 0 }));
  for (const r of rows) {
    if (!isHuman(r)) continue;
    const i = Math.floor((r.hour - start) / HOUR_MS);
    if (i < 0 || i >= 72) continue;
    if (r.kind === "open") points[i]!.opens += r.n;
    else if (r.kind === "click") points[i]!.clicks += r.n;
  }
  return points;
}

/**
 * Human opens and clicks per Lima day, from the day the send started (or the first event) to the
 * last event, days without events included.
 * @example daily(rows, null)[0].day // "2026-06-01"
 */
export function daily(rows: readonly BucketRow[], startedAt: number | null): DayPoint[] {
  const human = rows.filter((r) => isHuman(r) && (r.kind === "open" || r.kind === "click"));
  if (human.length === 0) return [];
  // A loop, not Math.min(...spread): a long-lived campaign has thousands of hourly rows.
  let first = startedAt ?? Infinity;
  let last = -Infinity;
  for (const r of human) {
    first = Math.min(first, r.hour);
    last = Math.max(last, r.hour);
  }
  const byDay = new Map<string, DayPoint>();
  // Step over Lima midnights: start at the Lima midnight of the first day.
  const firstMidnight = Date.parse(`${limaDay(first)}T00:00:00Z`) - LIMA_OFFSET_MS;
  for (let t = firstMidnight; t <= last; t += DAY_MS) byDay.set(limaDay(t), { day: limaDay(t), opens: 0, clicks: 0 });
  for (const r of human) {
    const p = byDay.get(limaDay(r.hour))!;
    if (r.kind === "open") p.opens += r.n;
    else p.clicks += r.n;
  }
  return [...byDay.values()];
}

/**
 * Human opens by Lima weekday (rows lunes…domingo) and Lima hour (24 columns).
 * @example heatmap([{ hour: Date.UTC(2026, 5, 1, 14), kind: "open", machine: 0, n: 3 }])[0].opens[9] // 3
 */
export function heatmap(rows: readonly BucketRow[]): HeatmapRow[] {
  const grid = WEEKDAYS.map((weekday) => ({ weekday, opens: Array<number>(24).fill(0) }));
  for (const r of rows) {
    if (!isHuman(r) || r.kind !== "open") continue;
    const s = limaSlot(r.hour);
    grid[s.weekday]!.opens[s.hour]! += r.n;
  }
  return grid;
}

/**
 * The (up to) three Lima hours of the day with the most human opens, most first; ties go to the
 * earlier hour, hours without opens are never peaks.
 * @example peakHours(heatmap(rows)) // [{ hour: 9, opens: 40 }, { hour: 10, opens: 22 }, { hour: 15, opens: 22 }]
 */
export function peakHours(grid: readonly HeatmapRow[], top = 3): PeakHour[] {
  const perHour = Array.from({ length: 24 }, (_, hour) => ({ hour, opens: grid.reduce((s, row) => s + (row.opens[hour] ?? 0), 0) }));
  return perHour
    .filter((p) => p.opens > 0)
    .sort((a, b) => b.opens - a.opens || a.hour - b.hour)
    .slice(0, top);
}

/** Machine (B5) opens and clicks, counted apart. */
export function machineTotals(rows: readonly BucketRow[]): { opens: number; clicks: number } {
  let opens = 0;
  let clicks = 0;
  for (const r of rows) {
    if (isHuman(r)) continue;
    if (r.kind === "open") opens += r.n;
    else if (r.kind === "click") clicks += r.n;
  }
  return { opens, clicks };
}

/**
 * Everything the campaign's "Análisis" section shows. `startedAt` null (never sent): the 72-hour
 * timeline starts at the first event, or is empty when there is none.
 */
export function campaignAnalytics(rows: readonly BucketRow[], startedAt: number | null): CampaignAnalytics {
  const engaged = rows.filter((r) => r.kind === "open" || r.kind === "click");
  const start = startedAt ?? engaged.reduce<number | null>((m, r) => (m === null || r.hour < m ? r.hour : m), null);
  const grid = heatmap(rows);
  return {
    timeline72h: start === null ? [] : hourly72(rows, start),
    daily: daily(rows, startedAt),
    heatmap: grid,
    peakHours: peakHours(grid),
    machine: machineTotals(rows),
  };
}

/** The account-wide view: heatmap and peak hours over every campaign's rows. */
export function accountEngagement(rows: readonly BucketRow[]): { heatmap: HeatmapRow[]; peakHours: PeakHour[] } {
  const grid = heatmap(rows);
  return { heatmap: grid, peakHours: peakHours(grid) };
}
