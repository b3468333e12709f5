/**
 * Refunds for platform faults (C1) on the SMS path, with exact ledger balances and the ledger's
 * own entries (mirrored to D1 `credit_entries`): a single send a provider never took gives its
 * credit back with a note saying why; a campaign's failed messages give their segments back to
 * the group reservation at once; a carrier's failure receipt after the provider took the message
 * is not refunded (the email rule); and the minute cron's sweep of single sends stuck in
 * `sending`: failed and released after 15 minutes without a provider's word, handed to the
 * receipts (and debited) when a provider did take them, left alone before 15 minutes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import { STUCK_ERROR, STUCK_MS } from "../../workers/sms/stuck-sms";
import { ledgerStub, seedAccount, type Seeded } from "./helpers";
import { runCron } from "./export-helpers";
import { connection, deliver, dlrCall, hook, mobile, requests, route, script, sendSms, settledBalance, smsBalance, untilStatus } from "./sms-send-helpers";

type Entry = { kind: string; amount: number; note: string | null };

/** The ledger's entries of one reservation, oldest first, as mirrored to D1. */
async function entriesOf(s: Seeded, reservationId: string): Promise<Entry[]> {
  const { results } = await env.DB.prepare("SELECT kind, amount, note FROM credit_entries WHERE account_id = ? AND reference = ? ORDER BY seq").bind(s.accountId, reservationId).all<Entry>();
  return results;
}

/** A single send's row written straight into D1 as a dead consumer leaves it: `sending`, claimed `claimedAgo` ms ago, its credit reserved. */
async function stuckSend(s: Seeded, segments: number, claimedAgo: number): Promise<string> {
  const id = `sms_stuck${randomToken(8)}`;
  const r = await ledgerStub(s.accountId).reserve({ accountId: s.accountId, key: `sms:${id}`, holder: "main", channel: "sms", amount: segments, note: "SMS" });
  expect(r.ok).toBe(true);
  const claimed = Date.now() - claimedAgo;
  await env.DB.prepare(
    `INSERT INTO sms_messages (id, account_id, to_number, text, encoding, segments, status, attempts, reservation_id, created_at, done_at)
     VALUES (?, ?, ?, 'Hola', 'GSM-7', ?, 'sending', 1, ?, ?, ?)`,
  )
    .bind(id, s.accountId, `+51${mobile()}`, segments, `sms:${id}`, claimed - 1_000, claimed)
    .run();
  return id;
}

const row = (id: string) => env.DB.prepare("SELECT status, error, sent_at IS NOT NULL AS sent, done_at IS NOT NULL AS done FROM sms_messages WHERE id = ?").bind(id).first<{ status: string; error: string | null; sent: number; done: number }>();

describe("single sends a provider never took (C1)", () => {
  it("gives the credit back with a ledger note naming the message and the fault: provider down after the last retry", async () => {
    const s = await seedAccount();
    const r = route("c1down");
    await script(r.name, [], { status: 500, body: "boom" });
    await connection(s, { name: "Único", baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "x".repeat(200), confirmMultipart: true })).json()) as { id: string };
    const m = await untilStatus(s, id, "failed");
    expect(m.error).toBe("Único: 500: boom (after 2 attempts)");
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
    expect(await entriesOf(s, `sms:${id}`)).toEqual([
      { kind: "reserve", amount: 2, note: expect.stringMatching(/^SMS \+519\d{8}$/) },
      { kind: "release", amount: 2, note: `C1: SMS ${id} not taken by the provider: Único: 500: boom (after 2 attempts)` },
    ]);
  });

  it("gives the credit back for a provider's 4xx refusal, with the refusal in the note", async () => {
    const s = await seedAccount();
    const r = route("c1refuse");
    await script(r.name, [{ status: 403, body: "Authorization failed for sendsms" }]);
    await connection(s, { name: "Operador A", baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    await untilStatus(s, id, "failed");
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
    expect((await entriesOf(s, `sms:${id}`)).map((e) => [e.kind, e.amount, e.note])).toEqual([
      ["reserve", 1, expect.stringMatching(/^SMS \+519\d{8}$/)],
      ["release", 1, `C1: SMS ${id} not taken by the provider: Operador A: 403: Authorization failed for sendsms`],
    ]);
  });

  it("keeps the debit when the provider took the message and the carrier then failed it (no refund, as for a bounce after the relay accepted an email)", async () => {
    const s = await seedAccount();
    const r = route("c1carrier");
    await connection(s, { baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    await untilStatus(s, id, "accepted");
    const [req] = await requests(r.name);
    expect((await hook(dlrCall(req!, { d: "2", A: "id:77 stat:UNDELIV err:001" }))).status).toBe(200);
    const m = await untilStatus(s, id, "failed");
    expect(m.parts).toEqual([{ part: 1, status: "failed" }]);
    expect(await settledBalance(s)).toEqual({ available: 799, reserved: 0 });
    expect((await entriesOf(s, `sms:${id}`)).map((e) => e.kind)).toEqual(["reserve", "commit"]);
  });
});

describe("a campaign's messages a provider never took (C1)", () => {
  it("give their segments back to the group reservation at once, with the reason, and leave the rest reserved", async () => {
    const s = await seedAccount();
    const r = route("c1camp");
    await script(r.name, [], { status: 403, body: "Invalid destination" });
    await connection(s, { name: "Operador A", baseUrl: r.url });
    const campaignId = `cmp_${randomToken(8)}`;
    const reservationId = `campaign:${campaignId}:sms:1:3`;
    expect((await ledgerStub(s.accountId).reserve({ accountId: s.accountId, key: reservationId, holder: "main", channel: "sms", amount: 5 })).ok).toBe(true);
    const ids: string[] = [];
    for (const [i, segments] of [1, 2, 2].entries()) {
      const id = `smsc_${campaignId}_${i + 1}`;
      const text = segments === 1 ? "Hola" : "y".repeat(200);
      await env.DB.prepare(
        `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, text, encoding, segments, status, attempts, reservation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'GSM-7', ?, 'queued', 0, ?, ?)`,
      )
        .bind(id, s.accountId, campaignId, i + 1, `+51${mobile()}`, text, segments, reservationId, Date.now())
        .run();
      ids.push(id);
    }
    // The first two go out (and fail); the third stays queued, its 2 segments still reserved.
    await deliver(ids.slice(0, 2));
    expect([(await row(ids[0]!))!.status, (await row(ids[1]!))!.status, (await row(ids[2]!))!.status]).toEqual(["failed", "failed", "queued"]);
    expect(await ledgerStub(s.accountId).reservationState(reservationId)).toEqual({ reserved: 2, debited: 0 });
    expect(await smsBalance(s)).toEqual({ available: 798, reserved: 2 });
    const release = (await entriesOf(s, reservationId)).filter((e) => e.kind === "release");
    expect(release).toEqual([{ kind: "release", amount: 3, note: `C1: 2 SMS (${ids.slice(0, 2).join(", ")}) not taken by the provider: Operador A: 403: Invalid destination` }]);
    // A redelivered batch releases nothing twice.
    await deliver(ids.slice(0, 2));
    expect(await smsBalance(s)).toEqual({ available: 798, reserved: 2 });
  });
});

describe("the minute cron's sweep of single sends stuck in `sending`", () => {
  it("fails one unconfirmed for 15 minutes and releases its credit with a note; leaves a younger one alone", async () => {
    const s = await seedAccount();
    const old = await stuckSend(s, 2, STUCK_MS + 60_000);
    const young = await stuckSend(s, 1, 5 * 60_000);
    expect(await smsBalance(s)).toEqual({ available: 797, reserved: 3 });
    await runCron("* * * * *", Date.now());
    expect(await row(old)).toEqual({ status: "failed", error: STUCK_ERROR, sent: 0, done: 1 });
    expect(await row(young)).toMatchObject({ status: "sending" });
    expect(await smsBalance(s)).toEqual({ available: 799, reserved: 1 });
    const entries = await entriesOf(s, `sms:${old}`);
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([["reserve", 2], ["release", 2]]);
    expect(entries[1]!.note).toMatch(new RegExp(`^C1: SMS ${old} not confirmed by the provider 16 min after it was claimed: credit returned$`));
    // A second run changes nothing; the consumer coming back later cannot send or settle it again.
    await runCron("* * * * *", Date.now());
    await deliver([old]);
    expect(await smsBalance(s)).toEqual({ available: 799, reserved: 1 });
    expect(await entriesOf(s, `sms:${old}`)).toHaveLength(2);
  });

  it("hands one a provider took to its receipts: accepted, debited for what was taken, and a stored final receipt applied", async () => {
    const s = await seedAccount();
    const delivered = await stuckSend(s, 1, STUCK_MS + 60_000);
    const half = await stuckSend(s, 2, STUCK_MS + 60_000);
    const now = Date.now();
    await env.DB.batch([
      // A receipt that outran the consumer before it died.
      env.DB.prepare("INSERT INTO sms_parts (message_id, part, provider_id, status, updated_at) VALUES (?, 1, 'smsc-77', 'delivered', ?)").bind(delivered, now),
      // Kannel's answer carries no id: an earlier attempt's accepted part counts by its status.
      env.DB.prepare("INSERT INTO sms_parts (message_id, part, provider_id, status, updated_at) VALUES (?, 1, NULL, 'accepted', ?)").bind(half, now),
    ]);
    expect(await smsBalance(s)).toEqual({ available: 797, reserved: 3 });
    await runCron("* * * * *", Date.now());
    expect(await row(delivered)).toEqual({ status: "delivered", error: null, sent: 1, done: 1 });
    expect(await row(half)).toEqual({ status: "accepted", error: null, sent: 1, done: 0 });
    // delivered: 1 debited; half: 1 part taken debited, 1 released.
    expect(await smsBalance(s)).toEqual({ available: 798, reserved: 0 });
    expect((await entriesOf(s, `sms:${half}`)).map((e) => [e.kind, e.amount])).toEqual([["reserve", 2], ["commit", 1], ["release", 1]]);
  });
});
