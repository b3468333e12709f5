/**
 * The credit part of the monthly report (R1), pure: per holder and channel the credit used,
 * refunded, granted and lapsed in the month and the balance at its end, and the bags with their
 * expiry. The input is the CreditLedger's history as mirrored in D1 (`credit_entries`), summed per
 * holder, channel, bag and kind (`sumCreditEntries` says how), plus the ledger's bags (their
 * expiry is only known there). Replaying the history gives each holder's lot of each bag at any
 * instant, the way the ledger moves them:
 *
 *   grant +main · allocate +user −main · deallocate −user +main · reserve −holder ·
 *   release +holder · refund +holder · commit (reserved → debited) no lot change
 *
 * A past month's balance is that replay at the month's end, counting only bags still valid then;
 * the current month's balance is the ledger's own figure now (`live`), which the mirror may trail
 * by a few seconds. A bag's remaining credit is granted − committed + refunded.
 */
import type { Channel } from "../api/schemas";
import type { MonthlyCredit, MonthlyReport } from "../api/schemas-reports";
import { MAIN, type LedgerKind } from "../credits/ledger";
import type { MonthRange } from "./monthly";

/** Ledger amounts of one holder, channel, bag and kind: `total` before the cut, `month` from the month's start to the cut. */
export type CreditSum = { holder: string; channel: Channel; bagId: string | null; kind: string; total: number; month: number };
/** A bag as the ledger knows it. */
export type LedgerBag = { id: string; channel: Channel; granted: number; activatedAt: number; expiresAt: number };
/** The ledger's figures now: usable balance per holder and channel, and each bag's remaining credit. */
export type LiveLedger = { available: Record<string, Partial<Record<Channel, number>>>; remaining: Record<string, number> };

export type CreditInput = {
  range: MonthRange;
  now: number;
  /** A sub-user's report: only that holder, and no bags. */
  only: string | null;
  sums: readonly CreditSum[];
  bags: readonly LedgerBag[];
  /** Given for the current month: balances and remaining credit are the ledger's own, now. */
  live: LiveLedger | null;
  /** User names by id, for the holders. */
  names: Readonly<Record<string, string>>;
};

const CHANNELS: readonly Channel[] = ["email", "sms"];

/**
 * The end of what a month's report replays: the month's end, or now for the current month.
 * @example creditCut(monthRange("2026-10")!, Date.UTC(2026, 10, 29)) // Date.UTC(2026, 10, 1, 5)
 */
export const creditCut = (range: MonthRange, now: number) => Math.min(range.to, now);

/**
 * What the store's GROUP BY computes, for tests and other callers holding raw entries: entries
 * before `cut` summed per holder, channel, bag and kind; `month` the part at or after `from`.
 * @example sumCreditEntries([{ at: 5, kind: "grant", channel: "email", holder: "main", amount: 9, bagId: "b" }], 0, 10)
 * // [{ holder: "main", channel: "email", bagId: "b", kind: "grant", total: 9, month: 9 }]
 */
export function sumCreditEntries(entries: readonly { at: number; kind: string; channel: Channel; holder: string; amount: number; bagId: string | null }[], from: number, cut: number): CreditSum[] {
  const out = new Map<string, CreditSum>();
  for (const e of entries) {
    if (e.at >= cut) continue;
    const key = [e.holder, e.channel, e.bagId, e.kind].join("\u0000");
    const s = out.get(key) ?? { holder: e.holder, channel: e.channel, bagId: e.bagId, kind: e.kind, total: 0, month: 0 };
    s.total += e.amount;
    if (e.at >= from) s.month += e.amount;
    out.set(key, s);
  }
  return [...out.values()];
}

/** How an entry of `kind` for `holder` moves lots (see the header). */
function lotMoves(kind: string, holder: string, amount: number): [string, number][] {
  switch (kind as LedgerKind) {
    case "grant": return [[holder, amount]];
    case "allocate": return [[holder, amount], [MAIN, -amount]];
    case "deallocate": return [[holder, -amount], [MAIN, amount]];
    case "reserve": return [[holder, -amount]];
    case "release":
    case "refund": return [[holder, amount]];
    default: return []; // commit: reserved credit becomes debited, no lot changes
  }
}

/** Each bag's lots per holder at the cut, and each bag's remaining credit. */
function replay(sums: readonly CreditSum[]) {
  const lots = new Map<string, Map<string, number>>();
  const remaining = new Map<string, number>();
  for (const s of sums) {
    if (!s.bagId) continue;
    const bag = lots.get(s.bagId) ?? new Map<string, number>();
    lots.set(s.bagId, bag);
    for (const [holder, delta] of lotMoves(s.kind, s.holder, s.total)) bag.set(holder, (bag.get(holder) ?? 0) + delta);
    const sign = s.kind === "grant" || s.kind === "refund" ? 1 : s.kind === "commit" ? -1 : 0;
    remaining.set(s.bagId, (remaining.get(s.bagId) ?? 0) + sign * s.total);
  }
  return { lot: (bagId: string, holder: string) => Math.max(0, lots.get(bagId)?.get(holder) ?? 0), remaining, granted: (bagId: string) => sums.some((s) => s.bagId === bagId && s.kind === "grant" && s.total > 0) };
}

/**
 * The report's `credits` and `bags`. Rows: the main pool (or, for a sub-user's report, that
 * user) on both channels always; other holders where any figure is not zero. `used` is debited
 * net of refunds; `granted` is bags granted for the main pool and credit allocated net of credit
 * taken back for a sub-user; `expired` is what a holder still had in bags that lapsed in the
 * month (by its end, or by now); none goes below zero.
 * @example monthlyCredits({ range, now, only: null, sums, bags, live: null, names: {} }).credits[0] // { channel: "email", holder: "main", … }
 */
export function monthlyCredits(input: CreditInput): Pick<MonthlyReport, "credits" | "bags"> {
  const { range, now, only, sums, bags, live } = input;
  const cut = creditCut(range, now);
  const r = replay(sums);
  const inMonth = (holder: string, channel: Channel, kind: string) => sums.reduce((t, s) => (s.holder === holder && s.channel === channel && s.kind === kind ? t + s.month : t), 0);
  const lapsed = bags.filter((b) => b.expiresAt >= range.from && b.expiresAt < range.to && b.expiresAt <= now);
  const valid = bags.filter((b) => b.expiresAt > cut);
  const others = new Set<string>([...sums.map((s) => s.holder), ...Object.keys(live?.available ?? {})]);
  others.delete(MAIN);
  const holders = only ? [only] : [MAIN, ...[...others].sort()];
  const credits: MonthlyCredit[] = [];
  for (const holder of holders) {
    for (const channel of CHANNELS) {
      const refunded = inMonth(holder, channel, "refund");
      const row: MonthlyCredit = {
        channel,
        holder,
        holderName: holder === MAIN ? null : (input.names[holder] ?? null),
        used: Math.max(0, inMonth(holder, channel, "commit") - refunded),
        refunded,
        granted: holder === MAIN ? inMonth(holder, channel, "grant") : Math.max(0, inMonth(holder, channel, "allocate") - inMonth(holder, channel, "deallocate")),
        expired: lapsed.filter((b) => b.channel === channel).reduce((t, b) => t + r.lot(b.id, holder), 0),
        balance: live ? (live.available[holder]?.[channel] ?? 0) : valid.filter((b) => b.channel === channel).reduce((t, b) => t + r.lot(b.id, holder), 0),
      };
      if (holder === MAIN || holder === only || row.used || row.refunded || row.granted || row.expired || row.balance) credits.push(row);
    }
  }
  if (only) return { credits, bags: [] };
  const shown = bags
    .filter((b) => b.expiresAt >= range.from && (live ? b.activatedAt <= now : r.granted(b.id)))
    .sort((a, b) => a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : 1))
    .map((b) => ({
      id: b.id,
      channel: b.channel,
      granted: b.granted,
      remaining: Math.max(0, live ? (live.remaining[b.id] ?? 0) : (r.remaining.get(b.id) ?? 0)),
      expiresAt: new Date(b.expiresAt).toISOString(),
      expired: b.expiresAt <= cut,
    }));
  return { credits, bags: shown };
}
