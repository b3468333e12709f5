/**
 * The SMS carrier chain for real: Debian's Kannel (bearerbox + smsbox, dev/sms/kannel.mjs) in
 * front of the simulated SMSC (dev/sms/smsc-sim.mjs, npm `smpp`). Messages go in through Kannel's
 * sendsms HTTP API; the test asserts what reaches the SMSC (data_coding, esm_class, UDH, the
 * bytes and the decoded text of each part), that Kannel calls the dlr-url with each receipt's
 * status bits, and that an MO injected at the SMSC reaches Kannel's get-url. A tiny HTTP server
 * (sms-hooks.ts) stands where the product's hooks will be. Last, the local carrier of
 * `npm start` (dev/services/sms-carrier.mjs) gets the same requests as the real Kannel and must
 * answer, call the dlr-url and the MO URL the same way. Needs `apt-get install kannel`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startKannel, startSmsc, type Kannel, type Smsc } from "../../dev/sms/kannel.mjs";
import { smsCarrier } from "../../dev/services/sms-carrier.mjs";
import { startHooks, type Hooks } from "./sms-hooks";
import { bold, concatUdh, freePort, hasLoneSurrogate, percentBytes, sendsms, splitUcs2, ucs2Hex } from "./sms-helpers";

const SENDER = "PREGON";
let hooks: Hooks;
let smsc: Smsc;
let kannel: Kannel;

beforeAll(async () => {
  hooks = await startHooks();
  smsc = await startSmsc({ config: { deliveryDelayMs: 50 } });
  kannel = await startKannel({ smsc: { port: smsc.port }, moUrl: `${hooks.url}/mo` });
});

afterAll(async () => {
  await kannel?.stop();
  await smsc?.stop();
  await hooks?.close();
});

afterEach(async () => {
  await fetch(`${smsc.controlUrl}/reset`, { method: "POST" });
});

/** Sends through Kannel asking for every DLR (mask 31) at /dlr, tagged with `tag`. */
function send(to: string, text: string, extra: Record<string, string> = {}, raw = "", tag = to) {
  const dlrUrl = `${hooks.url}/dlr?tag=${tag}&d=%d&p=%p&P=%P&F=%F&A=%A&i=%i`;
  return sendsms(kannel.sendsmsUrl, { username: kannel.username, password: kannel.password, from: SENDER, to, text, "dlr-mask": "31", "dlr-url": dlrUrl, ...extra }, raw);
}

/** The DLR status bits Kannel reported for `tag`, in arrival order, once one of `final` arrived. */
async function dlrs(tag: string, final: string[] = ["1"]): Promise<string[]> {
  await hooks.waitFor((h) => h.path === "/dlr" && h.query.get("tag") === tag && final.includes(h.query.get("d") ?? ""));
  return hooks.at("/dlr", { tag }).map((h) => h.query.get("d") ?? "");
}

async function control(path: string, body: unknown): Promise<{ status: number; data: any }> {
  const res = await fetch(`${smsc.controlUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, data: await res.json() };
}

describe("Kannel → simulated SMSC", () => {
  it("a GSM text reaches the SMSC as data_coding 0 in GSM 03.38 bytes, and its DLRs (8 then 1) reach the dlr-url", async () => {
    const to = "51987100001";
    const text = "Hola Ñusta, ¿confirmas tu cita {lunes}? 5€";
    expect(await send(to, text)).toEqual({ status: 202, body: "0: Accepted for delivery" });

    expect(await dlrs(to)).toEqual(["8", "1"]);
    const [m, ...more] = smsc.messages(to);
    expect(more).toEqual([]);
    expect(m).toMatchObject({ from: SENDER, to, dataCoding: 0, udh: null, text, outcome: "DELIVRD", registeredDelivery: 17 });
    expect(m!.esmClass & 0x40).toBe(0);
    // Ñ 5d, ¿ 60, { 1b28, } 1b29, € 1b65: unpacked septets, escapes for the extension table
    expect(m!.body).toBe("486f6c61205d757374612c2060636f6e6669726d61732074752063697461201b286c756e65731b293f20351b65");
    const [ack, final] = hooks.at("/dlr", { tag: to });
    expect(Object.fromEntries(ack!.query)).toEqual({ tag: to, d: "8", p: to, P: SENDER, F: m!.id, A: "ACK/", i: "sim" });
    expect(final!.query.get("F")).toBe(m!.id);
    expect(final!.query.get("A")).toMatch(new RegExp(`^id:${m!.id} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:Hola`));
  });

  it("a Spanish text with á sent coding=2 charset=UTF-8 arrives as UCS-2 (data_coding 8); without coding=2 Kannel sends '?'", async () => {
    const text = "Atención: su trámite está listo. Recójalo el sábado.";
    expect((await send("51987100002", text, { coding: "2", charset: "UTF-8" })).status).toBe(202);
    expect((await send("51987100003", text)).status).toBe(202);

    expect(await dlrs("51987100002")).toEqual(["8", "1"]);
    expect(await dlrs("51987100003")).toEqual(["8", "1"]);
    const [ucs2] = smsc.messages("51987100002");
    expect(ucs2).toMatchObject({ dataCoding: 8, udh: null, text, body: ucs2Hex(text) });
    const [gsm] = smsc.messages("51987100003");
    expect(gsm).toMatchObject({ dataCoding: 0, text: "Atenci?n: su tr?mite est? listo. Rec?jalo el s?bado." });
  });

  it("a long bold UCS-2 text sent as parts with our UDH (05 00 03 ref total seq) arrives intact part by part, each with its DLR", async () => {
    const to = "51987100004";
    const text = `${bold("Aviso importante")}: la municipalidad atenderá el sábado de 8 a 13 h. ${bold("Traiga su DNI")} y su recibo. Más información: pregon.pe/s/x7Kq`;
    const parts = splitUcs2(text);
    expect(parts.length).toBe(3);
    for (const [i, part] of parts.entries()) {
      const udh = percentBytes(concatUdh(0x2a, parts.length, i + 1));
      expect((await send(to, part, { coding: "2", charset: "UTF-8" }, `udh=${udh}`, `${to}-${i + 1}`)).status).toBe(202);
    }
    for (const i of parts.keys()) expect(await dlrs(`${to}-${i + 1}`)).toEqual(["8", "1"]);

    const got = smsc.messages(to);
    expect(got.map((m) => m.udh)).toEqual(["0500032a0301", "0500032a0302", "0500032a0303"]);
    for (const [i, m] of got.entries()) {
      expect(m.dataCoding).toBe(8);
      expect(m.esmClass & 0x40).toBe(0x40);
      expect(m.concat).toEqual({ ref: 0x2a, total: 3, seq: i + 1 });
      expect(m.body).toBe(ucs2Hex(parts[i]!));
      expect(m.shortMessage).toBe(m.udh! + m.body);
      expect(m.body.length / 2).toBeLessThanOrEqual(134);
      expect(hasLoneSurrogate(m.text)).toBe(false);
    }
    expect(got.map((m) => m.text).join("")).toBe(text);
  });

  it("Kannel splitting the same bold text itself cuts a surrogate pair in half (why the product splits)", async () => {
    const to = "51987100005";
    const text = bold("AtencionVecinos".repeat(3)); // 45 letters, 90 units: unit 67 is the first half of a pair
    expect((await send(to, text, { coding: "2", charset: "UTF-8" })).status).toBe(202);
    await dlrs(to);
    const got = smsc.messages(to);
    expect(got.length).toBe(2);
    expect(got.map((m) => m.udh!.slice(8))).toEqual(["0201", "0202"]); // Kannel's own UDH: ref, 2 parts
    expect(hasLoneSurrogate(got[0]!.text)).toBe(true);
    expect(got.map((m) => m.text).join("")).toBe(text); // the bytes add up; each part alone is broken
  });

  it("receipt outcomes and SMSC errors become Kannel's DLR bits: UNDELIV/REJECTD 2, EXPIRED 34, ESME_RINVDSTADR 16", async () => {
    const outcomes = { "51987100011": "UNDELIV", "51987100012": "REJECTD", "51987100013": "EXPIRED", "51987100014": "ESME_RINVDSTADR" };
    expect((await control("/config", { outcomes })).status).toBe(200);
    for (const to of Object.keys(outcomes)) expect((await send(to, `Prueba ${to}`)).status).toBe(202);

    expect(await dlrs("51987100011", ["2"])).toEqual(["8", "2"]);
    expect(await dlrs("51987100012", ["2"])).toEqual(["8", "2"]);
    expect(await dlrs("51987100013", ["34"])).toEqual(["8", "34"]);
    expect(await dlrs("51987100014", ["16"])).toEqual(["16"]);
    expect(hooks.at("/dlr", { tag: "51987100011", d: "2" })[0]!.query.get("A")).toContain("stat:UNDELIV err:003");
    expect(hooks.at("/dlr", { tag: "51987100013", d: "34" })[0]!.query.get("A")).toContain("stat:EXPIRED");
    const nack = hooks.at("/dlr", { tag: "51987100014" })[0]!.query;
    expect(nack.get("A")).toBe("NACK/0x0000000b/Invalid Destination Address");
    expect(nack.get("F")).toBe("");
    expect(smsc.messages("51987100014")).toMatchObject([{ id: null, outcome: "ESME_RINVDSTADR", receipt: null }]);
  });

  it("a temporary SMSC error (ESME_RSYSERR) is retried by Kannel and then delivered, with no failure DLR", async () => {
    const to = "51987100021";
    await control("/config", { failureRate: 1, failureOutcome: "ESME_RSYSERR" });
    expect((await send(to, "Reintento")).status).toBe(202);
    await expect.poll(() => smsc.messages(to).length, { timeout: 10_000 }).toBeGreaterThan(0);
    await control("/config", { failureRate: 0 });

    expect((await dlrs(to)).filter((d) => d !== "8")).toEqual(["1"]);
    const outcomes = smsc.messages(to).map((m) => m.outcome);
    expect(outcomes[0]).toBe("ESME_RSYSERR");
    expect(outcomes.at(-1)).toBe("DELIVRD");
    expect(new Set(smsc.messages(to).map((m) => m.text))).toEqual(new Set(["Reintento"]));
  });

  it("MO messages injected at the SMSC reach the get-url: GSM as is, UCS-2 recoded to UTF-8", async () => {
    const baja = await control("/mo", { from: "51987100031", to: SENDER, text: "BAJA" });
    expect(baja.status).toBe(202);
    expect(baja.data).toMatchObject({ dataCoding: 0, bytes: "42414a41", acked: 1, sessions: 1 });
    const hit = await hooks.waitFor((h) => h.path === "/mo" && h.query.get("from") === "51987100031");
    expect(Object.fromEntries(hit.query)).toMatchObject({ from: "51987100031", to: SENDER, text: "BAJA", coding: "0", charset: "UTF-8", smsc: "sim" });
    expect(hit.query.get("ts")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const reply = `Sí, quiero más ${bold("info")} 😀`;
    expect((await control("/mo", { from: "51987100032", to: SENDER, text: reply })).data).toMatchObject({ dataCoding: 8, bytes: ucs2Hex(reply), acked: 1 });
    const ucs2 = await hooks.waitFor((h) => h.path === "/mo" && h.query.get("from") === "51987100032");
    expect(ucs2.query.get("text")).toBe(reply);
  });
});

describe("the simulated SMSC's control API", () => {
  it("filters recorded submits by destination, with or without +", async () => {
    await send("51987100041", "uno");
    await send("51987100042", "dos");
    await dlrs("51987100041");
    await dlrs("51987100042");
    const res = await fetch(`${smsc.controlUrl}/messages?to=${encodeURIComponent("+51987100042")}`);
    const { messages } = (await res.json()) as { messages: { to: string; text: string }[] };
    expect(messages.map((m) => [m.to, m.text])).toEqual([["51987100042", "dos"]]);
  });

  it("rejects bad settings and MOs with 400 naming the field", async () => {
    expect(await control("/config", { failureRate: 2 })).toMatchObject({ status: 400, data: { error: { field: "failureRate" } } });
    expect(await control("/config", { outcomes: { "51987100051": "LOST" } })).toMatchObject({ status: 400, data: { error: { field: "outcomes.51987100051" } } });
    expect(await control("/config", { speed: 1 })).toMatchObject({ status: 400, data: { error: { field: "speed" } } });
    expect(await control("/mo", { from: "51987100052", to: SENDER })).toMatchObject({ status: 400, data: { error: { field: "text" } } });
    expect(await control("/mo", { from: "51987100052", to: SENDER, text: "x", coding: "utf8" })).toMatchObject({ status: 400, data: { error: { field: "coding" } } });
    expect(smsc.config().failureRate).toBe(0);
  });
});

describe("the local carrier of npm start answers like Kannel", () => {
  let carrier: { stop: () => Promise<unknown>; vars: Record<string, string> };
  const viaCarrier = (params: Record<string, string>) => sendsms(`${carrier.vars.SMS_KANNEL_URL}/cgi-bin/sendsms`, params);
  const viaKannel = (params: Record<string, string>) => sendsms(kannel.sendsmsUrl, params);
  const login = (to: "kannel" | "carrier") =>
    to === "kannel" ? { username: kannel.username, password: kannel.password } : { username: carrier.vars.SMS_KANNEL_USER!, password: carrier.vars.SMS_KANNEL_PASSWORD! };

  beforeAll(async () => {
    process.env.PREGON_SMS_PORT = String(await freePort());
    process.env.PREGON_SMS_DLR_DELAY_MS = "50";
    carrier = await smsCarrier.start({ host: "127.0.0.1", port: hooks.port }); // "the Worker" is the hooks server
  });
  afterAll(async () => {
    await carrier?.stop();
    delete process.env.PREGON_SMS_PORT;
    delete process.env.PREGON_SMS_DLR_DELAY_MS;
  });

  it("gives the same status and text for good and bad sendsms requests", async () => {
    const cases: Record<string, string>[] = [
      { from: SENDER, to: "51987100061", text: "Hola" },
      { from: SENDER, to: "51987100062", text: "" },
      { from: SENDER, to: "51987100063 51987100064", text: "a dos" },
      { from: SENDER, to: "51987100065", text: "x".repeat(2000) }, // past max-messages: truncated, still 202
      { from: SENDER, text: "sin destino" },
      { to: "51987100066", text: "sin remitente" },
      { from: SENDER, to: "51987100067", text: "a", coding: "7" },
      { from: SENDER, to: "abc", text: "a" },
    ];
    for (const c of cases) {
      const [k, l] = [await viaKannel({ ...login("kannel"), ...c }), await viaCarrier({ ...login("carrier"), ...c })];
      expect(l, JSON.stringify(c).slice(0, 80)).toEqual(k);
    }
    const wrong = { from: SENDER, to: "51987100068", text: "a" };
    expect(await viaCarrier({ username: "pregon", password: "wrong", ...wrong })).toEqual(await viaKannel({ username: kannel.username, password: "wrong", ...wrong }));
    expect(await viaKannel({ username: kannel.username, password: "wrong", ...wrong })).toEqual({ status: 403, body: "Authorization failed for sendsms" });
  });

  it("calls the dlr-url with the same escapes filled (status bits, handset, sender, smsc-id, receipt text)", async () => {
    const text = "Canción ¿lista?";
    const dlrUrl = (tag: string) => `${hooks.url}/dlr?tag=${tag}&d=%d&p=%p&P=%P&A=%A&i=%i&n=%n`;
    await viaKannel({ ...login("kannel"), from: SENDER, to: "51987100071", text, "dlr-mask": "31", "dlr-url": dlrUrl("k") });
    await viaCarrier({ ...login("carrier"), from: SENDER, to: "51987100071", text, "dlr-mask": "31", "dlr-url": dlrUrl("c") });
    const seen = async (tag: string): Promise<Record<string, string>[]> => {
      await dlrs(tag);
      return hooks.at("/dlr", { tag }).map((h) => ({ ...Object.fromEntries(h.query), tag: "", n: "", A: (h.query.get("A") ?? "").replace(/id:\w+/, "id:ID").replace(/date:\d{10}/g, "date:D") }));
    };
    const [k, c] = [await seen("k"), await seen("c")];
    expect(c).toEqual(k);
    expect(k.map((d) => d.d)).toEqual(["8", "1"]);
    expect(k[1]!.A).toBe("id:ID sub:001 dlvrd:001 submit date:D done date:D stat:DELIVRD err:000 text:Canci?n ?lista?");
  });

  it("delivers a reply to the MO URL with the same query as Kannel's get-url", async () => {
    const text = `Sí, gracias ${bold("Ana")}`;
    await control("/mo", { from: "51987100081", to: SENDER, text });
    const res = await fetch(`${carrier.vars.SMS_KANNEL_URL}/api/mo`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ from: "51987100082", to: SENDER, text }),
    });
    expect(res.status).toBe(202);
    const k = await hooks.waitFor((h) => h.path === "/mo" && h.query.get("from") === "51987100081");
    const c = await hooks.waitFor((h) => h.path === "/hooks/sms/local/mo" && h.query.get("from") === "51987100082");
    const strip = (q: URLSearchParams) => ({ ...Object.fromEntries(q), from: "", ts: "", s: "" }); // s: the local hook's secret, in the carrier's URL only
    expect(strip(c.query)).toEqual(strip(k.query));
    expect(c.query.get("text")).toBe(text);
    expect(c.query.get("ts")).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});
