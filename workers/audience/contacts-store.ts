/**
 * D1 access for single contacts: keyset search, detail with consent and lists, upsert by email or
 * phone with a consent record, and the SQL that keeps `reasons`/`verdict` in step with the
 * suppression list, channel by channel ("suppressed" for an email or domain, "phone_suppressed"
 * for a phone: Ley 32323, an SMS opt-out must not stop email, nor an email one SMS).
 */
import { REASON_CHANNEL, REASON_SEVERITY, type Reason } from "../../shared/audience/verdict";
import type { ContactOut } from "../../shared/api/schemas-audience";

export type ContactRow = {
  id: number;
  account_id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  position: string | null;
  company: string | null;
  fields: string;
  email_status: string;
  sms_status: string;
  verdict: string;
  reasons: string;
  suggestion: string | null;
  email_domain: string | null;
  created_at: number;
  updated_at: number;
};

export function presentContact(r: ContactRow): ContactOut {
  return {
    id: r.id,
    email: r.email,
    phone: r.phone,
    firstName: r.first_name,
    lastName: r.last_name,
    position: r.position,
    company: r.company,
    fields: JSON.parse(r.fields) as Record<string, unknown>,
    emailStatus: r.email_status as ContactOut["emailStatus"],
    smsStatus: r.sms_status as ContactOut["smsStatus"],
    verdict: r.verdict as ContactOut["verdict"],
    reasons: JSON.parse(r.reasons) as string[],
    suggestion: r.suggestion,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const codesOf = (severity: "invalid" | "risky", channel?: "email" | "sms") =>
  (Object.keys(REASON_SEVERITY) as Reason[])
    .filter((k) => REASON_SEVERITY[k] === severity && (channel === undefined || REASON_CHANNEL[k] === channel))
    .map((k) => `'${k}'`)
    .join(", ");

/**
 * SQL expression: the verdict implied by a `reasons` JSON array expression for a contact whose
 * email is `email` (worst severity wins; with an email only email reasons count, as `verdictOf`).
 */
export function verdictSql(reasons: string, email = "contacts.email"): string {
  const counted = (severity: "invalid" | "risky") => `value IN (${codesOf(severity, "email")}) OR (${email} IS NULL AND value IN (${codesOf(severity, "sms")}))`;
  return `CASE WHEN EXISTS (SELECT 1 FROM json_each(${reasons}) WHERE ${counted("invalid")}) THEN 'invalid'
    WHEN EXISTS (SELECT 1 FROM json_each(${reasons}) WHERE ${counted("risky")}) THEN 'risky' ELSE 'valid' END`;
}

type Kind = "email" | "phone" | "domain";

/** The reason a suppression of `kind` gives the contacts it covers: one per channel. */
export const suppressionReason = (kind: Kind): Reason => (kind === "phone" ? "phone_suppressed" : "suppressed");

/** SQL: `contacts.reasons` with `reason` appended (callers only touch rows without it). */
const withReason = (reason: Reason) => `json_insert(reasons, '$[#]', '${reason}')`;
/** SQL: `contacts.reasons` without `reason`. */
const withoutReason = (reason: Reason) => `(SELECT json_group_array(value) FROM json_each(contacts.reasons) WHERE value != '${reason}')`;

/** Which contacts a suppression of `kind` covers. */
const matchOf = (kind: Kind) => (kind === "email" ? "email = ?2" : kind === "phone" ? "phone = ?2" : "email_domain = ?2");

/** SQL: some suppression of the same channel as `kind` still covers the contact (?1 = account). */
const stillCovered = (kind: Kind) =>
  kind === "phone"
    ? "EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = ?1 AND s.kind = 'phone' AND s.value = contacts.phone)"
    : `EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = ?1 AND (
         (s.kind = 'email' AND s.value = contacts.email) OR (s.kind = 'domain' AND s.value = contacts.email_domain)))`;

/**
 * Mark the contacts a new suppression covers, on its channel only: an email or domain
 * suppression adds "suppressed" (verdict invalid: they have an email), a phone one adds
 * "phone_suppressed", which makes only a contact without an email invalid.
 * @example await db.batch([insertSuppression, markSuppressed(db, accountId, "phone", "+51987654321")])
 */
export function markSuppressed(db: D1Database, accountId: string, kind: Kind, value: string): D1PreparedStatement {
  const reason = suppressionReason(kind);
  const verdict = kind === "phone" ? "CASE WHEN email IS NULL THEN 'invalid' ELSE verdict END" : "'invalid'";
  return db
    .prepare(`UPDATE contacts SET reasons = ${withReason(reason)}, verdict = ${verdict}, updated_at = ?3 WHERE account_id = ?1 AND ${matchOf(kind)} AND reasons NOT LIKE '%"${reason}"%'`)
    .bind(accountId, value, Date.now());
}

/** Unmark the contacts a lifted suppression covered, unless another suppression of the same channel still covers them. */
export function unmarkSuppressed(db: D1Database, accountId: string, kind: Kind, value: string): D1PreparedStatement {
  const reason = suppressionReason(kind);
  return db
    .prepare(
      `UPDATE contacts SET reasons = ${withoutReason(reason)}, verdict = ${verdictSql(withoutReason(reason))}, updated_at = ?3
       WHERE account_id = ?1 AND ${matchOf(kind)} AND reasons LIKE '%"${reason}"%' AND NOT ${stillCovered(kind)}`,
    )
    .bind(accountId, value, Date.now());
}

/**
 * The suppression reasons of an email (with its domain) and a phone, per channel.
 * @example await suppressionReasons(db, accountId, "ana@x.pe", "x.pe", "+51987654321") // ["phone_suppressed"] after a BAJA
 */
export async function suppressionReasons(db: D1Database, accountId: string, email: string | null, domain: string | null, phone: string | null): Promise<Reason[]> {
  const rows = await db
    .prepare(
      `SELECT DISTINCT kind = 'phone' AS phone FROM suppressions WHERE account_id = ?1 AND ((kind = 'email' AND value = ?2) OR (kind = 'domain' AND value = ?3) OR (kind = 'phone' AND value = ?4))`,
    )
    .bind(accountId, email, domain, phone)
    .all<{ phone: number }>();
  return rows.results.map((r) => (r.phone ? "phone_suppressed" : "suppressed")).sort() as Reason[];
}

export type SearchQuery = { q?: string; listId?: string; verdict?: string; emailStatus?: string; cursor?: string; limit?: number };

/** Keyset search, newest first. Email and phone prefixes use their indexes; names scan in id order. */
export async function searchContacts(db: D1Database, accountId: string, query: SearchQuery): Promise<{ rows: ContactRow[]; nextCursor: string | null }> {
  const where = ["account_id = ?"];
  const params: (string | number)[] = [accountId];
  const q = query.q?.toLowerCase();
  if (q) {
    const digits = q.replace(/[\s().-]/g, "");
    if (q.includes("@")) {
      where.push("email >= ? AND email < ?");
      params.push(q, q + "\uffff");
    } else if (/^\+?\d{3,}$/.test(digits)) {
      const prefix = digits.startsWith("+") ? digits : digits.startsWith("51") ? `+${digits}` : `+51${digits}`;
      where.push("phone >= ? AND phone < ?");
      params.push(prefix, prefix + "\uffff");
    } else {
      where.push("(email LIKE ?1x OR first_name LIKE ?1x OR last_name LIKE ?1x OR company LIKE ?1x)".replaceAll("?1x", "? ESCAPE '\\'"));
      const like = `${q.replace(/[%_\\]/g, "\\$&")}%`;
      params.push(like, like, like, like);
    }
  }
  if (query.listId) {
    where.push("EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = contacts.id)");
    params.push(query.listId);
  }
  if (query.verdict) {
    where.push("verdict = ?");
    params.push(query.verdict);
  }
  if (query.emailStatus) {
    where.push("email_status = ?");
    params.push(query.emailStatus);
  }
  if (query.cursor) {
    where.push("id < ?");
    params.push(Number(query.cursor));
  }
  const limit = query.limit ?? 50;
  const rows = await db
    .prepare(`SELECT * FROM contacts WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ${limit + 1}`)
    .bind(...params)
    .all<ContactRow>();
  const page = rows.results.slice(0, limit);
  return { rows: page, nextCursor: rows.results.length > limit ? String(page[page.length - 1]!.id) : null };
}
