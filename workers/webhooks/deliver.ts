/**
 * Sending outgoing webhook deliveries (B1), away from the paths that record events: the events
 * consumer and the inbound SMS hook only insert rows and put one `{type:"webhooks", accountId}`
 * message on the IMPORTS Queue (kickWebhooks); its consumer calls deliverDue, which posts that
 * account's due rows WEBHOOK_LANES at a time, each with a WEBHOOK_TIMEOUT_MS timeout, and
 * writes every attempt on its row. The minute cron wakes accounts whose rows a lost message
 * left due (wakeDueWebhooks). Retries follow shared/webhooks/events.ts RETRY_DELAYS_SECONDS.
 *
 * Each POST: Content-Type application/json, X-Pregon-Event, X-Pregon-Delivery (the row id) and
 * X-Pregon-Signature `t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 */
import { SIGNATURE_HEADER, signWebhook } from "../../shared/sms/keyword-webhook";
import { nextAttemptAt } from "../../shared/webhooks/events";
import { accountsWithDue, claimDue, recordAttempt, type AttemptResult } from "./store";
import { openWebhookSecret } from "./secret";
import { callProblem } from "../net/targets";

export const WEBHOOK_TIMEOUT_MS = 5000;
/** Deliveries of one account in flight at once. */
const WEBHOOK_LANES = 4;
/** Rows claimed per round, and rounds per Queue message before handing the rest to a new message. */
const CLAIM = 20;
const MAX_ROUNDS = 10;

export type WebhooksMessage = { type: "webhooks"; accountId: string };

/**
 * Puts one delivery message per account on the IMPORTS Queue. A failure is logged, never
 * thrown: the rows are stored and the minute cron sends them.
 */
export async function kickWebhooks(env: Pick<Env, "IMPORTS">, accountIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await env.IMPORTS.sendBatch(ids.map((accountId) => ({ body: { type: "webhooks", accountId } satisfies WebhooksMessage }))).catch((e: unknown) =>
    console.error(`webhooks: wake-up of ${ids.length} accounts not queued (the cron will send)`, e),
  );
}

/**
 * One signed POST of `body`; never throws. `answer` keeps the first 500 characters of the reply.
 * @example await postWebhook("https://hooks.example/p", "whsec_…", "opened", "whd_1", body)
 */
export async function postWebhook(url: string, secret: string, event: string, deliveryId: string, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<AttemptResult & { answer: string | null }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Pregon-Webhooks/1",
        "X-Pregon-Event": event,
        "X-Pregon-Delivery": deliveryId,
        [SIGNATURE_HEADER]: await signWebhook(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await res.text()).slice(0, 500);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.ok ? null : `HTTP ${res.status}`, answer };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { ok: false, status: null, error: error.slice(0, 500), answer: null };
  }
}

/**
 * Posts the due deliveries of `accountId`, recording each attempt; returns how many were tried.
 * Hands what is left after MAX_ROUNDS to a new Queue message.
 * @example await deliverDue(env, "acc_1") // 3
 */
export async function deliverDue(env: Pick<Env, "DB" | "IMPORTS" | "DKIM_KEY_SECRET" | "LINK_SECRET" | "ALLOW_PRIVATE_TARGETS">, accountId: string, now = () => Date.now()): Promise<number> {
  let tried = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await claimDue(env.DB, accountId, now(), CLAIM);
    let next = 0;
    const lane = async () => {
      for (let d = due[next++]; d !== undefined; d = due[next++]) {
        let r: AttemptResult;
        try {
          const refused = callProblem(env, d.url);
          r = refused ? { ok: false, status: null, error: `url ${refused}` } : await postWebhook(d.url, await openWebhookSecret(env, d.webhook_id, d.secret), d.event, d.id, d.payload);
        } catch (e) {
          r = { ok: false, status: null, error: e instanceof Error ? e.message : String(e) };
        }
        const at = now();
        await recordAttempt(env.DB, d, r, r.ok ? null : nextAttemptAt(d.attempts + 1, at), at);
        tried++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(WEBHOOK_LANES, due.length) }, lane));
    if (due.length < CLAIM) return tried;
  }
  await kickWebhooks(env, [accountId]);
  return tried;
}

/** The minute cron: wakes every account with deliveries due (a lost or failed Queue message left them). */
export async function wakeDueWebhooks(env: Pick<Env, "DB" | "IMPORTS">, now: number): Promise<void> {
  await kickWebhooks(env, await accountsWithDue(env.DB, now));
}
