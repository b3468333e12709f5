/**
 * How an export is stored and handed out: its R2 key, its Content-Type (CSV as UTF-8 with a BOM
 * in the body, like every CSV download of the dashboard, so Excel shows the accents) and a
 * readable Spanish file name for Content-Disposition (ASCII `filename` plus RFC 6266/5987
 * `filename*` for names with accents).
 */
import type { ExportFormat, ExportKind, ExportParams } from "../api/schemas-exports";

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = { csv: "text/csv; charset=utf-8", pdf: "application/pdf" };

/** Days an export is kept unless EXPORT_TTL_DAYS says otherwise. */
export const DEFAULT_EXPORT_TTL_DAYS = 7;
/** How long a signed URL handed out by the API stays valid (never past the export's own expiry). */
export const EXPORT_LINK_MINUTES = 60;

/**
 * The R2 key of an export's file.
 * @example exportKey("acc_1", "exp_9", "pdf") // "exports/acc_1/exp_9.pdf"
 */
export function exportKey(accountId: string, exportId: string, format: ExportFormat): string {
  return `exports/${accountId}/${exportId}.${format}`;
}

/**
 * The download name: what, for which month or campaign, and the extension.
 * @example exportFileName("campaign-events", "csv", { campaignId: "c1" }, "Convocatoria CAS 2027") // "eventos-convocatoria-cas-2027.csv"
 * @example exportFileName("monthly-report", "pdf", { month: "2026-12" }) // "reporte-mensual-2026-12.pdf"
 */
export function exportFileName(kind: ExportKind, format: ExportFormat, params: ExportParams, campaignName?: string | null): string {
  const base =
    kind === "monthly-report"
      ? `reporte-mensual-${params.month ?? ""}`
      : `${kind === "campaign-events" ? "eventos" : "destinatarios"}-${slug(campaignName ?? params.campaignId ?? "campana")}`;
  const withFilter = params.filter ? `${base}-${slug(params.filter)}` : base;
  return `${withFilter.replace(/-+$/, "")}.${format}`;
}

/**
 * A Content-Disposition value for an attachment named `name`.
 * @example contentDisposition("reporte-año.csv") // "attachment; filename=\"reporte-ano.csv\"; filename*=UTF-8''reporte-a%C3%B1o.csv"
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === name) return `attachment; filename="${name}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Lower-case letters, digits and single dashes; accents dropped; at most 60 characters. */
function slug(text: string): string {
  const s = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "export";
}
