/**
 * Words and small formats of the email section: campaign states as badges with their word,
 * the reason a campaign stopped in the reader's language, durations ("3 min 20 s"), the
 * template compiler's "line N" errors, and the server's email errors in Spanish.
 */
import { hasKey, t } from "../i18n";
import { ApiError, type CampaignOut, type CampaignStatus } from "./api";
import { errorText } from "./errors";
import { formatNumber } from "./format";

/** @example campaignStatusLabel("sent") // "Enviada" */
export function campaignStatusLabel(s: CampaignStatus | string): string {
  const key = `camp.status.${s}`;
  return hasKey(key) ? t(key) : s;
}

/** Badge tone of a state; the badge always carries its word too. */
export function campaignStatusTone(s: CampaignStatus | string): string {
  if (s === "sent") return "badge-ok";
  if (s === "sending" || s === "scheduled" || s === "automation") return "badge-info";
  if (s === "paused") return "badge-warn";
  if (s === "failed") return "badge-bad";
  return "badge-off";
}

/**
 * Why a campaign paused or failed, in words: "bounce_rate:6.25" → "Demasiados rebotes (6,25 %)…".
 * @example pauseReasonText("insufficient_credit:120")
 */
export function pauseReasonText(reason: string | null | undefined): string | null {
  if (!reason) return null;
  const [code, value = ""] = reason.split(":", 2) as [string, string?];
  const n = Number(value);
  if (code === "bounce_rate") return t("camp.reason.bounce_rate", { rate: Number.isFinite(n) && value ? formatDecimal(n) : value });
  if (code === "insufficient_credit") return t("camp.reason.insufficient_credit", { available: Number.isFinite(n) && value ? formatNumber(n) : value });
  if (code === "empty_audience") return t("camp.reason.empty_audience");
  if (code === "manual" || code === "user") return t("camp.reason.manual");
  return t("camp.reason.other", { reason });
}

function formatDecimal(n: number): string {
  return formatNumber(Math.round(n * 100) / 100);
}

/**
 * A duration as people say it: "45 s", "3 min 20 s", "1 h 05 min".
 * @example formatDuration(200_000) // "3 min 20 s"
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "";
  const total = Math.round(ms / 1000);
  if (total < 1) return t("dur.ms");
  if (total < 60) return t("dur.s", { s: total });
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t("dur.hm", { h, m: String(m).padStart(2, "0") });
  return t("dur.ms2", { m, s });
}

/** Whether the campaign's sending has reached a final state (no more polling). */
export function isFinal(c: Pick<CampaignOut, "status">): boolean {
  return c.status === "sent" || c.status === "cancelled" || c.status === "failed" || c.status === "draft";
}

/**
 * The line of a template compile error, from "source: line 12: …" or "line 12, column 3: …".
 * @example templateErrorLine(err) // { line: 12, message: "mj-colum is not a known tag" }
 */
export function templateError(err: unknown): { line: number | null; message: string } | null {
  if (!(err instanceof ApiError) || err.code !== "invalid_template") return null;
  const m = /line (\d+)(?:, column \d+)?:\s*(.*)$/s.exec(err.message);
  if (!m) return { line: null, message: err.message.replace(/^[\w.]+:\s*/, "") };
  return { line: Number(m[1]), message: m[2]!.trim() };
}

/** errorText, plus the names of unknown merge fields and the line of a template error. */
export function emailErrorText(err: unknown): string {
  if (err instanceof ApiError && err.code === "unknown_merge_field") {
    const fields = err.message.match(/\{\{[^}]+\}\}/g);
    return fields ? `${t("error.unknown_merge_field")} ${fields.join(", ")}` : t("error.unknown_merge_field");
  }
  const te = templateError(err);
  if (te) return te.line ? t("tpl.errorAtLine", { line: te.line, message: te.message }) : `${t("error.invalid_template")} ${te.message}`;
  return errorText(err);
}

/** The current time in Lima as "YYYY-MM-DDTHH:mm" (for a datetime-local input's min and default). */
export function limaLocalNow(offsetMinutes = 0): string {
  const d = new Date(Date.now() + offsetMinutes * 60_000 - 5 * 3600_000);
  return d.toISOString().slice(0, 16);
}

/** "2026-11-30T09:15" read in Lima (UTC−5, no daylight saving) → ISO instant for formatting. */
export function limaLocalToIso(local: string): string {
  return new Date(`${local}:00-05:00`).toISOString();
}

/** A campaign's audience in words: the names of its lists and segments. */
export function audienceText(c: Pick<CampaignOut, "audience">, lists: { id: string; name: string }[], segments: { id: string; name: string }[]): string {
  const names = [
    ...c.audience.listIds.map((id) => lists.find((l) => l.id === id)?.name),
    ...c.audience.segmentIds.map((id) => segments.find((s) => s.id === id)?.name),
  ];
  if (names.every(Boolean)) return names.join(", ") || t("camp.d.none");
  return t("camp.audienceSummary", { lists: c.audience.listIds.length, segments: c.audience.segmentIds.length });
}
