// Incoming SMS (MO) through /hooks/sms/:connectionId/mo: Kannel's get-url format (GSM, UCS-2
// recoded to UTF-8, and raw UTF-16BE), Jasmin's form and the JSON provider, the secret, bad
// input, provider retries stored once, opt-out words (Ley 32323) and custom keywords.
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../shared/sms/keyword-webhook";
import { localHookSecret } from "../../workers/sms/connections-store";
import { optOutConfirmation } from "../../shared/sms/optout-reply";
import { api, errorOf, seedAccount } from "./helpers";
import { addConnection, addContact, addOutbound, inboundOf, kannelMo, mobile, outboundOf, smsBalance } from "./sms-inbound-helpers";

/** UTF-16BE octets of `s` in hex (how UCS-2 text travels without Kannel's mo-recode, and in Jasmin's `binary`). */
const utf16Hex = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, "0")).join("");
const percentOctets = (hex: string) => hex.replace(/../g, (b) => `%${b.toUpperCase()}`);

describe("the MO hook, Kannel's get-url", () => {
  it("stores a GSM reply once, in E.164, matched to the contact with that phone", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    const contactId = await addContact(s, from, { firstName: "Rosa" });
    const res = await kannelMo(conn, { from: from.slice(1), text: "Gracias, ahi estare" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const id = res.headers.get("X-Pregon-Inbound");
    expect(id).toMatch(/^mo_[0-9a-f]{32}$/);
    expect(await inboundOf(s.accountId, from)).toEqual([
      { id, connection_id: conn.id, from_number: from, to_number: "PREGON", text: "Gracias, ahi estare", contact_id: contactId, keyword: null, action: null, read: 0 },
    ]);
  });

  it("keeps accents and emoji of a UCS-2 reply, recoded to UTF-8 by Kannel or sent as UTF-16BE octets", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const text = "Sí, gracias 😀 ¿a qué hora es la cita?";
    const a = mobile();
    const b = mobile();
    expect((await kannelMo(conn, { from: a.slice(1), text, coding: "2" })).status).toBe(200);
    expect((await kannelMo(conn, { from: b.slice(1), text, coding: "2", charset: "UTF-16BE", rawText: percentOctets(utf16Hex(text)) })).status).toBe(200);
    expect((await inboundOf(s.accountId, a)).map((r) => r.text)).toEqual([text]);
    expect((await inboundOf(s.accountId, b)).map((r) => r.text)).toEqual([text]);
  });

  it("stores a provider's retry of the same MO once, and the same words sent again later as a new message", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    const first = await kannelMo(conn, { from, text: "Si", ts: "2026-11-29 15:00:00" });
    const retry = await kannelMo(conn, { from, text: "Si", ts: "2026-11-29 15:00:00" });
    const later = await kannelMo(conn, { from, text: "Si", ts: "2026-11-29 15:07:41" });
    expect([first.status, retry.status, later.status]).toEqual([200, 200, 200]);
    expect(retry.headers.get("X-Pregon-Inbound")).toBe(first.headers.get("X-Pregon-Inbound"));
    expect(later.headers.get("X-Pregon-Inbound")).not.toBe(first.headers.get("X-Pregon-Inbound"));
    expect((await inboundOf(s.accountId, from)).length).toBe(2);
  });

  it("answers 403 to a wrong, missing or other connection's secret and to an unknown connection, storing nothing", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const other = await addConnection(s.accountId);
    const from = mobile();
    for (const res of [
      await kannelMo(conn, { from, text: "Hola" }, "wrong"),
      await kannelMo(conn, { from, text: "Hola" }, null),
      await kannelMo(conn, { from, text: "Hola" }, other.secret),
      await kannelMo({ id: "smsc_nobody", secret: conn.secret }, { from, text: "Hola" }),
    ]) {
      expect(res.status).toBe(403);
      expect(await errorOf(res)).toEqual({ code: "forbidden", message: "Unknown connection or wrong secret" });
    }
    expect(await inboundOf(s.accountId, from)).toEqual([]);
  });

  it("answers 400 naming the field to a malformed MO", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const hook = (query: string) => SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/mo?s=${conn.secret}&${query}`);
    const cases: Array<[string, string, string]> = [
      ["to=PREGON&text=Hola", "from", "from: is missing"],
      ["from=PREGON&text=Hola", "from", 'from: "PREGON" is not a phone number'],
      ["from=51987000001&to=PREGON", "text", "text: is missing"],
      ["from=51987000001&text=+++", "text", "text: must not be empty"],
      ["from=51987000001&text=Hola&charset=EBCDIC", "charset", 'charset: "EBCDIC" is not one we can decode (UTF-8, UTF-16BE, UCS-2, ISO-8859-1, WINDOWS-1252)'],
    ];
    for (const [query, field, message] of cases) {
      const res = await hook(query);
      expect(res.status, query).toBe(400);
      expect(await errorOf(res)).toEqual({ code: "invalid_field", field, message });
    }
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM sms_inbound WHERE connection_id = ?").bind(conn.id).first<number>("n"))).toBe(0);
  });
});

describe("the deployment's local connection", () => {
  // The secret of /hooks/sms/local/…: SMS_HOOK_SECRET is unset in these tests, so it derives from LINK_SECRET (vitest.config.ts).
  const local = async () => ({ id: "local", secret: await localHookSecret({ LINK_SECRET: "test-link-secret" }) });

  it("gives an MO to the account that last sent to the number, else the one with that contact, never one with its own connection", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    const own = await seedAccount();
    await addConnection(own.accountId);
    const [p, q, r] = [mobile(), mobile(), mobile()];
    await addContact(b, p);
    await addContact(b, q);
    await addOutbound(a.accountId, q, "Aviso", Date.now() - 60_000);
    await addOutbound(own.accountId, r, "Aviso", Date.now());
    await addOutbound(a.accountId, r, "Aviso", Date.now() - 3_600_000);
    for (const from of [p, q, r]) expect((await kannelMo(await local(), { from: from.slice(1), text: "Hola" })).status).toBe(200);
    expect((await inboundOf(b.accountId, p)).map((i) => i.connection_id)).toEqual(["local"]);
    expect(await inboundOf(a.accountId, p)).toEqual([]);
    expect((await inboundOf(a.accountId, q)).length).toBe(1); // sent to it: wins over b's contact
    expect(await inboundOf(b.accountId, q)).toEqual([]);
    expect((await inboundOf(a.accountId, r)).length).toBe(1); // `own` sent later, but through its own connection
    expect(await inboundOf(own.accountId, r)).toEqual([]);
  });

  it("answers 403 to a wrong secret on the local hook", async () => {
    const res = await kannelMo({ id: "local", secret: "x" }, { from: mobile(), text: "Hola" });
    expect(res.status).toBe(403);
  });
});

describe("other providers' MO", () => {
  it("takes Jasmin's form post (UCS-2 from its binary octets) and answers ACK/Jasmin", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId, "jasmin");
    const from = mobile();
    const body = new URLSearchParams({ id: "b6c3f0e2", from: from.slice(1), to: "2020", "origin-connector": "smsc-claro", coding: "8", content: "?", binary: utf16Hex("Sí, confirmo 👍") });
    const post = () => SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/mo?s=${conn.secret}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    const res = await post();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ACK/Jasmin");
    expect((await post()).status).toBe(200); // Jasmin posts again when unsure: stored once
    expect((await inboundOf(s.accountId, from)).map((r) => [r.text, r.to_number])).toEqual([["Sí, confirmo 👍", "2020"]]);
  });

  it("takes the generic JSON provider's post and says whether it was a duplicate", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId, "http-json");
    const from = mobile();
    const post = (body: unknown) => SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/mo?s=${conn.secret}`, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
    const first = (await (await post({ id: "gw-77", from, text: "Hola" })).json()) as { ok: boolean; id: string; duplicate: boolean };
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(await (await post({ id: "gw-77", from, text: "Hola" })).json()).toEqual({ ok: true, id: first.id, duplicate: true });
    const bad = await post({ id: 5, from, text: "Hola" });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ field: "id" });
  });
});

describe("opt-out words (Ley 32323)", () => {
  it.each(["BAJA", "baja.", "Stop"])("%s opts the sender out at once, with consent revoked, the phone suppressed and one free confirmation even if delivered twice", async (word) => {
    const s = await seedAccount();
    await env.DB.prepare("UPDATE accounts SET name = 'Municipalidad de Miraflores' WHERE id = ?").bind(s.accountId).run();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    const contactId = await addContact(s, from, { firstName: "Luis" });
    const before = await smsBalance(s);
    const first = await kannelMo(conn, { from: from.slice(1), text: word, ts: "2026-11-29 16:00:00" });
    const again = await kannelMo(conn, { from: from.slice(1), text: word, ts: "2026-11-29 16:00:00" });
    expect([first.status, again.status]).toEqual([200, 200]);
    const inboundId = first.headers.get("X-Pregon-Inbound")!;
    const keyword = word.replace(/\W/g, "").toUpperCase();
    expect(await inboundOf(s.accountId, from)).toMatchObject([{ id: inboundId, keyword, action: "optout", contact_id: contactId }]);

    const contact = (await (await api(`/contacts/${contactId}`, { key: s.users.owner.key })).json()) as { smsStatus: string; emailStatus: string; consents: Array<{ channel: string; action: string; source: string; proof: Record<string, unknown> }> };
    expect(contact.smsStatus).toBe("unsubscribed");
    expect(contact.consents.filter((c) => c.action === "revoked")).toEqual([{ channel: "sms", action: "revoked", source: "sms", at: expect.any(String), proof: { inboundId, keyword, number: from } }]);
    const suppression = await env.DB.prepare("SELECT reason FROM suppressions WHERE account_id = ? AND kind = 'phone' AND value = ?").bind(s.accountId, from).first<string>("reason");
    expect(suppression).toBe("sms_optout");

    const text = optOutConfirmation("Municipalidad de Miraflores");
    expect(text).toBe("Has sido dado de baja de los mensajes de Municipalidad de Miraflores. No recibiras mas SMS.");
    expect(await outboundOf(s.accountId, from)).toEqual([{ id: expect.any(String), contact_id: contactId, text, encoding: "GSM-7", segments: 1, sent_by: null, reservation_id: null }]);
    expect(await smsBalance(s)).toEqual(before);

    // Anything sent to the number now is refused.
    const send = await api(`/sms/inbox/${encodeURIComponent(from)}/reply`, { key: s.users.owner.key, body: { text: "¿Seguro?" } });
    expect(send.status).toBe(409);
  });

  it("opts out a number that is no contact (suppression only) and leaves a plain 'no' in the inbox", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const stranger = mobile();
    const other = mobile();
    await kannelMo(conn, { from: stranger, text: "ALTO por favor" });
    await kannelMo(conn, { from: other, text: "No, gracias" });
    expect(await inboundOf(s.accountId, stranger)).toMatchObject([{ keyword: "ALTO", action: "optout", contact_id: null }]);
    expect(await inboundOf(s.accountId, other)).toMatchObject([{ keyword: null, action: null }]);
    const suppressed = await env.DB.prepare("SELECT value FROM suppressions WHERE account_id = ? AND kind = 'phone' ORDER BY value").bind(s.accountId).all<{ value: string }>();
    expect(suppressed.results.map((r) => r.value)).toEqual([stranger]);
    expect((await outboundOf(s.accountId, stranger)).map((m) => m.reservation_id)).toEqual([null]);
    expect(await outboundOf(s.accountId, other)).toEqual([]);
  });
});

describe("custom keywords", () => {
  it("reply, tag and a signed webhook fire once for the first word, without accents or case", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    const contactId = await addContact(s, from, { firstName: "Ana" });
    const hookPath = `/kw/${crypto.randomUUID()}`;
    const created = await api("/sms/keywords", { key: s.users.admin.key, body: { keyword: "Cita", actions: { reply: "Su cita es el lunes 2 a las 9:00.", tag: "Citas SMS", webhookUrl: `${env.TEST_WEBHOOK_URL}${hookPath}` } } });
    expect(created.status).toBe(201);
    const kw = (await created.json()) as { id: string; keyword: string; webhookSecret: string };
    expect(kw.keyword).toBe("CITA");
    expect(kw.webhookSecret).toMatch(/^whsec_[0-9a-f]{43}$/);
    const before = await smsBalance(s);

    const mo = { from: from.slice(1), text: "cíta mañana?", coding: "2", ts: "2026-11-29 17:00:00" };
    const res = await kannelMo(conn, mo);
    await kannelMo(conn, mo);
    expect(await inboundOf(s.accountId, from)).toMatchObject([{ keyword: "CITA", action: "keyword", text: "cíta mañana?" }]);
    const replies = await outboundOf(s.accountId, from);
    expect(replies).toMatchObject([{ text: "Su cita es el lunes 2 a las 9:00.", contact_id: contactId, segments: 1, reservation_id: expect.any(String) }]);
    expect(await smsBalance(s)).toEqual({ available: before.available - 1, reserved: before.reserved + 1 });

    const members = await env.DB.prepare("SELECT l.name, m.contact_id, m.status FROM lists l JOIN list_members m ON m.list_id = l.id WHERE l.account_id = ?").bind(s.accountId).all();
    expect(members.results).toEqual([{ name: "Citas SMS", contact_id: contactId, status: "subscribed" }]);

    let calls: Array<{ headers: Record<string, string>; body: string }> = [];
    await expect
      .poll(async () => (calls = ((await (await fetch(`${env.TEST_WEBHOOK_URL}/calls?path=${encodeURIComponent(hookPath)}`)).json()) as { calls: typeof calls }).calls).length, { timeout: 5000 })
      .toBe(1);
    const call = calls[0]!;
    expect(call.headers["content-type"]).toBe("application/json");
    expect(await verifyWebhook(kw.webhookSecret, call.body, call.headers["x-pregon-signature"]!, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await verifyWebhook(kw.webhookSecret, call.body.replace("CITA", "CITO"), call.headers["x-pregon-signature"]!, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(call.body)).toEqual({ event: "sms.keyword", keyword: "CITA", inboundId: res.headers.get("X-Pregon-Inbound"), from, to: "PREGON", text: "cíta mañana?", contactId, receivedAt: expect.any(String) });
  });

  it("opt-out wins over a keyword, and a word inside another word is no keyword", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    await api("/sms/keywords", { key: s.users.owner.key, body: { keyword: "INFO", actions: { reply: "Horario: 8 a 17 h." } } });
    const a = mobile();
    const b = mobile();
    await kannelMo(conn, { from: a, text: "Informacion por favor" });
    await kannelMo(conn, { from: b, text: "Stop info" });
    expect(await inboundOf(s.accountId, a)).toMatchObject([{ keyword: null, action: null }]);
    expect(await outboundOf(s.accountId, a)).toEqual([]);
    expect(await inboundOf(s.accountId, b)).toMatchObject([{ keyword: "STOP", action: "optout" }]);
    expect((await outboundOf(s.accountId, b)).map((m) => m.text)).toEqual([optOutConfirmation("Test")]);
  });
});
