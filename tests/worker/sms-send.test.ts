/**
 * The SMS send path end to end inside the Worker: POST /api/v1/sms checks and reserves, the
 * SMS_SENDS consumer sends through a fake provider (tests/worker/sms-provider.setup.ts) whose
 * answers each test scripts, and settles the message and the credit. Asserts the exact requests
 * the provider got (Kannel's sendsms parameters, our UDH per part), refusals naming the field,
 * retries with failover, timeouts, and that nothing is sent or charged twice.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { toBold } from "../../shared/sms/bold";
import { concatReference, splitSms } from "../../shared/sms/split";
import { localHookSecret, publicBase } from "../../workers/sms/connections-store";
import { api, errorOf, seedAccount } from "./helpers";
import { connection, deliver, message, mobile, requests, route, script, sendSms, settledBalance, smsBalance, untilStatus } from "./sms-send-helpers";

const e164 = (local: string) => `+51${local}`;
const percentOctets = (hex: string) => hex.replace(/(..)/g, "%$1");

describe("POST /sms through the deployment's default connection", () => {
  it("sends a GSM-7 text as one Kannel request and debits one credit", async () => {
    const s = await seedAccount();
    const to = mobile();
    const res = await sendSms(s, { to: `${to.slice(0, 3)} ${to.slice(3, 6)} ${to.slice(6)}`, text: "Hola Señor Pérez, su cita es el lunes" });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as { id: string };
    expect(queued).toEqual({ id: expect.stringMatching(/^sms_[A-Za-z0-9_-]+$/), to: e164(to), encoding: "GSM-7", segments: 1, status: "queued" });
    const m = await untilStatus(s, queued.id, "accepted");
    expect(m).toMatchObject({ to: e164(to), connectionId: "local", operator: null, error: null, parts: [{ part: 1, status: "accepted" }] });
    expect(m.sentAt).not.toBeNull();
    const got = await requests("local", e164(to));
    expect(got).toHaveLength(1);
    const secret = await localHookSecret(env as Env);
    expect(got[0]!.path).toBe("/cgi-bin/sendsms");
    expect(got[0]!.params).toEqual({
      username: "pregon",
      password: "local-secret",
      from: "PREGON",
      to: e164(to),
      text: "Hola Señor Pérez, su cita es el lunes",
      coding: "0",
      charset: "UTF-8",
      "dlr-mask": "31",
      "dlr-url": `${publicBase(env)}/hooks/sms/local/dlr?s=${secret}&msg=${queued.id}&part=1&type=%d&reply=%A&fid=%F&ts=%T`,
    });
    expect(await settledBalance(s)).toEqual({ available: 799, reserved: 0 });
  });

  it("sends UCS-2 text (accents, emoji) with coding=2", async () => {
    const s = await seedAccount();
    const to = mobile();
    const text = "Convocatoria pública 🎉 inscríbase hoy";
    const res = await sendSms(s, { to: e164(to), text });
    const queued = (await res.json()) as { id: string; encoding: string; segments: number };
    expect([res.status, queued.encoding, queued.segments]).toEqual([202, "UCS-2", 1]);
    await untilStatus(s, queued.id, "accepted");
    const [req] = await requests("local", e164(to));
    expect([req!.params.text, req!.params.coding, req!.params.charset, req!.params.udh]).toEqual([text, "2", "UTF-8", undefined]);
  });
});

describe("long text in parts", () => {
  it("sends bold text as parts with our UDH, never cutting a bold letter, and charges each part", async () => {
    const s = await seedAccount();
    const r = route("bold");
    const conn = await connection(s, { baseUrl: r.url, username: "agencia", password: "clave-ñ", sender: "MUNI" });
    const to = mobile();
    const text = `${toBold("Convocatoria CAS 2026")}: inscripciones abiertas hasta el viernes. ${toBold("Requisitos")} en la web de la municipalidad. Consultas al 01 411-7000.`;
    const res = await sendSms(s, { to, text, confirmMultipart: true });
    const queued = (await res.json()) as { id: string; segments: number; encoding: string };
    const expected = splitSms(text, { reference: concatReference(queued.id) });
    expect([res.status, queued.encoding, queued.segments]).toEqual([202, "UCS-2", expected.parts.length]);
    expect(expected.parts.length).toBe(3);
    const m = await untilStatus(s, queued.id, "accepted");
    expect(m.connectionId).toBe(conn.id);
    expect(m.parts).toEqual([1, 2, 3].map((part) => ({ part, status: "accepted" })));
    const got = await requests(r.name);
    expect(got).toHaveLength(3);
    got.forEach((req, i) => {
      const part = expected.parts[i]!;
      expect(req.params).toMatchObject({ username: "agencia", password: "clave-ñ", from: "MUNI", to: e164(to), text: part.text, coding: "2", charset: "UTF-8" });
      // The UDH travels as raw octets, each %-escaped: 05 00 03 <ref> 03 <seq>.
      expect(req.rawQuery).toContain(`&udh=${percentOctets(part.udhHex!)}&`);
      expect(part.udhHex).toBe(`050003${concatReference(queued.id).toString(16).toUpperCase().padStart(2, "0")}030${i + 1}`);
      expect(req.params["dlr-url"]).toContain(`&msg=${queued.id}&part=${i + 1}&`);
      expect(/[\uD800-\uDBFF]$/.test(req.params.text!)).toBe(false);
    });
    expect(got.map((q) => q.params.text).join("")).toBe(text);
    expect(await settledBalance(s)).toEqual({ available: 797, reserved: 0 });
  });
});

describe("refusals", () => {
  it("names `to` for landlines, foreign and invalid numbers", async () => {
    const s = await seedAccount();
    for (const [to, why] of [["(01) 411-7000", "is a landline, not a mobile number"], ["+1 202 555 0142", "is not a Peruvian number (+51)"], ["12345", "is not a valid phone number"]] as const) {
      const res = await sendSms(s, { to, text: "Hola" });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({ code: "invalid_field", field: "to", message: `to: ${to} ${why}` });
    }
    expect(await smsBalance(s)).toEqual({ available: 800, reserved: 0 });
  });

  it("refuses numbers that opted out: the contact's sms_status, or a suppressed phone (409)", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    const optedOut = mobile();
    const c = (await (await api("/contacts", { key: owner, body: { phone: optedOut, firstName: "Ana", consent: { sms: true } } })).json()) as { id: number };
    expect((await api(`/contacts/${c.id}`, { method: "PATCH", key: owner, body: { smsStatus: "unsubscribed" } })).status).toBe(200);
    const suppressed = mobile();
    expect((await api("/suppressions", { key: owner, body: { kind: "phone", value: e164(suppressed), reason: "pedido" } })).status).toBe(201);
    const a = await sendSms(s, { to: optedOut, text: "Hola" });
    expect([a.status, await errorOf(a)]).toEqual([409, { code: "opted_out", field: "to", message: `${e164(optedOut)} opted out of SMS: no SMS may be sent to it` }]);
    const b = await sendSms(s, { to: suppressed, text: "Hola" });
    expect([b.status, (await errorOf(b)).code]).toEqual([409, "opted_out"]);
    // By contact id too, whatever number is typed.
    const other = mobile();
    const d = await sendSms(s, { to: other, text: "Hola", contactId: c.id });
    expect([d.status, (await errorOf(d)).code]).toEqual([409, "opted_out"]);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM sms_messages WHERE account_id = ?").bind(s.accountId).first<number>("n");
    expect(n).toBe(0);
  });

  it("applies the account's segment policy and the 10-segment cap, naming `text`", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    const long = "x".repeat(161);
    const setPolicy = async (segmentPolicy: string) => expect((await api("/sms/settings", { method: "PUT", key: owner, body: { segmentPolicy } })).status).toBe(200);
    const attempt = async (body: Record<string, unknown>) => {
      const res = await sendSms(s, { to: mobile(), ...body });
      return res.status === 202 ? 202 : [res.status, await errorOf(res)];
    };
    // Default: confirm.
    expect(await attempt({ text: long })).toEqual([400, { code: "confirm_segments", field: "text", message: "text: is 2 segments: confirm sending more than one (confirmMultipart: true)" }]);
    expect(await attempt({ text: long, confirmMultipart: true })).toBe(202);
    await setPolicy("enforce");
    expect(await attempt({ text: long, confirmMultipart: true })).toEqual([400, { code: "single_segment_only", field: "text", message: "text: is 2 segments (GSM-7); this account sends single-segment messages only (160 characters)" }]);
    expect(await attempt({ text: "x".repeat(160) })).toBe(202);
    await setPolicy("allow");
    expect(await attempt({ text: long })).toBe(202);
    expect(await attempt({ text: "y".repeat(153 * 10 + 1) })).toEqual([400, { code: "too_many_segments", field: "text", message: "text: is 11 segments (GSM-7); at most 10 are allowed" }]);
    expect(await attempt({ text: "   " })).toEqual([400, { code: "empty_text", field: "text", message: "text: must not be empty" }]);
  });

  it("answers 409 insufficient_credit and leaves the balance as it was", async () => {
    const s = await seedAccount({ sms: 2 });
    await api("/sms/settings", { method: "PUT", key: s.users.owner.key, body: { segmentPolicy: "allow" } });
    const res = await sendSms(s, { to: mobile(), text: "z".repeat(400) });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: "insufficient_credit", message: "This SMS needs 3 credits; 2 available" });
    expect(await smsBalance(s)).toEqual({ available: 2, reserved: 0 });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sms_messages WHERE account_id = ?").bind(s.accountId).first<number>("n")).toBe(0);
  });
});

describe("provider faults", () => {
  it("fails a message the provider refuses (4xx) at once and gives the credit back", async () => {
    const s = await seedAccount();
    const r = route("refuse");
    await script(r.name, [{ status: 403, body: "Authorization failed for sendsms" }]);
    await connection(s, { name: "Operador A", baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    const m = await untilStatus(s, id, "failed");
    expect(m.error).toBe("Operador A: 403: Authorization failed for sendsms");
    expect(m.doneAt).not.toBeNull();
    expect(m.parts).toEqual([{ part: 1, status: "failed" }]);
    expect(await requests(r.name)).toHaveLength(1);
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
  });

  it("retries a 5xx on the same connection, then fails over to the next one", async () => {
    const s = await seedAccount();
    const [a, b] = [route("down"), route("backup")];
    await script(a.name, [], { status: 503, body: "Temporal failure, try again later" });
    await connection(s, { name: "Principal", baseUrl: a.url, priority: 0 });
    const backup = await connection(s, { name: "Respaldo", baseUrl: b.url, priority: 1 });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    const m = await untilStatus(s, id, "accepted");
    expect(m.connectionId).toBe(backup.id);
    expect([(await requests(a.name)).length, (await requests(b.name)).length]).toEqual([2, 1]);
    const row = await env.DB.prepare("SELECT attempts, error FROM sms_messages WHERE id = ?").bind(id).first<{ attempts: number; error: string | null }>();
    expect(row).toEqual({ attempts: 3, error: null });
    expect(await settledBalance(s)).toEqual({ available: 799, reserved: 0 });
  });

  it("treats a provider that does not answer as a fault: timeout, retry, failover", async () => {
    const s = await seedAccount();
    const [a, b] = [route("hang"), route("ok")];
    await script(a.name, [], { hang: true });
    await connection(s, { name: "Lento", baseUrl: a.url, priority: 0 });
    const ok = await connection(s, { name: "Rápido", baseUrl: b.url, priority: 1 });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    const m = await untilStatus(s, id, "accepted");
    expect(m.connectionId).toBe(ok.id);
    expect((await requests(a.name)).length).toBe(2);
  });

  it("fails with the last fault when every connection keeps failing, and releases the credit", async () => {
    const s = await seedAccount();
    const a = route("dead");
    await script(a.name, [], { status: 500, body: "boom" });
    await connection(s, { name: "Único", baseUrl: a.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    const m = await untilStatus(s, id, "failed");
    expect(m.error).toBe("Único: 500: boom (after 2 attempts)");
    expect((await requests(a.name)).length).toBe(2);
    expect(await settledBalance(s)).toEqual({ available: 800, reserved: 0 });
  });
});

describe("idempotence", () => {
  it("sends nothing twice when the Queue delivers a settled message again", async () => {
    const s = await seedAccount();
    const r = route("once");
    await connection(s, { baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    await untilStatus(s, id, "accepted");
    const result = await deliver([id]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await requests(r.name)).toHaveLength(1);
    expect((await message(s, id)).status).toBe("accepted");
    expect(await settledBalance(s)).toEqual({ available: 799, reserved: 0 });
  });

  it("never sends a row left `sending` (it may have gone out)", async () => {
    const s = await seedAccount();
    const r = route("claimed");
    await connection(s, { baseUrl: r.url });
    const id = `sms_claimed${Date.now()}`;
    await env.DB.prepare("INSERT INTO sms_messages (id, account_id, to_number, text, encoding, segments, status, attempts, created_at) VALUES (?, ?, ?, 'Hola', 'GSM-7', 1, 'sending', 1, ?)")
      .bind(id, s.accountId, e164(mobile()), Date.now())
      .run();
    await deliver([id]);
    expect(await requests(r.name)).toHaveLength(0);
    expect((await message(s, id)).status).toBe("sending");
  });
});
