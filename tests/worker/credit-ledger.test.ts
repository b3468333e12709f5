/**
 * The CreditLedger Durable Object: atomic reservations under concurrency, idempotency keys,
 * expiry, commit / release / refund, and the D1 mirror of its history.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import { DAY_MS, MAIN } from "../../shared/credits/ledger";
import type { CreditLedger } from "../../durable-objects/credit-ledger";
import { ledgerStub } from "./helpers";

async function fresh(email = 10) {
  const accountId = `acc_${randomToken(8)}`;
  const ledger = ledgerStub(accountId);
  const g = await ledger.grant({ accountId, key: "activation:email", channel: "email", amount: email, validDays: 365 });
  expect(g.ok).toBe(true);
  return { accountId, ledger };
}

async function mirrored(accountId: string) {
  const rows = await env.DB.prepare("SELECT kind, holder, amount FROM credit_entries WHERE account_id = ? ORDER BY seq").bind(accountId).all<{ kind: string; holder: string; amount: number }>();
  return rows.results;
}

describe("CreditLedger", () => {
  it("lets exactly 10 of 50 concurrent one-credit reservations through a balance of 10", async () => {
    const { accountId, ledger } = await fresh(10);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => ledger.reserve({ accountId, key: `r${i}`, holder: MAIN, channel: "email", amount: 1 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.code === "insufficient_credit")).toHaveLength(40);
    const o = await ledger.overview();
    expect(o.holders[MAIN]!.email).toMatchObject({ available: 0, reserved: 10 });
    // The history agrees with the balance: 10 granted, 10 reserved, nothing else.
    const rows = await mirrored(accountId);
    expect(rows.filter((r) => r.kind === "reserve").reduce((s, r) => s + r.amount, 0)).toBe(10);
    expect(rows.filter((r) => r.kind === "grant").reduce((s, r) => s + r.amount, 0)).toBe(10);
    expect(o.bags[0]!.remaining).toBe(10);
  });

  it("answers a repeated idempotency key with the first answer and moves nothing", async () => {
    const { accountId, ledger } = await fresh(10);
    const a = await ledger.reserve({ accountId, key: "same", holder: MAIN, channel: "email", amount: 4 });
    const b = await ledger.reserve({ accountId, key: "same", holder: MAIN, channel: "email", amount: 4 });
    expect(a).toEqual({ ok: true, reservationId: "same" });
    expect(b).toEqual(a);
    expect((await ledger.overview()).holders[MAIN]!.email).toMatchObject({ available: 6, reserved: 4 });
    expect((await mirrored(accountId)).filter((r) => r.kind === "reserve")).toHaveLength(1);
  });

  it("commits part of a reservation, releases the rest, and refunds a platform failure (C1)", async () => {
    const { accountId, ledger } = await fresh(100);
    await ledger.reserve({ accountId, key: "camp1", holder: MAIN, channel: "email", amount: 60 });
    expect(await ledger.commit({ accountId, key: "c1", reservationId: "camp1", amount: 50 })).toEqual({ ok: true });
    expect(await ledger.commit({ accountId, key: "c2", reservationId: "camp1", amount: 11 })).toMatchObject({ ok: false, code: "over_amount", available: 10 });
    expect(await ledger.release({ accountId, key: "rel", reservationId: "camp1" })).toEqual({ ok: true });
    let o = await ledger.overview();
    expect(o.holders[MAIN]!.email).toMatchObject({ available: 50, reserved: 0 });
    expect(o.bags[0]!.remaining).toBe(50);
    // 20 of the 50 debited were lost to a fault: they come back and can be sent again.
    expect(await ledger.refund({ accountId, key: "ref", reservationId: "camp1", amount: 20 })).toEqual({ ok: true });
    expect(await ledger.refund({ accountId, key: "ref2", reservationId: "camp1", amount: 31 })).toMatchObject({ ok: false, code: "over_amount", available: 30 });
    o = await ledger.overview();
    expect(o.holders[MAIN]!.email.available).toBe(70);
    expect(o.bags[0]!.remaining).toBe(70);
    expect(await ledger.commit({ accountId, key: "c3", reservationId: "nope", amount: 1 })).toMatchObject({ ok: false, code: "unknown_reservation" });
  });

  it("allocates to a sub-user and back, never below zero on either side", async () => {
    const { accountId, ledger } = await fresh(1000);
    expect(await ledger.allocate({ accountId, key: "a1", userId: "u1", channel: "email", amount: 300 })).toEqual({ ok: true });
    expect(await ledger.allocate({ accountId, key: "a2", userId: "u1", channel: "email", amount: 701 })).toMatchObject({ ok: false, code: "insufficient_credit", available: 700 });
    expect(await ledger.allocate({ accountId, key: "a3", userId: "u1", channel: "email", amount: -301 })).toMatchObject({ ok: false, available: 300 });
    expect(await ledger.allocate({ accountId, key: "a4", userId: "u1", channel: "email", amount: -100 })).toEqual({ ok: true });
    // The sub-user's sends come out of its allocation, which came out of the main account.
    expect((await ledger.reserve({ accountId, key: "s", holder: "u1", channel: "email", amount: 200 })).ok).toBe(true);
    expect((await ledger.reserve({ accountId, key: "s2", holder: "u1", channel: "email", amount: 1 })).ok).toBe(false);
    const o = await ledger.overview();
    expect(o.holders[MAIN]!.email.available).toBe(800);
    expect(o.holders.u1!.email).toMatchObject({ available: 0, reserved: 200 });
    expect(o.bags[0]!.remaining).toBe(1000);
  });

  it("never uses expired credit, and draws the soonest-expiring bag first", async () => {
    const accountId = `acc_${randomToken(8)}`;
    const ledger = ledgerStub(accountId);
    await ledger.grant({ accountId, key: "g1", channel: "sms", amount: 5, validDays: 10 });
    await ledger.grant({ accountId, key: "g2", channel: "sms", amount: 5, validDays: 400 });
    await ledger.reserve({ accountId, key: "r1", holder: MAIN, channel: "sms", amount: 3 });
    // Age the first bag past its expiry inside the object's own storage.
    await runInDurableObject(ledger, async (_instance: CreditLedger, state) => {
      state.storage.sql.exec("UPDATE bags SET expires_at = ? WHERE granted = 5 AND expires_at < ?", Date.now() - 1, Date.now() + 20 * DAY_MS);
    });
    const o = await ledger.overview();
    expect(o.holders[MAIN]!.sms.available).toBe(5); // 2 left in the expired bag do not count
    expect((await ledger.reserve({ accountId, key: "r2", holder: MAIN, channel: "sms", amount: 6 })).ok).toBe(false);
    expect((await ledger.reserve({ accountId, key: "r3", holder: MAIN, channel: "sms", amount: 5 })).ok).toBe(true);
  });

  it("refuses nonsense amounts without recording anything", async () => {
    const { accountId, ledger } = await fresh(10);
    for (const amount of [0, -1, 1.5, Number.NaN]) {
      expect(await ledger.reserve({ accountId, key: `x${amount}`, holder: MAIN, channel: "email", amount })).toMatchObject({ ok: false, code: "invalid" });
    }
    expect((await mirrored(accountId)).map((r) => r.kind)).toEqual(["grant"]);
  });

  it("keeps entries until D1 accepts them, then mirrors each exactly once", async () => {
    const { accountId, ledger } = await fresh(10);
    await env.DB.prepare("ALTER TABLE credit_entries RENAME TO credit_entries_away").run();
    try {
      expect((await ledger.reserve({ accountId, key: "m1", holder: MAIN, channel: "email", amount: 2 })).ok).toBe(true);
    } finally {
      await env.DB.prepare("ALTER TABLE credit_entries_away RENAME TO credit_entries").run();
    }
    expect((await mirrored(accountId)).map((r) => r.kind)).toEqual(["grant"]);
    // The failed copy set an alarm; the alarm copies the entry, and nothing is copied twice.
    expect(await runDurableObjectAlarm(ledger)).toBe(true);
    expect(await ledger.flushMirror()).toBe(0);
    expect((await mirrored(accountId)).map((r) => r.kind)).toEqual(["grant", "reserve"]);
  });
});

describe("CreditLedger.settle", () => {
  it("makes the debit exactly what was accepted and releases the rest, once", async () => {
    const { accountId, ledger } = await fresh(100);
    await ledger.reserve({ accountId, key: "camp", holder: MAIN, channel: "email", amount: 60 });
    await ledger.commit({ accountId, key: "b1", reservationId: "camp", amount: 30 });
    // 30 were committed batch by batch, but only 25 were in fact accepted: 5 come back.
    expect(await ledger.settle({ accountId, key: "s", reservationId: "camp", debited: 25 })).toEqual({ ok: true, debited: 25, released: 30 });
    expect(await ledger.reservationState("camp")).toEqual({ reserved: 0, debited: 25 });
    expect(await ledger.settle({ accountId, key: "s", reservationId: "camp", debited: 25 })).toEqual({ ok: true, debited: 25, released: 30 });
    expect((await ledger.overview()).holders[MAIN]!.email).toMatchObject({ available: 75, reserved: 0 });
  });

  it("commits what batches missed, and refuses more than was reserved", async () => {
    const { accountId, ledger } = await fresh(100);
    await ledger.reserve({ accountId, key: "camp", holder: MAIN, channel: "email", amount: 40 });
    expect(await ledger.settle({ accountId, key: "too", reservationId: "camp", debited: 41 })).toMatchObject({ ok: false, code: "over_amount" });
    expect(await ledger.settle({ accountId, key: "ok", reservationId: "camp", debited: 40 })).toEqual({ ok: true, debited: 40, released: 0 });
    expect((await ledger.overview()).bags[0]!.remaining).toBe(60);
  });
});
