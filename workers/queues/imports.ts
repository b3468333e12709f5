/**
 * The imports Queue consumer: streams an uploaded file from R2 through the text decoder and the
 * CSV parser, cleans each record, and writes batches of contacts (workers/audience/import-store).
 * The file is never read whole. Each batch advances a checkpoint in the same transaction, so a
 * redelivered message resumes after the last written line and counts nothing twice.
 */
import { CsvParser, type CsvRecord } from "../../shared/import/csv-parser";
import type { Delimiter } from "../../shared/import/detect";
import type { Mapping } from "../../shared/import/mapping";
import { rowToContact, type Candidate } from "../../shared/import/rows";
import { writeImportBatch, type ImportContext, type ImportTotals, type Reject } from "../audience/import-store";

export type ImportMessage = { type: "import"; importId: string } | { type: "clean"; accountId: string; listId: string };

/**
 * Records written per D1 batch (one transaction). Large, because at a million contacts each batch
 * touches most pages of the contact indexes whatever its size: 20,000 rows write each page for
 * several rows at once, where 2,000 rewrote it for nearly every row (about 2× faster end to end,
 * half the disk writes; see dev/bench/import.mjs). Memory stays small (about 20 MB of candidates),
 * the JSON is cut into statements under D1's string limit (import-store), and a retry redoes at
 * most one batch.
 */
export const IMPORT_BATCH = 20_000;
const RAW_MAX = 300;

type ImportRow = {
  id: string;
  account_id: string;
  list_id: string;
  status: string;
  file_key: string;
  file_name: string;
  encoding: string;
  delimiter: Delimiter;
  has_header: number;
  mapping: string;
  policy: "upsert" | "insert";
  rows_read: number;
  inserted: number;
  updated: number;
  skipped: number;
  rejected: number;
  checkpoint_line: number;
  verdicts: string;
};

/** Run (or resume) one import to its end. Throws on infrastructure errors so the Queue retries. */
export async function processImport(env: Env, importId: string, now = Date.now): Promise<void> {
  const db = env.DB;
  const row = await db.prepare("SELECT * FROM imports WHERE id = ?").bind(importId).first<ImportRow>();
  if (!row || (row.status !== "queued" && row.status !== "running")) return;
  await db.prepare("UPDATE imports SET status = 'running', started_at = COALESCE(started_at, ?2) WHERE id = ?1").bind(importId, now()).run();
  const object = await env.FILES.get(row.file_key);
  if (!object) {
    await finish(db, importId, "failed", now(), "The uploaded file is no longer stored");
    return;
  }
  const mapping = JSON.parse(row.mapping) as Mapping;
  const ctx: ImportContext = { accountId: row.account_id, listId: row.list_id, importId, fileName: row.file_name, policy: row.policy, now: now() };
  const totals: ImportTotals = {
    rowsRead: row.rows_read,
    inserted: row.inserted,
    updated: row.updated,
    skipped: row.skipped,
    rejected: row.rejected,
    verdicts: JSON.parse(row.verdicts) as Record<string, number>,
    bytesRead: 0,
  };
  const parser = new CsvParser(row.delimiter);
  let headerPending = row.has_header === 1;
  let candidates: Candidate[] = [];
  let rejects: Reject[] = [];
  let pending = 0;
  let lastLine = row.checkpoint_line;

  const flush = async () => {
    if (pending === 0) return;
    await writeImportBatch(db, { ...ctx, now: now() }, candidates, rejects, lastLine, pending, totals);
    candidates = [];
    rejects = [];
    pending = 0;
    // Let the runtime's event loop breathe: under `wrangler dev` an import is an unbroken chain
    // of in-process events (R2 reads, D1 calls) that otherwise keeps every HTTP request to the
    // Worker waiting until the whole file is done.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const take = async (records: CsvRecord[]) => {
    for (const rec of records) {
      if (headerPending) {
        headerPending = false;
        continue;
      }
      if (rec.line <= row.checkpoint_line) continue;
      const r = rowToContact(rec, mapping, mapping.length);
      if (r.ok) candidates.push(r.contact);
      else rejects.push({ line: r.line, reason: r.reason, raw: rec.fields.join(row.delimiter).slice(0, RAW_MAX) });
      pending++;
      lastLine = rec.line;
      if (pending >= IMPORT_BATCH) await flush();
    }
  };

  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      totals.bytesRead += chunk.byteLength;
      out.enqueue(chunk);
    },
  });
  const text = object.body.pipeThrough(counter).pipeThrough(new TextDecoderStream(row.encoding));
  for await (const chunk of text) await take(parser.push(chunk));
  await take(parser.end());
  await flush();
  await finish(db, importId, "done", now(), null);
  // MX lookups of the new domains run apart, so the import is reported done without waiting on DNS.
  await env.IMPORTS.send({ type: "clean", accountId: row.account_id, listId: row.list_id } satisfies ImportMessage);
}

export const enqueueImport = (env: Env, importId: string) => env.IMPORTS.send({ type: "import", importId } satisfies ImportMessage);

async function finish(db: D1Database, importId: string, status: "done" | "failed", at: number, error: string | null) {
  await db
    .prepare("UPDATE imports SET status = ?2, finished_at = ?3, error = ?4, bytes_read = CASE WHEN ?2 = 'done' THEN file_size ELSE bytes_read END WHERE id = ?1")
    .bind(importId, status, at, error)
    .run();
}

/** After the last retry, an import that still fails is marked failed with the reason. */
export async function failImport(env: Env, importId: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await finish(env.DB, importId, "failed", Date.now(), `Processing failed: ${message.slice(0, 300)}`);
}
