/**
 * D1 writes of one import batch. One read round trip finds which contacts exist (and which were
 * already written by this same import: duplicates within the file) and which are suppressed;
 * one atomic `batch()` then inserts, updates, adds list members, records consent, stores the
 * rejected rows and advances the import's counters and checkpoint together. So a batch is
 * either wholly written or not at all, and a retried import resumes after the checkpoint.
 * Rows travel as JSON parameters (`json_each`), keeping every statement far under D1's
 * 100-bound-parameter limit; a batch's rows are cut into several statements so that no JSON
 * text passes MAX_JSON_CHARS (D1 refuses strings over 2 MB).
 *
 * Lookups go in key order (the JSON lists of emails and phones are sorted): at a million
 * contacts the email index is far larger than SQLite's page cache (2 MB in D1's local runtime),
 * and walking it in order reads each page once per statement. New contacts are inserted in file
 * order, so their ids follow the file.
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

/**
 * A contact as a JSON array, its fields at the positions of CONTACT_COLUMNS: about a third
 * smaller than an object with named keys, and SQLite picks a field by index (`j.value ->> 3`).
 */
const CONTACT_COLUMNS = ["line", "email", "phone", "firstName", "lastName", "position", "company", "fields", "verdict", "reasons", "suggestion", "domain", "id"] as const;
const col = (name: (typeof CONTACT_COLUMNS)[number]) => CONTACT_COLUMNS.indexOf(name);
const contactRow = (c: Candidate, id?: number) => [
  c.line,
  c.email,
  c.phone,
  c.firstName,
  c.lastName,
  c.position,
  c.company,
  c.fields,
  c.verdict,
  JSON.stringify(c.reasons),
  c.suggestion,
  c.domain,
  ...(id === undefined ? [] : [id]),
];

/**
 * Longest JSON text bound to one statement, in UTF-16 code units. D1 refuses strings over
 * 2,000,000 bytes, and a code unit is at most 3 bytes of UTF-8 (accented letters are 2).
 */
export const MAX_JSON_CHARS = 600_000;

/**
 * `items` as JSON arrays of at most `max` characters each (an item longer than that alone gets
 * its own array); none for no items.
 * @example jsonChunks(["a", "b", "c"], 9) // ['["a","b"]', '["c"]']
 */
export function jsonChunks(items: readonly unknown[], max = MAX_JSON_CHARS): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let size = 1;
  for (const item of items) {
    const text = JSON.stringify(item);
    if (part.length > 0 && size + text.length + 1 > max) {
      out.push(`[${part.join(",")}]`);
      part = [];
      size = 1;
    }
    part.push(text);
    size += text.length + 1;
  }
  if (part.length > 0) out.push(`[${part.join(",")}]`);
  return out;
}

const sorted = (values: string[]) => values.sort();

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
  const emails = sorted(unique.flatMap((c) => (c.email ? [c.email] : [])));
  const phones = sorted(unique.flatMap((c) => (c.email ? [] : c.phone ? [c.phone] : [])));
  const domains = sorted([...new Set(unique.flatMap((c) => (c.domain ? [c.domain] : [])))]);
  const allPhones = sorted(unique.flatMap((c) => (c.phone ? [c.phone] : [])));
  const existingByEmail = db.prepare(
    "SELECT id, email, phone, last_import_id, last_import_line FROM contacts WHERE account_id = ?1 AND email IN (SELECT value FROM json_each(?2))",
  );
  const existingByPhone = db.prepare(
    "SELECT id, email, phone, last_import_id, last_import_line FROM contacts WHERE account_id = ?1 AND +email IS NULL AND phone IN (SELECT value FROM json_each(?2))",
  );
  const suppressedOf = db.prepare("SELECT kind, value FROM suppressions WHERE account_id = ?1 AND kind = ?2 AND value IN (SELECT value FROM json_each(?3))");
  const existingReads = [
    ...jsonChunks(emails).map((chunk) => existingByEmail.bind(ctx.accountId, chunk)),
    ...jsonChunks(phones).map((chunk) => existingByPhone.bind(ctx.accountId, chunk)),
  ];
  const suppressionReads = (
    [
      ["email", emails],
      ["domain", domains],
      ["phone", allPhones],
    ] as const
  ).flatMap(([kind, values]) => jsonChunks(values).map((chunk) => suppressedOf.bind(ctx.accountId, kind, chunk)));
  // The highest contact id before this batch: the batch's new contacts are the rows of this
  // import above it, found through the (account, id) index instead of probing the email index
  // again for each one (ids only grow: AUTOINCREMENT).
  const reads = [db.prepare("SELECT COALESCE(MAX(id), 0) AS m FROM contacts"), ...existingReads, ...suppressionReads];
  const [maxRead, ...readResults] = await db.batch(reads);
  const idsBefore = Number((maxRead!.results[0] as { m: number }).m);
  const existingRes = readResults.slice(0, existingReads.length).flatMap((r) => (r.results ?? []) as Existing[]);
  const suppressedRes = readResults.slice(existingReads.length).flatMap((r) => (r.results ?? []) as { kind: string; value: string }[]);
  const existing = new Map<string, Existing>();
  for (const row of existingRes) existing.set(row.email ?? `tel:${row.phone}`, row);
  const suppressed = new Set(suppressedRes.map((r) => `${r.kind}:${r.value}`));

  const inserts: Candidate[] = [];
  const updates: (Candidate & { id: number })[] = [];
  let skipped = 0;
  const verdicts: Record<string, number> = { ...totals.verdicts };
  for (const c of unique) {
    // Suppression per channel: a suppressed phone keeps the contact importable and emailable.
    if (c.email && (suppressed.has(`email:${c.email}`) || (c.domain && suppressed.has(`domain:${c.domain}`)))) c.reasons.push("suppressed");
    if (c.phone && suppressed.has(`phone:${c.phone}`)) c.reasons.push("phone_suppressed");
    c.verdict = verdictOf(c.reasons, c.email !== null);
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
  const existingMembers = unique
    .flatMap((c) => {
      const prior = existing.get(dedupeKey(c));
      return prior && prior.last_import_id !== ctx.importId ? [prior.id] : [];
    })
    .sort((a, b) => a - b);
  updates.sort((a, b) => a.id - b.id);
  const { accountId, listId, importId, now } = ctx;
  const stmts: D1PreparedStatement[] = [];
  const v = (name: (typeof CONTACT_COLUMNS)[number]) => `j.value ->> ${col(name)}`;
  const insertContacts = db.prepare(
    `INSERT OR IGNORE INTO contacts (account_id, email, phone, first_name, last_name, position, company, fields, verdict, reasons, suggestion,
       email_domain, last_import_id, last_import_line, created_at, updated_at)
     SELECT ?1, ${v("email")}, ${v("phone")}, ${v("firstName")}, ${v("lastName")}, ${v("position")},
       ${v("company")}, j.value -> ${col("fields")}, ${v("verdict")}, ${v("reasons")}, ${v("suggestion")},
       ${v("domain")}, ?2, ${v("line")}, ?3, ?3
     FROM json_each(?4) j`,
  );
  for (const chunk of jsonChunks(inserts.map((c) => contactRow(c)))) stmts.push(insertContacts.bind(accountId, importId, now, chunk));
  const updateContacts = db.prepare(
    `UPDATE contacts SET
       phone = COALESCE(${v("phone")}, contacts.phone),
       first_name = COALESCE(${v("firstName")}, contacts.first_name),
       last_name = COALESCE(${v("lastName")}, contacts.last_name),
       position = COALESCE(${v("position")}, contacts.position),
       company = COALESCE(${v("company")}, contacts.company),
       fields = json_patch(contacts.fields, j.value -> ${col("fields")}),
       verdict = ${v("verdict")}, reasons = ${v("reasons")}, suggestion = ${v("suggestion")},
       last_import_id = ?1, last_import_line = ${v("line")}, updated_at = ?2
     FROM json_each(?3) j WHERE contacts.id = ${v("id")}`,
  );
  for (const chunk of jsonChunks(updates.map((u) => contactRow(u, u.id)))) stmts.push(updateContacts.bind(importId, now, chunk));
  // New contacts: this import's rows above idsBefore, walked in id order on (account, id).
  const newRows = `FROM contacts c WHERE c.account_id = ?1 AND c.id > ?2 AND c.last_import_id = ?3`;
  if (inserts.length) {
    stmts.push(
      db.prepare(`INSERT INTO list_members (list_id, contact_id, status, added_at) SELECT ?4, c.id, 'subscribed', ?5 ${newRows} ON CONFLICT DO NOTHING`).bind(accountId, idsBefore, importId, listId, now),
      // Consent of new contacts, per channel, with the file and line as proof (Ley 29733).
      db
        .prepare(
          `INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof)
           SELECT ?1, c.id, ch.channel, 'granted', 'file', ?4, json_object('importId', ?3, 'file', ?5, 'line', c.last_import_line)
           ${newRows.replace("FROM contacts c", "FROM contacts c CROSS JOIN (SELECT 'email' AS channel UNION ALL SELECT 'sms') ch")}
             AND CASE ch.channel WHEN 'email' THEN c.email IS NOT NULL ELSE c.phone IS NOT NULL END`,
        )
        .bind(accountId, idsBefore, importId, now, ctx.fileName),
    );
  }
  // Existing contacts (updated, or kept as they were): by id.
  for (const chunk of jsonChunks(existingMembers))
    stmts.push(
      db
        .prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) SELECT ?1, value, 'subscribed', ?2 FROM json_each(?3) WHERE true ON CONFLICT DO NOTHING")
        .bind(listId, now, chunk),
    );
  const insertRejects = db.prepare(
    `INSERT INTO import_rejects (import_id, line, reason, raw)
     SELECT ?1, j.value ->> 'line', j.value ->> 'reason', j.value ->> 'raw' FROM json_each(?2) j WHERE true
     ON CONFLICT DO NOTHING`,
  );
  for (const chunk of jsonChunks(rejects)) stmts.push(insertRejects.bind(importId, chunk));
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
