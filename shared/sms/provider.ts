/**
 * What every provider adapter (kannel.ts, jasmin.ts, http-json.ts) takes and gives back, so the
 * send pipeline can treat them alike: an outgoing message (our id, numbers, the split parts and
 * the receipt hook), an HTTP request description the Worker turns into a fetch, and the outcome
 * of a provider's answer: accepted, rejected for good (4xx: bad number, bad credentials; do not
 * retry, refund), or worth a retry (5xx, 408, 429, timeout or no answer).
 */
import type { SmsEncoding } from "./chunks";
import { CALLBACK_ID } from "./receipt";
import type { SmsPart } from "./split";

export type OutgoingSms = {
  /** Our message id; it comes back in the receipt hook's query. URL-safe ([A-Za-z0-9_-]). */
  messageId: string;
  /** Destination in E.164 ("+51987654321"). */
  to: string;
  /** Sender id (short code, number or alphanumeric), when the route allows one. */
  from?: string;
  encoding: SmsEncoding;
  /** From splitSms: one part without UDH, or several with. */
  parts: SmsPart[];
  /** Absolute http(s) URL of our receipt hook for this connection (its secret included); no "%" nor "#". */
  receiptUrl: string;
};

export type HttpRequestSpec = { method: "GET" | "POST"; url: string; headers: Record<string, string>; body: string | null };

export type SendOutcome =
  | { kind: "accepted"; providerId: string | null; message: string }
  | { kind: "rejected"; message: string }
  | { kind: "retry"; message: string };

/**
 * How an HTTP status is handled when the body says nothing more: 2xx accepted, 408/425/429 and
 * 5xx retried, other 4xx rejected, 0 (no answer, timeout) retried.
 * @example outcomeOfStatus(503, "busy") // { kind: "retry", message: "busy" }
 */
export function outcomeOfStatus(status: number, message: string, providerId: string | null = null): SendOutcome {
  if (status >= 200 && status < 300) return { kind: "accepted", providerId, message };
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return { kind: "retry", message };
  return { kind: "rejected", message };
}

/**
 * Throws RangeError unless `sms` can be put in a provider request: ids safe in a callback URL,
 * a receipt URL that is absolute http(s) without "%" or "#", at least one part.
 * @example checkOutgoing({ messageId: "m 1", … }) // throws: messageId must be 1-64 characters of [A-Za-z0-9_-]
 */
export function checkOutgoing(sms: OutgoingSms): void {
  if (!CALLBACK_ID.test(sms.messageId)) throw new RangeError("messageId must be 1-64 characters of [A-Za-z0-9_-]");
  if (!/^https?:\/\/[^\s%#]+$/i.test(sms.receiptUrl)) throw new RangeError("receiptUrl must be an absolute http(s) URL without '%', '#' or spaces");
  if (sms.parts.length === 0) throw new RangeError("An SMS needs at least one part");
}

/**
 * `url` with our query parameters appended (after "?" or "&"), values percent-encoded unless
 * they are provider escapes we want substituted ("%d", "%A" …), which are passed as they are.
 * @example withQuery("https://h/k?s=1", [["id", "m1"], ["status", "%d"]], true) // "https://h/k?s=1&id=m1&status=%d"
 */
export function withQuery(url: string, params: ReadonlyArray<readonly [string, string]>, rawEscapes = false): string {
  const query = params.map(([k, v]) => `${k}=${rawEscapes && /^%[A-Za-z]$/.test(v) ? v : encodeURIComponent(v)}`).join("&");
  return url + (url.includes("?") ? "&" : "?") + query;
}
