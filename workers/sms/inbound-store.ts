/**
 * D1 access for incoming SMS: whose account an MO on the shared `local` connection belongs to,
 * the account's keywords and the contact with the sender's phone, and the statement that stores
 * the message once (its id comes from what a provider retry repeats, so `INSERT OR IGNORE`
 * turns a retry into nothing).
 *
 * A reply belongs to the campaign of the latest campaign SMS sent to that number in the
 * REPLY_WINDOW before it. sms_inbound has no campaign column, so the link is made in SQL when it
 * is read (campaignOfInbound), which also means a reply is linked however late its campaign's
 * row was written; campaignReplies counts them per campaign.
 */
import type { InboundSms } from "../../shared/sms/inbound";

/** How long after a campaign SMS an answer from that number still counts as a reply to it. */
export const REPLY_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** SQL expression: the campaign an `sms_inbound` row aliased `i` replies to, or NULL. */
export const campaignOfInbound = `(SELECT m.campaign_id FROM sms_messages m
  WHERE m.account_id = i.account_id AND m.to_number = i.from_number AND m.campaign_id IS NOT NULL
    AND m.created_at <= i.received_at AND m.created_at > i.received_at - ${REPLY_WINDOW_MS}
  ORDER BY m.created_at DESC LIMIT 1)`;

export type KeywordRow = { id: string; keyword: string; actions: string };
export type SenderContact = { id: number; smsStatus: string };

/**
 * The account an MO that came through the deployment's `local` connection is for. That
 * connection serves every account without an active connection of its own, so the sender
 * decides: the account that last sent an SMS to this number, else one with a contact of this
 * phone, else the oldest such account (on a single-agency deployment, the only one). Null when
 * no account uses the local connection.
 */
export async function accountForLocalMo(db: D1Database, from: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT a.id FROM accounts a
       WHERE NOT EXISTS (SELECT 1 FROM sms_connections c WHERE c.account_id = a.id AND c.active = 1)
       ORDER BY (SELECT MAX(m.created_at) FROM sms_messages m WHERE m.account_id = a.id AND m.to_number = ?1) DESC NULLS LAST,
         EXISTS (SELECT 1 FROM contacts k WHERE k.account_id = a.id AND k.phone = ?1) DESC,
         a.created_at, a.id
       LIMIT 1`,
    )
    .bind(from)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/** The campaign message an MO answers (for its `sms_reply` event): the recipient it went to. */
export type RepliedMessage = { campaignId: string; contactId: number };

/**
 * What processing an MO needs to know first, in one round trip: the account's keywords and name,
 * its first contact with the sender's phone, and the campaign message it replies to at `now`
 * (the latest campaign SMS to that number within REPLY_WINDOW_MS; the same rule as
 * campaignOfInbound, decided at receive time for the event).
 */
export async function inboundContext(
  db: D1Database,
  accountId: string,
  from: string,
  now = Date.now(),
): Promise<{ keywords: KeywordRow[]; contact: SenderContact | null; accountName: string; replyTo: RepliedMessage | null }> {
  const [keywords, contact, account, replied] = await db.batch([
    db.prepare("SELECT id, keyword, actions FROM sms_keywords WHERE account_id = ? ORDER BY keyword").bind(accountId),
    db.prepare("SELECT id, sms_status AS smsStatus FROM contacts WHERE account_id = ? AND phone = ? ORDER BY id LIMIT 1").bind(accountId, from),
    db.prepare("SELECT name FROM accounts WHERE id = ?").bind(accountId),
    db
      .prepare(
        `SELECT campaign_id AS campaignId, contact_id AS contactId FROM sms_messages
         WHERE account_id = ?1 AND to_number = ?2 AND campaign_id IS NOT NULL AND created_at <= ?3 AND created_at > ?3 - ${REPLY_WINDOW_MS}
         ORDER BY created_at DESC LIMIT 1`,
      )
      .bind(accountId, from, now),
  ]);
  const r = replied!.results[0] as { campaignId: string; contactId: number | null } | undefined;
  return {
    keywords: keywords!.results as KeywordRow[],
    contact: (contact!.results[0] as SenderContact | undefined) ?? null,
    accountName: (account!.results[0] as { name: string } | undefined)?.name ?? "",
    replyTo: r && r.contactId !== null ? { campaignId: r.campaignId, contactId: r.contactId } : null,
  };
}

export type InboundInsert = {
  id: string;
  accountId: string;
  connectionId: string;
  sms: InboundSms;
  contactId: number | null;
  keyword: string | null;
  action: "optout" | "keyword" | null;
  now: number;
};

/** Stores the MO unless a row with its id exists (a provider retry); `meta.changes` says which. */
export function insertInbound(db: D1Database, r: InboundInsert): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sms_inbound (id, account_id, connection_id, from_number, to_number, text, contact_id, keyword, action, read, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    )
    .bind(r.id, r.accountId, r.connectionId, r.sms.from, r.sms.to, r.sms.text, r.contactId, r.keyword, r.action, r.now);
}

/**
 * Replies a campaign received: incoming messages whose linked campaign (campaignOfInbound) is
 * this one, and how many numbers sent them.
 * @example await campaignReplies(env.DB, "acc_1", "cmp_1") // { replies: 3, numbers: 2 }
 */
export async function campaignReplies(db: D1Database, accountId: string, campaignId: string): Promise<{ replies: number; numbers: number }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS replies, COUNT(DISTINCT i.from_number) AS numbers FROM sms_inbound i
       WHERE i.account_id = ?1 AND i.from_number IN (SELECT to_number FROM sms_messages WHERE campaign_id = ?2 AND account_id = ?1)
         AND ${campaignOfInbound} = ?2`,
    )
    .bind(accountId, campaignId)
    .first<{ replies: number; numbers: number }>();
  return { replies: row?.replies ?? 0, numbers: row?.numbers ?? 0 };
}
