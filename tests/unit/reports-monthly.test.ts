/**
 * shared/reports/monthly.ts and monthly-credits.ts against the November 2026 fixture
 * (monthly-fixture.ts): Lima month boundaries, every counter and rate of every campaign,
 * provider and total, the peak hours, and every credit and bag figure for a past month (replayed
 * from the ledger history) and for the current month (the ledger's own balances).
 */
import { describe, expect, it } from "vitest";
import { buildMonthlyReport, counts, limaMonth, monthRange, reportMonth, tally } from "../../shared/reports/monthly";
import { creditCut, monthlyCredits, sumCreditEntries } from "../../shared/reports/monthly-credits";
import { MonthlyReportOut } from "../../shared/api/schemas-reports";
import { AFTER, BAGS, DURING, ENTRIES, NOV, novemberInput } from "./monthly-fixture";

describe("Lima months", () => {
  it("runs from 05:00 UTC on the 1st to 05:00 UTC on the next 1st", () => {
    expect(monthRange("2026-11")).toEqual({ month: "2026-11", from: Date.UTC(2026, 10, 1, 5), to: Date.UTC(2026, 11, 1, 5) });
    expect(monthRange("2026-12")).toEqual({ month: "2026-12", from: Date.UTC(2026, 11, 1, 5), to: Date.UTC(2027, 0, 1, 5) });
    expect(monthRange("2028-02")!.to - monthRange("2028-02")!.from).toBe(29 * 86_400_000);
  });

  it("refuses what is not a month", () => {
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "noviembre", "2026-11-01", " 2026-11", "1999-12", "0026-11", ""]) expect(monthRange(bad), bad).toBeNull();
  });

  it("puts 31 October 23:30 in Lima (04:30 UTC on 1 November) in October", () => {
    expect(limaMonth(Date.UTC(2026, 10, 1, 4, 30))).toBe("2026-10");
    expect(limaMonth(Date.UTC(2026, 10, 1, 5))).toBe("2026-11");
    expect(limaMonth(Date.UTC(2027, 0, 1, 4, 59))).toBe("2026-12");
  });

  it("defaults to the current Lima month and refuses malformed and future months", () => {
    expect(reportMonth(undefined, Date.UTC(2026, 11, 1, 3))).toEqual({ ok: true, range: monthRange("2026-11") });
    expect(reportMonth("2026-11", DURING)).toEqual({ ok: true, range: NOV });
    expect(reportMonth("2026-12", DURING)).toEqual({ ok: false, reason: "2026-12 has not started yet (the current month is 2026-11)" });
    expect(reportMonth("2026-13", DURING)).toEqual({ ok: false, reason: "must be YYYY-MM from 2000-01 on, e.g. 2026-11" });
  });
});

describe("counters", () => {
  it("derives delivered, not opened and the rates, never below zero", () => {
    const zero = { sent: 0, hardBounces: 0, softBounces: 0, opens: 0, uniqueOpens: 0, clicks: 0, uniqueClicks: 0, unsubscribed: 0, complaints: 0, machineOpens: 0, machineClicks: 0 };
    // A bounce reported this month for last month's send: nothing delivered, nothing negative.
    expect(counts({ ...zero, hardBounces: 1 })).toMatchObject({ bounced: 1, delivered: 0, notOpened: 0, deliveredRate: null, openRate: null, reopenRate: null, clickRate: null });
    expect(tally([])).toMatchObject({ sent: 0, delivered: 0, deliveredRate: null });
  });
});

describe("the November report of the whole account (a past month)", () => {
  const r = buildMonthlyReport(novemberInput(AFTER));

  it("matches its schema", () => {
    expect(MonthlyReportOut.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ month: "2026-11", from: "2026-11-01T05:00:00.000Z", to: "2026-12-01T05:00:00.000Z", generatedAt: new Date(AFTER).toISOString(), user: null });
  });

  it("lists the campaigns by start time with every counter", () => {
    expect(r.campaigns.map((c) => c.campaignId)).toEqual(["cmp_b", "cmp_a"]);
    const [b, a] = r.campaigns;
    // A: 10 sent − (2 hard + 1 soft) = 7 delivered; 4+2+3 = 9 human opens by 3+1+1 = 5 people;
    // re-opens (9 − 5) / 5; 4 clicks by 3; 2 unsubscribe events by 1 person; machines apart.
    expect(a).toEqual({
      campaignId: "cmp_a",
      name: "Convocatoria CAS 2026",
      channel: "email",
      sentBy: null,
      startedAt: "2026-11-02T14:05:00.000Z",
      sent: 10,
      delivered: 7,
      bounced: 3,
      hardBounces: 2,
      softBounces: 1,
      opens: 9,
      uniqueOpens: 5,
      notOpened: 2,
      clicks: 4,
      uniqueClicks: 3,
      unsubscribed: 1,
      complaints: 1,
      machineOpens: 5,
      machineClicks: 2,
      deliveredRate: 0.7,
      openRate: 5 / 7,
      reopenRate: 0.8,
      clickRate: 3 / 7,
      // 09:00 4 opens, 15:00 3, 10:00 2 (Lima).
      peakHours: [
        { hour: 9, opens: 4 },
        { hour: 15, opens: 3 },
        { hour: 10, opens: 2 },
      ],
    });
    // B was sent in October (Lima): only its 3 opens at 00:00 on 1 November count, not the 50 an hour earlier.
    expect(b).toMatchObject({ campaignId: "cmp_b", sentBy: "usr_s", startedAt: "2026-11-01T01:00:00.000Z", sent: 0, delivered: 0, opens: 3, uniqueOpens: 2, notOpened: 0 });
    expect(b).toMatchObject({ deliveredRate: null, openRate: null, reopenRate: 0.5, clickRate: null, peakHours: [{ hour: 0, opens: 3 }] });
  });

  it("adds the listed campaigns only into the totals and the peak hours", () => {
    expect(r.totals).toEqual({
      sent: 10,
      delivered: 7,
      bounced: 3,
      hardBounces: 2,
      softBounces: 1,
      opens: 12,
      uniqueOpens: 7,
      notOpened: 0,
      clicks: 4,
      uniqueClicks: 3,
      unsubscribed: 1,
      complaints: 1,
      machineOpens: 5,
      machineClicks: 2,
      deliveredRate: 0.7,
      openRate: 1,
      reopenRate: 5 / 7,
      clickRate: 3 / 7,
    });
    // 09:00 has 4; 00:00 and 15:00 tie at 3 and the earlier hour goes first.
    expect(r.peakHours).toEqual([
      { hour: 9, opens: 4 },
      { hour: 0, opens: 3 },
      { hour: 15, opens: 3 },
    ]);
  });

  it("splits by mailbox provider, always all four, unknown values as other", () => {
    expect(r.providers.map((p) => p.provider)).toEqual(["gmail", "outlook", "yahoo", "other"]);
    const [gmail, outlook, yahoo, other] = r.providers;
    // Gmail: 5 opens from A and 3 from B's October sends, so the open rate passes 100 %.
    expect(gmail).toMatchObject({ sent: 4, bounced: 0, delivered: 4, opens: 8, uniqueOpens: 5, notOpened: 0, clicks: 3, uniqueClicks: 2, machineOpens: 5, deliveredRate: 1, openRate: 1.25, reopenRate: 0.6, clickRate: 0.5 });
    expect(outlook).toMatchObject({ sent: 3, hardBounces: 1, bounced: 1, delivered: 2, opens: 1, uniqueOpens: 1, notOpened: 1, deliveredRate: 2 / 3, openRate: 0.5, reopenRate: 0, clickRate: 0 });
    expect(yahoo).toMatchObject({ sent: 1, softBounces: 1, bounced: 1, delivered: 0, notOpened: 0, deliveredRate: 0, openRate: null, reopenRate: null, clickRate: null });
    expect(other).toMatchObject({ sent: 2, hardBounces: 1, delivered: 1, opens: 3, uniqueOpens: 1, clicks: 1, uniqueClicks: 1, unsubscribed: 1, complaints: 1, machineClicks: 2, deliveredRate: 0.5, openRate: 1, reopenRate: 2, clickRate: 1 });
    for (const k of ["sent", "bounced", "opens", "uniqueOpens", "clicks", "uniqueClicks", "unsubscribed", "complaints", "machineOpens", "machineClicks"] as const) {
      expect(r.providers.reduce((t, p) => t + p[k], 0), k).toBe(r.totals[k]);
    }
  });

  it("replays the ledger history to the month's end for the credits", () => {
    expect(r.credits).toEqual([
      // Used: 300 + 900 committed − 20 refunded. Granted: bags e4 (50) and e2 (5,000). Expired:
      // main's part of e1 when it lapsed on 20 Nov (1,000 − 200 − 100 − 300 + 20 + 60 = 480) and
      // e4 (50, on 30 Nov). Balance: main's part of e2, the one bag valid on 1 Dec (5,000 − 1,000 + 100 − 500).
      { channel: "email", holder: "main", holderName: null, used: 1180, refunded: 20, granted: 5050, expired: 530, balance: 3600 },
      // The SMS bag lapsed in October: nothing this month, but the main pool's row is always there.
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
      // Ana: 40 committed; 500 allocated − 60 taken back; her 200 − 50 + 10 − 60 = 100 of e1 lapsed; 500 of e2.
      { channel: "email", holder: "usr_s", holderName: "Ana Quispe", used: 40, refunded: 0, granted: 440, expired: 100, balance: 500 },
    ]);
  });

  it("lists the month's bags by expiry with what was left of them at the month's end", () => {
    expect(r.bags).toEqual([
      // e1: 1,000 − (100 + 40 + 300) committed + 20 refunded. s1 lapsed before November; e3 came in December.
      { id: "e1", channel: "email", granted: 1000, remaining: 580, expiresAt: "2026-11-20T00:00:00.000Z", expired: true },
      { id: "e4", channel: "email", granted: 50, remaining: 50, expiresAt: "2026-11-30T12:00:00.000Z", expired: true },
      { id: "e2", channel: "email", granted: 5000, remaining: 4100, expiresAt: "2027-11-10T00:00:00.000Z", expired: false },
    ]);
  });
});

describe("the November report during November (the current month)", () => {
  const r = buildMonthlyReport(novemberInput(DURING));

  it("takes balances and bags' remaining credit from the ledger now, and counts only bags already lapsed", () => {
    expect(r.credits).toEqual([
      { channel: "email", holder: "main", holderName: null, used: 1180, refunded: 20, granted: 5050, expired: 480, balance: 3599 },
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
      { channel: "email", holder: "usr_s", holderName: "Ana Quispe", used: 40, refunded: 0, granted: 440, expired: 100, balance: 499 },
      // A holder the ledger knows with nothing in the history: shown for its balance, named by id.
      { channel: "sms", holder: "usr_x", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 7 },
    ]);
    expect(r.bags).toEqual([
      { id: "e1", channel: "email", granted: 1000, remaining: 580, expiresAt: "2026-11-20T00:00:00.000Z", expired: true },
      { id: "e4", channel: "email", granted: 50, remaining: 50, expiresAt: "2026-11-30T12:00:00.000Z", expired: false },
      { id: "e2", channel: "email", granted: 5000, remaining: 4099, expiresAt: "2027-11-10T00:00:00.000Z", expired: false },
    ]);
  });
});

describe("a sub-user's November report", () => {
  const r = buildMonthlyReport(novemberInput(AFTER, "sender"));

  it("has that user's campaigns, providers, peaks and credit only, and no bags", () => {
    expect(r.user).toEqual({ id: "usr_s", name: "Ana Quispe", email: "ana@muni.gob.pe" });
    expect(r.campaigns.map((c) => c.campaignId)).toEqual(["cmp_b"]);
    expect(r.totals).toMatchObject({ sent: 0, opens: 3, uniqueOpens: 2, reopenRate: 0.5 });
    expect(r.providers.map((p) => [p.provider, p.sent, p.opens])).toEqual([
      ["gmail", 0, 3],
      ["outlook", 0, 0],
      ["yahoo", 0, 0],
      ["other", 0, 0],
    ]);
    expect(r.peakHours).toEqual([{ hour: 0, opens: 3 }]);
    expect(r.credits).toEqual([
      { channel: "email", holder: "usr_s", holderName: "Ana Quispe", used: 40, refunded: 0, granted: 440, expired: 100, balance: 500 },
      { channel: "sms", holder: "usr_s", holderName: "Ana Quispe", used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
    ]);
    expect(r.bags).toEqual([]);
  });
});

describe("credit sums", () => {
  it("sum before the cut, with the month's part apart", () => {
    const sums = sumCreditEntries(ENTRIES, NOV.from, creditCut(NOV, AFTER));
    expect(sums.find((s) => s.holder === "main" && s.bagId === "e1" && s.kind === "reserve")).toEqual({ holder: "main", channel: "email", bagId: "e1", kind: "reserve", total: 400, month: 300 });
    // The December entries are past the cut.
    expect(sums.some((s) => s.bagId === "e3")).toBe(false);
    expect(sums.find((s) => s.bagId === "e2" && s.kind === "reserve")).toMatchObject({ total: 1000, month: 1000 });
  });

  it("never report a negative figure, whatever the history", () => {
    // A refund in November of credit committed in October, and a deallocation larger than the month's allocations.
    const { credits } = monthlyCredits({
      range: NOV,
      now: AFTER,
      only: "usr_t",
      sums: [
        { holder: "usr_t", channel: "email", bagId: "e2", kind: "refund", total: 30, month: 30 },
        { holder: "usr_t", channel: "email", bagId: "e2", kind: "deallocate", total: 90, month: 90 },
      ],
      bags: BAGS,
      live: null,
      names: {},
    });
    expect(credits[0]).toEqual({ channel: "email", holder: "usr_t", holderName: null, used: 0, refunded: 30, granted: 0, expired: 0, balance: 0 });
  });
});
