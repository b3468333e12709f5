/**
 * An SMS opt-out (BAJA, STOP, ALTO …) as D1 statements, run in the same batch that stores the
 * incoming message, so it takes effect at once and entirely or not at all (Ley 32323): every
 * contact of the account with that phone gets `sms_status = unsubscribed` and a `revoked` consent
 * row on channel sms (source "sms", proof: the incoming message's id, the keyword and the
 * number), and the phone is suppressed (reason "sms_optout"), which also covers a number that is
 * no contact yet and any contact imported with it later. It stops SMS only: the contacts gain
 * "phone_suppressed", their email goes on (Ley 32323); workers/sms/resubscribe.ts undoes it.
 *
 * Every statement is idempotent: a consent row is written only for a contact whose status
 * changes, so a provider retrying the same MO, or a second BAJA, records nothing twice.
 */
import { markSuppressed } from "../audience/contacts-store";

export type OptOut = { accountId: string; number: string; inboundId: string; keyword: string; now: number };

/** The statements of one opt-out, in order. */
export function optOutStatements(db: D1Database, o: OptOut): D1PreparedStatement[] {
  const proof = JSON.stringify({ inboundId: o.inboundId, keyword: o.keyword, number: o.number });
  return [
    db
      .prepare(
        `INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof)
         SELECT account_id, id, 'sms', 'revoked', 'sms', ?3, ?4 FROM contacts
         WHERE account_id = ?1 AND phone = ?2 AND sms_status != 'unsubscribed'`,
      )
      .bind(o.accountId, o.number, o.now, proof),
    db
      .prepare("UPDATE contacts SET sms_status = 'unsubscribed', updated_at = ?3 WHERE account_id = ?1 AND phone = ?2 AND sms_status != 'unsubscribed'")
      .bind(o.accountId, o.number, o.now),
    db
      .prepare("INSERT OR IGNORE INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'phone', ?, 'sms_optout', ?)")
      .bind(o.accountId, o.number, o.now),
    markSuppressed(db, o.accountId, "phone", o.number),
  ];
}
