/**
 * D1 writes of one import batch. One read round trip finds which contacts exist (and which were
 * already written by this same import: duplicates within the file) and which are suppressed;
 * one atomic `batch()` then inserts, updates, adds list members, records consent, stores the
 * rejected rows and advances the import's counters and checkpoint together. So a batch is
 * either wholly written or not at all, and a retried import resumes after the checkpoint.
 * Rows travel as one JSON parameter (`json_each`), keeping every statement far under D1's
 * 100-bound-parameter limit.
 *
 * Query plans matter at a million rows: without table statistics SQLite would drive the joins
 * from `contacts` (every contact of the account) and scan the batch's JSON for each one,
 * quadratic in the size of the account. `CROSS JOIN` pins the batch as the outer loop, so each
 * row is one index lookup; `+email IS NULL` keeps phone-only lookups on the (account, phone)
 * index instead of walking every contact without an email.
 */
import { verdictOf } from "../../shared/audience/verdict";
import { dedupeKey, type Candidate } from "../../shared/import/rows";

export type ImportContext = {
  accountId: string;
  listId: string;
  importId: string;
  fileName: string;
  policy: "upsert" | "insert";
  now: number;
};
export type Reject = { line: number; reason: string; raw: string | null };
/** Running totals of an import, carried from batch to batch and written with each one. */
export type ImportTotals = {
  rowsRead: number;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  verdicts: Record<string, number>;
  /** Bytes of the file read so far, for the progress bar. */
  bytesRead: number;
};

type Existing = { id: number; email: string | null; phone: string | null; last_import_id: string | null; last_import_line: number | null };

const contactJson = (c: Candidate) => ({
  line: c.line,
  email: c.email,
  phone: c.phone,
  firstName: c.firstName,
  lastName: c.lastName,
  position: c.position,
  company: c.company,
  fields: c.fields,
  verdict: c.verdict,
  reasons: JSON.stringify(c.reasons),
  suggestion: c.suggestion,
  domain: c.domain,
});

/**
 * Write one batch of `rowsRead` records ending at `lastLine` (the new checkpoint), adding its
 * counts to `totals` only once the write has succeeded.
 */
export async function writeImportBatch(
  db: D1Database,
  ctx: ImportContext,
  candidates: Candidate[],
  rejects: Reject[],
  lastLine: number,
  rowsRead: number,
  totals: ImportTotals,
): Promise<void> {
  // Duplicates inside this batch: the first occurrence wins.
  const firstLine = new Map<string, number>();
  const unique: Candidate[] = [];
  for (const c of candidates) {
    const key = dedupeKey(c);
    const seen = firstLine.get(key);
    if (seen !== undefined) rejects.push({ line: c.line, reason: `duplicate of line ${seen}`, raw: null });
    else {
      firstLine.set(key, c.line);
      unique.push(c);
    }
  }
  const emails = unique.flatMap((c) => (c.email ? [c.email] : []));
  const phones = unique.flatMap((c) => (c.email ? [] : c.phone ? [c.phone] : []));
  const domains = [...new Set(unique.flatMap((c) => (c.domain ? [c.domain] : [])))];
  const allPhones = unique.flatMap((c) => (c.phone ? [c.phone] : []));
  const [existingRes, suppressedRes] = await db.batch([
    db
      .prepare(
        `SELECT id, email, phone, last_import_id, last_import_line FROM contacts WHERE account_id = ?1 AND email IN (SELECT value FROM json_each(?2))
         UNION ALL
         SELECT id, email, phone, last_import_id, last_import_line FROM contacts WHERE account_id = ?1 AND +email IS NULL AND phone IN (SELECT value FROM json_each(?3))`,
      )
      .bind(ctx.accountId, JSON.stringify(emails), JSON.stringify(phones)),
    db
      .prepare(
        `SELECT kind, value FROM suppressions WHERE account_id = ?1 AND (
           (kind = 'email' AND value IN (SELECT value FROM json_each(?2))) OR
           (kind = 'domain' AND value IN (SELECT value FROM json_each(?3))) OR
           (kind = 'phone' AND value IN (SELECT value FROM json_each(?4))))`,
      )
      .bind(ctx.accountId, JSON.stringify(emails), JSON.stringify(domains), JSON.stringify(allPhones)),
  ]);
  const existing = new Map<string, Existing>();
  for (const row of (existingRes!.results ?? []) as Existing[]) existing.set(row.email ?? `tel:${row.phone}`, row);
  const suppressed = new Set(((suppressedRes!.results ?? []) as { kind: string; value: string }[]).map((r) => `${r.kind}:${r.value}`));

  const inserts: Candidate[] = [];
  const updates: (Candidate & { id: number })[] = [];
  let skipped = 0;
  const verdicts: Record<string, number> = { ...totals.verdicts };
  for (const c of unique) {
    if ((c.email && (suppressed.has(`email:${c.email}`) || (c.domain && suppressed.has(`domain:${c.domain}`)))) || (c.phone && suppressed.has(`phone:${c.phone}`))) {
      c.reasons.push("suppressed");
      c.verdict = verdictOf(c.reasons);
    }
    const prior = existing.get(dedupeKey(c));
    if (prior && prior.last_import_id === ctx.importId) {
      rejects.push({ line: c.line, reason: `duplicate of line ${prior.last_import_line}`, raw: null });
      continue;
    }
    verdicts[c.verdict] = (verdicts[c.verdict] ?? 0) + 1;
    if (!prior) inserts.push(c);
    else if (ctx.policy === "upsert") updates.push({ ...c, id: prior.id });
    else skipped++;
  }
  // Everyone kept goes into the list, including contacts left unchanged by the "insert" policy.
  const rejectedLines = new Set(rejects.map((r) => r.line));
  const members = unique.filter((c) => !rejectedLines.has(c.line));
  const memberEmails = members.flatMap((c) => (c.email ? [c.email] : []));
  const memberPhones = members.flatMap((c) => (c.email ? [] : c.phone ? [c.phone] : []));
  const { accountId, listId, importId, now } = ctx;
  const stmts: D1PreparedStatement[] = [];
  if (inserts.length) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO contacts (account_id, email, phone, first_name, last_name, position, company, fields, verdict, reasons, suggestion,
             email_domain, last_import_id, last_import_line, created_at, updated_at)
           SELECT ?1, j.value ->> 'email', j.value ->> 'phone', j.value ->> 'firstName', j.value ->> 'lastName', j.value ->> 'position',
             j.value ->> 'company', j.value -> 'fields', j.value ->> 'verdict', j.value ->> 'reasons', j.value ->> 'suggestion',
             j.value ->> 'domain', ?2, j.value ->> 'line', ?3, ?3
           FROM json_each(?4) j WHERE true
           ON CONFLICT (account_id, email) DO NOTHING`,
        )
        .bind(accountId, importId, now, JSON.stringify(inserts.map(contactJson))),
    );
  }
  if (updates.length) {
    stmts.push(
      db
        .prepare(
          `UPDATE contacts SET
             phone = COALESCE(j.value ->> 'phone', contacts.phone),
             first_name = COALESCE(j.value ->> 'firstName', contacts.first_name),
             last_name = COALESCE(j.value ->> 'lastName', contacts.last_name),
             position = COALESCE(j.value ->> 'position', contacts.position),
             company = COALESCE(j.value ->> 'company', contacts.company),
             fields = json_patch(contacts.fields, j.value -> 'fields'),
             verdict = j.value ->> 'verdict', reasons = j.value ->> 'reasons', suggestion = j.value ->> 'suggestion',
             last_import_id = ?1, last_import_line = j.value ->> 'line', updated_at = ?2
           FROM json_each(?3) j WHERE contacts.id = j.value ->> 'id'`,
        )
        .bind(importId, now, JSON.stringify(updates.map((u) => ({ ...contactJson(u), id: u.id })))),
    );
  }
  if (memberEmails.length) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO list_members (list_id, contact_id, status, added_at)
           SELECT ?1, c.id, 'subscribed', ?2 FROM json_each(?3) j CROSS JOIN contacts c ON c.account_id = ?4 AND c.email = j.value WHERE true
           ON CONFLICT DO NOTHING`,
        )
        .bind(listId, now, JSON.stringify(memberEmails), accountId),
    );
  }
  if (memberPhones.length) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO list_members (list_id, contact_id, status, added_at)
           SELECT ?1, c.id, 'subscribed', ?2 FROM json_each(?3) j CROSS JOIN contacts c ON c.account_id = ?4 AND +c.email IS NULL AND c.phone = j.value WHERE true
           ON CONFLICT DO NOTHING`,
        )
        .bind(listId, now, JSON.stringify(memberPhones), accountId),
    );
  }
  if (inserts.length) {
    // Consent of new contacts, per channel, with the file and line as proof (Ley 29733).
    const consent = (channel: "email" | "sms", join: string, rows: { v: string; line: number }[]) =>
      db
        .prepare(
          `INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof)
           SELECT ?1, c.id, ?2, 'granted', 'file', ?3, json_object('importId', ?4, 'file', ?5, 'line', j.value ->> 'line')
           FROM json_each(?6) j CROSS JOIN contacts c ON c.account_id = ?1 AND ${join} WHERE true`,
        )
        .bind(accountId, channel, now, importId, ctx.fileName, JSON.stringify(rows));
    const byEmail = (pick: (c: Candidate) => boolean) => inserts.filter(pick).map((c) => ({ v: c.email!, line: c.line }));
    stmts.push(consent("email", "c.email = j.value ->> 'v'", byEmail((c) => c.email !== null)));
    stmts.push(consent("sms", "c.email = j.value ->> 'v'", byEmail((c) => c.email !== null && c.phone !== null)));
    const phoneOnly = inserts.filter((c) => c.email === null).map((c) => ({ v: c.phone!, line: c.line }));
    stmts.push(consent("sms", "+c.email IS NULL AND c.phone = j.value ->> 'v'", phoneOnly));
  }
  if (rejects.length) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO import_rejects (import_id, line, reason, raw)
           SELECT ?1, j.value ->> 'line', j.value ->> 'reason', j.value ->> 'raw' FROM json_each(?2) j WHERE true
           ON CONFLICT DO NOTHING`,
        )
        .bind(importId, JSON.stringify(rejects)),
    );
  }
  const next: ImportTotals = {
    rowsRead: totals.rowsRead + rowsRead,
    inserted: totals.inserted + inserts.length,
    updated: totals.updated + updates.length,
    skipped: totals.skipped + skipped,
    rejected: totals.rejected + rejects.length,
    verdicts,
    bytesRead: totals.bytesRead,
  };
  stmts.push(
    db
      .prepare(
        `UPDATE imports SET rows_read = ?2, inserted = ?3, updated = ?4, skipped = ?5, rejected = ?6, checkpoint_line = ?7, verdicts = ?8,
           bytes_read = MAX(bytes_read, ?9) WHERE id = ?1`,
      )
      .bind(importId, next.rowsRead, next.inserted, next.updated, next.skipped, next.rejected, lastLine, JSON.stringify(verdicts), next.bytesRead),
  );
  await db.batch(stmts);
  Object.assign(totals, next);
}
