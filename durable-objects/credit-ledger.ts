/**
 * CreditLedger: one per main account (`idFromName(accountId)`), the only writer of email and SMS
 * balances (E6, C1). RPC methods grant bags, allocate between the main pool and sub-users, and
 * reserve / commit / release / refund for the send pipelines. Every mutating call carries an
 * idempotency key: a repeated key returns the first answer and changes nothing. Each operation
 * runs in one synchronous SQLite transaction, so concurrent callers can never overdraw. Every
 * movement is an entry; entries are copied to D1 (`credit_entries`) for reports, retried by alarm.
 */
import { DurableObject } from "cloudflare:workers";
import type { Channel } from "../shared/api/schemas";
import { DAY_MS, MAIN, nextExpiry, planDraw, takeFromParts, usable, type LedgerEntry } from "../shared/credits/ledger";
import { LedgerStore } from "./credit-ledger-store";

export type LedgerFailure = { ok: false; code: "insufficient_credit" | "unknown_reservation" | "over_amount" | "invalid"; message: string; available?: number };
export type LedgerResult<T = object> = ({ ok: true } & T) | LedgerFailure;

type Common = { accountId: string; key: string; actorUserId?: string | null; note?: string | null };
export type BalanceView = { available: number; reserved: number; nextExpiry: number | null };
export type Overview = {
  holders: Record<string, Record<Channel, BalanceView>>;
  bags: { id: string; channel: Channel; granted: number; remaining: number; activatedAt: number; expiresAt: number }[];
};

const MIRROR_BATCH = 500;
const MIRROR_RETRY_MS = 5_000;

export class CreditLedger extends DurableObject<Env> {
  private readonly store: LedgerStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new LedgerStore(ctx.storage.sql);
  }

  /** Add a bag to the main pool, valid `validDays` from now. */
  async grant(a: Common & { channel: Channel; amount: number; validDays: number }): Promise<LedgerResult<{ bagId: string }>> {
    if (!Number.isSafeInteger(a.amount) || a.amount <= 0 || a.validDays <= 0) return invalid("amount and validDays must be positive integers");
    return this.mutate<{ bagId: string }>(a, (now, entries) => {
      const bagId = crypto.randomUUID();
      this.store.addBag({ id: bagId, channel: a.channel, granted: a.amount, activatedAt: now, expiresAt: now + a.validDays * DAY_MS });
      this.store.moveLot(bagId, MAIN, a.amount);
      entries.push(entry(a, "grant", a.channel, MAIN, a.amount, bagId));
      return { ok: true, bagId };
    });
  }

  /** Move credit from the main pool to `userId` (amount > 0) or back (amount < 0). */
  async allocate(a: Common & { userId: string; channel: Channel; amount: number }): Promise<LedgerResult> {
    if (!Number.isSafeInteger(a.amount) || a.amount === 0 || a.userId === MAIN) return invalid("amount must be a non-zero integer");
    return this.mutate(a, (now, entries) => {
      const [from, to] = a.amount > 0 ? [MAIN, a.userId] : [a.userId, MAIN];
      const amount = Math.abs(a.amount);
      const lots = this.store.lots(from, a.channel);
      const parts = planDraw(lots, amount, now);
      if (!parts) return insufficient(usable(lots, now));
      for (const p of parts) {
        this.store.moveLot(p.bagId, from, -p.amount);
        this.store.moveLot(p.bagId, to, p.amount);
        entries.push(entry(a, a.amount > 0 ? "allocate" : "deallocate", a.channel, a.userId, p.amount, p.bagId));
      }
      return { ok: true };
    });
  }

  /** Hold `amount` of `holder`'s credit for a send; the key becomes the reservation id. */
  async reserve(a: Common & { holder: string; channel: Channel; amount: number }): Promise<LedgerResult<{ reservationId: string }>> {
    if (!Number.isSafeInteger(a.amount) || a.amount <= 0) return invalid("amount must be a positive integer");
    return this.mutate<{ reservationId: string }>(a, (now, entries) => {
      const lots = this.store.lots(a.holder, a.channel);
      const parts = planDraw(lots, a.amount, now);
      if (!parts) return insufficient(usable(lots, now));
      this.store.addReservation(a.key, a.holder, a.channel, now);
      for (const p of parts) {
        this.store.moveLot(p.bagId, a.holder, -p.amount);
        this.store.moveHeld(a.key, p.bagId, "reserved", p.amount);
        entries.push(entry(a, "reserve", a.channel, a.holder, p.amount, p.bagId, a.key));
      }
      return { ok: true, reservationId: a.key };
    });
  }

  /** Debit `amount` of a reservation (messages accepted); the rest stays reserved. */
  async commit(a: Common & { reservationId: string; amount: number }): Promise<LedgerResult> {
    return this.moveHeld(a, "reserved", "commit");
  }

  /** Return `amount` (default: all that is still reserved) of a reservation to its holder. */
  async release(a: Common & { reservationId: string; amount?: number }): Promise<LedgerResult> {
    return this.moveHeld(a, "reserved", "release");
  }

  /** Give back debited credit lost to a platform fault (C1), so it can be sent again. */
  async refund(a: Common & { reservationId: string; amount: number }): Promise<LedgerResult> {
    return this.moveHeld(a, "debited", "refund");
  }

  /**
   * Close a reservation: make its debited total exactly `debited` (committing or refunding the
   * difference) and release whatever is still reserved. The send pipeline calls it at the end of
   * a campaign with the number of messages the relay accepted, so credit always matches them.
   */
  async settle(a: Common & { reservationId: string; debited: number }): Promise<LedgerResult<{ debited: number; released: number }>> {
    if (!Number.isSafeInteger(a.debited) || a.debited < 0) return invalid("debited must be a non-negative integer");
    return this.mutate<{ debited: number; released: number }>(a, (_now, entries) => {
      const res = this.store.reservation(a.reservationId);
      if (!res) return { ok: false, code: "unknown_reservation", message: `No reservation ${a.reservationId}` };
      const expiry = this.store.expiryOf();
      const sum = (ps: { amount: number }[]) => ps.reduce((t, p) => t + p.amount, 0);
      const move = (from: "reserved" | "debited", kind: "commit" | "release" | "refund", amount: number) => {
        if (amount <= 0) return;
        const parts = takeFromParts(this.store.held(res.id, from), amount, expiry) ?? [];
        for (const p of parts) {
          this.store.moveHeld(res.id, p.bagId, from, -p.amount);
          if (kind === "commit") this.store.moveHeld(res.id, p.bagId, "debited", p.amount);
          else this.store.moveLot(p.bagId, res.holder, p.amount);
          entries.push(entry(a, kind, res.channel, res.holder, p.amount, p.bagId, res.id));
        }
      };
      const debitedNow = sum(this.store.held(res.id, "debited"));
      if (a.debited > debitedNow) {
        const reserved = sum(this.store.held(res.id, "reserved"));
        if (a.debited - debitedNow > reserved) return { ok: false, code: "over_amount", message: `Only ${reserved} reserved`, available: reserved };
        move("reserved", "commit", a.debited - debitedNow);
      } else move("debited", "refund", debitedNow - a.debited);
      const released = sum(this.store.held(res.id, "reserved"));
      move("reserved", "release", released);
      return { ok: true, debited: a.debited, released };
    });
  }

  /** How much of a reservation is still reserved and how much was debited. */
  async reservationState(reservationId: string): Promise<{ reserved: number; debited: number } | null> {
    if (!this.store.reservation(reservationId)) return null;
    const sum = (k: "reserved" | "debited") => this.store.held(reservationId, k).reduce((t, p) => t + p.amount, 0);
    return { reserved: sum("reserved"), debited: sum("debited") };
  }

  /** Balances of every holder, and the bags, at `now`. */
  async overview(): Promise<Overview> {
    const now = Date.now();
    const holders: Overview["holders"] = {};
    const view = (h: string) => (holders[h] ??= { email: zero(), sms: zero() });
    view(MAIN);
    const lotsBy = new Map<string, ReturnType<LedgerStore["allLots"]>>();
    for (const l of this.store.allLots()) {
      const k = `${l.holder}\u0000${l.channel}`;
      lotsBy.set(k, [...(lotsBy.get(k) ?? []), l]);
    }
    for (const [k, lots] of lotsBy) {
      const [holder, channel] = k.split("\u0000") as [string, Channel];
      const v = view(holder)[channel];
      v.available = usable(lots, now);
      v.nextExpiry = nextExpiry(lots, now);
    }
    for (const r of this.store.reservedTotals()) view(r.holder)[r.channel].reserved = r.amount;
    const remaining = this.store.bagRemaining();
    const bags = this.store.bags().map((b) => ({ ...b, remaining: remaining[b.id] ?? 0 }));
    return { holders, bags };
  }

  private flushing: Promise<number> | null = null;
  private flushAgain = false;

  /**
   * Copy unmirrored entries to D1; on failure an alarm tries again. One copy at a time: calls
   * made while one runs wait for it and make it go round once more, instead of copying the same
   * rows again side by side (many concurrent debits each re-copied everything not yet marked).
   */
  async flushMirror(): Promise<number> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      let copied = 0;
      do {
        this.flushAgain = false;
        copied += await this.copyUnmirrored();
      } while (this.flushAgain);
      return copied;
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async copyUnmirrored(): Promise<number> {
    const accountId = this.store.getMeta("accountId");
    if (!accountId) return 0;
    let copied = 0;
    for (;;) {
      const rows = this.store.unmirrored(MIRROR_BATCH);
      if (rows.length === 0) return copied;
      const payload = rows.map((r) => ({ ...r, accountId }));
      try {
        await this.env.DB.prepare(
          `INSERT OR IGNORE INTO credit_entries (id, account_id, seq, at, kind, channel, holder, amount, bag_id, reference, actor_user_id, note)
           SELECT j.value ->> 'id', j.value ->> 'accountId', j.value ->> 'seq', j.value ->> 'at', j.value ->> 'kind', j.value ->> 'channel',
                  j.value ->> 'holder', j.value ->> 'amount', j.value ->> 'bagId', j.value ->> 'reference', j.value ->> 'actorUserId', j.value ->> 'note'
           FROM json_each(?) j`,
        )
          .bind(JSON.stringify(payload))
          .run();
      } catch (err) {
        console.error("credit mirror failed; will retry", err);
        await this.ctx.storage.setAlarm(Date.now() + MIRROR_RETRY_MS);
        return copied;
      }
      this.store.markMirrored(rows[rows.length - 1]!.seq);
      copied += rows.length;
    }
  }

  override async alarm(): Promise<void> {
    await this.flushMirror();
  }

  private async mutate<T extends object>(a: Common, fn: (now: number, entries: LedgerEntry[]) => LedgerResult<T>): Promise<LedgerResult<T>> {
    if (!a.key || !a.accountId) return invalid("accountId and key are required");
    const result = this.ctx.storage.transactionSync((): LedgerResult<T> => {
      const done = this.store.opResult<LedgerResult<T>>(a.key);
      if (done) return done;
      if (!this.store.getMeta("accountId")) this.store.setMeta("accountId", a.accountId);
      const now = Date.now();
      const entries: LedgerEntry[] = [];
      const r = fn(now, entries);
      if (!r.ok) return r; // a refusal is not recorded: the same key may succeed later
      for (const e of entries) this.store.addEntry(e, now);
      this.store.saveOp(a.key, r);
      return r;
    });
    if (result.ok) await this.flushMirror();
    return result;
  }

  private moveHeld(a: Common & { reservationId: string; amount?: number }, from: "reserved" | "debited", kind: "commit" | "release" | "refund") {
    return this.mutate(a, (_now, entries): LedgerResult => {
      const res = this.store.reservation(a.reservationId);
      if (!res) return { ok: false, code: "unknown_reservation", message: `No reservation ${a.reservationId}` };
      const held = this.store.held(res.id, from);
      const total = held.reduce((s, p) => s + p.amount, 0);
      const amount = a.amount ?? total;
      if (amount === 0 && a.amount === undefined) return { ok: true };
      const parts = takeFromParts(held, amount, this.store.expiryOf());
      if (!parts) return { ok: false, code: "over_amount", message: `Only ${total} ${from} on this reservation`, available: total };
      for (const p of parts) {
        this.store.moveHeld(res.id, p.bagId, from, -p.amount);
        if (kind === "commit") this.store.moveHeld(res.id, p.bagId, "debited", p.amount);
        else this.store.moveLot(p.bagId, res.holder, p.amount);
        entries.push(entry(a, kind, res.channel, res.holder, p.amount, p.bagId, res.id));
      }
      return { ok: true };
    });
  }
}

const zero = (): BalanceView => ({ available: 0, reserved: 0, nextExpiry: null });
const invalid = (message: string): LedgerFailure => ({ ok: false, code: "invalid", message });
const insufficient = (available: number): LedgerFailure => ({
  ok: false,
  code: "insufficient_credit",
  message: `Not enough credit: ${available} available`,
  available,
});

function entry(a: Common, kind: LedgerEntry["kind"], channel: Channel, holder: string, amount: number, bagId: string, reference: string | null = null): LedgerEntry {
  return { kind, channel, holder, amount, bagId, reference: reference ?? a.key, actorUserId: a.actorUserId ?? null, note: a.note ?? null };
}
