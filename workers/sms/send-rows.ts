/**
 * Sending claimed SMS rows (S1, S2, C1): the work of the SMS_SENDS consumer, apart from the Queue.
 *
 * 1. *Claim*: one statement moves the given rows from `queued` to `sending` and counts the
 *    attempt; only rows claimed here are sent, so a redelivered Queue message, or a row already
 *    settled, sends nothing.
 * 2. *Route*: the number's operator from the account's portability table, the account's
 *    connections (or `local`), routeFor and connectionForAttempt pick this attempt's connection
 *    (shared/sms/routing.ts).
 * 3. *Send*: the text split with splitSms (our UDH, the concatenation reference derived from the
 *    message id so a retried part matches the first ones); parts a provider already accepted in
 *    an earlier attempt are not sent again. Each connection's requests pass its RateGate; a
 *    message's parts go in order, and a refusal or fault stops the rest of that message.
 * 4. *Settle* (send-settle.ts): accepted, failed (4xx, or no connection left), or back to
 *    `queued` for a retry after a backoff (5xx, timeout), failing over to the next connection.
 */
import { concatReference, splitSms } from "../../shared/sms/split";
import { connectionForAttempt, retryDelaySeconds, routeFor } from "../../shared/sms/routing";
import type { Operator } from "../../shared/sms/operators";
import type { SmsEncoding } from "../../shared/sms/chunks";
import { callbackUrls, connectionsFor, type SmsConnection } from "./connections-store";
import { callProvider, requestsFor, SEND_TIMEOUT_MS, sendsWhole, type PartRequest } from "./provider-call";
import { RateGate } from "./rate";
import { settleRows, type RowResult } from "./send-settle";
import { queueSentEvents } from "./sent-events";

export type ClaimedRow = {
  id: string;
  account_id: string;
  campaign_id: string | null;
  contact_id: number | null;
  to_number: string;
  text: string;
  encoding: SmsEncoding;
  segments: number;
  attempts: number;
  reservation_id: string | null;
};

/** Messages worked on at the same time within one batch. */
const LANES = 48;
/** Statuses of a part the provider has already taken: never sent again. */
const TAKEN = new Set(["accepted", "buffered", "delivered"]);

type Plan = { row: ClaimedRow; conn: SmsConnection | null; route: SmsConnection[]; operator: Operator | null; requests: PartRequest[]; earlier: number };

/**
 * Claim, send and settle the rows `ids`; returns, per id that must be tried again, the seconds
 * to wait. Ids not claimable (settled, or claimed by someone else) are left alone.
 * @example await sendSmsRows(env, ["sms_a", "sms_b"]) // Map { "sms_b" => 20 } when sms_b's provider answered 503
 */
export async function sendSmsRows(env: Env, ids: readonly string[]): Promise<Map<string, number>> {
  const retries = new Map<string, number>();
  if (ids.length === 0) return retries;
  // While a row is `sending`, done_at holds when it was claimed (the settle clears it, or sets the
  // final time): the minute cron fails a single send still unconfirmed 15 minutes later (stuck-sms.ts).
  const claimed = await env.DB.prepare(
    `UPDATE sms_messages SET status = 'sending', attempts = attempts + 1, done_at = ?2
     WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'queued'
     RETURNING id, account_id, campaign_id, contact_id, to_number, text, encoding, segments, attempts, reservation_id`,
  )
    .bind(JSON.stringify([...new Set(ids)]), Date.now())
    .all<ClaimedRow>();
  const rows = claimed.results;
  if (rows.length === 0) return retries;

  const plans = await planRows(env, rows);
  const timeoutMs = positive(env.SMS_SEND_TIMEOUT_MS, SEND_TIMEOUT_MS);
  const gates = new Map<string, RateGate>();
  for (const p of plans) {
    if (!p.conn || p.requests.length === 0) continue;
    const g = gates.get(p.conn.id);
    if (g) g.expect(p.requests.length);
    else gates.set(p.conn.id, new RateGate(env.DB, p.conn.id, p.conn.ratePerSecond, p.requests.length));
  }

  const results: RowResult[] = [];
  let next = 0;
  const lane = async () => {
    for (let p = plans[next++]; p !== undefined; p = plans[next++]) results.push(await sendOne(p, gates, timeoutMs, env));
  };
  try {
    await Promise.all(Array.from({ length: Math.min(LANES, plans.length) }, lane));
  } finally {
    await Promise.all([...gates.values()].map((g) => g.close().catch((err: unknown) => console.error("sms rate window not given back", err))));
  }
  const now = Date.now();
  await settleRows(env, results, now);
  await queueSentEvents(env, results, now);
  for (const r of results) if (r.outcome === "retry") retries.set(r.row.id, r.retryIn);
  return retries;
}

/** Connections, operators and the requests of each claimed row. */
async function planRows(env: Env, rows: ClaimedRow[]): Promise<Plan[]> {
  const accounts = [...new Set(rows.map((r) => r.account_id))];
  const byAccount = new Map<string, SmsConnection[]>();
  const operators = new Map<string, Operator>();
  await Promise.all(
    accounts.map(async (accountId) => {
      const numbers = rows.filter((r) => r.account_id === accountId).map((r) => r.to_number);
      const [conns, ops] = await Promise.all([
        connectionsFor(env, accountId),
        env.DB.prepare("SELECT number, operator FROM sms_portability WHERE account_id = ? AND number IN (SELECT value FROM json_each(?))").bind(accountId, JSON.stringify(numbers)).all<{ number: string; operator: Operator }>(),
      ]);
      byAccount.set(accountId, conns);
      for (const o of ops.results) operators.set(`${accountId}:${o.number}`, o.operator);
    }),
  );
  const retried = rows.filter((r) => r.attempts > 1).map((r) => r.id);
  const taken = new Map<string, Set<number>>();
  if (retried.length > 0) {
    const parts = await env.DB.prepare("SELECT message_id, part, status FROM sms_parts WHERE message_id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(retried)).all<{ message_id: string; part: number; status: string }>();
    for (const p of parts.results) if (TAKEN.has(p.status)) (taken.get(p.message_id) ?? taken.set(p.message_id, new Set()).get(p.message_id)!).add(p.part);
  }
  return rows.map((row) => {
    const operator = operators.get(`${row.account_id}:${row.to_number}`) ?? null;
    const route = routeFor(operator, byAccount.get(row.account_id) ?? []);
    const conn = connectionForAttempt(route, row.attempts);
    const done = taken.get(row.id) ?? new Set<number>();
    if (!conn) return { row, conn, route, operator, requests: [], earlier: done.size };
    const split = splitSms(row.text, { reference: concatReference(row.id) });
    const parts = sendsWhole(conn.kind) ? (done.size > 0 ? [] : split.parts) : split.parts.filter((p) => !done.has(p.seq));
    const receiptUrl = callbackUrls(env, conn).dlr;
    const requests = parts.length === 0 ? [] : requestsFor(conn, { messageId: row.id, to: row.to_number, from: conn.sender, encoding: split.encoding, parts, receiptUrl });
    return { row, conn, route, operator, requests, earlier: done.size };
  });
}

/** Send one message's requests in order; stop at the first refusal or fault. */
async function sendOne(p: Plan, gates: Map<string, RateGate>, timeoutMs: number, env: Env): Promise<RowResult> {
  const base = { row: p.row, connectionId: p.conn?.id ?? null, sender: p.conn?.sender ?? null, operator: p.operator, earlierParts: p.earlier };
  if (!p.conn) {
    const message = p.route.length === 0 ? "no SMS connection: add one in Configuración, or set SMS_KANNEL_URL" : "every connection of the route failed";
    return { ...base, outcome: "failed", error: p.row.attempts > 1 ? `${message} (after ${p.row.attempts - 1} attempts)` : message, parts: [], retryIn: 0 };
  }
  const parts: RowResult["parts"] = [];
  for (const req of p.requests) {
    await gates.get(p.conn.id)!.take();
    const outcome = await callProvider(p.conn.kind, req.spec, timeoutMs);
    if (outcome.kind === "accepted") {
      parts.push({ part: req.part, status: "accepted", providerId: outcome.providerId, error: null });
      continue;
    }
    if (outcome.kind === "rejected") {
      parts.push({ part: req.part, status: "failed", providerId: null, error: outcome.message });
      return { ...base, outcome: "failed", error: `${p.conn.name}: ${outcome.message}`, parts, retryIn: 0 };
    }
    const more = connectionForAttempt(p.route, p.row.attempts + 1) !== null;
    const error = `${p.conn.name}: ${outcome.message}`;
    if (!more) return { ...base, outcome: "failed", error: `${error} (after ${p.row.attempts} attempts)`, parts, retryIn: 0 };
    return { ...base, outcome: "retry", error, parts, retryIn: retryDelaySeconds(p.route, p.row.attempts, positive(env.SMS_RETRY_SECONDS, 10, true)) };
  }
  return { ...base, outcome: "accepted", error: null, parts, retryIn: 0 };
}

function positive(raw: string | undefined, fallback: number, zeroOk = false): number {
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && (n > 0 || (zeroOk && n === 0)) ? n : fallback;
}
