/**
 * The export producer, run from the imports Queue (`{ type: "export", exportId }`): picks the
 * file's maker by kind (`produceExport`: the monthly report as CSV or PDF, a campaign's events or
 * recipients as CSV, each built by the reports code), streams it into R2 under
 * `exports/<account>/<id>.<format>` with its Content-Type and download name, and settles the row
 * (bytes, data rows). A redelivered message finds the row no longer pending and does nothing;
 * an export deleted while it was produced has its file removed again.
 */
import { R2Sink } from "../audience/r2-sink";
import { exportById, markFailed, markReady } from "./export-store";
import { CONTENT_TYPES, contentDisposition, exportFileName, exportKey } from "../../shared/exports/files";
import { csvRecordCounter } from "../../shared/exports/csv-count";
import { paramsOf, type ExportRow } from "../../shared/exports/present";
import type { ExportFormat, ExportKind } from "../../shared/api/schemas-exports";
import { loadMonthlyReport } from "./monthly-store";
import { monthlyReportCsv } from "../../shared/reports/monthly-csv";
import { monthlyReportPdf } from "../../shared/reports/monthly-pdf";
import { campaignEventsCsv, campaignRecipientsCsv } from "./campaign-csv";
import { eventKindOf, recipientFilterOf } from "../../shared/exports/request";

export type ExportMessage = { type: "export"; exportId: string };

/** A produced file: its bytes as a stream, its data rows when known (else counted from the CSV), its download name. */
export type ExportFile = { body: ReadableStream<Uint8Array>; rows: number | null; fileName: string };

/** Put an export on the imports Queue. */
export const enqueueExport = (env: Env, exportId: string) => env.IMPORTS.send({ type: "export", exportId } satisfies ExportMessage);

/**
 * The file of one export row, by kind and format (the dispatch to the reports code). Throws
 * when the kind's source is gone (e.g. the campaign was deleted) or its stored filter is one the
 * CSV does not know (never a file of every recipient, or of headings only, in its place): the
 * consumer retries, then marks the export failed with the reason.
 * @example const file = await produceExport(env, row); // { body: ReadableStream, rows: 3, fileName: "reporte-mensual-2026-12.pdf" }
 */
export async function produceExport(env: Env, row: ExportRow): Promise<ExportFile> {
  const params = paramsOf(row);
  const kind = row.kind as ExportKind;
  const format = row.format as ExportFormat;
  const lang = params.lang ?? "es";
  if (kind === "monthly-report") {
    const report = await loadMonthlyReport(env, row.account_id, params.month!, params.userId ?? null, Date.now());
    const fileName = exportFileName(kind, format, params);
    if (format === "pdf") return { body: streamOf(await monthlyReportPdf(report, lang)), rows: report.campaigns.length, fileName };
    // The CSV starts with its BOM (monthly-csv.ts), like every CSV download.
    return { body: streamOf(new TextEncoder().encode(monthlyReportCsv(report, lang))), rows: report.campaigns.length, fileName };
  }
  const campaignId = params.campaignId!;
  const name = await env.DB.prepare("SELECT name FROM campaigns WHERE id = ? AND account_id = ?").bind(campaignId, row.account_id).first<string>("name");
  if (name === null) throw new Error(`campaign ${campaignId} no longer exists`);
  const fileName = exportFileName(kind, format, params, name);
  const body =
    kind === "campaign-events"
      ? campaignEventsCsv(env.DB, row.account_id, campaignId, { lang, kind: eventKindOf(params.filter) })
      : campaignRecipientsCsv(env.DB, row.account_id, campaignId, { lang, filter: recipientFilterOf(params.filter) });
  return { body, rows: null, fileName };
}

/** Produce one export to its end (or do nothing when it is not pending). Throws on failures so the Queue retries. */
export async function processExport(env: Env, exportId: string): Promise<void> {
  const row = await exportById(env.DB, exportId);
  if (!row || row.status !== "pending") return;
  const format = row.format as ExportFormat;
  const file = await produceExport(env, row);
  const key = exportKey(row.account_id, row.id, format);
  const sink = new R2Sink(env.FILES, key, CONTENT_TYPES[format], { contentDisposition: contentDisposition(file.fileName) });
  const counter = format === "csv" && file.rows === null ? csvRecordCounter() : null;
  let bytes = 0;
  try {
    for await (const chunk of file.body) {
      bytes += chunk.length;
      counter?.push(chunk);
      await sink.write(chunk);
    }
    await sink.close();
  } catch (err) {
    await sink.abort();
    throw err;
  }
  // The heading line is not a data row.
  const rows = counter ? Math.max(0, counter.records() - 1) : file.rows;
  if (await markReady(env.DB, row.id, { key, bytes, rows }, Date.now())) return;
  // Not pending any more: deleted while it was being made (remove the file again), or settled by
  // a redelivered message that ran alongside (same key, same bytes: keep it).
  const now = await exportById(env.DB, row.id);
  if (now?.r2_key !== key) await env.FILES.delete(key);
}

/** After the last retry, the export is marked failed with the reason. */
export async function failExport(env: Env, exportId: string, err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  await markFailed(env.DB, exportId, `Export failed: ${message.slice(0, 300)}`, Date.now());
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(ctl) {
      ctl.enqueue(bytes);
      ctl.close();
    },
  });
}
