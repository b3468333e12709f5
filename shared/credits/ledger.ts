/**
 * Credit arithmetic (E6, C1), pure. Credit comes in bags (channel, amount, expiry). Each bag's
 * unspent credit is split into lots, one per holder: `main` (the main account's pool) or a
 * sub-user id. Drawing takes from the holder's unexpired lots, the soonest-expiring first, so
 * credit about to lapse is used before fresh credit. Nothing here reads a clock: `now` is passed.
 */
import type { Channel } from "../api/schemas";

export const MAIN = "main";
export const DAY_MS = 86_400_000;

export type Lot = { bagId: string; available: number; expiresAt: number };
export type Part = { bagId: string; amount: number };

/**
 * How to take `amount` from `lots` (all of one holder and channel), or `null` if the unexpired
 * lots hold less than that. Lots expiring first are used first; ties break by bag id.
 * @example planDraw([{ bagId: "a", available: 5, expiresAt: 10 }], 3, 0) // [{ bagId: "a", amount: 3 }]
 */
export function planDraw(lots: readonly Lot[], amount: number, now: number): Part[] | null {
  if (!Number.isSafeInteger(amount) || amount <= 0) return null;
  const usable = lots
    .filter((l) => l.expiresAt > now && l.available > 0)
    .sort((a, b) => a.expiresAt - b.expiresAt || (a.bagId < b.bagId ? -1 : 1));
  const parts: Part[] = [];
  let left = amount;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(lot.available, left);
    parts.push({ bagId: lot.bagId, amount: take });
    left -= take;
  }
  return left === 0 ? parts : null;
}

/**
 * Take `amount` out of already-held parts (a reservation's, or what was debited), soonest
 * expiry first; `null` if the parts hold less.
 * @example takeFromParts([{ bagId: "a", amount: 2 }, { bagId: "b", amount: 5 }], 4, {a: 1, b: 2}) // [{a,2},{b,2}]
 */
export function takeFromParts(parts: readonly Part[], amount: number, expiryOf: Record<string, number>): Part[] | null {
  if (!Number.isSafeInteger(amount) || amount <= 0) return null;
  const sorted = [...parts].filter((p) => p.amount > 0).sort((a, b) => (expiryOf[a.bagId] ?? 0) - (expiryOf[b.bagId] ?? 0));
  const out: Part[] = [];
  let left = amount;
  for (const p of sorted) {
    if (left === 0) break;
    const take = Math.min(p.amount, left);
    out.push({ bagId: p.bagId, amount: take });
    left -= take;
  }
  return left === 0 ? out : null;
}

/** Usable balance of some lots at `now`. @example usable([{bagId:"a",available:5,expiresAt:1}], 2) // 0 */
export function usable(lots: readonly Lot[], now: number): number {
  return lots.reduce((sum, l) => (l.expiresAt > now ? sum + l.available : sum), 0);
}

/** The soonest expiry among lots that still hold usable credit, or `null`. */
export function nextExpiry(lots: readonly Lot[], now: number): number | null {
  let min: number | null = null;
  for (const l of lots) if (l.expiresAt > now && l.available > 0 && (min === null || l.expiresAt < min)) min = l.expiresAt;
  return min;
}

export type CreditDefaults = { email: number; sms: number; validityDays: number };

/**
 * Credit defaults from the Worker's vars, refusing nonsense at start-up.
 * @example creditDefaults({ DEFAULT_EMAIL_CREDITS: "5000000", DEFAULT_SMS_CREDITS: "80000", CREDIT_VALIDITY_DAYS: "365" })
 */
export function creditDefaults(vars: { DEFAULT_EMAIL_CREDITS: string; DEFAULT_SMS_CREDITS: string; CREDIT_VALIDITY_DAYS: string }): CreditDefaults {
  const n = (name: string, v: string) => {
    const x = Number(v);
    if (!Number.isSafeInteger(x) || x < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
    return x;
  };
  return {
    email: n("DEFAULT_EMAIL_CREDITS", vars.DEFAULT_EMAIL_CREDITS),
    sms: n("DEFAULT_SMS_CREDITS", vars.DEFAULT_SMS_CREDITS),
    validityDays: n("CREDIT_VALIDITY_DAYS", vars.CREDIT_VALIDITY_DAYS) || 365,
  };
}

export type LedgerKind = "grant" | "allocate" | "deallocate" | "reserve" | "commit" | "release" | "refund";
export type LedgerEntry = {
  kind: LedgerKind;
  channel: Channel;
  holder: string;
  amount: number;
  bagId: string | null;
  reference: string | null;
  actorUserId: string | null;
  note: string | null;
};
