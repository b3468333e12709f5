/**
 * Words of the exports on the Reportes page: what an export or schedule holds, in one line
 * ("Reporte mensual · noviembre de 2026 · PDF", "Destinatarios · Convocatoria · Abrieron · CSV"),
 * its status as a badge, a schedule's cadence in Lima time, and the options of the form's
 * pickers. Pure functions of the API's answers (shared/api/schemas-exports.ts); names of
 * campaigns and sub-users come in through `ExportNames`, since the exports only hold their ids.
 */
import { t, type MessageKey } from "../i18n";
import type { CampaignOut, ExportOut, ExportScheduleOut, RecipientFilter, TimelineEvent, UserOut } from "./api";
import { hourLabel } from "./analytics";
import { filterLabel, kindLabel } from "./recipients";
import { monthName } from "./reports";

export type ExportKind = ExportOut["kind"];
export type ExportFormat = ExportOut["format"];
export type Cadence = ExportScheduleOut["cadence"];

export const KINDS: readonly ExportKind[] = ["monthly-report", "campaign-events", "campaign-recipients"];
export const CADENCES: readonly Cadence[] = ["daily", "weekly", "monthly"];

/** How ids in an export's params become names; null when the name is not known here. */
export type ExportNames = { campaign: (id: string) => string | null; user: (id: string) => string | null };

/**
 * One line saying what an export (or a schedule) holds; a schedule's report names no month.
 * @example exportWhat({ kind: "monthly-report", format: "pdf", params: { month: "2026-11" } }, names) // "Reporte mensual · noviembre de 2026 · PDF"
 * @example exportWhat({ kind: "campaign-recipients", format: "csv", params: { campaignId: "c1" } }, names) // "Destinatarios · Convocatoria · Todos · CSV"
 */
export function exportWhat(x: Pick<ExportOut, "kind" | "format" | "params">, names: ExportNames): string {
  const parts = [t(`exports.kind.${x.kind}` as MessageKey)];
  const p = x.params;
  if (x.kind === "monthly-report") {
    parts.push(p.month ? monthName(p.month) : t("exports.previousMonth"));
    if (p.userId) parts.push(names.user(p.userId) ?? t("exports.unknownUser"));
  } else {
    parts.push((p.campaignId && names.campaign(p.campaignId)) || t("exports.unknownCampaign"));
    if (x.kind === "campaign-recipients") parts.push(filterLabel((p.filter ?? "all") as RecipientFilter));
    else if (p.filter) parts.push(kindLabel(p.filter as TimelineEvent["kind"]));
  }
  parts.push(x.format.toUpperCase());
  return parts.join(" · ");
}

const TONE: Record<ExportOut["status"], string> = { pending: "badge-warn", ready: "badge-ok", failed: "badge-bad", expired: "badge-off" };

/** @example exportBadge("ready") // { text: "Lista", tone: "badge-ok" } */
export const exportBadge = (status: ExportOut["status"]) => ({ text: t(`exports.status.${status}` as MessageKey), tone: TONE[status] });

/**
 * Why an export failed, without the producer's English prefix.
 * @example failureText("Export failed: campaign c1 no longer exists") // "campaign c1 no longer exists"
 */
export const failureText = (error: string | null) => (error ?? "").replace(/^Export failed:\s*/, "");

/** @example cadenceText({ cadence: "weekly", hour: 6 }) // "cada lunes a las 06:00 (hora de Lima)" */
export const cadenceText = (s: Pick<ExportScheduleOut, "cadence" | "hour">) => t(`schedules.cadence.${s.cadence}` as MessageKey, { hour: hourLabel(s.hour) });

/** Whether a signed URL has (nearly) run out, so a click should fetch a fresh one first. */
export const linkStale = (e: Pick<ExportOut, "urlExpiresAt">, now: number) => !e.urlExpiresAt || Date.parse(e.urlExpiresAt) - now < 60_000;

/** Campaigns one can export: every one but drafts (a draft has no recipients or events yet). */
export const exportableCampaigns = (campaigns: CampaignOut[]) => campaigns.filter((c) => c.status !== "draft").map((c) => ({ value: c.id, label: c.name }));

/** The scope picker of the monthly report, as on the page: the whole account, then each sub-user. */
export const scopeOptions = (users: UserOut[]) => [{ value: "", label: t("exports.form.scopeAccount") }, ...users.filter((u) => u.role !== "owner").map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))];

/** 00:00 … 23:00, Lima hours. */
export const hourOptions = () => Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }));

/**
 * The form field a server error names: `params.month` → `month`; null for one the form has not.
 * @example formField("params.campaignId") // "campaignId"
 */
export function formField(serverField: string | undefined): string | null {
  if (!serverField) return null;
  const f = serverField.replace(/^params\./, "");
  return ["kind", "format", "month", "userId", "campaignId", "filter", "cadence", "hour"].includes(f) ? f : null;
}
