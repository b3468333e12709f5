/**
 * The audience of an SMS campaign on the send day (E7 for SMS): the members of its lists
 * and segments who have a Peruvian mobile number (E.164 +51 9XXXXXXXX, the form imports store),
 * have not opted out of SMS (sms_status) and whose number is not suppressed. Everyone else is
 * dropped and counted by reason, so the campaign page can say why fewer were sent to.
 */
import { audienceMembership, type AudienceSql, type CampaignRow } from "../email/campaign-store";

const HAS_PHONE = "(c.phone IS NOT NULL AND c.phone != '')";
const MOBILE = "c.phone GLOB '+519[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'";
const SUBSCRIBED = "c.sms_status = 'subscribed'";
const SUPPRESSED = "EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND s.kind = 'phone' AND s.value = c.phone)";
const REACHABLE = `${MOBILE} AND ${SUBSCRIBED} AND NOT ${SUPPRESSED}`;
/**
 * SQL on contact alias `c`: reachable by SMS (a +51 9… mobile, sms_status subscribed, phone not
 * suppressed). Shared with the list counts (workers/audience/counts.ts) so a list's SMS figure is
 * exactly who an SMS campaign to it would send to. Email suppressions play no part.
 */
export const SMS_REACHABLE_SQL = REACHABLE;

/** Members left out of an SMS campaign, by reason (each member counted once, first reason wins). */
export type SmsDrops = { noPhone: number; notMobile: number; optedOut: number; suppressed: number };
export type SmsRecipient = { id: number; phone: string; email: string | null; first_name: string | null; last_name: string | null; position: string | null; company: string | null; fields: string };

/** The condition that makes a contact a recipient of SMS campaign `c` at `now`. */
export async function smsAudienceSql(db: D1Database, c: CampaignRow, now: number): Promise<AudienceSql> {
  const m = await audienceMembership(db, c, now);
  return m.sql === "0" ? m : { sql: `${REACHABLE} AND ${m.sql}`, params: m.params };
}

/**
 * The recipients and the members dropped, by reason.
 * @example await smsAudienceCount(db, c, Date.now()) // { total: 3, dropped: { noPhone: 1, notMobile: 1, optedOut: 1, suppressed: 0 } }
 */
export async function smsAudienceCount(db: D1Database, c: CampaignRow, now: number): Promise<{ total: number; dropped: SmsDrops }> {
  const m = await audienceMembership(db, c, now);
  const none = { total: 0, dropped: { noPhone: 0, notMobile: 0, optedOut: 0, suppressed: 0 } };
  if (m.sql === "0") return none;
  const row = await db
    .prepare(
      `SELECT COALESCE(SUM(${REACHABLE}), 0) AS total, COALESCE(SUM(NOT ${HAS_PHONE}), 0) AS noPhone, COALESCE(SUM(${HAS_PHONE} AND NOT (${MOBILE})), 0) AS notMobile,
              COALESCE(SUM(${MOBILE} AND NOT ${SUBSCRIBED}), 0) AS optedOut, COALESCE(SUM(${MOBILE} AND ${SUBSCRIBED} AND ${SUPPRESSED}), 0) AS suppressed
       FROM contacts c WHERE c.account_id = ? AND ${m.sql}`,
    )
    .bind(c.account_id, ...m.params)
    .first<{ total: number; noPhone: number; notMobile: number; optedOut: number; suppressed: number }>();
  if (!row) return none;
  return { total: row.total, dropped: { noPhone: row.noPhone, notMobile: row.notMobile, optedOut: row.optedOut, suppressed: row.suppressed } };
}

/** The next page of SMS recipients after `afterId` and up to `maxId`, in id order (keyset, resumable). */
export async function smsRecipientsPage(db: D1Database, accountId: string, a: AudienceSql, afterId: number, maxId: number, limit: number): Promise<SmsRecipient[]> {
  const rows = await db
    .prepare(`SELECT c.id, c.phone, c.email, c.first_name, c.last_name, c.position, c.company, c.fields FROM contacts c WHERE c.account_id = ? AND c.id > ? AND c.id <= ? AND ${a.sql} ORDER BY c.id LIMIT ${limit}`)
    .bind(accountId, afterId, maxId, ...a.params)
    .all<SmsRecipient>();
  return rows.results;
}
