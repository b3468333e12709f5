// Jasmin's HTTP API and the generic JSON provider (requests, answers, receipts), and the receipt helpers they share.
import { describe, expect, it } from "vitest";
import { toBold } from "../../shared/sms/bold";
import { jsonProviderRequest, parseJsonProviderResponse, parseJsonReceipt } from "../../shared/sms/http-json";
import { JASMIN_ACK, jasminRequest, parseJasminDlr, parseJasminSendResponse } from "../../shared/sms/jasmin";
import type { OutgoingSms } from "../../shared/sms/provider";
import { callbackTarget, isFinal, meaningfulError, parseSmppReceiptText, statusFromStat } from "../../shared/sms/receipt";
import { splitSms } from "../../shared/sms/split";

const HOOK = "https://pregon.example.pe/hooks/sms/jasmin/conn_2?k=s3cr3t";

function outgoing(text: string, extra: Partial<OutgoingSms> = {}): OutgoingSms {
  const { encoding, parts } = splitSms(text, { reference: 0x33 });
  return { messageId: "msg_7", to: "+51987654321", encoding, parts, receiptUrl: HOOK, ...extra };
}

describe("jasminRequest", () => {
  const conn = { baseUrl: "http://127.0.0.1:1401/", username: "foo", password: "bar" };
  it("posts GSM-7 text as content with coding=0 and asks for level-3 receipts by POST", () => {
    const req = jasminRequest(conn, outgoing("Hola Pérez, 10€", { from: "PREGON" }));
    expect([req.method, req.url, req.headers]).toEqual(["POST", "http://127.0.0.1:1401/send", { "content-type": "application/x-www-form-urlencoded" }]);
    expect(Object.fromEntries(new URLSearchParams(req.body!))).toEqual({
      username: "foo", password: "bar", to: "+51987654321", from: "PREGON", coding: "0", content: "Hola Pérez, 10€",
      dlr: "yes", "dlr-url": `${HOOK}&msg=msg_7&part=0`, "dlr-level": "3", "dlr-method": "POST",
    });
  });
  it("posts UCS-2 text whole as UTF-16BE hex-content with coding=8", () => {
    const text = toBold("Hola") + " " + "ú".repeat(80);
    const form = new URLSearchParams(jasminRequest({ ...conn, dlrLevel: 2 }, outgoing(text)).body!);
    expect([form.get("coding"), form.get("content"), form.get("dlr-level")]).toEqual(["8", null, "2"]);
    expect(form.get("hex-content")).toBe("D835DC07D835DC28D835DC25D835DC1A0020" + "00FA".repeat(80));
  });
  it("refuses a message id that cannot travel", () => {
    expect(() => jasminRequest(conn, outgoing("x", { messageId: "a/b" }))).toThrow(RangeError);
  });
});

describe("parseJasminSendResponse", () => {
  it("takes Jasmin's message id from a success and its reason from an error", () => {
    expect(parseJasminSendResponse(200, 'Success "07033084-5cfd-4812-90a4-e4d24ffb6e3d"')).toEqual({ kind: "accepted", providerId: "07033084-5cfd-4812-90a4-e4d24ffb6e3d", message: "Success" });
    expect(parseJasminSendResponse(412, 'Error "No route found"')).toEqual({ kind: "rejected", message: "No route found" });
    expect(parseJasminSendResponse(403, 'Error "Authentication failure for username:foo"').kind).toBe("rejected");
    expect(parseJasminSendResponse(500, 'Error "Cannot send submit_sm, check SMPPClientManagerPB log file for details"').kind).toBe("retry");
    expect(parseJasminSendResponse(200, "OK")).toEqual({ kind: "accepted", providerId: null, message: "OK" });
  });
});

describe("parseJasminDlr", () => {
  const query = new URLSearchParams("k=s3cr3t&msg=msg_7&part=0");
  const post = (fields: Record<string, string>) => parseJasminDlr(query, new URLSearchParams({ id: "16fd2706-8baf-433b-82eb-8c7fada847da", level: "3", ...fields }));
  it("reads a level-2 delivered receipt", () => {
    expect(post({ message_status: "DELIVRD", id_smsc: "2567", err: "000", donedate: "2701151201", sub: "001", dlvrd: "001", text: "Hola" })).toEqual({
      ok: true,
      receipt: { messageId: "msg_7", part: 0, status: "delivered", smscId: "2567", reply: "message_status=DELIVRD err=000 donedate=2701151201", errorCode: null, at: null },
    });
  });
  it("maps level-1 command statuses and level-2 stat words", () => {
    const status = (s: string, err = "") => {
      const r = post({ message_status: s, err });
      return r.ok ? [r.receipt.status, r.receipt.errorCode] : r;
    };
    expect(status("ESME_ROK")).toEqual(["accepted", null]);
    expect(status("ESME_RINVNUMDESTS")).toEqual(["rejected", "ESME_RINVNUMDESTS"]);
    expect(status("UNDELIV", "00B")).toEqual(["failed", "00B"]);
    expect(status("EXPIRED")).toEqual(["expired", null]);
    expect(status("REJECTD")).toEqual(["rejected", null]);
    expect(status("ENROUTE")).toEqual(["buffered", null]);
  });
  it("names the field at fault", () => {
    expect(post({ message_status: "GREAT" })).toEqual({ ok: false, field: "message_status", reason: "must be ESME_* or an SMPP receipt stat such as DELIVRD" });
    expect(parseJasminDlr(new URLSearchParams("part=0"), new URLSearchParams("message_status=DELIVRD"))).toMatchObject({ ok: false, field: "msg" });
  });
  it("knows the acknowledgement Jasmin waits for", () => {
    expect(JASMIN_ACK).toBe("ACK/Jasmin");
  });
});

describe("generic JSON provider", () => {
  it("posts the message whole and in parts with UDH, with a bearer token", () => {
    const req = jsonProviderRequest({ url: "https://gw.example.pe/sms", token: "t0k" }, outgoing("a".repeat(161), { from: "PREGON" }));
    expect([req.method, req.url, req.headers]).toEqual(["POST", "https://gw.example.pe/sms", { "content-type": "application/json", authorization: "Bearer t0k" }]);
    expect(JSON.parse(req.body!)).toEqual({
      id: "msg_7", to: "+51987654321", from: "PREGON", text: "a".repeat(161), encoding: "GSM-7", segments: 2,
      parts: [{ seq: 1, text: "a".repeat(153), udh: "050003330201" }, { seq: 2, text: "a".repeat(8), udh: "050003330202" }],
      callbackUrl: `${HOOK}&msg=msg_7&part=0`,
    });
    expect(jsonProviderRequest({ url: "https://gw.example.pe/sms" }, outgoing("x")).headers).toEqual({ "content-type": "application/json" });
  });
  it("reads the provider's answer", () => {
    expect(parseJsonProviderResponse(202, '{"id":"gw-991"}')).toEqual({ kind: "accepted", providerId: "gw-991", message: "202" });
    expect(parseJsonProviderResponse(200, "not json")).toEqual({ kind: "accepted", providerId: null, message: "200" });
    expect(parseJsonProviderResponse(400, '{"error":"invalid number"}')).toEqual({ kind: "rejected", message: "invalid number" });
    expect(parseJsonProviderResponse(502, "<html>")).toEqual({ kind: "retry", message: "502" });
  });
  it("reads receipts in our words or SMPP's, with optional part, id, error and time", () => {
    const q = new URLSearchParams("msg=msg_7&part=0");
    expect(parseJsonReceipt(q, { status: "DELIVRD", part: 2, providerId: "gw-991", at: "2027-01-15T12:01:00Z" })).toEqual({
      ok: true,
      receipt: { messageId: "msg_7", part: 2, status: "delivered", smscId: "gw-991", reply: "DELIVRD", errorCode: null, at: Date.UTC(2027, 0, 15, 12, 1) },
    });
    const r = parseJsonReceipt(q, { status: "Failed", error: "absent subscriber", at: 1790000000000 });
    expect(r.ok && [r.receipt.status, r.receipt.part, r.receipt.errorCode, r.receipt.at]).toEqual(["failed", 0, "absent subscriber", 1790000000000]);
  });
  it("names the field at fault", () => {
    const q = new URLSearchParams("msg=msg_7&part=0");
    expect(parseJsonReceipt(q, [])).toEqual({ ok: false, field: "body", reason: "must be a JSON object" });
    expect(parseJsonReceipt(q, { status: "done" })).toMatchObject({ ok: false, field: "status" });
    expect(parseJsonReceipt(q, { status: "delivered", part: 1.5 })).toMatchObject({ ok: false, field: "part" });
    expect(parseJsonReceipt(q, { status: "delivered", at: "ayer" })).toMatchObject({ ok: false, field: "at" });
    expect(parseJsonReceipt(q, { status: "delivered", providerId: 7 })).toMatchObject({ ok: false, field: "providerId" });
    expect(parseJsonReceipt(new URLSearchParams("part=0"), { status: "delivered" })).toMatchObject({ ok: false, field: "msg" });
  });
});

describe("receipt helpers", () => {
  it("maps every SMPP stat word", () => {
    const words = ["DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "UNKNOWN", "REJECTD", "ACCEPTD", "ENROUTE", "delivrd", "OTHER"];
    expect(words.map(statusFromStat)).toEqual(["delivered", "expired", "failed", "failed", "failed", "rejected", "accepted", "buffered", "delivered", null]);
  });
  it("reads the SMPP receipt text, ignoring what the message text says", () => {
    expect(parseSmppReceiptText("id:0A1b sub:001 dlvrd:000 submit date:2701151200 done date:2701151230 stat:UNDELIV err:00B text:stat:DELIVRD ok")).toEqual({
      id: "0A1b", stat: "UNDELIV", err: "00B", doneDate: "2701151230",
    });
    expect(parseSmppReceiptText("ACK/")).toEqual({ id: null, stat: null, err: null, doneDate: null });
  });
  it("tells final statuses and meaningful error codes", () => {
    expect((["accepted", "buffered", "delivered", "failed", "rejected", "expired"] as const).map(isFinal)).toEqual([false, false, true, true, true, true]);
    expect([meaningfulError("000"), meaningfulError(""), meaningfulError(null), meaningfulError(" 0C1 ")]).toEqual([null, null, null, "0C1"]);
  });
  it("reads our message id and part from a hook query", () => {
    expect(callbackTarget(new URLSearchParams("msg=m-1_A&part=255"))).toEqual({ ok: true, messageId: "m-1_A", part: 255 });
    expect(callbackTarget(new URLSearchParams("msg=m1&part=-1"))).toMatchObject({ ok: false, field: "part" });
    expect(callbackTarget(new URLSearchParams("msg=m1&part="))).toMatchObject({ ok: false, field: "part" });
    expect(callbackTarget(new URLSearchParams(`msg=${"a".repeat(65)}&part=1`))).toMatchObject({ ok: false, field: "msg" });
  });
});
