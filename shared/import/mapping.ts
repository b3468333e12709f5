/**
 * Column mapping for contact imports: which column of the file feeds which contact field. The
 * importer suggests one from the header (or, without a header, from what the data looks like),
 * the user corrects it in the dashboard, and the account's choice is remembered under the
 * header's signature so the next file with the same layout maps itself. validateMapping is the
 * one check the API runs on whatever mapping comes back from the user.
 */
import { looksLikeEmail, looksLikePhone, normalise, slug } from "./cells";
import { fieldForHeader } from "./header-words";

export const CONTACT_FIELDS = ["email", "phone", "firstName", "lastName", "position", "company"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
/** A column maps to a standard field, a custom field ("custom:<key>"), or is ignored (null). */
export type ColumnTarget = ContactField | `custom:${string}` | null;
export type Mapping = ColumnTarget[]; // index = column index

const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
/** A column "mostly" holds emails or phones when more than half its non-empty cells do. */
const MOSTLY = 0.5;

/**
 * Suggest a mapping. With a header: each standard field goes to the column whose label names it
 * most surely (ties: leftmost); every other labelled column becomes `custom:<slug>` (deduplicated
 * with _2, _3…), an empty label is ignored. If no label names an email (or phone) column, a
 * column whose data is mostly emails (phones) takes that field — "Contacto" full of addresses is
 * still the email column. Without a header, only email and phone are guessed from the data.
 * The mapping has one entry per header cell (per cell of the first row without a header).
 * @example suggestMapping(["Correo", "Nombres", "RUC"], []) // ["email", "firstName", "custom:ruc"]
 * @example suggestMapping(null, [["ana@x.pe", "Ana"]]) // ["email", null]
 */
export function suggestMapping(header: string[] | null, sampleRows: string[][]): Mapping {
  // The header (or, without one, the first row) fixes the column count, as validateMapping expects:
  // a ragged row in the sample must not widen the mapping.
  const columns = header ? header.length : (sampleRows[0]?.length ?? 0);
  const mapping: Mapping = new Array<ColumnTarget>(columns).fill(null);
  if (header) {
    const best = new Map<ContactField, { column: number; score: number }>();
    header.forEach((cell, column) => {
      const hit = fieldForHeader(cell);
      const held = hit && best.get(hit.field);
      if (hit && (!held || hit.score > held.score)) best.set(hit.field, { column, score: hit.score });
    });
    for (const [field, { column }] of best) mapping[column] = field;
    const used = new Set<string>();
    header.forEach((cell, column) => {
      if (mapping[column] !== null) return;
      const base = slug(cell);
      if (base === null) return;
      let key = base;
      for (let n = 2; used.has(key); n++) key = `${base.slice(0, 39 - String(n).length)}_${n}`;
      used.add(key);
      mapping[column] = `custom:${key}`;
    });
  }
  guessFromData(mapping, sampleRows, "email", looksLikeEmail);
  guessFromData(mapping, sampleRows, "phone", looksLikePhone);
  return mapping;
}

/** Give `field` to the first column not mapped to a standard field whose cells mostly pass `test`. */
function guessFromData(mapping: Mapping, rows: string[][], field: ContactField, test: (v: string) => boolean): void {
  if (mapping.includes(field)) return;
  for (let column = 0; column < mapping.length; column++) {
    const target = mapping[column];
    if (target !== null && target !== undefined && !target.startsWith("custom:")) continue;
    const cells = rows.map((r) => (r[column] ?? "").trim()).filter((v) => v !== "");
    if (cells.length > 0 && cells.filter(test).length > cells.length * MOSTLY) {
      mapping[column] = field;
      return;
    }
  }
}

/**
 * A stable signature of a header layout: cells normalised (case, accents, punctuation and
 * spacing ignored) and joined with "|", which normalised text can never contain.
 * @example headerSignature(["Correo Electrónico", " NOMBRES "]) // "correo electronico|nombres"
 */
export function headerSignature(header: string[]): string {
  return header.map(normalise).join("|");
}

/**
 * Check a user-chosen mapping against the file's column count. Returns the first problem as a
 * message, or `null` when the mapping is usable. Two columns may not share a target, custom
 * keys included: the second would silently overwrite the first.
 * @example validateMapping(["email", "custom:ruc"], 2) // null
 * @example validateMapping(["firstName", null], 2) // "no column is mapped to email or phone"
 */
export function validateMapping(mapping: Mapping, columns: number): string | null {
  if (mapping.length !== columns) {
    return `the mapping has ${mapping.length} columns but the file has ${columns}`;
  }
  const seen = new Map<string, number>();
  for (const [column, target] of mapping.entries()) {
    if (target === null) continue;
    if (target.startsWith("custom:")) {
      const key = target.slice("custom:".length);
      if (!CUSTOM_KEY.test(key)) {
        return `column ${column + 1}: custom field key "${key}" must be 1 to 40 characters of a-z, 0-9 and _, starting with a letter`;
      }
    } else if (!(CONTACT_FIELDS as readonly string[]).includes(target)) {
      return `column ${column + 1}: unknown field "${target}"`;
    }
    const first = seen.get(target);
    if (first !== undefined) return `columns ${first + 1} and ${column + 1} are both mapped to ${target}`;
    seen.set(target, column);
  }
  if (!seen.has("email") && !seen.has("phone")) return "no column is mapped to email or phone";
  return null;
}
