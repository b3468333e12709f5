/**
 * Kannel's HTTP API, as pure builders and parsers: the `/cgi-bin/sendsms` request of each part,
 * the answer to it, and the delivery report Kannel calls back with.
 *
 * Sending. We split long text ourselves (split.ts) and send one sendsms request per part with its
 * UDH, because Kannel's own splitting cuts surrogate pairs. Text always travels as UTF-8 with
 * `charset=UTF-8`; `coding=0` lets Kannel convert GSM-7 text to GSM 03.38, `coding=2` sends UCS-2
 * (without it astral characters become "?"). `udh` is the raw header, every octet %-encoded.
 * `dlr-mask` defaults to 31: delivered (1), failed (2), buffered (4), SMSC ack (8), SMSC reject
 * (16). A 202 only means Kannel queued the part; delivery is the receipt's business. Checked
 * against Debian's Kannel 1.4.5: each part reaches the SMSC unsplit (data_coding 0 or 8, esm_class
 * 0x43 with UDH) with exactly the UDH and payload octets of split.ts, full-size parts included.
 *
 * Receipts. The `dlr-url` is our hook plus our message id and part, and Kannel escapes that it
 * substitutes (URL-encoded) when it calls: %d the report type, %A the SMSC's reply text (for an
 * SMPP receipt "id:… stat:DELIVRD err:000 …"), %F the SMSC's message id, %T the time (Unix
 * seconds). One report type arrives per call; "failed" is refined to "expired" or
 * "rejected" when the SMSC's text says stat:EXPIRED or stat:REJECTD, and type 34 (failed with
 * Kannel 1.4.5's expiry bit 32) is "expired" whatever the text.
 */
import type { HttpRequestSpec, OutgoingSms, SendOutcome } from "./provider";
import { checkOutgoing, outcomeOfStatus, withQuery } from "./provider";
import { callbackTarget, invalid, meaningfulError, parseSmppReceiptText, statusFromStat } from "./receipt";
import type { ReceiptParse, SmsReceiptStatus } from "./receipt";

export type KannelConnection = {
  /** Where smsbox listens, e.g. "http://127.0.0.1:13013". */
  baseUrl: string;
  username: string;
  password: string;
  /** A Kannel smsc-id to force the route (routing per operator), else Kannel's own routing. */
  smsc?: string;
  /** DLR types wanted; default 31 (all). */
  dlrMask?: number;
};

/**
 * The query of the MO URL (the sms-service `get-url`) a Kannel connection is given: the escapes
 * smsbox fills and parseKannelMo (inbound.ts) reads. The dashboard shows Kannel connections their
 * MO URL with it, ready to paste into kannel.conf.
 */
export const KANNEL_MO_QUERY = "from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i&ts=%t&udh=%u";

/** The query names our dlr-url adds, and the Kannel escape each one carries. */
export const KANNEL_DLR_QUERY = { msg: null, part: null, type: "%d", reply: "%A", fid: "%F", ts: "%T" } as const;

// 34 is 2 | 32: Kannel 1.4.5 reports a message whose validity ran out at the SMSC as "failed"
// with the expiry bit set (no stat word needed to tell it apart).
const TYPE_STATUS: Readonly<Record<string, SmsReceiptStatus>> = { "1": "delivered", "2": "failed", "4": "buffered", "8": "accepted", "16": "rejected", "34": "expired" };

/**
 * One sendsms GET per part of `sms`, in order. Throws RangeError for ids or URLs that cannot
 * travel (see checkOutgoing) or a dlrMask outside 1–31.
 * @example kannelRequests(conn, { messageId: "m1", to: "+51987654321", encoding: "GSM-7", parts: splitSms("Hola", { reference: 1 }).parts, receiptUrl: "https://p.pe/hooks/sms/kannel/c1?k=s" })[0].url
 * // "http://127.0.0.1:13013/cgi-bin/sendsms?username=…&to=%2B51987654321&text=Hola&coding=0&charset=UTF-8&dlr-mask=31&dlr-url=https%3A%2F%2Fp.pe%2F…%26type%3D%25d…"
 */
export function kannelRequests(conn: KannelConnection, sms: OutgoingSms): HttpRequestSpec[] {
  checkOutgoing(sms);
  const mask = conn.dlrMask ?? 31;
  if (!Number.isInteger(mask) || mask < 1 || mask > 31) throw new RangeError("dlrMask must be an integer from 1 to 31");
  // The base is smsbox's root; a base given with the path already (…/cgi-bin/sendsms) is taken as is.
  const base = conn.baseUrl.replace(/\/+$/, "");
  const endpoint = /\/cgi-bin\/sendsms$/i.test(base) ? base : `${base}/cgi-bin/sendsms`;
  return sms.parts.map((part) => {
    const dlrUrl = kannelDlrUrl(sms.receiptUrl, sms.messageId, part.seq);
    const params: Array<[string, string]> = [["username", conn.username], ["password", conn.password]];
    if (conn.smsc !== undefined) params.push(["smsc", conn.smsc]);
    if (sms.from !== undefined) params.push(["from", sms.from]);
    params.push(["to", sms.to], ["text", part.text], ["coding", sms.encoding === "UCS-2" ? "2" : "0"], ["charset", "UTF-8"]);
    let query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
    if (part.udh !== null) query += `&udh=${percentOctets(part.udh)}`;
    query += `&dlr-mask=${mask}&dlr-url=${encodeURIComponent(dlrUrl)}`;
    return { method: "GET", url: `${endpoint}?${query}`, headers: {}, body: null };
  });
}

/**
 * Our receipt hook with the message id, part and Kannel's escapes, before it is itself encoded
 * as the `dlr-url` parameter.
 * @example kannelDlrUrl("https://p.pe/hooks/sms/kannel/c1?k=s", "m1", 2) // "https://p.pe/hooks/sms/kannel/c1?k=s&msg=m1&part=2&type=%d&reply=%A&fid=%F&ts=%T"
 */
export function kannelDlrUrl(receiptUrl: string, messageId: string, part: number): string {
  return withQuery(receiptUrl, Object.entries(KANNEL_DLR_QUERY).map(([k, v]) => [k, v ?? (k === "msg" ? messageId : String(part))]), true);
}

/**
 * The outcome of Kannel's answer to sendsms: 202 "0: Accepted for delivery" or "3: Queued for
 * later delivery" is accepted (Kannel gives no id of its own); 4xx such as 403 "Authorization
 * failed for sendsms" is rejected; 5xx (503 "Temporal failure, try again later") and no answer
 * (status 0) are retried.
 * @example parseKannelSendResponse(202, "0: Accepted for delivery") // { kind: "accepted", providerId: null, message: "0: Accepted for delivery" }
 */
export function parseKannelSendResponse(status: number, body: string): SendOutcome {
  return outcomeOfStatus(status, body.trim().slice(0, 200));
}

/**
 * The receipt in the query of a call to our dlr-url, or the field at fault.
 * @example parseKannelDlr(new URLSearchParams("msg=m1&part=1&type=1&reply=id%3A7c1+stat%3ADELIVRD+err%3A000&fid=7c1&ts=1790000000"))
 * // { ok: true, receipt: { messageId: "m1", part: 1, status: "delivered", smscId: "7c1", reply: "id:7c1 stat:DELIVRD err:000", errorCode: null, at: 1790000000000 } }
 */
export function parseKannelDlr(query: URLSearchParams): ReceiptParse {
  const target = callbackTarget(query);
  if (!target.ok) return target;
  const { messageId, part } = target;
  const type = (query.get("type") ?? "").trim();
  const base = TYPE_STATUS[type];
  if (base === undefined) return invalid("type", "must be one Kannel DLR type: 1, 2, 4, 8, 16 or 34");
  const reply = nonEmpty(query.get("reply"));
  const fields = reply === null ? null : parseSmppReceiptText(reply);
  const stat = fields?.stat ? statusFromStat(fields.stat) : null;
  const status = base === "failed" && (stat === "expired" || stat === "rejected") ? stat : base;
  const ts = (query.get("ts") ?? "").trim();
  return {
    ok: true,
    receipt: {
      messageId,
      part,
      status,
      smscId: nonEmpty(query.get("fid")) ?? fields?.id ?? null,
      reply,
      errorCode: meaningfulError(fields?.err),
      at: /^\d{1,12}$/.test(ts) ? Number(ts) * 1000 : null,
    },
  };
}

function percentOctets(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  return out;
}

function nonEmpty(value: string | null): string | null {
  const v = (value ?? "").trim();
  return v === "" ? null : v;
}
