// Incoming SMS parsing (Kannel's get-url in every charset, Jasmin's form, our JSON), the retry
// key, the opt-out confirmation, keyword webhook signatures, and the inbox cursor and thread merge.
import { describe, expect, it } from "vitest";
import { inboundKey, parseJasminMo, parseJsonMo, parseKannelMo, senderNumber } from "../../shared/sms/inbound";
import { optOutConfirmation } from "../../shared/sms/optout-reply";
import { keywordWebhookSecret, signWebhook, verifyWebhook } from "../../shared/sms/keyword-webhook";
import { decodeThreadCursor, encodeThreadCursor, mergeThread } from "../../shared/sms/inbox";
import { analyse } from "../../shared/sms/encoding";
import { hookSecret } from "../../dev/services/sms-carrier.mjs";
import { localHookSecret } from "../../workers/sms/connections-store";

const utf16 = (s: string) => Array.from({ length: s.length }, (_, i) => `%${(s.charCodeAt(i) >> 8).toString(16).padStart(2, "0")}%${(s.charCodeAt(i) & 255).toString(16).padStart(2, "0")}`).join("");

describe("senderNumber", () => {
  it.each([
    ["51987654321", "+51987654321"],
    ["+51 987 654 321", "+51987654321"],
    ["0051987654321", "+51987654321"],
    ["987654321", "+51987654321"],
    ["12025550142", "+12025550142"],
    ["0012025550142", "+12025550142"],
    ["014117000", "+5114117000"],
  ])("%s → %s", (raw, e164) => expect(senderNumber(raw)).toBe(e164));
  it.each(["PREGON", "", "12", "9".repeat(40)])("%j is no number", (raw) => expect(senderNumber(raw)).toBeNull());
});

describe("parseKannelMo", () => {
  it("reads the get-url query, form-encoded", () => {
    expect(parseKannelMo("from=51987654321&to=PREGON&text=Hola+%C2%BFqu%C3%A9+tal%3F&coding=0&charset=UTF-8&smsc=sim&ts=2026-11-29+15%3A04%3A05&udh=")).toEqual({
      ok: true,
      sms: { from: "+51987654321", to: "PREGON", text: "Hola ¿qué tal?", providerId: null, providerTs: "2026-11-29 15:04:05" },
    });
  });

  it("decodes UTF-16BE (Kannel without mo-recode), astral characters included, and Latin-1", () => {
    const text = "Sí 𝐁𝐢𝐞𝐧 👍";
    expect(parseKannelMo(`from=51987654321&text=${utf16(text)}&coding=2&charset=UTF-16BE`)).toMatchObject({ ok: true, sms: { text } });
    expect(parseKannelMo("from=51987654321&text=Ma%F1ana+s%ED&charset=ISO-8859-1")).toMatchObject({ ok: true, sms: { text: "Mañana sí" } });
  });

  it("names the field at fault", () => {
    expect(parseKannelMo("to=PREGON&text=Hola")).toEqual({ ok: false, field: "from", reason: "is missing" });
    expect(parseKannelMo("from=Juan&text=Hola")).toEqual({ ok: false, field: "from", reason: '"Juan" is not a phone number' });
    expect(parseKannelMo("from=51987654321")).toEqual({ ok: false, field: "text", reason: "is missing" });
    expect(parseKannelMo("from=51987654321&text=")).toEqual({ ok: false, field: "text", reason: "must not be empty" });
    expect(parseKannelMo(`from=51987654321&text=${"a".repeat(2001)}`)).toEqual({ ok: false, field: "text", reason: "must be at most 2000 characters" });
    expect(parseKannelMo("from=51987654321&text=x&charset=KOI8-R")).toMatchObject({ ok: false, field: "charset" });
  });
});

describe("parseJasminMo and parseJsonMo", () => {
  it("takes Jasmin's content, or its binary octets for UCS-2 (coding 8) and Latin-1 (coding 3)", () => {
    const form = (o: Record<string, string>) => new URLSearchParams(o);
    expect(parseJasminMo(form({ id: "a1", from: "51987654321", to: "2020", coding: "0", content: "BAJA" }))).toEqual({ ok: true, sms: { from: "+51987654321", to: "2020", text: "BAJA", providerId: "a1", providerTs: null } });
    expect(parseJasminMo(form({ id: "a2", from: "51987654321", coding: "8", content: "?", binary: "00530069002000f3" }))).toMatchObject({ ok: true, sms: { text: "Si ó" } });
    expect(parseJasminMo(form({ id: "a3", from: "51987654321", coding: "3", content: "?", binary: "f1" }))).toMatchObject({ ok: true, sms: { text: "ñ" } });
    expect(parseJasminMo(form({ from: "51987654321", coding: "8", binary: "zz" }))).toEqual({ ok: false, field: "binary", reason: "must be hexadecimal octets" });
  });

  it("takes our JSON shape and refuses others", () => {
    expect(parseJsonMo({ id: "gw-1", from: "+51987654321", to: "PREGON", text: "Hola" })).toMatchObject({ ok: true, sms: { providerId: "gw-1", text: "Hola" } });
    expect(parseJsonMo([])).toEqual({ ok: false, field: "body", reason: "must be a JSON object" });
    expect(parseJsonMo({ from: "+51987654321" })).toEqual({ ok: false, field: "text", reason: "must be a string" });
    expect(parseJsonMo({ from: "+51987654321", text: "x", to: 5 })).toEqual({ ok: false, field: "to", reason: "must be a string" });
  });
});

describe("inboundKey", () => {
  const sms = { from: "+51987654321", to: "PREGON", text: "Si", providerId: null, providerTs: "2026-11-29 15:04:05" };
  it("is what a retry repeats: connection, sender, the provider's id or time, text", () => {
    expect(inboundKey("local", sms)).toBe("local\n+51987654321\nts:2026-11-29 15:04:05\nSi");
    expect(inboundKey("c1", { ...sms, providerId: "j-9" })).toBe("c1\n+51987654321\nid:j-9\nSi");
    expect(inboundKey("local", { ...sms, providerTs: "2026-11-29 15:09:00" })).not.toBe(inboundKey("local", sms));
  });
  it("is null when nothing tells a retry apart", () => expect(inboundKey("local", { ...sms, providerTs: null })).toBeNull());
});

describe("optOutConfirmation", () => {
  it("is one GSM-7 segment whatever the account's name", () => {
    for (const name of ["Municipalidad de Miraflores", "Pregón", "Gerencia de Participación Vecinal y Desarrollo Humano de la Municipalidad Distrital de San Juan de Lurigancho — Sede Central €€€", "", "  ..."]) {
      const text = optOutConfirmation(name);
      expect(analyse(text), name).toMatchObject({ encoding: "GSM-7", segments: 1 });
      expect(text).toMatch(/^Has sido dado de baja de los mensajes de .+\. No recibiras mas SMS\.$/);
    }
    expect(optOutConfirmation("Pregón")).toBe("Has sido dado de baja de los mensajes de Pregon. No recibiras mas SMS.");
    expect(optOutConfirmation("")).toBe("Has sido dado de baja de los mensajes de esta cuenta. No recibiras mas SMS.");
    expect(optOutConfirmation("x".repeat(200))).toMatch(/x\.\.\.\. No recibiras/);
  });
});

describe("keyword webhook signatures", () => {
  it("verify with the keyword's secret within the tolerance, and not when anything changed", async () => {
    const secret = await keywordWebhookSecret("link", "kw_1");
    expect(secret).toMatch(/^whsec_[0-9a-f]{43}$/);
    expect(await keywordWebhookSecret("link", "kw_2")).not.toBe(secret);
    const body = '{"event":"sms.keyword","keyword":"CITA"}';
    const header = await signWebhook(secret, body, 1_790_000_000);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhook(secret, body, header, 1_790_000_100)).toBe(true);
    expect(await verifyWebhook(secret, body.replace("CITA", "INFO"), header, 1_790_000_100)).toBe(false);
    expect(await verifyWebhook(await keywordWebhookSecret("link", "kw_2"), body, header, 1_790_000_100)).toBe(false);
    expect(await verifyWebhook(secret, body, header, 1_790_000_301)).toBe(false); // too old: a replay
    expect(await verifyWebhook(secret, body, "garbage", 1_790_000_000)).toBe(false);
  });
});

describe("inbox cursor and thread", () => {
  it("round-trips the cursor and refuses others", () => {
    const c = { at: 1_790_000_000_123, number: "+51987654321" };
    expect(decodeThreadCursor(encodeThreadCursor(c))).toEqual(c);
    expect(encodeThreadCursor(c)).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const bad of ["", "zzz", btoa("1~x"), btoa("abc~+51987654321")]) expect(decodeThreadCursor(bad)).toBeNull();
  });

  it("merges both directions oldest first, an incoming message first at the same millisecond, keeping the newest", () => {
    const inbound = [
      { id: "mo_b", text: "BAJA", received_at: 30, keyword: "BAJA", action: "optout", campaign_id: "c1" },
      { id: "mo_a", text: "Hola", received_at: 10, keyword: null, action: null, campaign_id: "c1" },
    ];
    const outbound = [
      { id: "sms_2", text: "Confirmado", created_at: 30, status: "queued", campaign_id: null },
      { id: "sms_1", text: "Aviso", created_at: 5, status: "delivered", campaign_id: "c1" },
    ];
    expect(mergeThread(inbound, outbound).map((m) => [m.direction, m.text, m.status, m.action])).toEqual([
      ["out", "Aviso", "delivered", null],
      ["in", "Hola", "received", null],
      ["in", "BAJA", "received", "optout"],
      ["out", "Confirmado", "queued", null],
    ]);
    expect(mergeThread(inbound, outbound, 2).map((m) => m.text)).toEqual(["BAJA", "Confirmado"]);
    expect(mergeThread(inbound, outbound)[0]!.at).toBe(new Date(5).toISOString());
  });
});

describe("the local carrier and the Worker agree on the local hooks' secret", () => {
  it("derives it from LINK_SECRET the same way, and SMS_HOOK_SECRET wins on both sides", async () => {
    const link = "dev-only-change-me-in-production";
    expect(hookSecret({ LINK_SECRET: link })).toBe(await localHookSecret({ LINK_SECRET: link }));
    expect(hookSecret({ LINK_SECRET: link })).toMatch(/^[0-9a-f]{32}$/);
    expect(hookSecret({ LINK_SECRET: link, SMS_HOOK_SECRET: "s3" })).toBe(await localHookSecret({ LINK_SECRET: link, SMS_HOOK_SECRET: "s3" }));
  });
});
