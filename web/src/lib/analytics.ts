/**
 * Words and numbers of the campaign's "Análisis" section: the peak-hours sentence, the heatmap's
 * text summary for screen readers, and the chart axes' labels, in Lima time and the chosen
 * language. Pure functions of the API answer (shared/api/schemas-analytics.ts).
 */
import { locale, t } from "../i18n";
import type { MessageKey } from "../i18n";
import { formatNumber } from "./format";
import type { CampaignAnalytics, HeatmapRow, PeakHour } from "./api";

/** "09:00" for hour 9. */
export const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** The weekday's name in the chosen language ("lunes" / "Monday"). */
export const weekdayLabel = (weekday: HeatmapRow["weekday"]) => t(`analytics.weekday.${weekday}` as MessageKey);

function list(items: string[]): string {
  return new Intl.ListFormat(locale() === "en" ? "en" : "es", { style: "long", type: "conjunction" }).format(items);
}

/** "Las aperturas se concentran a las 09:00, 10:00 y 15:00 (hora de Lima)." or the empty sentence. */
export function peakSentence(peaks: PeakHour[]): string {
  if (peaks.length === 0) return t("analytics.peaks.none");
  return t("analytics.peaks.sentence", { hours: list(peaks.map((p) => hourLabel(p.hour))) });
}

/** The heatmap in one sentence: total, busiest cell, and the busiest day. */
export function heatmapSummary(rows: HeatmapRow[]): string {
  let total = 0;
  let best = { weekday: rows[0]?.weekday ?? "lunes", hour: 0, opens: 0 };
  let bestDay = { weekday: best.weekday, opens: 0 };
  for (const r of rows) {
    const dayTotal = r.opens.reduce((s, n) => s + n, 0);
    total += dayTotal;
    if (dayTotal > bestDay.opens) bestDay = { weekday: r.weekday, opens: dayTotal };
    r.opens.forEach((n, hour) => {
      if (n > best.opens) best = { weekday: r.weekday, hour, opens: n };
    });
  }
  if (total === 0) return t("analytics.heatmap.summaryEmpty");
  return t("analytics.heatmap.summary", {
    total: formatNumber(total),
    weekday: weekdayLabel(best.weekday),
    hour: hourLabel(best.hour),
    opens: formatNumber(best.opens),
    day: weekdayLabel(bestDay.weekday),
    dayOpens: formatNumber(bestDay.opens),
  });
}

/** "1 jun." for a Lima day "2026-06-01". */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** Whether the campaign has any human open or click to chart. */
export const hasEngagement = (a: CampaignAnalytics) => a.daily.some((d) => d.opens > 0 || d.clicks > 0);
