/**
 * File import (E1): the upload streams into R2 (never buffered whole), its first 64 KB are
 * previewed at once (encoding, delimiter, header, rows, suggested or remembered mapping), and
 * the import either starts right away or waits at the mapping step (`start=false`). Processing
 * happens on the imports Queue; this file only answers and enqueues.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { IMPORT_POLICIES, StartImportBody } from "../../../shared/api/schemas-audience";
import { headerSignature, suggestMapping, validateMapping, type Mapping } from "../../../shared/import/mapping";
import { previewFile, SNIFF_BYTES } from "../../../shared/import/preview";
import { csvLine } from "../../../shared/import/csv-export";
import { rejectReasonEs } from "../../../shared/import/reasons";
import type { AppEnv } from "../context";
import { ApiError, conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { boundaryOf, MultipartError, readMultipart } from "../../audience/multipart";
import { R2Sink } from "../../audience/r2-sink";
import { enqueueImport } from "../../queues/imports";
import { findList } from "./lists";
import { defineTextFields } from "../../audience/fields-store";
import { ImportOut } from "../../../shared/api/schemas-audience";
import type { z } from "zod";

/** Largest file accepted: about 2.5 million contact rows. */
export const MAX_IMPORT_BYTES = 300 * 1024 * 1024;

type ImportRow = Record<string, string | number | null>;

const iso = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : null);
const parse = <T>(s: unknown, fallback: T): T => (typeof s === "string" ? (JSON.parse(s) as T) : fallback);

function present(r: ImportRow): z.infer<typeof ImportOut> {
  const size = Number(r.file_size);
  return {
    id: String(r.id),
    listId: String(r.list_id),
    status: r.status as "ready",
    fileName: String(r.file_name),
    fileSize: size,
    encoding: r.encoding as string | null,
    delimiter: r.delimiter as string | null,
    hasHeader: r.has_header === null ? null : r.has_header === 1,
    header: parse(r.header, null),
    preview: parse(r.preview, []),
    mapping: parse(r.mapping, null),
    policy: r.policy as "upsert",
    progress: r.status === "done" ? 1 : size > 0 ? Math.min(1, Number(r.bytes_read) / size) : 0,
    counts: { rowsRead: Number(r.rows_read), inserted: Number(r.inserted), updated: Number(r.updated), skipped: Number(r.skipped), rejected: Number(r.rejected) },
    verdicts: parse(r.verdicts, {}),
    error: r.error as string | null,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

async function findImport(c: Context<AppEnv>, id: string): Promise<ImportRow> {
  const row = await c.env.DB.prepare("SELECT * FROM imports WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<ImportRow>();
  if (!row) throw notFound("Import");
  return row;
}

function parseMappingField(raw: string | undefined): Mapping | null {
  if (raw === undefined || raw === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError(400, "invalid_field", "mapping: must be a JSON array", "mapping");
  }
  const parsed = StartImportBody.shape.mapping.safeParse(value);
  if (!parsed.success) throw new ApiError(400, "invalid_field", `mapping: ${parsed.error.issues[0]?.message ?? "invalid"}`, "mapping");
  return parsed.data;
}

/** Remember the mapping for this header layout, and define the custom fields it introduces. */
async function rememberMapping(db: D1Database, accountId: string, header: string[] | null, mapping: Mapping) {
  const labels: Record<string, string> = {};
  const keys: string[] = [];
  mapping.forEach((t, i) => {
    if (t?.startsWith("custom:")) {
      keys.push(t.slice(7));
      labels[t.slice(7)] = header?.[i] ?? t.slice(7);
    }
  });
  if (keys.length) await db.batch(defineTextFields(db, accountId, keys, labels, Date.now()));
  if (!header) return;
  await db
    .prepare("INSERT INTO import_mappings (account_id, signature, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at")
    .bind(accountId, headerSignature(header), JSON.stringify(mapping), Date.now())
    .run();
}

export const listImports = new Hono<AppEnv>()
  .post("/:id/imports", guard("createImport", operations.createImport), async (c) => {
    const actor = c.var.actor;
    const list = await findList(c, c.req.param("id"));
    const boundary = boundaryOf(c.req.header("Content-Type"));
    if (!boundary || !c.req.raw.body) throw new ApiError(400, "invalid_field", "file: send multipart/form-data with the file in field \"file\"", "file");
    const importId = crypto.randomUUID();
    const key = `imports/${actor.accountId}/${importId}`;
    let sink: R2Sink | null = null;
    let upload;
    try {
      upload = await readMultipart(c.req.raw.body, boundary, "file", MAX_IMPORT_BYTES, async (part) => (sink = new R2Sink(c.env.FILES, key, part.contentType ?? "text/csv")));
      if (sink) await (sink as R2Sink).close();
    } catch (err) {
      if (sink) await (sink as R2Sink).abort();
      if (err instanceof MultipartError) throw new ApiError(err.status, err.status === 413 ? "payload_too_large" : "invalid_field", `file: ${err.message}`, "file");
      throw err;
    }
    if (!upload.file) throw new ApiError(400, "invalid_field", "file: is required", "file");
    const fileName = upload.file.filename.slice(0, 200);
    c.set("audit", { targetType: "list", targetId: list.id, details: { importId, fileName, size: upload.file.size } });
    const head = upload.file.size > 0 ? await c.env.FILES.get(key, { range: { offset: 0, length: SNIFF_BYTES } }) : null;
    const sample = head ? new Uint8Array(await head.arrayBuffer()) : new Uint8Array(0);
    const pv = previewFile(sample, upload.file.size <= SNIFF_BYTES);
    const policy = upload.fields.policy ?? "upsert";
    const refuse = async (e: ApiError) => {
      await c.env.FILES.delete(key);
      throw e;
    };
    if (!pv.ok) return refuse(new ApiError(400, pv.code, `file: ${pv.message}`, "file"));
    if (!(IMPORT_POLICIES as readonly string[]).includes(policy)) return refuse(new ApiError(400, "invalid_field", "policy: must be upsert or insert", "policy"));
    const p = pv.preview;
    const remembered = p.header
      ? await c.env.DB.prepare("SELECT mapping FROM import_mappings WHERE account_id = ? AND signature = ?").bind(actor.accountId, headerSignature(p.header)).first<string>("mapping")
      : null;
    // A malformed mapping field is refused like the checks above: the stored upload goes too.
    let given: Mapping | null;
    try {
      given = parseMappingField(upload.fields.mapping);
    } catch (e) {
      return refuse(e as ApiError);
    }
    const mapping: Mapping = given ?? (remembered ? (JSON.parse(remembered) as Mapping) : suggestMapping(p.header, p.rows));
    const start = upload.fields.start !== "false";
    if (start) {
      const problem = validateMapping(mapping, p.columns);
      if (problem) return refuse(new ApiError(400, "invalid_field", `mapping: ${problem}`, "mapping"));
    }
    const now = Date.now();
    await c.env.DB.prepare(
      `INSERT INTO imports (id, account_id, list_id, status, file_key, file_name, file_size, encoding, delimiter, has_header, header, preview, mapping,
         policy, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .bind(importId, actor.accountId, list.id, start ? "queued" : "ready", key, fileName, upload.file.size, p.encoding, p.delimiter, p.hasHeader ? 1 : 0,
        p.header ? JSON.stringify(p.header) : null, JSON.stringify(p.rows), JSON.stringify(mapping), policy, actor.userId, now)
      .run();
    if (start) {
      await rememberMapping(c.env.DB, actor.accountId, p.header, mapping);
      await enqueueImport(c.env, importId);
    }
    return c.json({ importId, import: present(await findImport(c, importId)) }, 202);
  })
  .get("/:id/imports", guard("listImports", operations.listImports), async (c) => {
    const list = await findList(c, c.req.param("id"));
    const rows = await c.env.DB.prepare("SELECT * FROM imports WHERE list_id = ? ORDER BY created_at DESC LIMIT 50").bind(list.id).all<ImportRow>();
    return c.json({ imports: rows.results.map(present) });
  });

export const imports = new Hono<AppEnv>()
  .get("/:id", guard("getImport", operations.getImport), async (c) => c.json(present(await findImport(c, c.req.param("id")))))
  .post("/:id/start", guard("startImport", operations.startImport), ...json(StartImportBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findImport(c, c.req.param("id"));
    c.set("audit", { targetType: "import", targetId: String(row.id), details: body });
    if (row.status !== "ready") throw conflict(`The import is already ${row.status}`);
    const header = parse<string[] | null>(row.header, null);
    const previewRows = parse<string[][]>(row.preview, []);
    const columns = header?.length ?? previewRows[0]?.length ?? 0;
    const problem = validateMapping(body.mapping, columns);
    if (problem) throw new ApiError(400, "invalid_field", `mapping: ${problem}`, "mapping");
    const hasHeader = body.hasHeader ?? row.has_header === 1;
    const policy = body.policy ?? String(row.policy);
    const { meta } = await c.env.DB.prepare("UPDATE imports SET status = 'queued', mapping = ?, policy = ?, has_header = ? WHERE id = ? AND status = 'ready'")
      .bind(JSON.stringify(body.mapping), policy, hasHeader ? 1 : 0, row.id)
      .run();
    if (meta.changes !== 1) throw conflict("The import was started already");
    await rememberMapping(c.env.DB, c.var.actor.accountId, header, body.mapping);
    await enqueueImport(c.env, String(row.id));
    return c.json(present(await findImport(c, String(row.id))), 202);
  })
  .delete("/:id", guard("discardImport", operations.discardImport), async (c) => {
    const row = await findImport(c, c.req.param("id"));
    c.set("audit", { targetType: "import", targetId: String(row.id) });
    if (row.status !== "ready") throw conflict(`The import is ${row.status}: only an import waiting for its mapping can be discarded`);
    const { meta } = await c.env.DB.prepare("DELETE FROM imports WHERE id = ? AND status = 'ready'").bind(row.id).run();
    if (meta.changes !== 1) throw conflict("The import was started meanwhile");
    await c.env.FILES.delete(String(row.file_key));
    return c.json({ ok: true as const });
  })
  .get("/:id/report.csv", guard("importReport", operations.importReport), async (c) => {
    const row = await findImport(c, c.req.param("id"));
    const db = c.env.DB;
    const enc = new TextEncoder();
    // Streamed page by page: a report of a million rejected rows never sits in memory.
    let after = 0;
    const stream = new ReadableStream<Uint8Array>({
      start: (ctl) => ctl.enqueue(enc.encode("\uFEFF" + csvLine(["línea", "motivo", "fila original"]))),
      async pull(ctl) {
        const page = await db.prepare("SELECT line, reason, raw FROM import_rejects WHERE import_id = ? AND line > ? ORDER BY line LIMIT 1000").bind(row.id, after).all<{ line: number; reason: string; raw: string | null }>();
        if (page.results.length === 0) return ctl.close();
        after = page.results[page.results.length - 1]!.line;
        ctl.enqueue(enc.encode(page.results.map((r) => csvLine([r.line, rejectReasonEs(r.reason), r.raw])).join("")));
      },
    });
    const name = `rechazados-${String(row.file_name).replace(/[^\w.-]+/g, "_")}`.replace(/\.csv$/i, "") + ".csv";
    return new Response(stream, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
  });
