/**
 * Custom contact fields: their types and what a value must look like for each. Values are kept
 * as JSON (text as strings, numbers as numbers, dates as "YYYY-MM-DD", booleans as booleans), so
 * segments compare them the way people expect.
 */

export type FieldType = "text" | "number" | "date" | "boolean";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The stored value for `value` under `type`, or an error message.
 * @example coerceField("number", "1.500,25") // { ok: true, value: 1500.25 }
 */
export function coerceField(type: FieldType, value: string | number | boolean | null): { ok: true; value: string | number | boolean | null } | { ok: false; message: string } {
  if (value === null || value === "") return { ok: true, value: null };
  switch (type) {
    case "text":
      return { ok: true, value: String(value) };
    case "number": {
      if (typeof value === "number") return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: "must be a number" };
      if (typeof value === "boolean") return { ok: false, message: "must be a number" };
      // es-PE writes 1.500,25; plain 1500.25 is accepted too.
      const t = value.trim();
      const normal = /^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$/.test(t) ? t.replaceAll(".", "").replace(",", ".") : t;
      const n = Number(normal);
      return normal !== "" && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: "must be a number" };
    }
    case "date": {
      if (typeof value !== "string") return { ok: false, message: "must be a date (YYYY-MM-DD or DD/MM/YYYY)" };
      const t = value.trim();
      const pe = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      const iso = pe ? `${pe[3]}-${pe[2]!.padStart(2, "0")}-${pe[1]!.padStart(2, "0")}` : t;
      if (!DATE.test(iso)) return { ok: false, message: "must be a date (YYYY-MM-DD or DD/MM/YYYY)" };
      const d = new Date(`${iso}T00:00:00Z`);
      return d.toISOString().slice(0, 10) === iso ? { ok: true, value: iso } : { ok: false, message: "is not a real date" };
    }
    case "boolean": {
      if (typeof value === "boolean") return { ok: true, value };
      const t = String(value).trim().toLowerCase();
      if (["true", "1", "sí", "si", "yes", "x"].includes(t)) return { ok: true, value: true };
      if (["false", "0", "no"].includes(t)) return { ok: true, value: false };
      return { ok: false, message: "must be yes or no" };
    }
  }
}

/** The type a first value suggests for a field nobody has defined yet. */
export function inferType(value: string | number | boolean): FieldType {
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  return "text";
}
