/**
 * How the monthly report's figures read in the PDF, the way the dashboard shows them
 * (web/src/lib/format.ts): Spanish groups every number of four or more digits with "." and
 * writes rates as "12,5 %"; English writes "1,234" and "12.5%"; times are America/Lima, "29 nov.
 * 2026, 09:15" (Peruvian month names: "set." and "setiembre"). Written out by hand rather than
 * with Intl so the Worker and Node give the same bytes, and Lima's fixed UTC−5 needs no tz data.
 */
import type { ReportLang } from "../api/schemas-reports";
import { LIMA_OFFSET_MS } from "../analytics/engagement";

const MONTHS: Record<ReportLang, readonly string[]> = {
  es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre", "noviembre", "diciembre"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};
const SHORT: Record<ReportLang, readonly string[]> = {
  es: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "set.", "oct.", "nov.", "dic."],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

/**
 * A whole number with the language's grouping.
 * @example formatInt(4999000, "es") // "4.999.000"
 * @example formatInt(1234, "en") // "1,234"
 */
export function formatInt(n: number, lang: ReportLang): string {
  const sep = lang === "es" ? "." : ",";
  const digits = String(Math.abs(Math.trunc(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return n < 0 ? `−${grouped}` : grouped;
}

/**
 * A rate (a fraction) as a percentage with at most one decimal; "—" when there is none.
 * @example formatRate(0.125, "es") // "12,5 %"
 * @example formatRate(0.5, "en") // "50%"
 * @example formatRate(null, "es") // "—"
 */
export function formatRate(rate: number | null, lang: ReportLang): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  const tenths = Math.round(rate * 1000);
  const whole = formatInt(Math.trunc(tenths / 10), lang);
  const decimal = Math.abs(tenths % 10);
  const text = decimal ? `${whole}${lang === "es" ? "," : "."}${decimal}` : whole;
  return lang === "es" ? `${text}\u00a0%` : `${text}%`;
}

/** Lima wall-clock parts of an instant. */
function lima(ms: number) {
  const d = new Date(ms + LIMA_OFFSET_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate(), hh: String(d.getUTCHours()).padStart(2, "0"), mm: String(d.getUTCMinutes()).padStart(2, "0") };
}

/**
 * A date in Lima as the dashboard writes it.
 * @example formatDate(Date.UTC(2027, 10, 29, 5), "es") // "29 nov. 2027"
 */
export function formatDate(ms: number, lang: ReportLang): string {
  const t = lima(ms);
  return lang === "es" ? `${t.d} ${SHORT.es[t.m]} ${t.y}` : `${SHORT.en[t.m]} ${t.d}, ${t.y}`;
}

/**
 * A date and time in Lima as the dashboard writes it.
 * @example formatDateTime(Date.UTC(2026, 10, 29, 14, 15), "es") // "29 nov. 2026, 09:15"
 */
export function formatDateTime(ms: number, lang: ReportLang): string {
  const t = lima(ms);
  return `${formatDate(ms, lang)}, ${t.hh}:${t.mm}`;
}

/**
 * The numeric Lima date and time a spreadsheet sorts and reads: "2026-11-29 09:15".
 * @example csvDateTime(Date.UTC(2026, 10, 29, 14, 15)) // "2026-11-29 09:15"
 */
export function csvDateTime(ms: number): string {
  return new Date(ms + LIMA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * A "YYYY-MM" month in words.
 * @example monthTitle("2026-11", "es") // "noviembre de 2026"
 * @example monthTitle("2026-11", "en") // "November 2026"
 */
export function monthTitle(month: string, lang: ReportLang): string {
  const name = MONTHS[lang][Number(month.slice(5, 7)) - 1] ?? month;
  return lang === "es" ? `${name} de ${month.slice(0, 4)}` : `${name} ${month.slice(0, 4)}`;
}

/**
 * A Lima hour of the day as a clock time.
 * @example hourLabel(9) // "09:00"
 */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
