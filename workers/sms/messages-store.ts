/**
 * Reading the account's SMS (`GET /api/v1/sms/messages`, `…/:id`): newest first, keyset-paged
 * on (created_at, id) through the `sms_messages_account_created` index, optionally one campaign's
 * or one status's, each with its parts' statuses (one query for the whole page).
 */
export type SmsMessageRow = {
  id: string;
  to_number: string;
  contact_id: number | null;
  campaign_id: string | null;
  text: string;
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  status: string;
  error: string | null;
  operator: string | null;
  connection_id: string | null;
  created_at: number;
  sent_at: number | null;
  done_at: number | null;
  parts: { part: number; status: string }[];
};

export type MessageFilter = { campaignId?: string; status?: string };

/** The cursor of the page after `row`: "<created_at>.<id>". */
export const cursorOf = (row: Pick<SmsMessageRow, "created_at" | "id">) => `${row.created_at}.${row.id}`;

/** "<created_at>.<id>" back into its parts, null when malformed. */
export function parseCursor(cursor: string): { at: number; id: string } | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

const COLUMNS = "id, to_number, contact_id, campaign_id, text, encoding, segments, status, error, operator, connection_id, created_at, sent_at, done_at";

/** One page of the account's messages, newest first, and whether more follow. */
export async function listMessages(db: D1Database, accountId: string, filter: MessageFilter, after: { at: number; id: string } | null, limit: number): Promise<{ rows: SmsMessageRow[]; more: boolean }> {
  const where = ["account_id = ?1"];
  const binds: unknown[] = [accountId];
  if (filter.campaignId !== undefined) (binds.push(filter.campaignId), where.push(`campaign_id = ?${binds.length}`));
  if (filter.status !== undefined) (binds.push(filter.status), where.push(`+status = ?${binds.length}`));
  if (after) {
    binds.push(after.at, after.id);
    where.push(`(created_at < ?${binds.length - 1} OR (created_at = ?${binds.length - 1} AND id < ?${binds.length}))`);
  }
  binds.push(limit + 1);
  const res = await db.prepare(`SELECT ${COLUMNS} FROM sms_messages WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?${binds.length}`).bind(...binds).all<Omit<SmsMessageRow, "parts">>();
  const page = res.results.slice(0, limit);
  return { rows: await withParts(db, page), more: res.results.length > limit };
}

/** One message of the account, or null. */
export async function getMessage(db: D1Database, accountId: string, id: string): Promise<SmsMessageRow | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM sms_messages WHERE id = ? AND account_id = ?`).bind(id, accountId).first<Omit<SmsMessageRow, "parts">>();
  return row ? (await withParts(db, [row]))[0]! : null;
}

async function withParts(db: D1Database, rows: Omit<SmsMessageRow, "parts">[]): Promise<SmsMessageRow[]> {
  if (rows.length === 0) return [];
  const parts = await db
    .prepare("SELECT message_id, part, status FROM sms_parts WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, part")
    .bind(JSON.stringify(rows.map((r) => r.id)))
    .all<{ message_id: string; part: number; status: string }>();
  const byId = new Map<string, { part: number; status: string }[]>();
  for (const p of parts.results) (byId.get(p.message_id) ?? byId.set(p.message_id, []).get(p.message_id)!).push({ part: p.part, status: p.status });
  return rows.map((r) => ({ ...r, parts: byId.get(r.id) ?? [] }));
}
