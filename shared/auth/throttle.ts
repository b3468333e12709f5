/**
 * Login throttling arithmetic (fixed windows). The Worker keeps one counter per email and one
 * per client IP; a key over its limit is refused until its window ends, whatever the password.
 */

export type ThrottleState = { windowStart: number; failures: number };
export type ThrottleLimit = { max: number; windowMs: number };

export const LOGIN_LIMITS = {
  email: { max: 5, windowMs: 15 * 60_000 },
  ip: { max: 20, windowMs: 15 * 60_000 },
} as const satisfies Record<string, ThrottleLimit>;

/**
 * Seconds until `state` may try again, or 0 if it may try now.
 * @example retryAfter({ windowStart: 0, failures: 5 }, 60_000, LOGIN_LIMITS.email) // 840
 */
export function retryAfter(state: ThrottleState | null, now: number, limit: ThrottleLimit): number {
  if (!state) return 0;
  const end = state.windowStart + limit.windowMs;
  if (now >= end || state.failures < limit.max) return 0;
  return Math.ceil((end - now) / 1000);
}

/**
 * The state after one more failure at `now`: a new window if the old one ended.
 * @example recordFailure(null, 1000, LOGIN_LIMITS.ip) // { windowStart: 1000, failures: 1 }
 */
export function recordFailure(state: ThrottleState | null, now: number, limit: ThrottleLimit): ThrottleState {
  if (!state || now >= state.windowStart + limit.windowMs) return { windowStart: now, failures: 1 };
  return { windowStart: state.windowStart, failures: state.failures + 1 };
}
