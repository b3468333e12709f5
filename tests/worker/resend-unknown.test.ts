/**
 * Re-sending messages lost to a platform fault (C1) through the real pipeline. Two recipients'
 * rows are left claimed by a sender that died (status "sending", claimed long ago): the runner
 * settles them "unknown", never re-sends them by itself and does not debit them. One action
 * re-sends them: each gets exactly one email more, the round has its own reservation, and the
 * balance is debited exactly once per accepted email.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, ledgerStub, seedAccount } from "./helpers";
import { audience, emailBalance, perRecipient, receivedFor, untilStatus } from "./send-helpers";

describe("re-send of unconfirmed messages", () => {
  it("refunds the lost messages, re-sends each once with one action, and settles that round alone", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `rs${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 6);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    expect(await errorOf(await api(`/campaigns/${id}/resend-unknown`, { method: "POST", key }))).toMatchObject({ code: "not_finished" });

    // A sender claimed these two eleven minutes ago and died mid-transaction.
    const lost = contacts.slice(1, 3);
    for (const c of lost) {
      await env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, attempts, claimed_at) VALUES (?, ?, ?, 'sending', 1, ?)").bind(id, c.id, c.email, Date.now() - 11 * 60_000).run();
    }
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
    const first = await untilStatus(s, id, "sent");
    expect(first).toMatchObject({ round: 0, progress: { total: 6, sent: 4, failed: 2, unknown: 2 } });
    expect(Object.keys(perRecipient(await receivedFor(t))).sort()).toEqual(contacts.filter((c) => !lost.includes(c)).map((c) => c.email).sort());
    // Not debited: only the four accepted emails are paid for.
    expect(await emailBalance(s)).toEqual({ available: 96, reserved: 0 });

    const res = await api(`/campaigns/${id}/resend-unknown`, { method: "POST", key: s.users.sender.key });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "sending", round: 1, progress: { total: 6, sent: 4, failed: 0, unknown: 0 } });
    const second = await untilStatus(s, id, "sent");
    expect(second).toMatchObject({ round: 1, progress: { total: 6, sent: 6, failed: 0, unknown: 0 } });

    const got = perRecipient(await receivedFor(t));
    expect(Object.keys(got).sort()).toEqual(contacts.map((c) => c.email).sort());
    expect(Object.values(got)).toEqual([1, 1, 1, 1, 1, 1]);
    const statuses = await env.DB.prepare("SELECT status, COUNT(*) AS n FROM deliveries WHERE campaign_id = ? GROUP BY status").bind(id).all();
    expect(statuses.results).toEqual([{ status: "sent", n: 6 }]);

    // Each round has its own reservation, settled with its own acceptances.
    const ledger = ledgerStub(s.accountId);
    expect(await ledger.reservationState(`campaign:${id}`)).toEqual({ reserved: 0, debited: 4 });
    expect(await ledger.reservationState(`campaign:${id}:r1`)).toEqual({ reserved: 0, debited: 2 });
    expect(await emailBalance(s)).toEqual({ available: 94, reserved: 0 });

    // Nothing left to re-send; a repeat changes nothing.
    const again = await api(`/campaigns/${id}/resend-unknown`, { method: "POST", key });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: "nothing_to_resend" });
    expect(await emailBalance(s)).toEqual({ available: 94, reserved: 0 });
  });

  it("refuses a re-send the credit cannot cover, and leaves the campaign as it was", async () => {
    const s = await seedAccount({ email: 3 });
    const t = `rz${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 3);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    const lost = contacts[0]!;
    await env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, attempts, claimed_at) VALUES (?, ?, ?, 'sending', 1, ?)").bind(id, lost.id, lost.email, Date.now() - 11 * 60_000).run();
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
    await untilStatus(s, id, "sent");
    // Spend the refunded credit elsewhere: another holder takes it.
    expect((await api("/credits/allocations", { key, body: { userId: s.users.sender.id, channel: "email", amount: 1 } })).status).toBe(200);
    const res = await api(`/campaigns/${id}/resend-unknown`, { method: "POST", key });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "insufficient_credit" });
    expect(await (await api(`/campaigns/${id}`, { key })).json()).toMatchObject({ status: "sent", round: 0, progress: { sent: 2, failed: 1, unknown: 1 } });
    expect(await receivedFor(t)).toHaveLength(2);
  });
});
