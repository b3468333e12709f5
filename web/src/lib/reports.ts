/**
 * Words and numbers of the Reportes page: the months one can pick (Lima calendar), a month's
 * name, rates as percentages ("—" when there is nothing to divide by) and the peak-hours list.
 * Pure functions of the API answer (shared/api/schemas-reports.ts).
 */
import { locale, t } from "../i18n";
import type { MessageKey } from "../i18n";
import { formatPercent } from "./audience";
import { hourLabel } from "./analytics";
import type { MonthlyReport } from "./api";

const LIMA_OFFSET_MS = -5 * 3_600_000;

/** "2026-11" for the Lima month `monthsAgo` months before the one containing `now`. */
export function limaMonth(now: number, monthsAgo = 0): string {
  const d = new Date(now + LIMA_OFFSET_MS);
  const m = d.getUTCFullYear() * 12 + d.getUTCMonth() - monthsAgo;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
}

/** "noviembre de 2026" / "November 2026". */
export function monthName(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y!, m! - 1, 1));
}

/** The current Lima month and the eleven before it, newest first, as select options. */
export function monthOptions(now: number): { value: string; label: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const value = limaMonth(now, i);
    return { value, label: monthName(value) };
  });
}

/** "12,5 %" or "—" for a rate with no denominator. */
export const rateText = (rate: number | null) => (rate === null ? "—" : formatPercent(rate));

/** "09:00, 10:00" or "—". */
export const peaksText = (peaks: { hour: number }[]) => (peaks.length ? peaks.map((p) => hourLabel(p.hour)).join(", ") : t("reports.noPeaks"));

export const providerLabel = (p: MonthlyReport["providers"][number]["provider"]) => t(`reports.provider.${p}` as MessageKey);

/** Whether the month has anything to show beyond the credit tables. */
export const hasActivity = (r: MonthlyReport) => r.campaigns.length > 0 || r.totals.sent > 0;
