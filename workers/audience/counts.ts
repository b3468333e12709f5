/**
 * Live counts of a list (W1) and its cleaning report (E7), straight from D1 so they are never
 * stale: members, reachable by email, reachable by SMS; valid / risky / invalid and by reason.
 * Each channel is counted on its own terms (Ley 32323): email by email_status and the verdict
 * (which an SMS opt-out or a phone suppression never touches for a contact with an email), SMS
 * by the same condition an SMS campaign sends with, where an email suppression plays no part.
 */
import { SMS_REACHABLE_SQL } from "../sms/campaign-audience";

export async function listCounts(db: D1Database, listId: string): Promise<{ members: number; subscribed: number; sms: number }> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS members,
         COALESCE(SUM(m.status = 'subscribed' AND c.email IS NOT NULL AND c.email_status = 'subscribed' AND c.verdict != 'invalid'), 0) AS subscribed,
         COALESCE(SUM(m.status = 'subscribed' AND ${SMS_REACHABLE_SQL}), 0) AS sms
       FROM list_members m JOIN contacts c ON c.id = m.contact_id WHERE m.list_id = ?`,
    )
    .bind(listId)
    .first<{ members: number; subscribed: number; sms: number }>();
  return { members: row?.members ?? 0, subscribed: row?.subscribed ?? 0, sms: row?.sms ?? 0 };
}

export async function cleaningReport(db: D1Database, listId: string) {
  const [verdicts, reasons] = await db.batch<{ k: string; n: number }>([
    db.prepare("SELECT c.verdict AS k, COUNT(*) AS n FROM list_members m JOIN contacts c ON c.id = m.contact_id WHERE m.list_id = ? GROUP BY c.verdict").bind(listId),
    db
      .prepare(
        `SELECT r.value AS k, COUNT(*) AS n FROM list_members m JOIN contacts c ON c.id = m.contact_id, json_each(c.reasons) r
         WHERE m.list_id = ? AND c.reasons != '[]' GROUP BY r.value ORDER BY n DESC`,
      )
      .bind(listId),
  ]);
  const by = Object.fromEntries(verdicts!.results.map((r) => [r.k, r.n]));
  const valid = by.valid ?? 0;
  const risky = by.risky ?? 0;
  const invalid = by.invalid ?? 0;
  return { total: valid + risky + invalid, valid, risky, invalid, byReason: Object.fromEntries(reasons!.results.map((r) => [r.k, r.n])) };
}
