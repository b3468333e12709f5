/**
 * D1 reads of the SMS inbox (S4). A thread is a number that has written to the account; its
 * last activity is its latest message either way (incoming in `sms_inbound`, outgoing in
 * `sms_messages`), and threads are keyset-paged by that time, then number, newest first. Each
 * page is one statement: the per-number maxima come from the indexes on (account, number, time)
 * of both tables; only the page's rows look up their last text and contact. The thread view reads
 * the newest 200 of each side and merges them (shared/sms/inbox.ts), and opening it marks the
 * incoming ones read.
 */
import type { ThreadSummary, ThreadOut } from "../../shared/api/schemas-sms-inbox";
import { contactName, mergeThread, type InboundRow, type OutboundRow, type ThreadCursor } from "../../shared/sms/inbox";
import { campaignOfInbound } from "./inbound-store";

type ContactCols = { contact_id: number | null; first_name: string | null; last_name: string | null; email: string | null; phone: string | null };
type ThreadRow = ContactCols & { number: string; unread: number; last_in: number; last_out: number; last_at: number; last_text: string };

const THREAD_LIMIT = 200;

function contactOf(r: ContactCols): ThreadSummary["contact"] {
  return r.contact_id === null ? null : { id: r.contact_id, name: contactName(r) };
}

/** SQL: the account's first contact with phone `expr` (id, names, email, phone) as a LEFT JOIN. */
const contactJoin = (expr: string) => `LEFT JOIN contacts k ON k.id = (SELECT c.id FROM contacts c WHERE c.account_id = ?1 AND c.phone = ${expr} ORDER BY c.id LIMIT 1)`;

/**
 * One page of threads after `cursor`, and the cursor of the next page (null at the end).
 * @example await listThreads(env.DB, "acc_1", null, 30) // { threads: [...], next: { at, number } | null }
 */
export async function listThreads(db: D1Database, accountId: string, cursor: ThreadCursor | null, limit: number): Promise<{ threads: ThreadSummary[]; next: ThreadCursor | null }> {
  const rows = await db
    .prepare(
      `WITH t AS (
         SELECT from_number AS number, MAX(received_at) AS last_in, SUM(read = 0) AS unread FROM sms_inbound WHERE account_id = ?1 GROUP BY from_number
       ), a AS (
         SELECT number, unread, last_in,
           COALESCE((SELECT MAX(m.created_at) FROM sms_messages m WHERE m.account_id = ?1 AND m.to_number = t.number), 0) AS last_out
         FROM t
       ), p AS (
         SELECT *, MAX(last_in, last_out) AS last_at FROM a
         WHERE ?2 IS NULL OR MAX(last_in, last_out) < ?2 OR (MAX(last_in, last_out) = ?2 AND number < ?3)
         ORDER BY last_at DESC, number DESC LIMIT ?4
       )
       SELECT p.number, p.unread, p.last_in, p.last_out, p.last_at,
         CASE WHEN p.last_out > p.last_in
           THEN (SELECT m.text FROM sms_messages m WHERE m.account_id = ?1 AND m.to_number = p.number ORDER BY m.created_at DESC LIMIT 1)
           ELSE (SELECT i.text FROM sms_inbound i WHERE i.account_id = ?1 AND i.from_number = p.number ORDER BY i.received_at DESC LIMIT 1) END AS last_text,
         k.id AS contact_id, k.first_name, k.last_name, k.email, k.phone
       FROM p ${contactJoin("p.number")}
       ORDER BY p.last_at DESC, p.number DESC`,
    )
    .bind(accountId, cursor?.at ?? null, cursor?.number ?? null, limit + 1)
    .all<ThreadRow>();
  const page = rows.results.slice(0, limit);
  const threads = page.map((r) => ({
    number: r.number,
    contact: contactOf(r),
    last: { text: r.last_text, at: new Date(r.last_at).toISOString(), direction: r.last_out > r.last_in ? ("out" as const) : ("in" as const) },
    unread: r.unread,
  }));
  const last = page.at(-1);
  return { threads, next: rows.results.length > limit && last ? { at: last.last_at, number: last.number } : null };
}

/**
 * The conversation with `number` (its newest 200 messages, oldest first), marking its incoming
 * messages read. A number that never wrote nor was written to gives an empty conversation.
 */
export async function readThread(db: D1Database, accountId: string, number: string): Promise<ThreadOut> {
  const [contact, inbound, outbound] = await db.batch([
    db.prepare(`SELECT k.id AS contact_id, k.first_name, k.last_name, k.email, k.phone FROM (SELECT 1) ${contactJoin("?2")}`).bind(accountId, number),
    db
      .prepare(
        `SELECT i.id, i.text, i.received_at, i.keyword, i.action, ${campaignOfInbound} AS campaign_id FROM sms_inbound i
         WHERE i.account_id = ?1 AND i.from_number = ?2 ORDER BY i.received_at DESC LIMIT ${THREAD_LIMIT}`,
      )
      .bind(accountId, number),
    db
      .prepare(`SELECT id, text, created_at, status, campaign_id FROM sms_messages WHERE account_id = ?1 AND to_number = ?2 ORDER BY created_at DESC LIMIT ${THREAD_LIMIT}`)
      .bind(accountId, number),
    db.prepare("UPDATE sms_inbound SET read = 1 WHERE account_id = ?1 AND from_number = ?2 AND read = 0").bind(accountId, number),
  ]);
  return {
    number,
    contact: contactOf(contact!.results[0] as ContactCols),
    messages: mergeThread(inbound!.results as InboundRow[], outbound!.results as OutboundRow[], THREAD_LIMIT),
  };
}
