/**
 * Fault 5 of the reliability suite (docs/reliability.md): the Worker is stopped in the
 * middle of a 50-recipient campaign. A killed email consumer leaves the rows it claimed in
 * `sending` with its claim time; whether their emails went out is unknowable from D1. Both cases
 * are staged: 3 rows claimed by a consumer that died before talking to the relay, and 2 whose
 * emails the relay did take (sent here through the Worker's own SMTP messenger) before it died
 * without settling. Ten minutes later (claims back-dated 11 minutes) the runner settles them
 * "unknown": never re-sent automatically, not debited, the campaign closes.
 *
 * Figures are taken twice: after the automatic recovery (nobody mailed twice; the 3 never mailed
 * are reported as such), and after the operator's one-click re-send of the unknown ones (C1),
 * which reaches the 3 and — by design, at least once for unknown outcomes — mails the 2 a second
 * time. Both are recorded as measured.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openMessenger } from "../../workers/email/transport";
import { sendBatch } from "../../workers/email/smtp";
import { api, seedAccount } from "./helpers";
import { audience, untilStatus } from "./send-helpers";
import { emailFigures, record } from "./faults-helpers";

const claim = (id: string, c: { id: number; email: string }, at: number) =>
  env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, attempts, claimed_at) VALUES (?, ?, ?, 'sending', 1, ?)").bind(id, c.id, c.email, at).run();

describe("fault: the Worker stops mid-campaign", () => {
  it("abandoned claims end unknown (never re-sent by themselves); the re-send reaches everyone, twice for those that had gone out", { timeout: 120_000 }, async () => {
    const s = await seedAccount({ email: 100 });
    const t = `fk${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 50);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    const beforeRelay = contacts.slice(0, 3);
    const afterRelay = contacts.slice(3, 5);
    const longAgo = Date.now() - 11 * 60_000;
    for (const c of [...beforeRelay, ...afterRelay]) await claim(id, c, longAgo);
    // The dead consumer got these two to the relay before it was stopped.
    const messenger = openMessenger(env as Env);
    const results = await sendBatch(
      messenger,
      afterRelay.map((c) => ({ id: String(c.id), mailFrom: "rebote@empresa.pe", rcptTo: c.email, data: `From: avisos@empresa.pe\r\nTo: ${c.email}\r\nSubject: Convocatoria abierta\r\n\r\nHola\r\n` })),
    );
    await messenger.close();
    expect(results.map((r) => r.status)).toEqual(["accepted", "accepted"]);

    expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
    const first = await untilStatus(s, id, "sent");
    expect(first).toMatchObject({ round: 0, progress: { total: 50, sent: 45, failed: 5, unknown: 5 } });
    const auto = await emailFigures("worker-stopped", s, id, t, contacts.map((c) => c.email), 100);
    record({ ...auto, note: "5 claims abandoned (2 had reached the relay): settled unknown, not re-sent, not debited; the 3 never mailed wait for the operator's re-send" });
    expect(auto.mailedTwice).toBe(0);
    expect(Object.keys(auto.got).sort()).toEqual(contacts.slice(3).map((c) => c.email).sort());
    expect(auto.neverMailed).toBe(3);
    expect([auto.eventsLost, auto.liveDrift, auto.creditDrift, auto.reservedLeft, auto.ledgerDebited]).toEqual([0, 0, 0, 0, 45]);

    // The operator re-sends the unknown ones (C1).
    expect((await api(`/campaigns/${id}/resend-unknown`, { method: "POST", key })).status).toBe(200);
    const second = await untilStatus(s, id, "sent");
    expect(second).toMatchObject({ round: 1, progress: { total: 50, sent: 50, failed: 0, unknown: 0 } });
    const after = await emailFigures("worker-stopped + re-send of unknown", s, id, t, contacts.map((c) => c.email), 100);
    record({ ...after, note: "the re-send is at least once for unknown outcomes: the 2 that had reached the relay before the stop got a second copy (each copy the platform counts is paid once)" });
    expect(after.neverMailed).toBe(0);
    expect(after.mailedTwice).toBe(2);
    expect(afterRelay.map((c) => after.got[c.email])).toEqual([2, 2]);
    expect([after.eventsLost, after.liveDrift, after.creditDrift, after.reservedLeft, after.ledgerDebited]).toEqual([0, 0, 0, 0, 50]);
  });
});
