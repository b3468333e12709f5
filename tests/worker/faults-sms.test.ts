/**
 * Fault 2 of the reliability suite (docs/reliability.md): the SMS provider (Kannel, the
 * fake one of tests/worker/sms-provider.setup.ts on a route of this test's own) flaps during a
 * 50-recipient SMS campaign: its first six answers are 503, 500 and requests it never answers
 * (cut by SMS_SEND_TIMEOUT_MS), then it recovers. After it: every number got exactly one accepted
 * request, the credit debited equals the segments accepted, nothing left reserved, one
 * `sms_sent` event per accepted message in D1 and in the live counter.
 * The provider's request log is in arrival order and the scripted answers went to the first six
 * requests, so "accepted" per number is read off the log exactly.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, ledgerStub, seedAccount } from "./helpers";
import { untilStatus } from "./send-helpers";
import { liveStub } from "./live-helpers";
import { connection, requests, route, script, settledBalance } from "./sms-send-helpers";
import { campaignMessages, smsAudience, smsCampaign } from "./sms-campaign-helpers";
import { record, settleTo } from "./faults-helpers";

const FLAP = [{ status: 503, body: "Service Unavailable" }, { hang: true }, { status: 500, body: "boom" }, { status: 503, body: "queue full" }, { hang: true }, { status: 503, body: "Service Unavailable" }];

describe("fault: the SMS provider flaps", () => {
  it("5xx and hangs, then recovery: one SMS per number, credit = segments accepted, no event lost", { timeout: 120_000 }, async () => {
    const s = await seedAccount({ sms: 800 });
    const r = route("flap");
    await connection(s, { name: "Kannel", baseUrl: r.url });
    await script(r.name, FLAP);
    const people = Array.from({ length: 50 }, (_, i) => ({ firstName: `P${i}` }));
    const { listId, contacts } = await smsAudience(s, people);
    const id = await smsCampaign(s, listId, "Hola {{nombre}}, su trámite está listo.");
    expect((await api(`/campaigns/${id}/send`, { key: s.users.owner.key, method: "POST" })).status).toBe(200);
    const done = await untilStatus(s, id, "sent");
    expect([done.progress.total, done.progress.sent, done.progress.failed]).toEqual([50, 50, 0]);

    const log = await requests(r.name);
    const accepted: Record<string, number> = {};
    log.forEach((q, i) => {
      if (i >= FLAP.length) accepted[q.params.to!] = (accepted[q.params.to!] ?? 0) + 1;
    });
    const numbers = contacts.map((c) => c.phone!);
    const rows = await campaignMessages(id);
    const segmentsAccepted = rows.filter((m) => m.status === "accepted" || m.status === "delivered").reduce((t, m) => t + m.segments, 0);
    expect(rows.every((m) => m.segments === 1)).toBe(true);
    expect(log).toHaveLength(50 + FLAP.length); // each refused or unanswered request was tried once more

    const balance = await settledBalance(s);
    const events = await settleTo(async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM events WHERE campaign_id = ? AND kind = 'sms_sent'").bind(id).first<number>("n")) ?? 0, rows.length);
    const live = await settleTo(async () => (await liveStub(id).snapshot()).counters.sent, events);
    const reservations = (await env.DB.prepare("SELECT DISTINCT reservation_id AS r FROM sms_messages WHERE campaign_id = ?").bind(id).all<{ r: string }>()).results;
    let debited = 0;
    for (const { r: res } of reservations) debited += (await ledgerStub(s.accountId).reservationState(res))?.debited ?? 0;
    const f = {
      fault: "sms-provider-flap",
      recipients: 50,
      mailedTwice: Object.values(accepted).filter((n) => n > 1).length,
      neverMailed: numbers.filter((n) => !accepted[n]).length,
      eventsLost: rows.length - events,
      liveDrift: Math.abs(live - events),
      creditDrift: 800 - balance.available - segmentsAccepted,
      reservedLeft: balance.reserved,
      note: `${FLAP.length} requests refused or unanswered (2 hangs cut at SMS_SEND_TIMEOUT_MS), each retried once`,
    };
    record(f);
    expect(Object.values(accepted)).toEqual(Array(50).fill(1));
    expect([f.mailedTwice, f.neverMailed, f.eventsLost, f.liveDrift, f.creditDrift, f.reservedLeft]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(debited).toBe(segmentsAccepted);
    expect(segmentsAccepted).toBe(50);
  });
});
