/**
 * D1 access for single contacts: keyset search, detail with consent and lists, upsert by email or
 * phone with a consent record, and the SQL that keeps `reasons`/`verdict` in step with the
 * suppression list.
 */
import { REASON_SEVERITY } from "../../shared/audience/verdict";
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

const codesOf = (severity: "invalid" | "risky") =>
  Object.entries(REASON_SEVERITY)
    .filter(([, s]) => s === severity)
    .map(([k]) => `'${k}'`)
    .join(", ");

/** SQL expression: the verdict implied by a `reasons` JSON array expression (worst severity wins). */
export function verdictSql(reasons: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM json_each(${reasons}) WHERE value IN (${codesOf("invalid")})) THEN 'invalid'
    WHEN EXISTS (SELECT 1 FROM json_each(${reasons}) WHERE value IN (${codesOf("risky")})) THEN 'risky' ELSE 'valid' END`;
}

const withSuppressed = `CASE WHEN reasons LIKE '%"suppressed"%' THEN reasons ELSE json_insert(reasons, '$[#]', 'suppressed') END`;
const withoutSuppressed = `(SELECT json_group_array(value) FROM json_each(contacts.reasons) WHERE value != 'suppressed')`;

/** Which contacts a suppression of `kind` covers. */
const matchOf = (kind: string) => (kind === "email" ? "email = ?2" : kind === "phone" ? "phone = ?2" : "email_domain = ?2");

/** Mark the contacts a new suppression covers. */
export function markSuppressed(db: D1Database, accountId: string, kind: string, value: string): D1PreparedStatement {
  return db
    .prepare(`UPDATE contacts SET reasons = ${withSuppressed}, verdict = 'invalid', updated_at = ?3 WHERE account_id = ?1 AND ${matchOf(kind)}`)
    .bind(accountId, value, Date.now());
}

/** Unmark the contacts a lifted suppression covered, unless another suppression still covers them. */
export function unmarkSuppressed(db: D1Database, accountId: string, kind: string, value: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE contacts SET reasons = ${withoutSuppressed}, verdict = ${verdictSql(withoutSuppressed)}, updated_at = ?3
       WHERE account_id = ?1 AND ${matchOf(kind)} AND reasons LIKE '%"suppressed"%'
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = ?1 AND (
           (s.kind = 'email' AND s.value = contacts.email) OR (s.kind = 'phone' AND s.value = contacts.phone) OR
           (s.kind = 'domain' AND s.value = contacts.email_domain)))`,
    )
    .bind(accountId, value, Date.now());
}

/** Whether any suppression covers this email, its domain, or this phone. */
export async function isSuppressed(db: D1Database, accountId: string, email: string | null, domain: string | null, phone: string | null): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT 1 FROM suppressions WHERE account_id = ?1 AND ((kind = 'email' AND value = ?2) OR (kind = 'domain' AND value = ?3) OR (kind = 'phone' AND value = ?4)) LIMIT 1`,
    )
    .bind(accountId, email, domain, phone)
    .first();
  return row !== null;
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
