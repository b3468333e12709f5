/**
 * A counter per key (the caller's: IP and recipient) in fixed one-minute windows, kept in memory
 * (one per isolate), so that a bot hammering one pixel stops being recorded past a limit while
 * everyone else's events still are. The request is always answered; only its recording is dropped. Bounded: the table is
 * emptied when it grows past `maxKeys` (a flood of distinct IPs is the Queue's to absorb).
 */

export type IpThrottle = { allow(ip: string, now: number): boolean };

/**
 * @example const t = ipThrottle(2); t.allow("a", 0); t.allow("a", 1); t.allow("a", 2) // false
 */
export function ipThrottle(limitPerMinute: number, maxKeys = 10_000): IpThrottle {
  const counts = new Map<string, { window: number; n: number }>();
  return {
    allow(ip, now) {
      const window = Math.floor(now / 60_000);
      const c = counts.get(ip);
      if (!c || c.window !== window) {
        if (counts.size >= maxKeys) counts.clear();
        counts.set(ip, { window, n: 1 });
        return true;
      }
      c.n++;
      return c.n <= limitPerMinute;
    },
  };
}
