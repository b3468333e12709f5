/**
 * A subscription through the hosted form: the contact is created or updated, consent is recorded
 * with its proof (IP, form, browser), and the list membership is subscribed at once or, with
 * double opt-in, pending until the emailed token is confirmed. Bounced or complained addresses
 * and suppressed ones are never resubscribed by a form.
 */
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import type { Reason } from "../../shared/audience/verdict";
import { verdictOf } from "../../shared/audience/verdict";
import { suppressionReasons } from "./contacts-store";

export const OPTIN_TTL_MS = 7 * 86_400_000;

export type Subscriber = {
  email: string;
  domain: string;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  reasons: Reason[];
  smsConsent: boolean;
};
export type Proof = { ip: string; formId: string; userAgent: string | null };
type List = { id: string; account_id: string; double_opt_in: number };

/** @returns the opt-in token to email when the list asks for confirmation, else null. */
export async function subscribe(db: D1Database, list: List, s: Subscriber, proof: Proof, now: number): Promise<{ contactId: number; optinToken: string | null }> {
  const accountId = list.account_id;
  const reasons = [...s.reasons];
  reasons.push(...(await suppressionReasons(db, accountId, s.email, s.domain, s.phone)));
  const contactId = await db
    .prepare(
      `INSERT INTO contacts (account_id, email, email_domain, phone, first_name, last_name, company, verdict, reasons, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
       ON CONFLICT (account_id, email) DO UPDATE SET phone = COALESCE(excluded.phone, phone), first_name = COALESCE(excluded.first_name, first_name),
         last_name = COALESCE(excluded.last_name, last_name), company = COALESCE(excluded.company, company), updated_at = excluded.updated_at,
         email_status = CASE WHEN email_status = 'unsubscribed' AND ?11 = 0 THEN 'subscribed' ELSE email_status END
       RETURNING id`,
    )
    .bind(accountId, s.email, s.domain, s.phone, s.firstName, s.lastName, s.company, verdictOf(reasons, true), JSON.stringify(reasons), now, list.double_opt_in)
    .first<number>("id");
  const id = contactId!;
  const proofJson = JSON.stringify(proof);
  const stmts: D1PreparedStatement[] = [];
  let optinToken: string | null = null;
  if (list.double_opt_in) {
    optinToken = randomToken(24);
    stmts.push(
      db.prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) VALUES (?, ?, 'pending', ?) ON CONFLICT DO NOTHING").bind(list.id, id, now),
      db.prepare("INSERT INTO optin_tokens (id, account_id, list_id, contact_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)").bind(await sha256Hex(optinToken), accountId, list.id, id, now, now + OPTIN_TTL_MS),
      db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, 'email', 'requested', 'form', ?, ?)").bind(accountId, id, now, proofJson),
    );
  } else {
    stmts.push(
      db.prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) VALUES (?, ?, 'subscribed', ?) ON CONFLICT DO UPDATE SET status = 'subscribed'").bind(list.id, id, now),
      db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, 'email', 'granted', 'form', ?, ?)").bind(accountId, id, now, proofJson),
    );
  }
  if (s.smsConsent && s.phone) {
    // SMS consent must be express and separate (Ley 32323): only the ticked box records it.
    stmts.push(db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, 'sms', 'granted', 'form', ?, ?)").bind(accountId, id, now, proofJson));
  }
  await db.batch(stmts);
  return { contactId: id, optinToken };
}

/** Confirm a double opt-in token; null when unknown, used or expired, else whose and which list. */
export async function confirmOptin(db: D1Database, token: string, proof: Omit<Proof, "formId">, now: number): Promise<{ account_id: string; list_id: string; contact_id: number } | null> {
  const id = await sha256Hex(token);
  const row = await db.prepare("SELECT * FROM optin_tokens WHERE id = ? AND confirmed_at IS NULL AND expires_at > ?").bind(id, now).first<{ account_id: string; list_id: string; contact_id: number }>();
  if (!row) return null;
  await db.batch([
    db.prepare("UPDATE optin_tokens SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL").bind(now, id),
    db.prepare("UPDATE list_members SET status = 'subscribed' WHERE list_id = ? AND contact_id = ? AND status = 'pending'").bind(row.list_id, row.contact_id),
    db.prepare("UPDATE contacts SET email_status = 'subscribed', updated_at = ? WHERE id = ? AND email_status = 'unsubscribed'").bind(now, row.contact_id),
    db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, 'email', 'granted', 'form', ?, ?)")
      .bind(row.account_id, row.contact_id, now, JSON.stringify({ ...proof, formId: row.list_id, confirmed: true })),
  ]);
  return row;
}
