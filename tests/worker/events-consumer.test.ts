// The events Queue consumer: idempotent writes, first open and click, machine events apart,
// hourly buckets per dimension, unsubscribes with consent proof, and a failed write retried whole.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliver, ev, eventsOf, sentCampaign } from "./tracking-helpers";

const HOUR = 3_600_000;
const buckets = (campaignId: string, dim = "all") =>
  env.DB.prepare("SELECT kind, machine, value, n, u FROM event_buckets WHERE campaign_id = ? AND dim = ? ORDER BY kind, machine, value").bind(campaignId, dim).all().then((r) => r.results);
const delivery = (campaignId: string, contactId: number) =>
  env.DB.prepare("SELECT opened_at, clicked_at FROM deliveries WHERE campaign_id = ? AND contact_id = ?").bind(campaignId, contactId).first<{ opened_at: number | null; clicked_at: number | null }>();

describe("events consumer", () => {
  it("records first open and click, engagement times, and counts a redelivery once", async () => {
    const s = await sentCampaign(["ana@gmail.com", "beto@empresa.pe"]);
    const t = s.sentAt + HOUR; // the next hour, exactly on its start
    const events = [
      ev(s, 0, "open", { at: t + 5_000 }),
      ev(s, 0, "open", { at: t + 1_000 }),
      ev(s, 0, "click", { at: t + 9_000, url: "https://tienda.pe/oferta" }),
      ev(s, 1, "open", { at: t + 2_000 }),
      ev(s, 0, "open", { contactId: 0 }), // a test send: never recorded
    ];
    const first = await deliver([{ id: "m1", events }]);
    expect(first.ackAll).toBe(true);
    // The same message again, and the same events in another message: nothing changes.
    expect((await deliver([{ id: "m1", events }])).ackAll).toBe(true);
    expect((await deliver([{ id: "m2", events: events.slice(0, 2) }])).ackAll).toBe(true);

    expect(await eventsOf(s.campaignId)).toHaveLength(4);
    expect(await delivery(s.campaignId, s.contacts[0]!.id)).toEqual({ opened_at: t + 1_000, clicked_at: t + 9_000 });
    const contact = await env.DB.prepare("SELECT last_open_at, last_click_at FROM contacts WHERE id = ?").bind(s.contacts[0]!.id).first();
    expect(contact).toEqual({ last_open_at: t + 5_000, last_click_at: t + 9_000 });
    expect(await buckets(s.campaignId)).toEqual([
      { kind: "click", machine: 0, value: "", n: 1, u: 1 },
      { kind: "open", machine: 0, value: "", n: 3, u: 2 },
    ]);
    expect(await buckets(s.campaignId, "link")).toEqual([{ kind: "click", machine: 0, value: "https://tienda.pe/oferta", n: 1, u: 1 }]);
    expect(await buckets(s.campaignId, "provider")).toEqual([
      { kind: "click", machine: 0, value: "gmail", n: 1, u: 1 },
      { kind: "open", machine: 0, value: "gmail", n: 2, u: 1 },
      { kind: "open", machine: 0, value: "other", n: 1, u: 1 },
    ]);
    expect(await buckets(s.campaignId, "device")).toEqual([
      { kind: "click", machine: 0, value: "desktop", n: 1, u: 1 },
      { kind: "open", machine: 0, value: "desktop", n: 3, u: 2 },
    ]);
    const hours = await env.DB.prepare("SELECT DISTINCT hour FROM event_buckets WHERE campaign_id = ?").bind(s.campaignId).all();
    expect(hours.results).toEqual([{ hour: Math.floor(t / HOUR) * HOUR }]);
  });

  it("a later open is not unique again; machine opens and clicks are counted apart with their rule", async () => {
    const s = await sentCampaign(["carla@yahoo.com"]);
    const id = s.contacts[0]!.id;
    await deliver([{ id: "a", events: [ev(s, 0, "open", { at: s.sentAt + 60_000, userAgent: "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html" })] }]);
    await deliver([{ id: "b", events: [ev(s, 0, "click", { at: s.sentAt + 3_000, url: "https://tienda.pe/oferta" }), ev(s, 0, "click", { at: s.sentAt + 30_000, url: "https://tienda.pe/oferta" })] }]);
    await deliver([{ id: "c", events: [ev(s, 0, "open", { at: s.sentAt + 200_000 })] }]);
    await deliver([{ id: "d", events: [ev(s, 0, "open", { at: s.sentAt + 300_000 })] }]);
    expect((await eventsOf(s.campaignId)).map((e) => [e.kind, e.machine, e.first])).toEqual([
      ["click", "scanner_fast_click", 0],
      ["click", "scanner_click_before_open", 0],
      ["open", "yahoo_image_proxy", 0],
      ["open", null, 1],
      ["open", null, 0],
    ]);
    expect(await delivery(s.campaignId, id)).toEqual({ opened_at: s.sentAt + 200_000, clicked_at: null });
    expect(await buckets(s.campaignId)).toEqual([
      { kind: "click", machine: 1, value: "", n: 2, u: 0 },
      { kind: "open", machine: 0, value: "", n: 2, u: 1 },
      { kind: "open", machine: 1, value: "", n: 1, u: 0 },
    ]);
  });

  it("an unsubscribe from every communication revokes consent once; a replay changes nothing", async () => {
    const s = await sentCampaign(["dora@empresa.pe"]);
    const id = s.contacts[0]!.id;
    await deliver([{ id: "u1", events: [ev(s, 0, "unsubscribe", { detail: "all", ipHash: "abc", userAgent: "Firefox" })] }]);
    await deliver([{ id: "u2", events: [ev(s, 0, "unsubscribe", { detail: "all", at: s.sentAt + 700_000 })] }]);
    const c = await env.DB.prepare("SELECT email_status FROM contacts WHERE id = ?").bind(id).first<string>("email_status");
    expect(c).toBe("unsubscribed");
    const consents = await env.DB.prepare("SELECT channel, action, source, proof FROM consents WHERE contact_id = ?").bind(id).all<{ proof: string }>();
    expect(consents.results).toHaveLength(1);
    expect({ ...consents.results[0], proof: JSON.parse(consents.results[0]!.proof) }).toMatchObject({ channel: "email", action: "revoked", source: "unsubscribe", proof: { campaignId: s.campaignId, scope: "all", ipHash: "abc", userAgent: "Firefox" } });
    expect((await eventsOf(s.campaignId)).map((e) => e.first)).toEqual([1, 0]);
    expect(await buckets(s.campaignId)).toEqual([{ kind: "unsubscribe", machine: 0, value: "", n: 2, u: 1 }]);
  });

  it("an unsubscribe from this list only leaves the contact subscribed elsewhere", async () => {
    const s = await sentCampaign(["eva@empresa.pe"]);
    const id = s.contacts[0]!.id;
    await deliver([{ id: "l1", events: [ev(s, 0, "unsubscribe", { detail: "list" })] }]);
    expect(await env.DB.prepare("SELECT email_status FROM contacts WHERE id = ?").bind(id).first("email_status")).toBe("subscribed");
    expect(await env.DB.prepare("SELECT status FROM list_members WHERE list_id = ? AND contact_id = ?").bind(s.listId, id).first("status")).toBe("unsubscribed");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM consents WHERE contact_id = ?").bind(id).first("n")).toBe(1);
  });

  it("sent events are counted per provider; a failed write retries the whole batch and loses nothing", async () => {
    const s = await sentCampaign(["f@gmail.com", "g@hotmail.com"]);
    const sent = s.contacts.map((_, i) => ev(s, i, "sent", { id: `sent:${s.campaignId}:${s.contacts[i]!.id}:0`, at: s.sentAt, userAgent: undefined }));
    await env.DB.exec("ALTER TABLE event_buckets RENAME TO event_buckets_away");
    let failed;
    try {
      failed = await deliver([{ id: "s1", events: sent }]);
    } finally {
      await env.DB.exec("ALTER TABLE event_buckets_away RENAME TO event_buckets");
    }
    expect(failed.retryBatch.retry).toBe(true);
    expect(await eventsOf(s.campaignId)).toHaveLength(0);
    expect((await deliver([{ id: "s1", events: sent }], 2)).ackAll).toBe(true);
    expect(await buckets(s.campaignId, "provider")).toEqual([
      { kind: "sent", machine: 0, value: "gmail", n: 1, u: 1 },
      { kind: "sent", machine: 0, value: "outlook", n: 1, u: 1 },
    ]);
  });

  it("ignores malformed messages and events of unknown deliveries", async () => {
    const s = await sentCampaign(["h@empresa.pe"]);
    const r = await deliver([{ id: "x", events: [ev(s, 0, "open", { campaignId: "cmp_none" }), { nonsense: true } as never] }]);
    expect(r.ackAll).toBe(true);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM events WHERE campaign_id = 'cmp_none'").first("n")).toBe(0);
  });
});
