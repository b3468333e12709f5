/**
 * Shared by the monthly report tests: a campaign already sent, seeded into a seeded account
 * (sent by one of its users, started at a chosen time), a bounce or complaint applied by the
 * real bounce code, ledger history rows as the CreditLedger mirrors them, and the Lima months
 * before the current one (so the fixture never lies in the future, whenever the tests run).
 */
import { env } from "cloudflare:workers";
import { randomToken } from "../../shared/auth/crypto";
import { applyFeedback } from "../../workers/bounces/apply";
import { NO_CLUES, type Feedback } from "../../shared/bounces/types";
import { LIMA_OFFSET_MS } from "../../shared/analytics/engagement";
import { limaMonth, monthRange, type MonthRange } from "../../shared/reports/monthly";
import type { Sent } from "./tracking-helpers";

/** The Lima month `back` months before the one `now` is in. */
export function monthsBack(now: number, back: number): MonthRange {
  let range = monthRange(limaMonth(now))!;
  for (let i = 0; i < back; i++) range = monthRange(limaMonth(range.from - 1))!;
  return range;
}

/** "YYYY-MM-DD HH:MM" in Lima. */
export const lima = (ms: number) => new Date(ms + LIMA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");

/** A campaign of `accountId` sent by `sentBy` to `emails`, each delivery accepted at `sentAt`. */
export async function sentBy(accountId: string, sentBy: string, name: string, emails: string[], sentAt: number): Promise<Sent> {
  const campaignId = `cmp_${randomToken(8)}`;
  const listId = `lst_${randomToken(8)}`;
  const now = Date.now();
  const db = env.DB;
  await db.batch([
    db.prepare("INSERT INTO lists (id, account_id, name, form_token, created_at, updated_at) VALUES (?, ?, 'Ciudadanos', ?, ?, ?)").bind(listId, accountId, randomToken(12), now, now),
    db
      .prepare(
        `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, sent_by, created_by, created_at, updated_at, started_at, finished_at, sent, total)
         VALUES (?, ?, ?, 'sent', 'Aviso', 'Municipalidad', 'avisos@empresa.pe', '<p>x</p>', 'x', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(campaignId, accountId, name, JSON.stringify({ listIds: [listId], segmentIds: [] }), sentBy, sentBy, now, now, sentAt - 300_000, sentAt + 600_000, emails.length, emails.length),
  ]);
  const contacts: Sent["contacts"] = [];
  for (const email of emails) {
    const id = await db
      .prepare("INSERT INTO contacts (account_id, email, email_domain, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id")
      .bind(accountId, email, email.split("@")[1], now, now)
      .first<number>("id");
    contacts.push({ id: id!, email });
    await db.batch([
      db.prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) VALUES (?, ?, 'subscribed', ?)").bind(listId, id, now),
      db.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, sent_at) VALUES (?, ?, ?, 'sent', ?)").bind(campaignId, id, email, sentAt),
    ]);
  }
  return { accountId, campaignId, listId, contacts, sentAt };
}

/** A bounce or complaint of recipient `i`, applied by the real bounce code; its event as the producer queues it, at `at`. */
export async function feedback(s: Sent, i: number, kind: Feedback["kind"], at: number) {
  const c = s.contacts[i]!;
  const f = kind === "complaint" ? { status: "abuse", detail: "spam report" } : kind === "hard" ? { status: "5.1.1", detail: "user unknown" } : { status: "4.2.2", detail: "mailbox full" };
  const event = await applyFeedback(env.DB, { accountId: s.accountId, campaignId: s.campaignId, contactId: c.id, email: c.email }, { kind, ...f, email: c.email, source: "dsn", clues: NO_CLUES }, at);
  return event;
}

let seq = 1000;
/** Ledger history rows in D1 as the CreditLedger's mirror writes them (seq past the real ones). */
export async function ledgerHistory(accountId: string, rows: { at: number; kind: string; holder: string; amount: number; bagId: string; channel?: string }[]) {
  await env.DB.batch(
    rows.map((r) =>
      env.DB.prepare("INSERT INTO credit_entries (id, account_id, seq, at, kind, channel, holder, amount, bag_id, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test')").bind(
        crypto.randomUUID(),
        accountId,
        ++seq,
        r.at,
        r.kind,
        r.channel ?? "email",
        r.holder,
        r.amount,
        r.bagId,
      ),
    ),
  );
}
