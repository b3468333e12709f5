/**
 * A fixed-window request counter per key, kept in memory: the first line of rate limiting, per
 * isolate. Cloudflare runs many isolates, so the real ceiling at scale is the limit times the
 * isolates a caller reaches; the edge's Rate Limiting rules (docs/operations.md) are the second
 * line. Bounded: the table is emptied when it passes `maxKeys` (a flood of distinct keys resets
 * everyone's count rather than exhausting memory). Pure: the caller passes `now`.
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfter: number };
export type RateWindow = { take(key: string, now: number): RateDecision };

/**
 * @example const w = rateWindow(2, 60_000); w.take("k", 0); w.take("k", 1); w.take("k", 2) // { allowed: false, retryAfter: 60 }
 */
export function rateWindow(limit: number, windowMs: number, maxKeys = 50_000): RateWindow {
  const counts = new Map<string, { start: number; n: number }>();
  return {
    take(key, now) {
      const start = now - (now % windowMs);
      const c = counts.get(key);
      if (!c || c.start !== start) {
        if (!c && counts.size >= maxKeys) counts.clear();
        counts.set(key, { start, n: 1 });
        return limit >= 1 ? { allowed: true } : { allowed: false, retryAfter: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
      }
      c.n++;
      if (c.n <= limit) return { allowed: true };
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
    },
  };
}

/** Requests per minute allowed per API key or session (API) and per IP and endpoint family (recipients). */
export const API_RATE_PER_MINUTE = 600;
export const RECIPIENT_RATE_PER_MINUTE = 120;

/** The families of recipient endpoints, each counted apart per IP. */
export type RecipientFamily = "open" | "click" | "view" | "unsubscribe" | "form" | "short";

/**
 * The family of a recipient path, or null for paths that are not limited (the form page itself,
 * a GET, is as cheap as a static page; only its POST writes).
 * @example recipientFamily("GET", "/t/o/abc") // "open"
 * @example recipientFamily("GET", "/f/abc") // null
 */
export function recipientFamily(method: string, path: string): RecipientFamily | null {
  if (path.startsWith("/t/o/")) return "open";
  if (path.startsWith("/t/c/")) return "click";
  if (path.startsWith("/v/") && !path.startsWith("/v/p/")) return "view";
  if (path.startsWith("/u/")) return "unsubscribe";
  if (path.startsWith("/s/")) return "short";
  if (path.startsWith("/f/") && method === "POST") return "form";
  return null;
}

/** A positive integer setting, or the default when unset or malformed. */
export function limitSetting(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}
