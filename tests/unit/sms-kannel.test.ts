// Kannel's sendsms requests (one per part, UDH, coding, charset, dlr-url) and its delivery reports, with Kannel's escape substitution simulated.
import { describe, expect, it } from "vitest";
import { toBold } from "../../shared/sms/bold";
import { KANNEL_MO_QUERY, kannelDlrUrl, kannelRequests, parseKannelDlr, parseKannelSendResponse } from "../../shared/sms/kannel";
import { parseKannelMo } from "../../shared/sms/inbound";
import type { OutgoingSms } from "../../shared/sms/provider";
import { splitSms } from "../../shared/sms/split";

const conn = { baseUrl: "http://127.0.0.1:13013/", username: "tester", password: "testpw" };
const HOOK = "https://pregon.example.pe/hooks/sms/kannel/conn_1?k=s3cr3t";

function outgoing(text: string, extra: Partial<OutgoingSms> = {}): OutgoingSms {
  const { encoding, parts } = splitSms(text, { reference: 0xa7 });
  return { messageId: "msg_01J9", to: "+51987654321", encoding, parts, receiptUrl: HOOK, ...extra };
}

/** What Kannel does with a dlr-url: substitute each escape with its URL-encoded value. */
function substitute(dlrUrl: string, values: Record<string, string>): string {
  return dlrUrl.replace(/%([A-Za-z])/g, (_, k: string) => encodeURIComponent(values[k] ?? ""));
}

describe("kannelRequests", () => {
  it("sends a short GSM-7 text as one GET with coding=0, charset=UTF-8, dlr-mask=31 and no udh", () => {
    const [req, ...rest] = kannelRequests(conn, outgoing("Hola Pérez, 10€ & más?", { messageId: "m1" }));
    expect(rest).toEqual([]);
    expect(req).toEqual({
      method: "GET",
      url:
        "http://127.0.0.1:13013/cgi-bin/sendsms?username=tester&password=testpw&to=%2B51987654321" +
        "&text=Hola%20P%C3%A9rez%2C%2010%E2%82%AC%20%26%20m%C3%A1s%3F&coding=2&charset=UTF-8&dlr-mask=31" +
        "&dlr-url=" + encodeURIComponent(`${HOOK}&msg=m1&part=1&type=%d&reply=%A&fid=%F&ts=%T`),
      headers: {},
      body: null,
    });
    const gsm = new URL(kannelRequests(conn, outgoing("Hola Pérez, 10€"))[0]!.url).searchParams;
    expect([gsm.get("text"), gsm.get("coding"), gsm.get("charset"), gsm.get("udh")]).toEqual(["Hola Pérez, 10€", "0", "UTF-8", null]);
  });

  it("takes a base URL given with /cgi-bin/sendsms already, without doubling the path", () => {
    for (const baseUrl of ["http://10.0.0.5:13013/cgi-bin/sendsms", "http://10.0.0.5:13013/cgi-bin/sendsms/", "http://10.0.0.5:13013", "http://10.0.0.5:13013/"]) {
      const url = new URL(kannelRequests({ ...conn, baseUrl }, outgoing("Hola"))[0]!.url);
      expect(`${url.origin}${url.pathname}`).toBe("http://10.0.0.5:13013/cgi-bin/sendsms");
    }
  });
  it("sends each part of long bold text with coding=2 and its UDH, every octet %-encoded", () => {
    const sms = outgoing(toBold("Convocatoria CAS 2027: postula en linea hasta el viernes"), { from: "PREGON" });
    const reqs = kannelRequests({ ...conn, smsc: "claro", dlrMask: 3 }, sms);
    expect(reqs).toHaveLength(2);
    reqs.forEach((req, i) => {
      const q = new URL(req.url).searchParams;
      expect(req.url).toContain(`&udh=%05%00%03%A7%02%0${i + 1}&`);
      expect([q.get("smsc"), q.get("from"), q.get("coding"), q.get("charset"), q.get("dlr-mask")]).toEqual(["claro", "PREGON", "2", "UTF-8", "3"]);
      expect(q.get("text")).toBe(sms.parts[i]!.text);
      expect(q.get("dlr-url")).toBe(kannelDlrUrl(HOOK, "msg_01J9", i + 1));
    });
  });
  it("refuses ids, hooks and masks that cannot travel", () => {
    expect(() => kannelRequests(conn, outgoing("x", { messageId: "m 1" }))).toThrow("messageId must be 1-64 characters of [A-Za-z0-9_-]");
    expect(() => kannelRequests(conn, outgoing("x", { receiptUrl: "https://h/k?x=%41" }))).toThrow(RangeError);
    expect(() => kannelRequests(conn, outgoing("x", { receiptUrl: "/hooks/sms" }))).toThrow(RangeError);
    expect(() => kannelRequests(conn, outgoing(""))).toThrow("An SMS needs at least one part");
    expect(() => kannelRequests({ ...conn, dlrMask: 32 }, outgoing("x"))).toThrow("dlrMask must be an integer from 1 to 31");
  });
});

describe("parseKannelSendResponse", () => {
  it("accepts 202, rejects other 4xx, retries 5xx and no answer", () => {
    expect(parseKannelSendResponse(202, "0: Accepted for delivery\n")).toEqual({ kind: "accepted", providerId: null, message: "0: Accepted for delivery" });
    expect(parseKannelSendResponse(202, "3: Queued for later delivery").kind).toBe("accepted");
    expect(parseKannelSendResponse(403, "Authorization failed for sendsms")).toEqual({ kind: "rejected", message: "Authorization failed for sendsms" });
    expect(parseKannelSendResponse(503, "Temporal failure, try again later").kind).toBe("retry");
    expect(parseKannelSendResponse(0, "").kind).toBe("retry");
    expect(parseKannelSendResponse(429, "").kind).toBe("retry");
  });
});

describe("parseKannelDlr", () => {
  const dlr = (values: Record<string, string>, part = 2) => new URL(substitute(kannelDlrUrl(HOOK, "msg_01J9", part), values)).searchParams;
  const smpp = (stat: string, err = "000") => `id:7c1f sub:001 dlvrd:001 submit date:2701151200 done date:2701151201 stat:${stat} err:${err} text:Hola`;

  it("reads a delivered receipt through Kannel's substitution", () => {
    expect(parseKannelDlr(dlr({ d: "1", A: smpp("DELIVRD"), F: "7c1f", T: "1790000000" }))).toEqual({
      ok: true,
      receipt: { messageId: "msg_01J9", part: 2, status: "delivered", smscId: "7c1f", reply: smpp("DELIVRD"), errorCode: null, at: 1790000000000 },
    });
  });
  it("maps each report type, refining failures by the SMSC's stat", () => {
    const status = (d: string, A = "") => {
      const r = parseKannelDlr(dlr({ d, A, F: "x" }));
      return r.ok ? [r.receipt.status, r.receipt.errorCode] : r;
    };
    expect(status("2", smpp("UNDELIV", "00B"))).toEqual(["failed", "00B"]);
    expect(status("2", smpp("EXPIRED"))).toEqual(["expired", null]);
    expect(status("2", smpp("REJECTD", "0C1"))).toEqual(["rejected", "0C1"]);
    expect(status("2")).toEqual(["failed", null]);
    expect(status("4")).toEqual(["buffered", null]);
    expect(status("8", "ACK/")).toEqual(["accepted", null]);
    expect(status("16", "NACK/0x00000045/Submit failed")).toEqual(["rejected", null]);
    expect(status("1", smpp("EXPIRED"))).toEqual(["delivered", null]);
    // Kannel 1.4.5 flags an expired message as 2 | 32, with or without the SMSC's text.
    expect(status("34")).toEqual(["expired", null]);
    expect(status("34", smpp("EXPIRED", "0FE"))).toEqual(["expired", "0FE"]);
  });
  it("falls back to the receipt's id and to a null time when Kannel has none", () => {
    const r = parseKannelDlr(dlr({ d: "1", A: smpp("DELIVRD"), F: "", T: "" }));
    expect(r.ok && [r.receipt.smscId, r.receipt.at]).toEqual(["7c1f", null]);
  });
  it("names the field at fault", () => {
    const q = (s: string) => parseKannelDlr(new URLSearchParams(s));
    expect(q("part=1&type=1")).toEqual({ ok: false, field: "msg", reason: "must be our message id ([A-Za-z0-9_-], 1-64 characters)" });
    expect(q("msg=m1&part=x&type=1")).toEqual({ ok: false, field: "part", reason: "must be an integer from 0 to 255" });
    expect(q("msg=m1&part=256&type=1")).toMatchObject({ ok: false, field: "part" });
    expect(q("msg=m1&part=1&type=3")).toEqual({ ok: false, field: "type", reason: "must be one Kannel DLR type: 1, 2, 4, 8, 16 or 34" });
    expect(q("msg=m1&part=1&type=%d")).toMatchObject({ ok: false, field: "type" });
  });
});

describe("KANNEL_MO_QUERY", () => {
  it("is the query the local Kannel and carrier are configured with, and what smsbox fills from it parses", async () => {
    // @ts-expect-error plain ESM of the local services, without types
    const { MO_QUERY, fillEscapes } = (await import("../../dev/sms/escapes.mjs")) as { MO_QUERY: string; fillEscapes: (t: string, v: Record<string, unknown>) => string };
    expect(KANNEL_MO_QUERY).toBe(MO_QUERY);
    const url = `https://p.pe/hooks/sms/smc_1/mo?s=x&${KANNEL_MO_QUERY}`;
    const filled = fillEscapes(url, { p: "+51987654321", P: "PREGON", text: "BAJA  por favor", c: 0, C: "UTF-8", i: "claro", time: new Date("2026-11-30T10:00:00Z"), u: "" });
    expect(parseKannelMo(new URL(filled).search.slice(1))).toEqual({ ok: true, sms: { from: "+51987654321", to: "PREGON", text: "BAJA por favor", providerId: null, providerTs: "2026-11-30 10:00:00" } });
  });
});
