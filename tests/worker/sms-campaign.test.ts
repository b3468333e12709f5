/**
 * SMS campaigns end to end inside the Worker: the campaigns API with `channel: "sms"`,
 * the real CampaignRunner (send-day cleaning, credit per group, pause when the credit runs out),
 * the real SMS consumer against the fake provider (tests/worker/sms-provider.setup.ts), short
 * links and their redirect. Asserts what the provider got per number, the credit per segment,
 * and that nothing is sent or charged twice.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, SELF, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../workers/index";
import type { EventsMessage } from "../../shared/events/types";
import { describe, expect, it } from "vitest";
import { analyse } from "../../shared/sms/encoding";
import { shortLinkBase } from "../../workers/sms/campaign-validate";
import { api, errorOf, ledgerStub, seedAccount } from "./helpers";
import { campaign, until, untilStatus } from "./send-helpers";
import { connection, deliver, mobile, requests, route, script, settledBalance } from "./sms-send-helpers";
import { campaignMessages, e164, smsAudience, smsCampaign, textsTo } from "./sms-campaign-helpers";

const base = () => shortLinkBase(env as Env);
const LINK = "https://www.gob.pe/convocatoria?año=2027";
const send = (s: { users: { owner: { key: string } } }, id: string) => api(`/campaigns/${id}/send`, { key: s.users.owner.key, method: "POST" });

describe("an SMS campaign through the runner and the SMS consumer", () => {
  it("sends each mobile recipient once, personalised, with their own short link, charges the rendered segments and drops the rest by reason", async () => {
    const s = await seedAccount();
    const long = "Maximiliano Alejandro Bartolomé";
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Ana" }, { firstName: long }, { firstName: "Sinfono", phone: null }, { firstName: "Fijo", phone: "(01) 411-7000" }, { firstName: "Baja" }, { firstName: "Suprimido" }]);
    const [ana, maxi, , , baja, suprimido] = contacts;
    await env.DB.prepare("UPDATE contacts SET sms_status = 'unsubscribed' WHERE id = ?").bind(baja!.id).run();
    await env.DB.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'phone', ?, 'manual', ?)").bind(s.accountId, suprimido!.phone, Date.now()).run();
    const filler = "Le recordamos que la convocatoria cierra pronto y debe presentar sus documentos a tiempo. Bases:";
    const id = await smsCampaign(s, listId, `Hola {{nombre}}. ${filler} ${LINK}`);
    const draft = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as { channel: string; text: string; subject: string };
    expect([draft.channel, draft.text, draft.subject]).toEqual(["sms", `Hola {{nombre}}. ${filler} ${LINK}`, ""]);

    expect((await send(s, id)).status).toBe(200);
    const done = await untilStatus(s, id, "sent");
    expect([done.progress.total, done.progress.sent, done.progress.failed]).toEqual([2, 2, 0]);
    const view = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as { dropped: unknown };
    expect(view.dropped).toEqual({ noPhone: 1, notMobile: 1, optedOut: 1, suppressed: 1 });

    const rows = await campaignMessages(id);
    expect(rows.map((r) => [r.contact_id, r.to_number, r.status])).toEqual([
      [ana!.id, ana!.phone, "accepted"],
      [maxi!.id, maxi!.phone, "accepted"],
    ]);
    const links = (await env.DB.prepare("SELECT code, message_id, contact_id, url FROM short_links WHERE campaign_id = ? ORDER BY contact_id").bind(id).all<{ code: string; message_id: string; contact_id: number; url: string }>()).results;
    expect(links.map((l) => [l.message_id, l.contact_id, l.url])).toEqual(rows.map((r) => [r.id, r.contact_id, LINK]));
    expect(links[0]!.code).not.toBe(links[1]!.code);
    const anaTexts = await textsTo(ana!.phone!);
    expect(anaTexts).toEqual([`Hola Ana. ${filler} ${base()}/s/${links[0]!.code}`]);
    // The long name makes Maxi's message two segments (two requests, one per part).
    const maxiReqs = await requests("local", maxi!.phone!);
    expect(maxiReqs).toHaveLength(2);
    expect(rows.map((r) => r.segments)).toEqual([analyse(anaTexts[0]!).segments, analyse(`Hola ${long}. ${filler} ${base()}/s/${links[1]!.code}`).segments]);
    expect(rows.map((r) => r.segments)).toEqual([1, 2]);
    expect(await settledBalance(s)).toEqual({ available: 800 - 3, reserved: 0 });

    // A redelivered Queue message finds nothing to claim: nothing is sent or charged again.
    const again = await deliver(rows.map((r) => r.id));
    expect(again.explicitAcks).toHaveLength(1);
    expect(await textsTo(ana!.phone!)).toHaveLength(1);
    expect(await requests("local", maxi!.phone!)).toHaveLength(2);
    expect(await settledBalance(s)).toEqual({ available: 797, reserved: 0 });
  });

  it("sends in groups while the credit lasts, pauses with credit_exhausted, and resumes after a grant", async () => {
    const s = await seedAccount({ sms: 3 });
    const { listId, contacts } = await smsAudience(s, [{ firstName: "A" }, { firstName: "B" }, { firstName: "C" }, { firstName: "D" }, { firstName: "E" }]);
    const id = await smsCampaign(s, listId, "Hola {{nombre}}, su trámite está listo.");
    expect((await send(s, id)).status).toBe(200);
    const paused = (await untilStatus(s, id, "paused")) as { pauseReason?: string };
    expect(paused.pauseReason).toBe("credit_exhausted");
    await until("three sent", async () => ((await campaignMessages(id)).filter((r) => r.status === "accepted").length === 3 ? true : undefined));
    const first = await campaignMessages(id);
    expect(first.map((r) => r.contact_id)).toEqual(contacts.slice(0, 3).map((c) => c.id));
    expect(await settledBalance(s)).toEqual({ available: 0, reserved: 0 });

    await ledgerStub(s.accountId).grant({ accountId: s.accountId, key: `topup:${id}`, channel: "sms", amount: 5, validDays: 365 });
    expect((await api(`/campaigns/${id}/resume`, { key: s.users.owner.key, method: "POST" })).status).toBe(200);
    const done = await untilStatus(s, id, "sent");
    expect([done.progress.total, done.progress.sent]).toEqual([5, 5]);
    for (const c of contacts) expect(await textsTo(c.phone!)).toEqual([`Hola ${c.firstName}, su trámite está listo.`]);
    expect(await settledBalance(s)).toEqual({ available: 3, reserved: 0 });
  });

  it("under the policy \"enforce\" fails, uncharged, a message a long name pushes past one segment", async () => {
    const s = await seedAccount();
    expect((await api("/sms/settings", { key: s.users.owner.key, method: "PUT", body: { segmentPolicy: "enforce" } })).status).toBe(200);
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Ana" }, { firstName: "Bartolome Maximiliano de la Santisima Trinidad" }]);
    const id = await smsCampaign(s, listId, `Estimado(a) {{nombre}}: ${"su solicitud fue registrada y sera atendida en breve. ".repeat(2)}Gracias.`);
    expect((await send(s, id)).status).toBe(200);
    const done = await untilStatus(s, id, "sent");
    expect([done.progress.total, done.progress.sent, done.progress.failed]).toEqual([2, 1, 1]);
    const rows = await env.DB.prepare("SELECT contact_id, status, error, segments FROM sms_messages WHERE campaign_id = ? ORDER BY contact_id").bind(id).all();
    expect(rows.results).toEqual([
      { contact_id: contacts[0]!.id, status: "accepted", error: null, segments: 1 },
      { contact_id: contacts[1]!.id, status: "failed", error: "2 segments: over the limit of 1", segments: 2 },
    ]);
    expect(await textsTo(contacts[1]!.phone!)).toEqual([]);
    expect(await settledBalance(s)).toEqual({ available: 799, reserved: 0 });
  });

  it("cancel stops the rest and gives back the credit not used", async () => {
    const s = await seedAccount();
    const r = route("cancel");
    // The account's own connection never answers: every attempt times out and waits for a retry.
    await script(r.name, [], { hang: true });
    await connection(s, { baseUrl: r.url });
    const { listId } = await smsAudience(s, [{ firstName: "A" }, { firstName: "B" }]);
    const id = await smsCampaign(s, listId, "Aviso importante para {{nombre}}");
    expect((await send(s, id)).status).toBe(200);
    await until("messages written", async () => ((await campaignMessages(id)).length === 2 ? true : undefined));
    expect((await api(`/campaigns/${id}/cancel`, { key: s.users.owner.key, method: "POST" })).status).toBe(200);
    await until("all cancelled", async () => ((await campaignMessages(id)).every((m) => m.status === "cancelled") ? true : undefined));
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
    expect((await campaign(s, id)).status).toBe("cancelled");
  });
});

describe("short links", () => {
  it("/s/:code redirects to the stored URL and queues a click for the contact; a forged code is a 404, never a redirect", async () => {
    const s = await seedAccount();
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Ana" }]);
    const id = await smsCampaign(s, listId, `Vea ${LINK} hoy`);
    expect((await send(s, id)).status).toBe(200);
    await untilStatus(s, id, "sent");
    const [text] = await textsTo(contacts[0]!.phone!);
    const short = /\/s\/([0-9A-Za-z]{10})/.exec(text!)![0];
    // The Worker's fetch with an EVENTS binding that records what is put on the Queue.
    const queued: EventsMessage[] = [];
    const events = { sendBatch: async (batch: { body: EventsMessage }[]) => void queued.push(...batch.map((b) => b.body)) };
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${base()}${short}`, { headers: { "User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile" } }), { ...(env as Env), EVENTS: events as unknown as Queue }, ctx);
    expect([res.status, res.headers.get("Location")]).toEqual([302, "https://www.gob.pe/convocatoria?a%C3%B1o=2027"]);
    await waitOnExecutionContext(ctx);
    expect(queued.flatMap((m) => m.events)).toEqual([expect.objectContaining({ kind: "click", campaignId: id, contactId: contacts[0]!.id, url: LINK })]);

    for (const forged of ["/s/AAAAAAAAAA", "/s/short", `/s/${encodeURIComponent("https://evil.example")}`]) {
      const bad = await SELF.fetch(`${base()}${forged}`, { redirect: "manual" });
      expect([bad.status, bad.headers.get("Location")]).toEqual([404, null]);
      expect(await bad.text()).toContain("Enlace no válido");
    }
  });
});

describe("saving an SMS campaign", () => {
  it("names the field at fault", async () => {
    const s = await seedAccount();
    const { listId } = await smsAudience(s, [{ firstName: "A", phone: mobile() }]);
    const audience = { listIds: [listId], segmentIds: [] };
    const create = (body: Record<string, unknown>) => api("/campaigns", { key: s.users.owner.key, body: { channel: "sms", name: "X", audience, ...body } });
    expect(await errorOf(await create({}))).toMatchObject({ field: "text" });
    expect(await errorOf(await create({ text: "   " }))).toMatchObject({ code: "invalid_field", field: "text" });
    expect(await errorOf(await create({ text: "Hola {{apodo}}" }))).toMatchObject({ code: "unknown_merge_field", field: "text" });
    expect(await errorOf(await create({ text: "Hola", subject: "x" }))).toMatchObject({ code: "unknown_field", field: "subject" });
    expect(await errorOf(await create({ text: "x".repeat(200) }))).toMatchObject({ code: "confirm_segments", field: "text" });
    expect((await api("/sms/settings", { key: s.users.owner.key, method: "PUT", body: { segmentPolicy: "enforce" } })).status).toBe(200);
    expect(await errorOf(await create({ text: "x".repeat(200), confirmMultipart: true }))).toMatchObject({ code: "single_segment_only", field: "text" });
    expect(await errorOf(await create({ text: "Hola", audience: { listIds: [], segmentIds: [] } }))).toMatchObject({ field: "audience" });
    // Email campaigns are unchanged: without a channel the email fields are required.
    expect(await errorOf(await api("/campaigns", { key: s.users.owner.key, body: { name: "X", audience } }))).toMatchObject({ field: "subject" });

    const ok = await create({ text: "Hola {{nombre}}" });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const patch = (body: Record<string, unknown>) => api(`/campaigns/${id}`, { key: s.users.owner.key, method: "PATCH", body });
    expect(await errorOf(await patch({ subject: "Asunto" }))).toMatchObject({ code: "invalid_field", field: "subject" });
    const edited = await patch({ text: "Hola {{nombre}}, nuevo aviso" });
    expect([edited.status, ((await edited.json()) as { text: string }).text]).toEqual([200, "Hola {{nombre}}, nuevo aviso"]);
  });

  it("refuses to schedule when nobody has a Peruvian mobile", async () => {
    const s = await seedAccount();
    const { listId } = await smsAudience(s, [{ firstName: "Fijo", phone: "(01) 411-7000" }]);
    const id = await smsCampaign(s, listId, "Hola");
    expect(await errorOf(await send(s, id))).toMatchObject({ code: "empty_audience", field: "audience" });
  });
});
