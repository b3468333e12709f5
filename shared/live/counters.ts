/**
 * Live counters of one campaign as pure arithmetic: an empty set, adding one increment's delta,
 * the minute an event falls in, and the window of the per-minute series (72 h). CampaignLive
 * stores the results; the dashboard only reads them.
 */
import type { LiveCounters, LiveIncrement } from "../events/types";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** The per-minute series covers this much time back from now. */
export const SERIES_WINDOW_MS = 72 * HOUR_MS;
/** Increment keys are remembered this long: a retry later than that would count again. */
export const KEY_TTL_MS = 24 * HOUR_MS;

/** The scalar counters, in a stable order (everything but `links`). */
export const COUNTER_NAMES = [
  "sent",
  "opened",
  "openedUnique",
  "machineOpens",
  "clicked",
  "clickedUnique",
  "machineClicks",
  "bouncedHard",
  "bouncedSoft",
  "unsubscribed",
  "complaints",
  "delivered",
  "failed",
  "replies",
] as const satisfies readonly (keyof Omit<LiveCounters, "links">)[];
export type CounterName = (typeof COUNTER_NAMES)[number];

/**
 * One minute of the chart: opens and clicks (human ones) that happened in it. An SMS campaign has
 * no opens, so its `opens` carry its deliveries (final "delivered" receipts): a campaign only
 * ever has one of the two, and the dashboard labels the line by the campaign's channel.
 */
export type SeriesPoint = { minute: number; opens: number; clicks: number };

/** @example emptyCounters().sent // 0 */
export function emptyCounters(): LiveCounters {
  return { sent: 0, opened: 0, openedUnique: 0, machineOpens: 0, clicked: 0, clickedUnique: 0, machineClicks: 0, bouncedHard: 0, bouncedSoft: 0, unsubscribed: 0, complaints: 0, delivered: 0, failed: 0, replies: 0, links: {} };
}

/**
 * The counters after one increment; counters absent from the delta are unchanged.
 * @example addDelta(emptyCounters(), { opened: 2, links: { "https://a.pe": 1 } }).opened // 2
 */
export function addDelta(counters: LiveCounters, delta: LiveIncrement["delta"]): LiveCounters {
  const next: LiveCounters = { ...counters, links: { ...counters.links } };
  for (const name of COUNTER_NAMES) next[name] += whole(delta[name]);
  for (const [url, n] of Object.entries(delta.links ?? {})) next.links[url] = (next.links[url] ?? 0) + whole(n);
  return next;
}

/** The start of the minute `at` falls in. @example minuteOf(90_500) // 60_000 */
export function minuteOf(at: number): number {
  return Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/**
 * The opens (or, for SMS, deliveries) and clicks an increment adds to the chart's minute (machine ones stay out).
 * @example seriesDelta({ delivered: 2, clicked: 1 }) // { opens: 2, clicks: 1 }
 */
export function seriesDelta(delta: LiveIncrement["delta"]): { opens: number; clicks: number } {
  return { opens: whole(delta.opened) + whole(delta.delivered), clicks: whole(delta.clicked) };
}

/** Whether an increment is well formed enough to store: a key, a finite time, whole numbers. */
export function isValidIncrement(inc: LiveIncrement): boolean {
  if (typeof inc?.key !== "string" || inc.key.length === 0 || inc.key.length > 512) return false;
  if (!Number.isFinite(inc.at) || typeof inc.delta !== "object" || inc.delta === null) return false;
  const values = [...COUNTER_NAMES.map((n) => inc.delta[n]), ...Object.values(inc.delta.links ?? {})];
  return values.every((v) => v === undefined || Number.isSafeInteger(v));
}

/** Missing or malformed numbers count as 0, so one bad field never poisons a counter. */
function whole(n: number | undefined): number {
  return typeof n === "number" && Number.isSafeInteger(n) ? n : 0;
}
