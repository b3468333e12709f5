// The monthly consumption report (R1) through the Worker's own fetch. The fixture's events go
// through the real events consumer (bounces and the complaint through the real bounce code), so
// every figure asserted is known by construction: campaign A, sent by the owner on day 2 of last
// month at 09:00 Lima to 10 recipients (Gmail, Outlook/Hotmail/Live, Yahoo, corporate); campaign
// B, sent by a sub-user at 23:00 Lima on the last day of the month before, opened on both sides
// of the Lima midnight that starts last month (23:30 Lima on the 31st is already the 1st in UTC).
// Ledger history is in D1 as the CreditLedger mirrors it; the current month's credit goes through
// the real ledger. Also: CSV and PDF downloads, bad input, permissions, and the queries' plans.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { api, errorOf, ledgerStub, seedAccount, type Seeded } from "./helpers";
import { deliver, ev, type Sent } from "./tracking-helpers";
import { feedback, ledgerHistory, lima, monthsBack, sentBy } from "./report-helpers";
import { MONTHLY_SQL } from "../../workers/reports/monthly-store";
import { limaMonth, type MonthRange } from "../../shared/reports/monthly";
import { monthlyCredits, sumCreditEntries } from "../../shared/reports/monthly-credits";
import { MonthlyReportOut, type MonthlyReport } from "../../shared/api/schemas-reports";
import type { TrackEvent } from "../../shared/events/types";

const MIN = 60_000;
const H = 60 * MIN;
const GOOGLE_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";
const YAHOO_PROXY = "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
const A_EMAILS = ["a0@gmail.com", "a1@gmail.com", "a2@googlemail.com", "a3@hotmail.com", "a4@outlook.es", "a5@live.com", "a6@yahoo.com", "a7@yahoo.es", "a8@sunat.gob.pe", "a9@empresa.pe"];
const B_EMAILS = ["b0@gmail.com", "b1@hotmail.com", "b2@minedu.gob.pe"];

let s: Seeded;
let A: Sent;
let B: Sent;
let P: MonthRange; // last month
let P2: MonthRange; // the month before
let bagE: { id: string; expiresAt: number };

const sent = (c: Sent, at: number): TrackEvent[] => c.contacts.map((_, i) => ({ ...ev(c, i, "sent", { at }), id: `sent:${c.campaignId}:${c.contacts[i]!.id}:0` }));

beforeAll(async () => {
  s = await seedAccount();
  const now = Date.now();
  P = monthsBack(now, 1);
  P2 = monthsBack(now, 2);
  const t0 = P.from + 33 * H; // day 2, 09:00 Lima
  A = await sentBy(s.accountId, s.users.owner.id, "Convocatoria CAS", A_EMAILS, t0);
  const tB = P.from - H; // the last day of P2, 23:00 Lima
  B = await sentBy(s.accountId, s.users.sender.id, "Boletín del subusuario", B_EMAILS, tB);
  const at = (min: number) => ({ at: t0 + min * MIN });
  const r1 = await deliver([
    { id: `sa${crypto.randomUUID()}`, events: sent(A, t0) },
    { id: `sb${crypto.randomUUID()}`, events: sent(B, tB + MIN) },
    {
      id: `oa${crypto.randomUUID()}`,
      events: [
        ev(A, 0, "open", at(10)), // 09:10 Lima
        ev(A, 0, "open", at(20)),
        ev(A, 4, "open", at(15)),
        ev(A, 9, "open", at(15)),
        ev(A, 9, "open", at(25)),
        ev(A, 1, "open", at(70)), // 10:10
        ev(A, 9, "open", at(75)), // 10:15
        ev(A, 2, "open", { ...at(13), userAgent: GOOGLE_PROXY }), // machine
        ev(A, 7, "open", { ...at(12), userAgent: YAHOO_PROXY }), // machine
        ev(A, 0, "click", { ...at(11), url: "https://tienda.pe/oferta" }),
        ev(A, 9, "click", { ...at(16), url: "https://tienda.pe/oferta" }),
        ev(A, 9, "click", { ...at(26), url: "https://tienda.pe/bases" }),
        ev(A, 1, "click", { at: t0 + 5_000, url: "https://tienda.pe/oferta" }), // 5 s after delivery: a scanner
      ],
    },
    {
      id: `ob${crypto.randomUUID()}`,
      events: [
        ev(B, 0, "open", { at: P.from - 30 * MIN }), // 23:30 Lima on P2's last day (P's first day in UTC)
        ev(B, 1, "open", { at: P.from + 30 * MIN }), // 00:30 Lima, P
        ev(B, 1, "click", { at: P.from + 35 * MIN, url: "https://tienda.pe/oferta" }),
        ev(B, 0, "open", { at: P.from + 40 * MIN }),
      ],
    },
  ]);
  // Bounces and the complaint through the bounce code; the unsubscribe arrives twice (a replay).
  const r2 = await deliver([
    { id: `fb${crypto.randomUUID()}`, events: [await feedback(A, 3, "hard", t0 + 30 * MIN), await feedback(A, 8, "hard", t0 + 35 * MIN), await feedback(A, 6, "soft", t0 + 32 * MIN), await feedback(A, 5, "complaint", t0 + 40 * MIN)] },
    { id: `u1${crypto.randomUUID()}`, events: [ev(A, 9, "unsubscribe", { ...at(30), detail: "all" })] },
  ]);
  const r3 = await deliver([{ id: `u2${crypto.randomUUID()}`, events: [ev(A, 9, "unsubscribe", { ...at(31), detail: "all" })] }]);
  for (const r of [r1, r2, r3]) expect(r.ackAll).toBe(true);
  // The ledger's history for those months (its bag is the real activation bag, so its expiry is the ledger's).
  const o = await ledgerStub(s.accountId).overview();
  const bag = o.bags.find((b) => b.channel === "email")!;
  bagE = { id: bag.id, expiresAt: bag.expiresAt };
  const sender = s.users.sender.id;
  await ledgerHistory(s.accountId, [
    { at: P2.from + H, kind: "grant", holder: "main", amount: 5000, bagId: bag.id },
    { at: P2.from + 2 * H, kind: "allocate", holder: sender, amount: 100, bagId: bag.id },
    { at: tB - MIN, kind: "reserve", holder: sender, amount: 3, bagId: bag.id },
    { at: tB + 2 * MIN, kind: "commit", holder: sender, amount: 3, bagId: bag.id },
    { at: t0 - MIN, kind: "reserve", holder: "main", amount: 10, bagId: bag.id },
    { at: t0 + H, kind: "commit", holder: "main", amount: 10, bagId: bag.id },
    { at: P.from + 72 * H, kind: "allocate", holder: sender, amount: 50, bagId: bag.id },
    { at: P.from + 480 * H, kind: "refund", holder: "main", amount: 1, bagId: bag.id },
  ]);
});

async function report(query: string, key = s.users.owner.key): Promise<MonthlyReport> {
  const res = await api(`/reports/monthly?${query}`, { key });
  expect(res.status).toBe(200);
  const body = (await res.json()) as MonthlyReport;
  expect(MonthlyReportOut.safeParse(body).success).toBe(true);
  return body;
}

const zero = { sent: 0, delivered: 0, bounced: 0, hardBounces: 0, softBounces: 0, opens: 0, uniqueOpens: 0, notOpened: 0, clicks: 0, uniqueClicks: 0, unsubscribed: 0, complaints: 0, machineOpens: 0, machineClicks: 0, deliveredRate: null, openRate: null, reopenRate: null, clickRate: null };
const iso = (ms: number) => new Date(ms).toISOString();

describe("GET /reports/monthly: last month, the whole account", () => {
  it("gives every campaign's counters, by start time", async () => {
    const r = await report(`month=${P.month}`);
    expect(r).toMatchObject({ month: P.month, from: iso(P.from), to: iso(P.to), account: { id: s.accountId, name: "Test" }, user: null });
    expect(r.campaigns.map((c) => c.name)).toEqual(["Boletín del subusuario", "Convocatoria CAS"]);
    const [b, a] = r.campaigns;
    // A: 10 sent − 2 hard − 1 soft = 7 delivered; 7 human opens by 4 people (a0 ×2, a4, a9 ×3, a1);
    // 2 proxy opens apart; 3 human clicks by 2, a scanner's apart; one person unsubscribed twice.
    expect(a).toEqual({
      campaignId: A.campaignId,
      name: "Convocatoria CAS",
      channel: "email",
      sentBy: null, // the owner: the main pool paid
      startedAt: iso(A.sentAt - 300_000),
      sent: 10,
      delivered: 7,
      bounced: 3,
      hardBounces: 2,
      softBounces: 1,
      opens: 7,
      uniqueOpens: 4,
      notOpened: 3,
      clicks: 3,
      uniqueClicks: 2,
      unsubscribed: 1,
      complaints: 1,
      machineOpens: 2,
      machineClicks: 1,
      deliveredRate: 0.7,
      openRate: 4 / 7,
      reopenRate: 0.75,
      clickRate: 2 / 7,
      peakHours: [
        { hour: 9, opens: 5 },
        { hour: 10, opens: 2 },
      ],
    });
    // B was sent in the month before: here only b1's first open and click and b0's second open.
    expect(b).toEqual({
      ...zero,
      campaignId: B.campaignId,
      name: "Boletín del subusuario",
      channel: "email",
      sentBy: s.users.sender.id,
      startedAt: iso(B.sentAt - 300_000),
      opens: 2,
      uniqueOpens: 1,
      clicks: 1,
      uniqueClicks: 1,
      reopenRate: 1,
      peakHours: [{ hour: 0, opens: 2 }],
    });
  });

  it("adds them into totals, peak hours and the four providers", async () => {
    const r = await report(`month=${P.month}`);
    expect(r.totals).toEqual({ sent: 10, delivered: 7, bounced: 3, hardBounces: 2, softBounces: 1, opens: 9, uniqueOpens: 5, notOpened: 2, clicks: 4, uniqueClicks: 3, unsubscribed: 1, complaints: 1, machineOpens: 2, machineClicks: 1, deliveredRate: 0.7, openRate: 5 / 7, reopenRate: 0.8, clickRate: 3 / 7 });
    expect(r.peakHours).toEqual([
      { hour: 9, opens: 5 },
      { hour: 0, opens: 2 },
      { hour: 10, opens: 2 },
    ]);
    expect(r.providers).toEqual([
      // a0, a1, a2 (googlemail) + b0's second open.
      { ...zero, provider: "gmail", sent: 3, delivered: 3, opens: 4, uniqueOpens: 2, notOpened: 1, clicks: 1, uniqueClicks: 1, machineOpens: 1, machineClicks: 1, deliveredRate: 1, openRate: 2 / 3, reopenRate: 1, clickRate: 1 / 3 },
      // a3 (hard), a4, a5 (complaint) + b1's open and click.
      { ...zero, provider: "outlook", sent: 3, delivered: 2, bounced: 1, hardBounces: 1, opens: 2, uniqueOpens: 2, clicks: 1, uniqueClicks: 1, complaints: 1, deliveredRate: 2 / 3, openRate: 1, reopenRate: 0, clickRate: 0.5 },
      // a6 (soft), a7 (the proxy's open only).
      { ...zero, provider: "yahoo", sent: 2, delivered: 1, bounced: 1, softBounces: 1, notOpened: 1, machineOpens: 1, deliveredRate: 0.5, openRate: 0, clickRate: 0 },
      // a8 (hard), a9 (3 opens, 2 clicks, unsubscribed).
      { ...zero, provider: "other", sent: 2, delivered: 1, bounced: 1, hardBounces: 1, opens: 3, uniqueOpens: 1, clicks: 2, uniqueClicks: 1, unsubscribed: 1, deliveredRate: 0.5, openRate: 1, reopenRate: 2, clickRate: 1 },
    ]);
  });

  it("gives the credit used and the balances at the month's end, and the bag", async () => {
    const r = await report(`month=${P.month}`);
    expect(r.credits).toEqual([
      // 10 committed for A − 1 refunded; 5,000 − 100 − 10 − 50 + 1 left.
      { channel: "email", holder: "main", holderName: null, used: 9, refunded: 1, granted: 0, expired: 0, balance: 4841 },
      // The SMS bag was granted after that month.
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
      { channel: "email", holder: s.users.sender.id, holderName: "sender", used: 0, refunded: 0, granted: 50, expired: 0, balance: 147 },
    ]);
    expect(r.bags).toEqual([{ id: bagE.id, channel: "email", granted: 5000, remaining: 4988, expiresAt: iso(bagE.expiresAt), expired: false }]);
  });

  it("counts the other side of the boundary in the month before", async () => {
    const r = await report(`month=${P2.month}`);
    expect(r.campaigns).toHaveLength(1);
    // B's 3 sends at 23:01 Lima and b0's first open at 23:30 Lima.
    expect(r.campaigns[0]).toMatchObject({ campaignId: B.campaignId, sent: 3, delivered: 3, opens: 1, uniqueOpens: 1, notOpened: 2, clicks: 0, deliveredRate: 1, openRate: 1 / 3, reopenRate: 0, clickRate: 0, peakHours: [{ hour: 23, opens: 1 }] });
    expect(r.providers.map((p) => [p.provider, p.sent, p.opens])).toEqual([
      ["gmail", 1, 1],
      ["outlook", 1, 0],
      ["yahoo", 0, 0],
      ["other", 1, 0],
    ]);
    expect(r.credits).toEqual([
      { channel: "email", holder: "main", holderName: null, used: 0, refunded: 0, granted: 5000, expired: 0, balance: 4900 },
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
      { channel: "email", holder: s.users.sender.id, holderName: "sender", used: 3, refunded: 0, granted: 100, expired: 0, balance: 97 },
    ]);
    expect(r.bags.map((b) => [b.id, b.remaining])).toEqual([[bagE.id, 4997]]);
  });
});

describe("GET /reports/monthly: a sub-user's report", () => {
  it("is the sub-user's own for a sender, and the same when the owner asks for it", async () => {
    const mine = await report(`month=${P.month}`, s.users.sender.key);
    const asked = await report(`month=${P.month}&user=${s.users.sender.id}`);
    for (const r of [mine, asked]) {
      expect(r.user).toEqual({ id: s.users.sender.id, name: "sender", email: s.users.sender.email });
      expect(r.campaigns.map((c) => c.campaignId)).toEqual([B.campaignId]);
      expect(r.totals).toEqual({ ...zero, opens: 2, uniqueOpens: 1, clicks: 1, uniqueClicks: 1, reopenRate: 1 });
      expect(r.providers.map((p) => [p.provider, p.opens, p.uniqueOpens, p.clicks])).toEqual([
        ["gmail", 1, 0, 0],
        ["outlook", 1, 1, 1],
        ["yahoo", 0, 0, 0],
        ["other", 0, 0, 0],
      ]);
      expect(r.peakHours).toEqual([{ hour: 0, opens: 2 }]);
      expect(r.credits).toEqual([
        { channel: "email", holder: s.users.sender.id, holderName: "sender", used: 0, refunded: 0, granted: 50, expired: 0, balance: 147 },
        { channel: "sms", holder: s.users.sender.id, holderName: "sender", used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
      ]);
      expect(r.bags).toEqual([]);
    }
    // A viewer who sent nothing gets an empty report of its own.
    const viewer = await report(`month=${P.month}&user=${s.users.viewer.id}`, s.users.viewer.key);
    expect(viewer.user?.id).toBe(s.users.viewer.id);
    expect(viewer.campaigns).toEqual([]);
    expect(viewer.totals).toEqual(zero);
  });
});

describe("GET /reports/monthly as CSV and PDF", () => {
  it("downloads a CSV with the same figures in the right rows", async () => {
    const res = await api(`/reports/monthly?month=${P.month}&format=csv`, { key: s.users.admin.key });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="reporte-${P.month}.csv"`);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[3]).toBe(`Periodo (hora de Lima),${lima(P.from).slice(0, 10)} — ${lima(P.to - 1).slice(0, 10)}`);
    expect(lines).toContain("Enviados,10");
    expect(lines).toContain("Reaperturas (%),80");
    expect(lines).toContain('Horas pico (hora de Lima),"09:00 (5); 00:00 (2); 10:00 (2)"');
    // Campaign, id, start, sent, delivered, %, bounced, hard, soft, opens, unique, not opened, open %, re-open %, clicks, unique, click %, unsubscribed, complaints, machine opens, machine clicks, peaks.
    expect(lines).toContain(`Convocatoria CAS,${A.campaignId},${lima(A.sentAt - 300_000)},10,7,70,3,2,1,7,4,3,57.14,75,3,2,28.57,1,1,2,1,"09:00 (5); 10:00 (2)"`);
    expect(lines).toContain(`Boletín del subusuario,${B.campaignId},${lima(B.sentAt - 300_000)},0,0,,0,0,0,2,1,0,,100,1,1,,0,0,0,0,00:00 (2)`);
    expect(lines).toContain('Total,,,10,7,70,3,2,1,9,5,2,71.43,80,4,3,42.86,1,1,2,1,"09:00 (5); 00:00 (2); 10:00 (2)"');
    expect(lines).toContain("Yahoo,2,1,50,1,0,1,0,0,1,0,,0,0,0,0,0,1,0");
    expect(lines).toContain("Correo,Cuenta principal,9,1,0,0,4841");
    expect(lines).toContain("Correo,sender,0,0,50,0,147");
    expect(lines).toContain(`${bagE.id},Correo,5000,4988,${lima(bagE.expiresAt)},no`);
  });

  it("downloads an English PDF that parses, one A4 page", async () => {
    const res = await api(`/reports/monthly?month=${P.month}&format=pdf&lang=en`, { key: s.users.owner.key });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="report-${P.month}.pdf"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toMatch(/^Monthly consumption report — \w+ \d{4} — Test$/);
  });
});

describe("GET /reports/monthly: the current month, credit through the real ledger", () => {
  it("uses the ledger's balances now, and its history agrees with them", async () => {
    const t = await seedAccount();
    const ledger = ledgerStub(t.accountId);
    const sender = t.users.sender.id;
    expect((await api("/credits/allocations", { key: t.users.owner.key, body: { userId: sender, channel: "email", amount: 300 } })).status).toBe(200);
    const acc = { accountId: t.accountId };
    expect((await ledger.reserve({ ...acc, key: "r1", holder: "main", channel: "email", amount: 25 })).ok).toBe(true);
    expect((await ledger.commit({ ...acc, key: "c1", reservationId: "r1", amount: 25 })).ok).toBe(true);
    expect((await ledger.refund({ ...acc, key: "f1", reservationId: "r1", amount: 5 })).ok).toBe(true);
    expect((await ledger.reserve({ ...acc, key: "r2", holder: sender, channel: "email", amount: 10 })).ok).toBe(true);
    expect((await ledger.commit({ ...acc, key: "c2", reservationId: "r2", amount: 7 })).ok).toBe(true); // 3 stay reserved
    const short = await ledger.grant({ ...acc, key: "g-short", channel: "sms", amount: 40, validDays: 0.5 / 86_400 });
    expect(short.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 700)); // the short bag lapses

    const r = await report("", t.users.owner.key);
    expect(r.month).toBe(limaMonth(Date.now()));
    expect(r.campaigns).toEqual([]);
    expect(r.totals).toEqual(zero);
    expect(r.credits).toEqual([
      { channel: "email", holder: "main", holderName: null, used: 20, refunded: 5, granted: 5000, expired: 0, balance: 4680 },
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 840, expired: 40, balance: 800 },
      // 300 − 10 reserved; 3 of them still held, so not usable.
      { channel: "email", holder: sender, holderName: "sender", used: 7, refunded: 0, granted: 300, expired: 0, balance: 290 },
    ]);
    const shortId = (short as { bagId: string }).bagId;
    expect(r.bags[0]).toMatchObject({ id: shortId, channel: "sms", granted: 40, remaining: 40, expired: true });
    expect(r.bags.slice(1).map((b) => [b.channel, b.granted, b.remaining, b.expired]).sort()).toEqual([
      ["email", 5000, 4973, false],
      ["sms", 800, 800, false],
    ]);

    // Replaying the mirrored history gives the ledger's own balances (what a past month relies on).
    const rows = await env.DB.prepare("SELECT at, kind, channel, holder, amount, bag_id AS bagId FROM credit_entries WHERE account_id = ?").bind(t.accountId).all<{ at: number; kind: string; channel: "email" | "sms"; holder: string; amount: number; bagId: string }>();
    const now = Date.now();
    const o = await ledger.overview();
    const replay = monthlyCredits({ range: { month: r.month, from: Date.parse(r.from), to: Date.parse(r.to) }, now, only: null, sums: sumCreditEntries(rows.results, Date.parse(r.from), now + 1), bags: o.bags, live: null, names: {} });
    expect(replay.credits.map((c) => [c.holder, c.channel, c.balance])).toEqual([
      ["main", "email", o.holders.main!.email.available],
      ["main", "sms", o.holders.main!.sms.available],
      [sender, "email", o.holders[sender]!.email.available],
    ]);
    expect(Object.fromEntries(replay.bags.map((b) => [b.id, b.remaining]))).toEqual(Object.fromEntries(o.bags.map((b) => [b.id, b.remaining])));

    const own = await report("", t.users.sender.key);
    expect(own.credits).toEqual([
      { channel: "email", holder: sender, holderName: "sender", used: 7, refunded: 0, granted: 300, expired: 0, balance: 290 },
      { channel: "sms", holder: sender, holderName: "sender", used: 0, refunded: 0, granted: 0, expired: 0, balance: 0 },
    ]);
    expect(own.bags).toEqual([]);
  });
});

describe("GET /reports/monthly: bad input and permissions", () => {
  it("refuses a malformed or future month, a bad format or language, naming the field", async () => {
    const next = limaMonth(monthsBack(Date.now(), 0).to);
    const cases: [string, number, string][] = [
      ["month=2026-13", 400, "month"],
      ["month=2026-1", 400, "month"],
      ["month=noviembre", 400, "month"],
      ["month=1999-12", 400, "month"],
      [`month=${next}`, 400, "month"],
      ["format=xml", 400, "format"],
      ["lang=fr", 400, "lang"],
      ["mes=2026-11", 400, "mes"],
    ];
    for (const [q, status, field] of cases) {
      const res = await api(`/reports/monthly?${q}`, { key: s.users.owner.key });
      expect(res.status, q).toBe(status);
      expect((await errorOf(res)).field, q).toBe(field);
    }
    const future = await errorOf(await api(`/reports/monthly?month=${next}`, { key: s.users.owner.key }));
    expect(future.message).toBe(`month: ${next} has not started yet (the current month is ${limaMonth(Date.now())})`);
  });

  it("lets only owner and admin read another user's report; an unknown or foreign user is a 404", async () => {
    const other = await seedAccount();
    for (const role of ["sender", "editor", "viewer"] as const) {
      const res = await api(`/reports/monthly?month=${P.month}&user=${s.users.owner.id}`, { key: s.users[role].key });
      expect(res.status, role).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
    for (const user of ["usr_nadie", other.users.sender.id]) {
      const res = await api(`/reports/monthly?month=${P.month}&user=${user}`, { key: s.users.admin.key });
      expect(res.status, user).toBe(404);
      expect((await errorOf(res)).field).toBe("user");
    }
    // Another account's owner sees nothing of this one.
    const theirs = await report(`month=${P.month}`, other.users.owner.key);
    expect(theirs.campaigns).toEqual([]);
    expect(theirs.account.id).toBe(other.accountId);
  });
});

describe("the report's queries", () => {
  it("use indexes: no statement scans a whole table", async () => {
    for (const [name, sql] of Object.entries(MONTHLY_SQL)) {
      const params = [s.accountId, P.from, P.to, null].slice(0, Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1]))));
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
      const details = results.map((r) => r.detail);
      expect(details.length, name).toBeGreaterThan(0);
      for (const d of details) expect(d, `${name}: ${details.join(" | ")}`).not.toMatch(/^SCAN (accounts|users|campaigns|c|event_buckets|credit_entries)\b/);
      expect(details.some((d) => d.startsWith("SEARCH")), name).toBe(true);
      // The month's campaigns are looked up one by one, by primary key.
      if (name === "campaigns") expect(details).toContain("SEARCH c USING INDEX sqlite_autoindex_campaigns_1 (id=?)");
    }
  });
});
