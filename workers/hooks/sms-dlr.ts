/**
 * Delivery receipts of SMS providers, `GET|POST /hooks/sms/:connectionId/dlr?s=<secret>&…` (S4).
 * The connection (an account's, or `local`, the deployment's default) is looked up and the
 * secret in `s` compared in constant time: unknown connection or wrong secret → 403. The body
 * is read as the connection's kind sends it: Kannel calls the dlr-url we gave it with its escapes
 * substituted (GET, shared/sms/kannel.ts), Jasmin posts a form (answered with exactly
 * "ACK/Jasmin", or it posts again), the generic JSON provider posts JSON. Malformed → 400 naming
 * the field (logged); never a 500 for the provider's input. A good receipt is put on the
 * SMS_RECEIPTS Queue and answered 200 `{ result: "queued" }` once the Queue has it; the consumer
 * (workers/queues/sms-receipts.ts) writes receipts a batch at a time, and logs and drops one
 * for a message we do not know (a provider must not retry it forever).
 */
import { Hono, type Context } from "hono";
import { JASMIN_ACK, parseJasminDlr } from "../../shared/sms/jasmin";
import { parseJsonReceipt } from "../../shared/sms/http-json";
import { parseKannelDlr } from "../../shared/sms/kannel";
import type { ReceiptParse } from "../../shared/sms/receipt";
import { connectionForHook, hookSecretMatches, type SmsConnection } from "../sms/connections-store";
import type { SmsReceiptMessage } from "../queues/sms-receipts";

type HooksEnv = { Bindings: Env };
const MAX_BODY = 64 * 1024;
const fail = (c: Context<HooksEnv>, status: 400 | 403, code: string, message: string, field?: string) => c.json({ error: { code, message, ...(field ? { field } : {}) } }, status);

async function parse(c: Context<HooksEnv>, conn: SmsConnection, query: URLSearchParams): Promise<ReceiptParse> {
  // Read as bytes: .text() on a form body makes workerd warn.
  const body = c.req.method === "POST" ? new TextDecoder().decode((await c.req.arrayBuffer()).slice(0, MAX_BODY)) : "";
  if (conn.kind === "http-json") {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return { ok: false, field: "body", reason: "must be a JSON object" };
    }
    return parseJsonReceipt(query, json);
  }
  const form = new URLSearchParams(body);
  if (conn.kind === "jasmin") return parseJasminDlr(query, form);
  // Kannel: the escapes are in the query; a POSTed form (dlr-url through a proxy) is read too.
  for (const [k, v] of form) if (!query.has(k)) query.append(k, v);
  return parseKannelDlr(query);
}

export const smsReceiptHooks = new Hono<HooksEnv>().on(["GET", "POST"], "/:connectionId/dlr", async (c) => {
  const id = c.req.param("connectionId");
  const query = new URL(c.req.url).searchParams;
  const conn = await connectionForHook(c.env, id);
  if (!conn || !hookSecretMatches(conn, query.get("s"))) return fail(c, 403, "forbidden", "Unknown connection or wrong secret");
  const parsed = await parse(c, conn, query);
  if (!parsed.ok) {
    console.warn(`sms receipt on ${id} refused: ${parsed.field}: ${parsed.reason}`);
    return fail(c, 400, "invalid_field", `${parsed.field}: ${parsed.reason}`, parsed.field);
  }
  // Stored (queued) before the answer: Kannel does not retry a dlr-url, so a 200 must mean kept.
  await c.env.SMS_RECEIPTS.send({ type: "sms_receipt", accountId: conn.accountId, receipt: parsed.receipt, connectionId: conn.id } satisfies SmsReceiptMessage);
  if (conn.kind === "jasmin") return c.text(JASMIN_ACK);
  return c.json({ ok: true, result: "queued" });
}).onError((e, c) => {
  console.error("sms receipt hook failed", e);
  // The Queue refused it. Jasmin retries a callback that was not acknowledged; Kannel does not
  // retry a failed dlr-url call, so such a receipt is lost (logged here).
  return c.json({ error: { code: "unavailable", message: "Try again later" } }, 503);
});
