/**
 * Faults 3 and 4 of the reliability suite (docs/reliability.md), on 50-recipient
 * campaigns through the real pipeline:
 *
 * 3. D1 refuses the email consumer's settle write twice (env.DB swapped for a proxy whose batch()
 *    throws when it carries the settle statement; the consumer reads the same `env`). The
 *    consumer tries the settle again (SETTLE_TRIES) instead of leaving it to a Queue redelivery,
 *    which would find the rows claimed and lose their outcome.
 * 4. The CampaignRunner's alarm throws twice: its first read of the campaign fails (a D1 fault),
 *    and on the next try its enqueue dies right after the batches went on the Queue and before the
 *    checkpoint (so the retried alarm puts the same recipients on the Queue again). Faults are
 *    injected on the Durable Object instance's own `env`; the runtime retries a failed alarm.
 *
 * After each: every recipient mailed exactly once, no `sent` event lost, credit debited equal to
 * the deliveries sent, nothing left reserved.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, seedAccount } from "./helpers";
import { audience, runnerOf, untilStatus } from "./send-helpers";
import { emailFigures, failingBatches, record, SETTLE_SQL } from "./faults-helpers";

describe("fault: D1 writes fail during the email consumer's settle", () => {
  it("the settle is tried again: each recipient mailed once, counted, evented and debited", { timeout: 90_000 }, async () => {
    const s = await seedAccount({ email: 100 });
    const t = `fd${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 50);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    let refusals = 2;
    let refused = 0;
    const real = env.DB;
    Object.assign(env, { DB: failingBatches(real, (calls) => calls.some((c) => c.sql.includes(SETTLE_SQL) && c.args[2] === id) && refusals-- > 0 && ++refused > 0) });
    try {
      expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
      const done = await untilStatus(s, id, "sent");
      expect(done.progress).toMatchObject({ total: 50, sent: 50, failed: 0, unknown: 0 });
    } finally {
      Object.assign(env, { DB: real });
    }
    expect(refused).toBe(2); // the fault really hit the settle
    const f = await emailFigures("d1-settle-fails", s, id, t, contacts.map((c) => c.email), 100);
    record({ ...f, note: `settle batch refused ${refused}× then accepted` });
    expect(Object.values(f.got)).toEqual(Array(50).fill(1));
    expect([f.mailedTwice, f.neverMailed, f.eventsLost, f.liveDrift, f.creditDrift, f.reservedLeft]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(f.ledgerDebited).toBe(50);
  });
});

describe("fault: the CampaignRunner Durable Object throws", () => {
  it("a failed read, then a death between enqueue and checkpoint: the retried alarm finishes the campaign, each recipient once", { timeout: 90_000 }, async () => {
    const s = await seedAccount({ email: 100 });
    const t = `fo${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 50);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    const thrown: string[] = [];
    let readFaults = 1;
    let enqueueFaults = 1;
    const db = new Proxy(env.DB, {
      get(target, p) {
        if (p === "prepare")
          return (sql: string) => {
            if (sql === "SELECT * FROM campaigns WHERE id = ?" && readFaults-- > 0) {
              thrown.push("read");
              throw new Error("D1_ERROR: injected fault: read refused (fault suite)");
            }
            return target.prepare(sql);
          };
        const v = Reflect.get(target, p, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const sends = new Proxy(env.EMAIL_SENDS, {
      get(target, p) {
        if (p === "sendBatch")
          return async (...a: Parameters<Queue["sendBatch"]>) => {
            await target.sendBatch(...a);
            if (enqueueFaults-- > 0) {
              thrown.push("after-enqueue");
              throw new Error("injected fault: runner died after enqueue, before its checkpoint (fault suite)");
            }
          };
        const v = Reflect.get(target, p, target) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const faulty = new Proxy(env, { get: (target, p) => (p === "DB" ? db : p === "EMAIL_SENDS" ? sends : Reflect.get(target, p, target)) });
    await runInDurableObject(runnerOf(id), (instance) => {
      (instance as unknown as { env: Env }).env = faulty as Env;
    });
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
    const done = await untilStatus(s, id, "sent");
    expect(done.progress).toMatchObject({ total: 50, sent: 50, failed: 0, unknown: 0 });
    expect(thrown).toEqual(["read", "after-enqueue"]);
    const f = await emailFigures("runner-do-throws", s, id, t, contacts.map((c) => c.email), 100);
    record({ ...f, note: "alarm threw twice (read fault; death after enqueue before checkpoint), retried by the runtime; recipients enqueued twice, claimed once" });
    expect(Object.values(f.got)).toEqual(Array(50).fill(1));
    expect([f.mailedTwice, f.neverMailed, f.eventsLost, f.liveDrift, f.creditDrift, f.reservedLeft]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(f.ledgerDebited).toBe(50);
  });
});
