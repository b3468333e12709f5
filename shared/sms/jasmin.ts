/**
 * Jasmin's HTTP API (ja-http), as pure builders and parsers: the `POST /send` request, its
 * answer, and the delivery report Jasmin posts back.
 *
 * Sending. ja-http takes the whole message (it has no UDH parameter, so Jasmin splits long text
 * itself, by octets: a long UCS-2 message may have a surrogate pair cut at a part boundary; keep
 * bold or emoji text to one segment on Jasmin routes, or use Kannel). GSM-7 text goes as
 * `content` with `coding=0`; UCS-2 as `hex-content` (UTF-16BE hex) with `coding=8`, which avoids
 * any charset guessing. We ask for `dlr-level=3` (SMSC and handset) by POST to our hook with our
 * message id as `msg` and `part=0` (the whole message) in its query; Jasmin's own fields are
 * in the form body, so its `id` cannot clash with ours.
 *
 * Receipts. Level 1 reports carry `message_status` = an SMPP command status (ESME_ROK: the SMSC
 * accepted it; any other ESME_*: rejected); level 2 reports carry the receipt's stat word
 * (DELIVRD, UNDELIV, EXPIRED, REJECTD, ACCEPTD, ENROUTE, DELETED, UNKNOWN) with `id_smsc`, `err`
 * and `donedate` (YYMMDDhhmm in the SMSC's unstated time zone, so `at` is left null and the hook
 * stamps the arrival time). The hook must answer exactly JASMIN_ACK, or Jasmin posts again.
 */
import type { HttpRequestSpec, OutgoingSms, SendOutcome } from "./provider";
import { checkOutgoing, outcomeOfStatus, withQuery } from "./provider";
import { callbackTarget, invalid, meaningfulError, statusFromStat } from "./receipt";
import type { ReceiptParse } from "./receipt";
import { toHex, toUtf16be } from "./split";

export type JasminConnection = {
  /** Where ja-http listens, e.g. "http://127.0.0.1:1401". */
  baseUrl: string;
  username: string;
  password: string;
  /** 1: SMSC level, 2: handset level, 3: both (default). */
  dlrLevel?: 1 | 2 | 3;
};

/** The exact body a DLR (or MO) hook must answer Jasmin with. */
export const JASMIN_ACK = "ACK/Jasmin";

/**
 * The `POST /send` request for the whole of `sms` (form-encoded, so the password stays out of
 * access logs). Throws RangeError for ids or URLs that cannot travel (see checkOutgoing).
 * @example jasminRequest(conn, sms).body // "username=u&password=p&to=%2B51987654321&coding=0&content=Hola&dlr=yes&dlr-url=…&dlr-level=3&dlr-method=POST"
 */
export function jasminRequest(conn: JasminConnection, sms: OutgoingSms): HttpRequestSpec {
  checkOutgoing(sms);
  const text = sms.parts.map((p) => p.text).join("");
  const form = new URLSearchParams({ username: conn.username, password: conn.password, to: sms.to });
  if (sms.from !== undefined) form.set("from", sms.from);
  if (sms.encoding === "UCS-2") {
    form.set("coding", "8");
    form.set("hex-content", toHex(toUtf16be(text)));
  } else {
    form.set("coding", "0");
    form.set("content", text);
  }
  form.set("dlr", "yes");
  form.set("dlr-url", withQuery(sms.receiptUrl, [["msg", sms.messageId], ["part", "0"]]));
  form.set("dlr-level", String(conn.dlrLevel ?? 3));
  form.set("dlr-method", "POST");
  return {
    method: "POST",
    url: conn.baseUrl.replace(/\/+$/, "") + "/send",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  };
}

/**
 * The outcome of Jasmin's answer: 200 `Success "<uuid>"` is accepted with that id; `Error "…"`
 * with 400/403/412 is rejected, with 500 retried. Any other 2xx counts as accepted without an id
 * (never retried: a second send could reach the handset twice).
 * @example parseJasminSendResponse(200, 'Success "07033084-5cfd-4812-90a4-e4d24ffb6e3d"') // { kind: "accepted", providerId: "07033084-5cfd-4812-90a4-e4d24ffb6e3d", message: "Success" }
 */
export function parseJasminSendResponse(status: number, body: string): SendOutcome {
  const m = /^\s*(Success|Error)\s+"([^"]*)"/.exec(body);
  if (m?.[1] === "Success") return outcomeOfStatus(status, "Success", m[2]!);
  return outcomeOfStatus(status, m?.[2] ?? body.trim().slice(0, 200));
}

/**
 * The receipt of a Jasmin DLR post: `query` is our hook's query (msg, part), `form` the posted
 * fields (id, message_status, level, id_smsc, err, donedate …).
 * @example parseJasminDlr(new URLSearchParams("msg=m1&part=0"), new URLSearchParams("id=16fd2706&message_status=DELIVRD&level=3&id_smsc=2567&err=000&donedate=2701151201"))
 * // { ok: true, receipt: { messageId: "m1", part: 0, status: "delivered", smscId: "2567", reply: "message_status=DELIVRD err=000 donedate=2701151201", errorCode: null, at: null } }
 */
export function parseJasminDlr(query: URLSearchParams, form: URLSearchParams): ReceiptParse {
  const target = callbackTarget(query);
  if (!target.ok) return target;
  const word = (form.get("message_status") ?? "").trim().toUpperCase();
  const esme = /^ESME_[A-Z0-9]+$/.test(word);
  const status = word === "ESME_ROK" ? "accepted" : esme ? "rejected" : statusFromStat(word);
  if (status === null) return invalid("message_status", "must be ESME_* or an SMPP receipt stat such as DELIVRD");
  const err = meaningfulError(form.get("err"));
  const reply = ["message_status", "err", "donedate"]
    .filter((k) => (form.get(k) ?? "") !== "")
    .map((k) => `${k}=${form.get(k)}`)
    .join(" ");
  return {
    ok: true,
    receipt: {
      messageId: target.messageId,
      part: target.part,
      status,
      smscId: (form.get("id_smsc") ?? "").trim() || null,
      reply,
      errorCode: esme && status === "rejected" ? word : err,
      at: null,
    },
  };
}
