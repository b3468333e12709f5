/**
 * A Queue message that is lost (it failed before claiming its rows on every attempt, so the
 * Queue dropped it) must not leave its recipients unsent nor the campaign "sending" forever: the
 * runner notices open deliveries that made no progress for STALL_MS and puts them on the Queue
 * again. Simulated by writing a delivery row with no message for it, as the runner would have.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, seedAccount } from "./helpers";
import { setup } from "./campaign-helpers";
import { emailBalance, perRecipient, receivedFor, runnerOf, untilStatus } from "./send-helpers";
import { STALL_MS } from "../../durable-objects/campaign-runner";

describe("runner", () => {
  it("re-enqueues deliveries whose Queue message was lost, and each is mailed once", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `st${Date.now().toString(36)}`;
    const { draft, listId } = await setup(s, [`ana@${t}.empresa.pe`, `beto@${t}.empresa.pe`]);
    const id = ((await (await api("/campaigns", { key: s.users.owner.key, body: draft })).json()) as { id: string }).id;
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    await untilStatus(s, id, "sent");

    // A third recipient whose row was written but whose message never arrived; the campaign is
    // back to sending and the runner waiting, with that row open since long ago.
    const lost = ((await (await api("/contacts", { key: s.users.owner.key, body: { email: `carla@${t}.empresa.pe`, firstName: "Carla", listIds: [listId], consent: { email: true } } })).json()) as { id: number }).id;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status) VALUES (?, ?, ?, 'queued')").bind(id, lost, `carla@${t}.empresa.pe`),
      env.DB.prepare("UPDATE campaigns SET status = 'sending', total = 3 WHERE id = ?").bind(id),
    ]);
    const stub = runnerOf(id);
    await runInDurableObject(stub, async (_i, state) => {
      const st = (await state.storage.get<Record<string, unknown>>("state"))!;
      await state.storage.put("state", { ...st, phase: "waiting", open: 1, openSince: Date.now() - STALL_MS - 1000 });
      await state.storage.setAlarm(Date.now());
    });
    // Its alarm notices the stall, puts the row on the Queue, waits for it, and closes the campaign.
    const c = await untilStatus(s, id, "sent");
    expect(c.progress).toMatchObject({ total: 3, sent: 3, failed: 0 });
    expect(perRecipient(await receivedFor(t))).toEqual({ [`ana@${t}.empresa.pe`]: 1, [`beto@${t}.empresa.pe`]: 1, [`carla@${t}.empresa.pe`]: 1 });
    expect((await emailBalance(s)).reserved).toBe(0);
  });
});
