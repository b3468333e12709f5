/**
 * A generic JSON HTTP provider: the contract for any gateway that is neither Kannel nor Jasmin
 * (an operator's own API behind a small translator, an in-house gateway). We define it, so it is
 * documented here in full.
 *
 * Request: `POST <url>` with `Authorization: Bearer <token>` (when configured) and the body
 *   { "id": "m1", "to": "+51987654321", "from": "PREGON", "text": "…", "encoding": "UCS-2",
 *     "segments": 2, "parts": [{ "seq": 1, "text": "…", "udh": "050003A70201" }, …],
 *     "callbackUrl": "https://…/hooks/…?k=…&msg=m1&part=0" }
 * The provider may send `text` whole or the `parts` with their UDH (hex). A 2xx answer accepts
 * the message, optionally naming its own id as `{ "id": "…" }`; 4xx rejects it; 5xx is retried.
 *
 * Receipt: `POST <callbackUrl>` with a JSON body
 *   { "status": "delivered", "part": 1, "providerId": "…", "error": "…", "at": "2027-01-15T12:01:00Z" }
 * where `status` is one of ours (accepted, buffered, delivered, failed, rejected, expired) or an
 * SMPP stat word (DELIVRD, UNDELIV …); `part` (0 = whole message), `providerId`, `error` and `at`
 * (ISO 8601 or epoch milliseconds) are optional.
 */
import type { HttpRequestSpec, OutgoingSms, SendOutcome } from "./provider";
import { checkOutgoing, outcomeOfStatus, withQuery } from "./provider";
import { callbackTarget, invalid, meaningfulError, statusFromStat } from "./receipt";
import type { ReceiptParse, SmsReceiptStatus } from "./receipt";

export type JsonProviderConnection = { url: string; token?: string };

const OURS: ReadonlySet<string> = new Set<SmsReceiptStatus>(["accepted", "buffered", "delivered", "failed", "rejected", "expired"]);

/**
 * The JSON request for `sms`. Throws RangeError for ids or URLs that cannot travel.
 * @example JSON.parse(jsonProviderRequest({ url: "https://gw.pe/sms", token: "t" }, sms).body!).parts[0] // { seq: 1, text: "Hola", udh: null }
 */
export function jsonProviderRequest(conn: JsonProviderConnection, sms: OutgoingSms): HttpRequestSpec {
  checkOutgoing(sms);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (conn.token !== undefined) headers.authorization = `Bearer ${conn.token}`;
  const body = {
    id: sms.messageId,
    to: sms.to,
    from: sms.from ?? null,
    text: sms.parts.map((p) => p.text).join(""),
    encoding: sms.encoding,
    segments: sms.parts.length,
    parts: sms.parts.map((p) => ({ seq: p.seq, text: p.text, udh: p.udhHex })),
    callbackUrl: withQuery(sms.receiptUrl, [["msg", sms.messageId], ["part", "0"]]),
  };
  return { method: "POST", url: conn.url, headers, body: JSON.stringify(body) };
}

/**
 * The outcome of the provider's answer; a 2xx JSON body's string `id` becomes the provider id.
 * @example parseJsonProviderResponse(202, '{"id":"gw-991"}') // { kind: "accepted", providerId: "gw-991", message: "202" }
 */
export function parseJsonProviderResponse(status: number, body: string): SendOutcome {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // Not JSON: the status alone decides.
  }
  const record = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const id = typeof record.id === "string" && record.id !== "" ? record.id : null;
  const message = typeof record.error === "string" ? record.error : typeof record.message === "string" ? record.message : String(status);
  return outcomeOfStatus(status, message.slice(0, 200), id);
}

/**
 * The receipt posted to our callback: `query` is our hook's query (msg, part), `body` the parsed JSON.
 * @example parseJsonReceipt(new URLSearchParams("msg=m1&part=0"), { status: "DELIVRD", part: 2, at: 1790000000000 })
 * // { ok: true, receipt: { messageId: "m1", part: 2, status: "delivered", smscId: null, reply: "DELIVRD", errorCode: null, at: 1790000000000 } }
 */
export function parseJsonReceipt(query: URLSearchParams, body: unknown): ReceiptParse {
  const target = callbackTarget(query);
  if (!target.ok) return target;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return invalid("body", "must be a JSON object");
  const b = body as Record<string, unknown>;
  const word = typeof b.status === "string" ? b.status.trim() : "";
  const status = OURS.has(word.toLowerCase()) ? (word.toLowerCase() as SmsReceiptStatus) : statusFromStat(word);
  if (status === null) return invalid("status", "must be accepted, buffered, delivered, failed, rejected, expired or an SMPP stat word");
  let part = target.part;
  if (b.part !== undefined) {
    if (typeof b.part !== "number" || !Number.isInteger(b.part) || b.part < 0 || b.part > 255) return invalid("part", "must be an integer from 0 to 255");
    part = b.part;
  }
  const at = timeOf(b.at);
  if (at === undefined) return invalid("at", "must be an ISO 8601 date or epoch milliseconds");
  for (const key of ["providerId", "error"] as const) {
    if (b[key] !== undefined && b[key] !== null && typeof b[key] !== "string") return invalid(key, "must be a string");
  }
  return {
    ok: true,
    receipt: {
      messageId: target.messageId,
      part,
      status,
      smscId: typeof b.providerId === "string" && b.providerId !== "" ? b.providerId : null,
      reply: word,
      errorCode: meaningfulError(typeof b.error === "string" ? b.error : null),
      at,
    },
  };
}

/** Milliseconds, null when absent, undefined when present but unreadable. */
function timeOf(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
