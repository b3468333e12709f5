import { describe, expect, it } from "vitest";
import { creditDefaults, nextExpiry, planDraw, takeFromParts, usable } from "../../shared/credits/ledger";

const lots = [
  { bagId: "late", available: 10, expiresAt: 300 },
  { bagId: "soon", available: 4, expiresAt: 200 },
  { bagId: "gone", available: 50, expiresAt: 100 },
];

describe("planDraw", () => {
  it("takes from the soonest-expiring unexpired lot first", () => {
    expect(planDraw(lots, 6, 150)).toEqual([
      { bagId: "soon", amount: 4 },
      { bagId: "late", amount: 2 },
    ]);
  });
  it("returns null when unexpired credit is short, ignoring expired lots", () => {
    expect(planDraw(lots, 15, 150)).toBeNull();
    expect(planDraw(lots, 14, 150)).toHaveLength(2);
    expect(planDraw(lots, 1, 300)).toBeNull();
  });
  it("refuses amounts that are not positive integers", () => {
    for (const n of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(planDraw(lots, n, 0)).toBeNull();
  });
});

describe("balances", () => {
  it("counts only unexpired credit and finds the next expiry", () => {
    expect(usable(lots, 150)).toBe(14);
    expect(usable(lots, 0)).toBe(64);
    expect(nextExpiry(lots, 150)).toBe(200);
    expect(nextExpiry(lots, 300)).toBeNull();
  });
  it("takes from held parts by expiry and refuses more than held", () => {
    const parts = [
      { bagId: "late", amount: 5 },
      { bagId: "soon", amount: 2 },
    ];
    expect(takeFromParts(parts, 3, { late: 300, soon: 200 })).toEqual([
      { bagId: "soon", amount: 2 },
      { bagId: "late", amount: 1 },
    ]);
    expect(takeFromParts(parts, 8, { late: 300, soon: 200 })).toBeNull();
  });
});

describe("creditDefaults", () => {
  it("reads the vars and refuses nonsense at start-up", () => {
    expect(creditDefaults({ DEFAULT_EMAIL_CREDITS: "5000000", DEFAULT_SMS_CREDITS: "80000", CREDIT_VALIDITY_DAYS: "365" })).toEqual({ email: 5_000_000, sms: 80_000, validityDays: 365 });
    expect(() => creditDefaults({ DEFAULT_EMAIL_CREDITS: "lots", DEFAULT_SMS_CREDITS: "1", CREDIT_VALIDITY_DAYS: "1" })).toThrow(/DEFAULT_EMAIL_CREDITS/);
  });
});
