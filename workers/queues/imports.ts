/**
 * The imports Queue consumer: reads an uploaded file from R2 slice by slice through the text
 * decoder and the CSV parser, cleans each record, and writes batches of contacts
 * (workers/audience/import-store). The file is never read whole. Each batch advances a
 * checkpoint in the same transaction, so a redelivered message resumes after the last written
 * line and counts nothing twice.
 */
import { CsvParser, type CsvRecord } from "../../shared/import/csv-parser";
import type { Delimiter } from "../../shared/import/detect";
import type { Mapping } from "../../shared/import/mapping";
import { rowToContact, type Candidate } from "../../shared/import/rows";
import { writeImportBatch, type ImportContext, type ImportTotals, type Reject } from "../audience/import-store";

export type ImportMessage = { type: "import"; importId: string } | { type: "clean"; accountId: string; listId: string };

/**
 * Records written per D1 batch (one transaction). Measured with `npm run bench:import` (1M rows,
 * local runtime, see docs/benchmarks.md): 2,000 → ~4,800 rows/s, peak ~510 MB; 5,000 → ~5,400,
 * ~540 MB; 10,000 → ~6,600, ~590 MB; 20,000 → ~7,400, ~720 MB. Bigger batches rewrite each page
 * of the contact indexes for more rows at once but cost memory in every layer the batch crosses;
 * 2,000 keeps the runtime near its memory target. A retry redoes at most one batch.
 */
export const IMPORT_BATCH = 2000;
const RAW_MAX = 300;
/** How often, at most, the import pauses to let other requests in (see flush). */
const PAUSE_EVERY_MS = 2000;
/** Bytes of the file read (and decoded, and parsed) at a time. */
export const READ_SLICE = 2 * 1024 * 1024;

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
  const object = await env.FILES.head(row.file_key);
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
  let lastPause = Date.now();

  const flush = async () => {
    if (pending === 0) return;
    await writeImportBatch(db, { ...ctx, now: now() }, candidates, rejects, lastLine, pending, totals);
    candidates = [];
    rejects = [];
    pending = 0;
    // Let the runtime's event loop breathe now and then: under `wrangler dev` an import is an
    // unbroken chain of in-process events (R2 reads, D1 calls) that otherwise keeps every HTTP
    // request to the Worker (the progress bar's included) waiting until the whole file is done.
    // Every couple of seconds is enough for a progress bar.
    if (Date.now() - lastPause >= PAUSE_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastPause = Date.now();
    }
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

  // The file is read in slices of READ_SLICE bytes, each one asked for when the last is parsed:
  // memory holds one slice whatever R2 could deliver ahead (with a streamed body the local
  // runtime's peak was some 50–80 MB higher for a 120 MB file), and a few dozen reads replace
  // tens of thousands of 4 KB stream chunks (R2 time for 1M rows: ~10 s → ~2 s).
  const decoder = new TextDecoder(row.encoding);
  for (let offset = 0; offset < object.size; offset += READ_SLICE) {
    const slice = await env.FILES.get(row.file_key, { range: { offset, length: Math.min(READ_SLICE, object.size - offset) } });
    if (!slice) throw new Error("The uploaded file went away during the import");
    const bytes = new Uint8Array(await slice.arrayBuffer());
    totals.bytesRead += bytes.byteLength;
    await take(parser.push(decoder.decode(bytes, { stream: true })));
  }
  await take(parser.push(decoder.decode()));
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
