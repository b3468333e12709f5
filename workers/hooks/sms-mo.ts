/**
 * The incoming-SMS hook, `GET|POST /hooks/sms/:connectionId/mo?s=<secret>` (S4): a provider
 * hands us a message a handset sent. No session: the connection's secret in `s` authenticates
 * the call (wrong, missing, or no such connection → 403, the same answer so ids cannot be
 * probed). The request is parsed by its shape (shared/sms/inbound.ts): a GET or form POST to a
 * Kannel connection (`local` is one) is Kannel's get-url query; a form POST to a Jasmin
 * connection is Jasmin's MO; a JSON POST is our generic provider's. Malformed → 400 naming the
 * field. Then workers/sms/inbound.ts stores it once and acts on it.
 *
 * Answers: Jasmin needs exactly "ACK/Jasmin" (else it posts again); Kannel gets an empty 200
 * (with `omit-empty`, or `max-messages = 0` in its sms-service, it sends nothing back to the
 * handset); JSON providers get `{ ok, id, duplicate }`. Every answer carries the stored id in
 * `X-Pregon-Inbound`. A storage fault is a 503, so the provider retries and nothing is lost.
 */
import { Hono, type Context } from "hono";
import { JASMIN_ACK } from "../../shared/sms/jasmin";
import { parseJasminMo, parseJsonMo, parseKannelMo, type InboundParse } from "../../shared/sms/inbound";
import { connectionForHook, hookSecretMatches, type SmsConnection } from "../sms/connections-store";
import { receiveInbound } from "../sms/inbound";

type HookEnv = { Bindings: Env };
const MAX_BODY = 64 * 1024;

const fail = (c: Context<HookEnv>, status: 400 | 403 | 413, code: string, message: string, field?: string) =>
  c.json({ error: { code, message, ...(field ? { field } : {}) } }, status);

/** The message in the request, read as the connection's provider sends it. */
async function parse(c: Context<HookEnv>, conn: SmsConnection): Promise<InboundParse | "too_large"> {
  const url = new URL(c.req.url);
  if (c.req.method === "GET") return conn.kind === "jasmin" ? parseJasminMo(url.searchParams) : parseKannelMo(url.search.slice(1));
  // Read as octets: a form body is ASCII (percent-encoded) whatever its charset, and .text() would warn about it.
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY) return "too_large";
  const body = new TextDecoder().decode(bytes);
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || conn.kind === "http-json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, field: "body", reason: "must be JSON" };
    }
    return parseJsonMo(parsed);
  }
  return conn.kind === "jasmin" ? parseJasminMo(new URLSearchParams(body)) : parseKannelMo(body);
}

export const smsMoHook = new Hono<HookEnv>()
  .on(["GET", "POST"], "/sms/:connectionId/mo", async (c) => {
    const conn = await connectionForHook(c.env, c.req.param("connectionId"));
    if (conn === null || !hookSecretMatches(conn, c.req.query("s"))) return fail(c, 403, "forbidden", "Unknown connection or wrong secret");
    const parsed = await parse(c, conn);
    if (parsed === "too_large") return fail(c, 413, "payload_too_large", "An incoming SMS is not that long");
    if (!parsed.ok) {
      console.warn(`sms mo ${conn.id}: ${parsed.field} ${parsed.reason}`);
      return fail(c, 400, "invalid_field", `${parsed.field}: ${parsed.reason}`, parsed.field);
    }
    const outcome = await receiveInbound(c.env, (p) => c.executionCtx.waitUntil(p), conn, parsed.sms);
    if (outcome === null) console.warn(`sms mo ${conn.id}: no account uses this connection; message from ${parsed.sms.from} dropped`);
    const headers = { "X-Pregon-Inbound": outcome?.id ?? "" };
    if (conn.kind === "jasmin") return c.text(JASMIN_ACK, 200, headers);
    if (conn.kind === "http-json") return c.json({ ok: true, id: outcome?.id ?? null, duplicate: outcome ? !outcome.fresh : false }, 200, headers);
    return c.body(null, 200, headers);
  })
  .onError((e, c) => {
    console.error("sms mo hook failed", e);
    return c.json({ error: { code: "unavailable", message: "Try again later" } }, 503);
  });
