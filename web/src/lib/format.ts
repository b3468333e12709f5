/**
 * Numbers and dates as the dashboard shows them: "4.999.000" and "12,5 %" in Spanish,
 * "29 nov. 2026, 09:15" in the account's time zone (America/Lima unless the account says
 * otherwise). Spanish groups every number of four or more digits ("1.000"), which
 * Intl.NumberFormat("es-PE") does not do (its CLDR data uses "1,000"), hence `es` + "always".
 */
import { createSignal } from "solid-js";
import { locale } from "../i18n";

const [timeZone, setTimeZone] = createSignal("America/Lima");
export { setTimeZone };

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(loc: string, opts: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${loc}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = loc === "es-PE" ? new Intl.NumberFormat("es", { useGrouping: "always", ...opts }) : new Intl.NumberFormat("en", opts);
    numberFormats.set(key, f);
  }
  return f;
}

/** @example formatNumber(4999000) // "4.999.000" (es-PE) */
export function formatNumber(n: number): string {
  return numberFormat(locale()).format(n);
}

/** A signed movement: "+1.000" / "−500". @example formatSigned(-500) // "−500" */
export function formatSigned(n: number): string {
  return numberFormat(locale(), { signDisplay: "exceptZero" }).format(n);
}

/** @example formatDateTime("2026-11-29T14:15:00Z") // "29 nov. 2026, 09:15" */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: timeZone(),
  }).format(d);
}

/** @example formatDate("2027-11-29T05:00:00Z") // "29 nov. 2027" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: timeZone(),
  }).format(d);
}

/**
 * Reads a whole number typed by a person: "1.000", "1 000", "-500", "1000".
 * @example parseWholeNumber("1.000") // 1000
 */
export function parseWholeNumber(text: string): number | null {
  const s = text.trim().replace(/^[−–]/, "-");
  if (!/^-?\d[\d.,\s\u00a0]*$/.test(s)) return null;
  const n = Number(s.replace(/[.,\s\u00a0]/g, ""));
  return Number.isSafeInteger(n) ? n : null;
}
