/**
 * Scheduling an SMS campaign (S6) through the same schedule endpoint and CampaignRunner alarm as
 * email: nothing goes before the time, everything at it (the alarm is run by hand: the runner
 * does what its alarm says whenever it rings), and a cancelled schedule sends nothing and holds
 * no credit.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, seedAccount } from "./helpers";
import { runnerOf, untilStatus } from "./send-helpers";
import { settledBalance } from "./sms-send-helpers";
import { campaignMessages, smsAudience, smsCampaign, textsTo } from "./sms-campaign-helpers";

describe("scheduled SMS campaigns", () => {
  it("wait for their time in Lima, then send to everyone once", async () => {
    const s = await seedAccount();
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Rosa" }, { firstName: "Luis" }]);
    const id = await smsCampaign(s, listId, "Hola {{nombre}}, su cita es mañana.");
    const sched = await api(`/campaigns/${id}/schedule`, { key: s.users.owner.key, body: { at: "2035-03-10T08:15" } });
    expect(sched.status).toBe(200);
    expect(await sched.json()).toMatchObject({ status: "scheduled", scheduledAt: "2035-03-10T13:15:00.000Z", timezone: "America/Lima" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await campaignMessages(id)).toEqual([]);
    expect(await textsTo(contacts[0]!.phone!)).toEqual([]);

    // The alarm rings (as it would on 10 March 2035 at 08:15 in Lima).
    expect(await runDurableObjectAlarm(runnerOf(id))).toBe(true);
    const done = await untilStatus(s, id, "sent");
    expect([done.progress.total, done.progress.sent]).toEqual([2, 2]);
    expect((await campaignMessages(id)).map((m) => m.status)).toEqual(["accepted", "accepted"]);
    expect(await textsTo(contacts[0]!.phone!)).toEqual(["Hola Rosa, su cita es mañana."]);
    expect(await textsTo(contacts[1]!.phone!)).toEqual(["Hola Luis, su cita es mañana."]);
    expect(await settledBalance(s)).toEqual({ available: 800 - 2, reserved: 0 });
  });

  it("send nothing and hold no credit once cancelled", async () => {
    const s = await seedAccount();
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Ana" }]);
    const id = await smsCampaign(s, listId, "Hola {{nombre}}");
    expect((await api(`/campaigns/${id}/schedule`, { key: s.users.owner.key, body: { at: "2035-03-10T08:15" } })).status).toBe(200);
    expect((await api(`/campaigns/${id}/cancel`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    await runDurableObjectAlarm(runnerOf(id));
    await new Promise((r) => setTimeout(r, 500));
    expect(await campaignMessages(id)).toEqual([]);
    expect(await textsTo(contacts[0]!.phone!)).toEqual([]);
    expect(((await (await api(`/campaigns/${id}`, { key: s.users.owner.key })).json()) as { status: string }).status).toBe("cancelled");
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
  });
});
