/**
 * Window accounting of the send limits in D1 `send_windows` (scope × window start → released).
 * A release is claimed before it happens, with one insert-or-increment per window that returns
 * the new count; a claim that went over a limit gives the excess back. Every runner sees the
 * others' claims (pending give-backs included), so together they can fall short of a limit for
 * a moment but never exceed it. Scopes: "relay:m" (the relay's minute, every account),
 * "acc:<id>:<provider>:h" (an account's hour per provider), "acc:<id>:warmup:d" (its Lima day).
 */
import { PROVIDERS, type Provider } from "../../shared/campaigns/providers";
import { DAY_MS, warmupCap, windowsAt, type SendLimits, type Used } from "../../shared/campaigns/throttle";

export const RELAY_SCOPE = "relay:m";
const hourScope = (accountId: string, p: Provider) => `acc:${accountId}:${p}:h`;
const warmupScope = (accountId: string) => `acc:${accountId}:warmup:d`;
/** How long windows are kept: the longest (a day) plus a margin. */
export const KEEP_WINDOWS_MS = 2 * DAY_MS;

export type WindowClaim = { scope: string; window: number; limit: number };

/**
 * The windows a release of `provider` recipients counts against at `now`.
 * @example claimsFor("acc_1", "gmail", { perProviderPerHour: { gmail: 1000 } }, 600, now)
 *   // [{ scope: "relay:m", window: <minute>, limit: 600 }, { scope: "acc:acc_1:gmail:h", window: <hour>, limit: 1000 }]
 */
export function claimsFor(accountId: string, provider: Provider, limits: SendLimits | null, relayPerMinute: number | null, now: number): WindowClaim[] {
  const w = windowsAt(now);
  const claims: WindowClaim[] = [];
  if (relayPerMinute !== null) claims.push({ scope: RELAY_SCOPE, window: w.minute, limit: relayPerMinute });
  const own = limits?.perProviderPerHour[provider];
  if (typeof own === "number") claims.push({ scope: hourScope(accountId, provider), window: w.hour, limit: own });
  if (limits?.warmup) claims.push({ scope: warmupScope(accountId), window: w.day, limit: warmupCap(limits.warmup, now) });
  return claims;
}

/** What the windows of `now` have released so far (relay: every account; the rest: this account). */
export async function readUsage(db: D1Database, accountId: string, now: number): Promise<Used> {
  const w = windowsAt(now);
  const hours = PROVIDERS.map((p) => hourScope(accountId, p));
  const rows = await db
    .prepare(`SELECT scope, n FROM send_windows WHERE (scope = ?1 AND "window" = ?2) OR (scope = ?3 AND "window" = ?4) OR (scope IN (SELECT value FROM json_each(?5)) AND "window" = ?6)`)
    .bind(RELAY_SCOPE, w.minute, warmupScope(accountId), w.day, JSON.stringify(hours), w.hour)
    .all<{ scope: string; n: number }>();
  const used: Used = { relay: 0, warmup: 0, hour: {} };
  for (const r of rows.results) {
    if (r.scope === RELAY_SCOPE) used.relay = r.n;
    else if (r.scope === warmupScope(accountId)) used.warmup = r.n;
    else used.hour[PROVIDERS[hours.indexOf(r.scope)]!] = r.n;
  }
  return used;
}

/**
 * Claim `want` releases in every window of `claims` at once; returns how many were granted
 * (0…want), having given back the rest. Atomic per statement: concurrent claimers together are
 * never granted more than a window's limit.
 * @example await claimWindows(db, [{ scope: "acc:a:gmail:h", window: hour, limit: 10 }], 7) // 7, then 3, then 0
 */
export async function claimWindows(db: D1Database, claims: WindowClaim[], want: number): Promise<number> {
  if (claims.length === 0 || want <= 0) return Math.max(want, 0);
  const counted = await db.batch<{ n: number }>(
    claims.map((c) =>
      db.prepare(`INSERT INTO send_windows (scope, "window", n) VALUES (?1, ?2, ?3) ON CONFLICT (scope, "window") DO UPDATE SET n = n + excluded.n RETURNING n`).bind(c.scope, c.window, want),
    ),
  );
  let granted = want;
  counted.forEach((r, i) => {
    const over = Math.max(0, r.results[0]!.n - claims[i]!.limit);
    granted = Math.min(granted, want - Math.min(want, over));
  });
  if (granted < want) await releaseWindows(db, claims, want - granted);
  return granted;
}

/** Give `n` claimed releases back to every window of `claims` (they will not happen). */
export async function releaseWindows(db: D1Database, claims: WindowClaim[], n: number): Promise<void> {
  if (claims.length === 0 || n <= 0) return;
  await db.batch(claims.map((c) => db.prepare(`UPDATE send_windows SET n = n - ?1 WHERE scope = ?2 AND "window" = ?3`).bind(n, c.scope, c.window)));
}

/** Forget windows older than a day and a margin (the cron calls this). Returns how many went. */
export async function pruneSendWindows(db: D1Database, now: number): Promise<number> {
  const { meta } = await db.prepare(`DELETE FROM send_windows WHERE "window" < ?`).bind(now - KEEP_WINDOWS_MS).run();
  return meta.changes;
}
