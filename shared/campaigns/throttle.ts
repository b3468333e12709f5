/**
 * Send limits (E5, B6): a rate per relay (the operator's, per minute, all accounts), an hourly
 * limit per mailbox provider and an optional warm-up schedule (a cap per Lima calendar day that
 * grows day by day) set by each account. Limits count in fixed windows — the minute, the hour,
 * the Lima day — shared by every campaign, so two campaigns together stay within them. This
 * module only computes: what the counts allow now and when to look again; the counting itself
 * is atomic in D1 (workers/email/send-windows.ts).
 */
import { PROVIDERS, type Provider } from "./providers";

export type ProviderLimits = Partial<Record<Provider, number | null>>;
/** `dailyCaps[0]` holds on `startDate` (a Lima date), `[1]` the day after…; the last one holds afterwards. */
export type Warmup = { startDate: string; dailyCaps: number[] };
/** `null` (or absent) for a provider: no limit. */
export type SendLimits = { perProviderPerHour: ProviderLimits; warmup?: Warmup | null };

export const MAX_LIMIT = 10_000_000;
export const MAX_WARMUP_DAYS = 90;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Lima keeps UTC−5 all year (no daylight saving since 1994), so its days start at 05:00 UTC. */
const LIMA_OFFSET_MS = -5 * HOUR_MS;

/** Whether the account limits anything (the runner keeps its fast path otherwise). */
export function hasLimits(l: SendLimits | null | undefined): l is SendLimits {
  return !!l && (PROVIDERS.some((p) => typeof l.perProviderPerHour[p] === "number") || !!l.warmup);
}

export type LimitProblem = { field: string; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const whole = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= MAX_LIMIT;
const wholeMessage = `must be a whole number from 1 to ${MAX_LIMIT}`;

/** Midnight in Lima of a "YYYY-MM-DD" date, or null when it is no calendar date. */
export function limaDayStart(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t - LIMA_OFFSET_MS;
}

/**
 * The first thing wrong with a set of limits, naming its field, or null when they are fine.
 * @example checkLimits({ perProviderPerHour: { gmail: -1 } }) // { field: "perProviderPerHour.gmail", … }
 * @example checkLimits({ perProviderPerHour: {}, warmup: { startDate: "2026-12-01", dailyCaps: [500, 400] } }) // { field: "warmup.dailyCaps.1", … }
 */
export function checkLimits(l: SendLimits): LimitProblem | null {
  for (const p of PROVIDERS) {
    const v = l.perProviderPerHour[p];
    if (v !== undefined && v !== null && !whole(v)) return { field: `perProviderPerHour.${p}`, message: `${wholeMessage}, or null for no limit` };
  }
  const w = l.warmup;
  if (!w) return null;
  if (limaDayStart(w.startDate) === null) return { field: "warmup.startDate", message: "must be a calendar date written YYYY-MM-DD" };
  if (w.dailyCaps.length < 1 || w.dailyCaps.length > MAX_WARMUP_DAYS) return { field: "warmup.dailyCaps", message: `must list from 1 to ${MAX_WARMUP_DAYS} daily caps` };
  for (let i = 0; i < w.dailyCaps.length; i++) {
    const cap = w.dailyCaps[i];
    if (!whole(cap)) return { field: `warmup.dailyCaps.${i}`, message: wholeMessage };
    if (i > 0 && cap < w.dailyCaps[i - 1]!) return { field: `warmup.dailyCaps.${i}`, message: "must not be lower than the day before (a warm-up only grows)" };
  }
  return null;
}

/**
 * The operator's relay limit (SMTP_RATE_PER_MINUTE): null when unset; a bad value is a
 * configuration error, thrown rather than silently ignored.
 * @example parseRelayLimit("600") // 600
 */
export function parseRelayLimit(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text.trim());
  if (!whole(n)) throw new Error(`SMTP_RATE_PER_MINUTE must be a whole number from 1 to ${MAX_LIMIT}, not "${text}"`);
  return n;
}

/** Start instants (ms) of the windows `now` falls in. */
export type Windows = { minute: number; hour: number; day: number };

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;

/** @example windowsAt(Date.UTC(2026, 10, 29, 4, 30)).day // Date.UTC(2026, 10, 28, 5) (Lima's 28 Nov) */
export function windowsAt(now: number): Windows {
  return { minute: floorTo(now, MINUTE_MS), hour: floorTo(now, HOUR_MS), day: floorTo(now + LIMA_OFFSET_MS, DAY_MS) - LIMA_OFFSET_MS };
}

/**
 * Today's warm-up cap. Before the start date the first day's cap holds (a warm-up that has not
 * begun is no licence to send at full speed); after the last day, the last cap.
 * @example warmupCap({ startDate: "2026-12-01", dailyCaps: [100, 200] }, Date.UTC(2026, 11, 9)) // 200
 */
export function warmupCap(w: Warmup, now: number): number {
  return w.dailyCaps[Math.min(Math.max(warmupDay(w, now) - 1, 0), w.dailyCaps.length - 1)]!;
}

/**
 * Which day of the warm-up `now` is in Lima: 1 on the start date, 0 or less before it.
 * @example warmupDay({ startDate: "2026-12-01", dailyCaps: [100] }, Date.UTC(2026, 11, 3, 12)) // 3
 */
export function warmupDay(w: Warmup, now: number): number {
  return Math.round((windowsAt(now).day - (limaDayStart(w.startDate) ?? 0)) / DAY_MS) + 1;
}

/** What the current windows have already released: relay minute (all accounts), warm-up day and hour per provider (the account). */
export type Used = { relay: number; warmup: number; hour: Partial<Record<Provider, number>> };
export type Limiter = "provider" | "relay" | "warmup";
/** `allowed` null: unlimited. `limitedBy`/`limit`/`resetAt`: the window that binds (when it turns over). */
export type Allowance = { allowed: number | null; limitedBy: Limiter | null; limit: number | null; resetAt: number | null };
export type Budget = { windows: Windows; shared: Allowance; providers: Record<Provider, Allowance> };

type Bound = { by: Limiter; limit: number; left: number; resetAt: number };

function tightest(bounds: Bound[]): Allowance {
  if (bounds.length === 0) return { allowed: null, limitedBy: null, limit: null, resetAt: null };
  const allowed = Math.min(...bounds.map((b) => b.left));
  // With nothing left, sending resumes only once every spent window has turned over.
  const pick = allowed === 0 ? bounds.filter((b) => b.left === 0).reduce((a, b) => (b.resetAt > a.resetAt ? b : a)) : bounds.reduce((a, b) => (b.left < a.left ? b : a));
  return { allowed, limitedBy: pick.by, limit: pick.limit, resetAt: pick.resetAt };
}

/**
 * How many recipients of each provider may be released now. `shared` is what all providers
 * together may still take (relay and warm-up): releasing for one provider uses it up for the others.
 * @example releaseBudget({ limits: { perProviderPerHour: { gmail: 1000 } }, relayPerMinute: null, used: { relay: 0, warmup: 0, hour: { gmail: 1000 } }, now })
 *   // providers.gmail: { allowed: 0, limitedBy: "provider", limit: 1000, resetAt: <next hour> }; providers.other.allowed: null
 */
export function releaseBudget(x: { limits: SendLimits | null; relayPerMinute: number | null; used: Used; now: number }): Budget {
  const w = windowsAt(x.now);
  const shared: Bound[] = [];
  if (x.relayPerMinute !== null) shared.push({ by: "relay", limit: x.relayPerMinute, left: Math.max(0, x.relayPerMinute - x.used.relay), resetAt: w.minute + MINUTE_MS });
  const warmup = x.limits?.warmup;
  if (warmup) {
    const cap = warmupCap(warmup, x.now);
    shared.push({ by: "warmup", limit: cap, left: Math.max(0, cap - x.used.warmup), resetAt: w.day + DAY_MS });
  }
  const providers = {} as Record<Provider, Allowance>;
  for (const p of PROVIDERS) {
    const own = x.limits?.perProviderPerHour[p];
    const bounds: Bound[] = typeof own === "number" ? [...shared, { by: "provider", limit: own, left: Math.max(0, own - (x.used.hour[p] ?? 0)), resetAt: w.hour + HOUR_MS }] : shared;
    providers[p] = tightest(bounds);
  }
  return { windows: w, shared: tightest(shared), providers };
}

/**
 * When to look again for the providers that still have recipients waiting: `now` if any of
 * them may send, else the first moment one of them may; null when none is waiting.
 * @example nextLook(budget, ["gmail"], now) // the start of the next hour, when Gmail's hour is spent
 */
export function nextLook(b: Budget, pending: readonly Provider[], now: number): number | null {
  let at: number | null = null;
  for (const p of pending) {
    const a = b.providers[p];
    const t = a.allowed === null || a.allowed > 0 ? now : (a.resetAt ?? now);
    at = at === null ? t : Math.min(at, t);
  }
  return at;
}
