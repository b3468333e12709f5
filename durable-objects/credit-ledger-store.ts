/**
 * SQLite storage of one account's CreditLedger: bags, per-holder lots, reservations, debits,
 * the entry history and the idempotency record. Synchronous on purpose: a Durable Object runs
 * one synchronous block at a time, so each ledger operation is atomic without locks.
 */
import type { Channel } from "../shared/api/schemas";
import type { LedgerEntry, Lot, Part } from "../shared/credits/ledger";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bags (id TEXT PRIMARY KEY, channel TEXT NOT NULL, granted INTEGER NOT NULL,
  activated_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lots (bag_id TEXT NOT NULL, holder TEXT NOT NULL, available INTEGER NOT NULL CHECK (available >= 0),
  PRIMARY KEY (bag_id, holder));
CREATE TABLE IF NOT EXISTS reservations (id TEXT PRIMARY KEY, holder TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS held (reservation_id TEXT NOT NULL, bag_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('reserved','debited')),
  amount INTEGER NOT NULL CHECK (amount >= 0), PRIMARY KEY (reservation_id, bag_id, kind));
CREATE TABLE IF NOT EXISTS entries (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, at INTEGER NOT NULL, kind TEXT NOT NULL,
  channel TEXT NOT NULL, holder TEXT NOT NULL, amount INTEGER NOT NULL, bag_id TEXT, reference TEXT, actor TEXT, note TEXT,
  mirrored INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS entries_unmirrored ON entries (mirrored, seq);
CREATE TABLE IF NOT EXISTS ops (key TEXT PRIMARY KEY, result TEXT NOT NULL);
`;

export type BagRow = { id: string; channel: Channel; granted: number; activatedAt: number; expiresAt: number };
export type EntryRow = LedgerEntry & { seq: number; id: string; at: number };

export class LedgerStore {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
  }

  getMeta(k: string): string | null {
    const row = this.sql.exec<{ v: string }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0];
    return row?.v ?? null;
  }
  setMeta(k: string, v: string): void {
    this.sql.exec("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", k, v);
  }

  opResult<T>(key: string): T | null {
    const row = this.sql.exec<{ result: string }>("SELECT result FROM ops WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.result) as T) : null;
  }
  saveOp(key: string, result: unknown): void {
    this.sql.exec("INSERT INTO ops (key, result) VALUES (?, ?)", key, JSON.stringify(result));
  }

  addBag(b: BagRow): void {
    this.sql.exec("INSERT INTO bags (id, channel, granted, activated_at, expires_at) VALUES (?, ?, ?, ?, ?)", b.id, b.channel, b.granted, b.activatedAt, b.expiresAt);
  }
  bags(): BagRow[] {
    return this.sql
      .exec<{ id: string; channel: string; granted: number; activated_at: number; expires_at: number }>("SELECT * FROM bags ORDER BY activated_at, id")
      .toArray()
      .map((r) => ({ id: r.id, channel: r.channel as Channel, granted: r.granted, activatedAt: r.activated_at, expiresAt: r.expires_at }));
  }
  expiryOf(): Record<string, number> {
    return Object.fromEntries(this.bags().map((b) => [b.id, b.expiresAt]));
  }

  lots(holder: string, channel: Channel): Lot[] {
    return this.sql
      .exec<{ bag_id: string; available: number; expires_at: number }>(
        "SELECT l.bag_id, l.available, b.expires_at FROM lots l JOIN bags b ON b.id = l.bag_id WHERE l.holder = ? AND b.channel = ?",
        holder,
        channel,
      )
      .toArray()
      .map((r) => ({ bagId: r.bag_id, available: r.available, expiresAt: r.expires_at }));
  }
  /** Every holder's lots, for the balance overview. */
  allLots(): (Lot & { holder: string; channel: Channel })[] {
    return this.sql
      .exec<{ bag_id: string; holder: string; available: number; expires_at: number; channel: string }>(
        "SELECT l.bag_id, l.holder, l.available, b.expires_at, b.channel FROM lots l JOIN bags b ON b.id = l.bag_id",
      )
      .toArray()
      .map((r) => ({ bagId: r.bag_id, holder: r.holder, available: r.available, expiresAt: r.expires_at, channel: r.channel as Channel }));
  }
  /** Add (or, negative, remove) credit in a holder's lot; the CHECK forbids going below zero. */
  moveLot(bagId: string, holder: string, delta: number): void {
    // SQLite checks the CHECK on the would-be inserted row before resolving the conflict, so a
    // withdrawal is a plain UPDATE (of a lot that must already exist).
    if (delta < 0) {
      this.sql.exec("UPDATE lots SET available = available + ? WHERE bag_id = ? AND holder = ?", delta, bagId, holder);
      return;
    }
    this.sql.exec(
      "INSERT INTO lots (bag_id, holder, available) VALUES (?, ?, ?) ON CONFLICT (bag_id, holder) DO UPDATE SET available = available + excluded.available",
      bagId,
      holder,
      delta,
    );
  }

  addReservation(id: string, holder: string, channel: Channel, now: number): void {
    this.sql.exec("INSERT INTO reservations (id, holder, channel, created_at) VALUES (?, ?, ?, ?)", id, holder, channel, now);
  }
  reservation(id: string): { id: string; holder: string; channel: Channel } | null {
    const r = this.sql.exec<{ id: string; holder: string; channel: string }>("SELECT id, holder, channel FROM reservations WHERE id = ?", id).toArray()[0];
    return r ? { id: r.id, holder: r.holder, channel: r.channel as Channel } : null;
  }
  held(reservationId: string, kind: "reserved" | "debited"): Part[] {
    return this.sql
      .exec<{ bag_id: string; amount: number }>("SELECT bag_id, amount FROM held WHERE reservation_id = ? AND kind = ? AND amount > 0", reservationId, kind)
      .toArray()
      .map((r) => ({ bagId: r.bag_id, amount: r.amount }));
  }
  moveHeld(reservationId: string, bagId: string, kind: "reserved" | "debited", delta: number): void {
    if (delta < 0) {
      this.sql.exec("UPDATE held SET amount = amount + ? WHERE reservation_id = ? AND bag_id = ? AND kind = ?", delta, reservationId, bagId, kind);
      return;
    }
    this.sql.exec(
      "INSERT INTO held (reservation_id, bag_id, kind, amount) VALUES (?, ?, ?, ?) ON CONFLICT (reservation_id, bag_id, kind) DO UPDATE SET amount = amount + excluded.amount",
      reservationId,
      bagId,
      kind,
      delta,
    );
  }
  /** Reserved (not yet debited or released) credit per holder and channel. */
  reservedTotals(): { holder: string; channel: Channel; amount: number }[] {
    return this.sql
      .exec<{ holder: string; channel: string; amount: number }>(
        "SELECT r.holder, r.channel, SUM(h.amount) AS amount FROM held h JOIN reservations r ON r.id = h.reservation_id WHERE h.kind = 'reserved' GROUP BY r.holder, r.channel",
      )
      .toArray()
      .map((r) => ({ holder: r.holder, channel: r.channel as Channel, amount: r.amount }));
  }
  /** Credit of a bag not yet debited: in lots plus reserved. */
  bagRemaining(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.exec<{ bag_id: string; n: number }>("SELECT bag_id, SUM(available) AS n FROM lots GROUP BY bag_id").toArray()) out[r.bag_id] = r.n;
    for (const r of this.sql.exec<{ bag_id: string; n: number }>("SELECT bag_id, SUM(amount) AS n FROM held WHERE kind = 'reserved' GROUP BY bag_id").toArray())
      out[r.bag_id] = (out[r.bag_id] ?? 0) + r.n;
    return out;
  }

  addEntry(e: LedgerEntry, now: number): void {
    this.sql.exec(
      "INSERT INTO entries (id, at, kind, channel, holder, amount, bag_id, reference, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      crypto.randomUUID(),
      now,
      e.kind,
      e.channel,
      e.holder,
      e.amount,
      e.bagId,
      e.reference,
      e.actorUserId,
      e.note,
    );
  }
  unmirrored(limit: number): EntryRow[] {
    return this.sql
      .exec<Record<string, string | number | null>>("SELECT * FROM entries WHERE mirrored = 0 ORDER BY seq LIMIT ?", limit)
      .toArray()
      .map((r) => ({
        seq: r.seq as number,
        id: r.id as string,
        at: r.at as number,
        kind: r.kind as EntryRow["kind"],
        channel: r.channel as Channel,
        holder: r.holder as string,
        amount: r.amount as number,
        bagId: r.bag_id as string | null,
        reference: r.reference as string | null,
        actorUserId: r.actor as string | null,
        note: r.note as string | null,
      }));
  }
  markMirrored(upToSeq: number): void {
    this.sql.exec("UPDATE entries SET mirrored = 1 WHERE mirrored = 0 AND seq <= ?", upToSeq);
  }
}
