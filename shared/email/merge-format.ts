/**
 * The value side of the merge-field language (see merge.ts): what a contact's value looks like as
 * text, and the es-PE formats the filters produce — long and short dates, numbers with "." for
 * thousands and "," for decimals, soles. Dates are Peru's calendar day: Peru keeps UTC−5 all
 * year (no daylight saving since 1994), so a fixed offset is exact and needs no time-zone data.
 * Everything is hand-written rather than Intl date formatting so the output is the same in
 * workerd, browsers and Node whatever ICU data they carry.
 */

/** Filters a template may name after a pipe. */
export const FILTERS = ["fecha", "fecha_corta", "numero", "moneda", "mayusculas"] as const;
export type FilterName = (typeof FILTERS)[number];

const MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
const MONTH_INDEX: ReadonlyMap<string, number> = new Map([...MONTHS.map((m, i) => [m, i] as const), ["setiembre", 8]]);
const LIMA_OFFSET_MS = -5 * 3_600_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const LONG_DATE = /^(\d{1,2}) de ([a-z]+) de (\d{4})$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const PE_NUMBER = /^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$/;
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

// Built once: constructing an Intl formatter costs far more than using one. en-US is only the
// carrier for correct decimal rounding; its separators are swapped for es-PE's below.
const NUMBER_FMT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, useGrouping: true });
const MONEY_FMT = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

type Ymd = { y: number; m: number; d: number };

/**
 * A value as the text a template shows when no filter applies, or null when it counts as
 * missing: null, undefined, an empty or blank string, a non-finite number, an object or array.
 * @example plainText(true) // "sí"
 */
export function plainText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "sí" : "no";
  if (typeof value === "bigint") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : formatLong(limaDay(value));
  return null;
}

/**
 * Apply one filter; null when the value is missing or the filter cannot read it (so a default
 * written after the filter takes over).
 * @example applyFilter("moneda", 1500.25) // "S/ 1.500,25"
 */
export function applyFilter(filter: FilterName, value: unknown): string | null {
  switch (filter) {
    case "fecha": {
      const day = toDay(value);
      return day === null ? null : formatLong(day);
    }
    case "fecha_corta": {
      const day = toDay(value);
      return day === null ? null : `${pad2(day.d)}/${pad2(day.m)}/${day.y}`;
    }
    case "numero": {
      const n = toNumber(value);
      return n === null ? null : swapSeparators(NUMBER_FMT.format(n));
    }
    case "moneda": {
      const n = toNumber(value);
      if (n === null) return null;
      // Rounded first so -0.001 shows as "S/ 0,00", not "S/ -0,00".
      const cents = Math.round(Math.abs(n) * 100) === 0 ? 0 : n;
      return `S/ ${swapSeparators(MONEY_FMT.format(cents))}`;
    }
    case "mayusculas": {
      const s = plainText(value);
      return s === null ? null : s.toUpperCase();
    }
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatLong(day: Ymd): string {
  return `${day.d} de ${MONTHS[day.m - 1]} de ${day.y}`;
}

function swapSeparators(enUs: string): string {
  let out = "";
  for (const ch of enUs) out += ch === "," ? "." : ch === "." ? "," : ch;
  return out;
}

function limaDay(d: Date): Ymd {
  const shifted = new Date(d.getTime() + LIMA_OFFSET_MS);
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

function realDay(y: number, m: number, d: number): Ymd | null {
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? { y, m, d } : null;
}

/** Custom date fields are "YYYY-MM-DD"; also read "DD/MM/YYYY", "15 de marzo de 2027", timestamps and Dates. */
function toDay(value: unknown): Ymd | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : limaDay(value);
  if (typeof value !== "string") return null;
  const t = value.trim();
  let m = ISO_DATE.exec(t);
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = PE_DATE.exec(t);
  if (m) return realDay(Number(m[3]), Number(m[2]), Number(m[1]));
  m = LONG_DATE.exec(t.toLowerCase());
  if (m) {
    const month = MONTH_INDEX.get(m[2]!);
    return month === undefined ? null : realDay(Number(m[3]), month + 1, Number(m[1]));
  }
  if (ISO_TIMESTAMP.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : limaDay(d);
  }
  return null;
}

/** Numbers as stored (JSON numbers) or typed by people: "1500.25", "1.500,25", "1500,25". */
function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const t = value.trim();
  const normal = PE_NUMBER.test(t) ? t.replaceAll(".", "").replace(",", ".") : PLAIN_NUMBER.test(t) ? t : null;
  if (normal === null) return null;
  const n = Number(normal);
  return Number.isFinite(n) ? n : null;
}

/**
 * "15 de marzo de 2027" for the Peruvian calendar day of `now`: what `fecha_envio` holds.
 * @example longDateLima(new Date("2027-03-16T03:00:00Z")) // "15 de marzo de 2027"
 */
export function longDateLima(now: Date): string {
  return formatLong(limaDay(now));
}
