/**
 * Settling an attempt to send SMS rows (send-rows.ts): the ledger, then one D1 batch (credit
 * first: a campaign closes once no row is `sending`, and must not release credit a batch has
 * yet to commit):
 *
 * - the parts the provider answered are recorded in `sms_parts` (its id when it gave one; a
 *   part that already has a row, written by a receipt that outran the answer, keeps its status);
 * - each row leaves `sending`: `accepted` (sent_at), `failed` with the reason (done_at), or back
 *   to `queued` with the fault, to be claimed again by the retried Queue message;
 * - an accepted message whose receipts came before this settle takes the status its parts say
 *   (shared/sms/message-status.ts), so a fast "delivered" is not lost, and its campaign gets the
 *   final-status event the receipt could not emit then (receipts.ts finalStatusEvent);
 * - credit: a single send's reservation is settled at once (debited = the parts that went out:
 *   all of them when accepted, usually none when failed; the rest goes back to the holder); a
 *   campaign's messages commit their parts to the campaign's reservation in one call per batch,
 *   which the campaign closes. Keys are per message or per batch, so a repeat changes nothing.
 *
 * Refunds for platform faults (C1), the email rule applied to SMS: credit is debited only for
 * what a provider took (email: what the relay accepted, workers/queues/email.ts), so a message
 * our side could not hand over — no connection, a provider unreachable or answering 5xx after
 * the last retry, a 4xx refusal, or a row left `sending` by a crashed consumer (stuck-sms.ts) —
 * gives back every segment that did not go out, at once, with a ledger entry whose note says
 * which message and why ("C1: … not taken by the provider: <error>"): a single send through its
 * settle, a campaign's failed messages through one release of their group reservation per batch.
 * A carrier's verdict after the provider took the message (a receipt failed, expired or
 * rejected) is not refunded: the provider and carrier did their job, as an email that bounces
 * after the relay accepted it stays debited.
 */
import { nextMessageStatus, type PartStatus } from "../../shared/sms/message-status";
import type { Operator } from "../../shared/sms/operators";
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../events/queue-events";
import { ledgerOf } from "../ledger";
import { finalStatusEvent } from "./receipts";
import type { ClaimedRow } from "./send-rows";

export type RowResult = {
  row: ClaimedRow;
  outcome: "accepted" | "failed" | "retry";
  error: string | null;
  connectionId: string | null;
  sender: string | null;
  operator: Operator | null;
  /** Parts a provider took in earlier attempts. */
  earlierParts: number;
  /** What the provider answered for each part sent in this attempt. */
  parts: { part: number; status: "accepted" | "failed"; providerId: string | null; error: string | null }[];
  /** Seconds before the retry (outcome "retry"). */
  retryIn: number;
};

/** Settle or commit the credit, then write the outcomes. */
export async function settleRows(env: Env, results: readonly RowResult[], now: number): Promise<void> {
  if (results.length === 0) return;
  const db = env.DB;
  const parts = results.flatMap((r) => r.parts.map((p) => ({ m: r.row.id, p: p.part, pid: p.providerId, s: p.status, e: p.error })));
  const rows = results.map((r) => ({ id: r.row.id, status: r.outcome === "retry" ? "queued" : r.outcome, error: r.error, conn: r.connectionId, sender: r.sender, op: r.operator }));
  const stmts = [
    db
      .prepare(
        `WITH j AS (SELECT value ->> 'id' AS id, value ->> 'status' AS status, value ->> 'error' AS error, value ->> 'conn' AS conn, value ->> 'sender' AS sender, value ->> 'op' AS op FROM json_each(?2))
         UPDATE sms_messages SET status = j.status, error = j.error, connection_id = COALESCE(j.conn, sms_messages.connection_id), sender = COALESCE(j.sender, sms_messages.sender),
           operator = j.op, sent_at = CASE WHEN j.status = 'accepted' THEN COALESCE(sms_messages.sent_at, ?1) ELSE sms_messages.sent_at END,
           done_at = CASE WHEN j.status = 'failed' THEN ?1 ELSE NULL END
         FROM j WHERE sms_messages.id = j.id AND sms_messages.status = 'sending'`,
      )
      .bind(now, JSON.stringify(rows)),
  ];
  if (parts.length > 0) {
    stmts.unshift(
      db
        .prepare(
          `INSERT INTO sms_parts (message_id, part, provider_id, status, error, updated_at)
           SELECT value ->> 'm', value ->> 'p', value ->> 'pid', value ->> 's', value ->> 'e', ?1 FROM json_each(?2) WHERE true
           ON CONFLICT (message_id, part) DO UPDATE SET provider_id = COALESCE(sms_parts.provider_id, excluded.provider_id), updated_at = excluded.updated_at`,
        )
        .bind(now, JSON.stringify(parts)),
    );
  }
  // Credit first: the runner closes a campaign (releasing what its reservations still hold) once
  // no row is `sending`, so rows leave `sending` only after their credit is committed.
  await settleCredits(env, results);
  await db.batch(stmts);
  const finals = await catchUpReceipts(db, results.filter((r) => r.outcome === "accepted"), now);
  if (finals.length > 0) {
    // Their receipts came first and emitted nothing (receipts.ts emits on the move from accepted).
    await queueEvents(env, finals).catch((e: unknown) => console.error(`sms final events of ${finals.length} caught-up messages not queued`, e));
  }
}

/** Parts debited for one settled row: all of them when accepted, those that went out when it failed. */
function debitedOf(r: RowResult): number {
  return r.outcome === "accepted" ? r.row.segments : Math.min(r.row.segments, r.earlierParts + r.parts.filter((p) => p.status === "accepted").length);
}

/**
 * A single send's reservation is settled per message; a campaign's messages commit to the
 * campaign's reservation in one ledger call per reservation for the whole batch (one call per
 * message made the ledger the bottleneck of a campaign). The key names the batch's message ids,
 * so the same batch settled twice commits once.
 */
async function settleCredits(env: Env, results: readonly RowResult[]): Promise<void> {
  const groups = new Map<string, { accountId: string; reservationId: string; ids: string[]; amount: number }>();
  const refunds = new Map<string, { accountId: string; reservationId: string; failed: RowResult[] }>();
  const singles: RowResult[] = [];
  for (const r of results) {
    if (r.outcome === "retry" || !r.row.reservation_id) continue;
    if (r.row.campaign_id === null) {
      singles.push(r);
      continue;
    }
    const key = `${r.row.account_id}\u0000${r.row.reservation_id}`;
    const debited = debitedOf(r);
    if (r.outcome === "failed" && r.row.segments > debited) {
      const f = refunds.get(key) ?? { accountId: r.row.account_id, reservationId: r.row.reservation_id, failed: [] };
      f.failed.push(r);
      refunds.set(key, f);
    }
    if (debited === 0) continue;
    const g = groups.get(key) ?? { accountId: r.row.account_id, reservationId: r.row.reservation_id, ids: [], amount: 0 };
    g.ids.push(r.row.id);
    g.amount += debited;
    groups.set(key, g);
  }
  await Promise.all([
    ...singles.map((r) => settleCredit(env, r)),
    ...[...refunds.values()].map((f) => releaseFailed(env, f.accountId, f.reservationId, f.failed)),
    ...[...groups.values()].map(async (g) => {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(g.ids.sort().join(",")));
      const key = `sms-commit:${g.reservationId}:${[...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
      try {
        const res = await ledgerOf(env, g.accountId).commit({ accountId: g.accountId, key, reservationId: g.reservationId, amount: g.amount });
        if (!res.ok) console.error(`sms ${g.ids.length} messages of ${g.reservationId}: credit not committed: ${res.message}`);
      } catch (err) {
        console.error(`sms ${g.ids.length} messages of ${g.reservationId}: credit not committed`, err);
      }
    }),
  ]);
}

/** Accepted messages whose parts already have final receipts take the status those say; the final-status events of those that moved. */
async function catchUpReceipts(db: D1Database, results: RowResult[], now: number): Promise<TrackEvent[]> {
  const accepted = results.map((r) => r.row);
  if (accepted.length === 0) return [];
  const got = await db
    .prepare("SELECT message_id, part, status FROM sms_parts WHERE message_id IN (SELECT value FROM json_each(?)) AND status NOT IN ('sending', 'accepted')")
    .bind(JSON.stringify(accepted.map((r) => r.id)))
    .all<{ message_id: string; part: number; status: PartStatus }>();
  if (got.results.length === 0) return [];
  const moves = results.flatMap((r) => {
    const status = nextMessageStatus("accepted", got.results.filter((p) => p.message_id === r.row.id), r.row.segments);
    return status === "accepted" ? [] : [{ r, status, stmt: db.prepare("UPDATE sms_messages SET status = ?, done_at = ? WHERE id = ? AND status = 'accepted'").bind(status, now, r.row.id) }];
  });
  if (moves.length === 0) return [];
  const done = await db.batch(moves.map((m) => m.stmt));
  return moves.flatMap((m, i) => {
    const event = done[i]!.meta.changes === 1 ? finalStatusEvent({ ...m.r.row, operator: m.r.operator }, m.status, now) : null;
    return event ? [event] : [];
  });
}

/** A single send: its own reservation settled at once (debited = the parts that went out; the rest goes back). */
async function settleCredit(env: Env, r: RowResult): Promise<void> {
  const { row } = r;
  if (!row.reservation_id) return;
  try {
    const note = r.outcome === "failed" ? faultNote([r]) : null;
    const res = await ledgerOf(env, row.account_id).settle({ accountId: row.account_id, key: `sms-settle:${row.id}`, reservationId: row.reservation_id, debited: debitedOf(r), note });
    if (!res.ok) console.error(`sms ${row.id}: credit not settled: ${res.message}`);
  } catch (err) {
    // The row is settled and will not be claimed again; the reservation stays held until an
    // operator looks (logged with the message id).
    console.error(`sms ${row.id}: credit not settled`, err);
  }
}

/**
 * The ledger note of credit given back for messages a provider did not take (C1): which
 * messages, and why (the first error of each kind), at most 300 characters.
 * @example faultNote([{ row: { id: "sms_1", segments: 2 }, error: "Único: 500: boom (after 2 attempts)", … }]) // "C1: SMS sms_1 not taken by the provider: Único: 500: boom (after 2 attempts)"
 */
export function faultNote(failed: readonly Pick<RowResult, "row" | "error">[]): string {
  const ids = failed.map((r) => r.row.id).sort();
  const why = [...new Set(failed.map((r) => r.error ?? "unknown"))].join("; ");
  const what = ids.length === 1 ? `SMS ${ids[0]}` : `${ids.length} SMS (${ids.slice(0, 3).join(", ")}${ids.length > 3 ? ", …" : ""})`;
  return `C1: ${what} not taken by the provider: ${why}`.slice(0, 300);
}

/**
 * A campaign's messages that failed before a provider took them give their segments back to the
 * group reservation now, with the reason, rather than silently at the campaign's end. The key
 * names the messages, so the same batch settled twice releases once; when the campaign already
 * closed the reservation (its end released everything) there is nothing left and that is fine.
 */
async function releaseFailed(env: Env, accountId: string, reservationId: string, failed: readonly RowResult[]): Promise<void> {
  const amount = failed.reduce((t, r) => t + r.row.segments - debitedOf(r), 0);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(failed.map((r) => r.row.id).sort().join(",")));
  const key = `sms-refund:${reservationId}:${[...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  try {
    const res = await ledgerOf(env, accountId).release({ accountId, key, reservationId, amount, note: faultNote(failed) });
    if (!res.ok && res.code !== "over_amount") console.error(`sms ${failed.length} failed messages of ${reservationId}: credit not released: ${res.message}`);
  } catch (err) {
    console.error(`sms ${failed.length} failed messages of ${reservationId}: credit not released (the campaign's end releases it)`, err);
  }
}
