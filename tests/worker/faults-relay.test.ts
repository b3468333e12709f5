/**
 * Fault 1 of the reliability suite (docs/reliability.md): the SMTP relay flaps during a
 * 50-recipient campaign. First it refuses connections (the Worker is pointed at a port nothing
 * listens on), then it answers 421 to its first sessions, then it recovers. Retries are given a
 * real backoff here (EMAIL_RETRY_SECONDS=1: 2, 4, 8, 16 s) so the flap is over before the fifth
 * attempt. After it: each recipient mailed exactly once (counted at the server), every `sent`
 * event in D1 and in the live counter, the credit debited equal to the deliveries sent, nothing
 * left reserved.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, seedAccount } from "./helpers";
import { audience, until, untilStatus } from "./send-helpers";
import { emailFigures, record } from "./faults-helpers";

const S = env.SMTP_TEST as { control: string; faults: number; dead: number };
const control = async (body: object) => (await fetch(`${S.control}/control`, { method: "POST", body: JSON.stringify(body) })).json() as Promise<{ faultsGreeting421: number }>;
const stats = async () => (await fetch(`${S.control}/stats`)).json() as Promise<Record<string, number>>;

describe("fault: the SMTP relay flaps", () => {
  it("refused connections, then 421 greetings, then recovery: every recipient mailed once, no event or credit lost", { timeout: 120_000 }, async () => {
    const s = await seedAccount({ email: 100 });
    const t = `fr${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 50);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    const before = env as Env;
    const saved = { SMTP_PORT: before.SMTP_PORT, EMAIL_RETRY_SECONDS: before.EMAIL_RETRY_SECONDS };
    // Down: nothing listens on the relay's port.
    Object.assign(env, { SMTP_PORT: String(S.dead), EMAIL_RETRY_SECONDS: "1" });
    const connectionsBefore = (await stats())["faults.connections"] ?? 0;
    try {
      expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
      // The first attempt is deferred (no connection)...
      await until("a deferral", async () => ((await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status = 'deferred'").bind(id).first<number>("n")) ?? 0) > 0 || undefined);
      // ...then the relay answers again, but refuses its first sessions with 421...
      await control({ faultsGreeting421: 3 });
      Object.assign(env, { SMTP_PORT: String(S.faults) });
      // ...and recovers.
      const done = await untilStatus(s, id, "sent");
      expect(done.progress).toMatchObject({ total: 50, sent: 50, failed: 0, unknown: 0 });
      expect((await control({})).faultsGreeting421).toBe(0); // the 421s were really served
      expect((await stats())["faults.connections"] ?? 0).toBeGreaterThan(connectionsBefore + 3);
    } finally {
      Object.assign(env, saved);
      await control({ faultsGreeting421: 0 });
    }
    const attempts = await env.DB.prepare("SELECT MIN(attempts) AS lo, MAX(attempts) AS hi FROM deliveries WHERE campaign_id = ?").bind(id).first<{ lo: number; hi: number }>();
    expect(attempts!.lo).toBeGreaterThanOrEqual(2); // nobody got through on the first attempt

    const f = await emailFigures("relay-flap", s, id, t, contacts.map((c) => c.email), 100);
    record({ ...f, note: `attempts per recipient ${attempts!.lo}–${attempts!.hi}` });
    expect(Object.values(f.got)).toEqual(Array(50).fill(1));
    expect([f.mailedTwice, f.neverMailed, f.eventsLost, f.liveDrift, f.creditDrift, f.reservedLeft]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(f.ledgerDebited).toBe(50);
  });
});
