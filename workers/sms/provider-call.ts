/**
 * The HTTP side of sending one SMS through a connection: the provider's requests built by the
 * pure adapters (shared/sms/kannel.ts, jasmin.ts, http-json.ts), each made with `fetch` and a
 * timeout, and the answer read into an outcome: accepted (with the provider's id when it gives
 * one), rejected for good (4xx), or worth a retry (5xx, timeout, no answer). Kannel gets one
 * request per part, each with our UDH (its own splitting breaks surrogate pairs); Jasmin and the
 * generic JSON provider get the whole text in one request, reported back as part 0.
 */
import { jasminRequest, parseJasminSendResponse } from "../../shared/sms/jasmin";
import { jsonProviderRequest, parseJsonProviderResponse } from "../../shared/sms/http-json";
import { kannelRequests, parseKannelSendResponse } from "../../shared/sms/kannel";
import type { HttpRequestSpec, OutgoingSms, SendOutcome } from "../../shared/sms/provider";
import type { ConnectionKind, SmsConnection } from "./connections-store";

/** One request to make, and the part it carries (0: the whole message). */
export type PartRequest = { part: number; spec: HttpRequestSpec };

/** Default time a provider has to answer one request. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * The requests that send `sms` (whose `parts` are the ones still to send) through `conn`.
 * @example requestsFor(kannelConn, sms).map((r) => r.part) // [1, 2] for a two-part message
 */
export function requestsFor(conn: SmsConnection, sms: OutgoingSms): PartRequest[] {
  switch (conn.kind) {
    case "kannel":
      return kannelRequests({ baseUrl: conn.baseUrl, username: conn.username ?? "", password: conn.password ?? "" }, sms).map((spec, i) => ({ part: sms.parts[i]!.seq, spec }));
    case "jasmin":
      return [{ part: 0, spec: jasminRequest({ baseUrl: conn.baseUrl, username: conn.username ?? "", password: conn.password ?? "" }, sms) }];
    case "http-json":
      return [{ part: 0, spec: jsonProviderRequest(conn.password ? { url: conn.baseUrl, token: conn.password } : { url: conn.baseUrl }, sms) }];
  }
}

/** Whether the connection takes the whole text in one request (and reports it as part 0). */
export function sendsWhole(kind: ConnectionKind): boolean {
  return kind !== "kannel";
}

/**
 * Make one request; never throws: a timeout or a network failure is a "retry" outcome.
 * @example await callProvider("kannel", spec, 10_000) // { kind: "accepted", providerId: null, message: "0: Accepted for delivery" }
 */
export async function callProvider(kind: ConnectionKind, spec: HttpRequestSpec, timeoutMs: number): Promise<SendOutcome> {
  let status: number;
  let body: string;
  try {
    const res = await fetch(spec.url, { method: spec.method, headers: spec.headers, body: spec.body, signal: AbortSignal.timeout(timeoutMs) });
    status = res.status;
    body = (await res.text()).slice(0, 2000);
  } catch (err) {
    const name = (err as Error)?.name;
    const why = name === "TimeoutError" || name === "AbortError" ? `no answer within ${timeoutMs} ms` : `no answer (${String((err as Error)?.message ?? err).slice(0, 120)})`;
    return { kind: "retry", message: why };
  }
  const outcome = kind === "kannel" ? parseKannelSendResponse(status, body) : kind === "jasmin" ? parseJasminSendResponse(status, body) : parseJsonProviderResponse(status, body);
  // Keep the status with the provider's words: "503: Temporal failure, try again later".
  return outcome.kind === "accepted" ? outcome : { ...outcome, message: `${status}: ${outcome.message}`.slice(0, 300) };
}
