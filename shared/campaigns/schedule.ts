/**
 * Wall-clock times in a named time zone (America/Lima by default) → instants, without a date
 * library: the zone's offset at that moment comes from Intl, which every runtime here has.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

function offsetMs(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(at / 1000) * 1000;
}

/** Whether `zone` is a time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant of `at`: an ISO string with an offset or Z is taken as is; a local
 * "YYYY-MM-DDTHH:mm" is read in `zone`. Null when it is neither.
 * @example parseScheduleTime("2026-12-01T09:00", "America/Lima") // Date.UTC(2026, 11, 1, 14, 0)
 */
export function parseScheduleTime(at: string, zone: string): number | null {
  const m = LOCAL.exec(at.trim());
  if (m) {
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!, s || 0);
    // Two passes settle the offset even across a DST change in zones that have one.
    let t = guess - offsetMs(zone, guess);
    t = guess - offsetMs(zone, t);
    return Number.isFinite(t) ? t : null;
  }
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(at)) return null;
  const t = Date.parse(at);
  return Number.isFinite(t) ? t : null;
}

export type Progress = { sent: number; total: number; perMinute: number; elapsedMs: number; etaMs: number | null };

/**
 * The send-time indicator (E4): progress, current rate, elapsed time and time left.
 * @example sendProgress({ sent: 500, failed: 0, total: 1000, startedAt: 0, now: 60_000 }) // { perMinute: 500, etaMs: 60_000, … }
 */
export function sendProgress(x: { sent: number; failed: number; total: number; startedAt: number | null; now: number; finishedAt?: number | null }): Progress {
  const done = x.sent + x.failed;
  const end = x.finishedAt ?? x.now;
  const elapsedMs = x.startedAt !== null ? Math.max(0, end - x.startedAt) : 0;
  const perMinute = elapsedMs > 0 ? Math.round((done / elapsedMs) * 60_000) : 0;
  const left = Math.max(0, x.total - done);
  const etaMs = x.finishedAt ? 0 : perMinute > 0 ? Math.round((left / perMinute) * 60_000) : null;
  return { sent: x.sent, total: x.total, perMinute, elapsedMs, etaMs };
}

/** Ley 28493: commercial mail carries "PUBLICIDAD" at the start of its subject. */
export function subjectFor(subject: string, commercial: boolean): string {
  return commercial && !/^publicidad\b/i.test(subject.trim()) ? `PUBLICIDAD: ${subject}` : subject;
}
