/**
 * Custom field definitions in D1, and the check of a contact's field values against them: a
 * value of a defined field is coerced to its type (or refused, naming the field); a field nobody
 * defined yet is defined on first use with the type its value suggests.
 */
import { coerceField, inferType, type FieldType } from "../../shared/audience/fields";
import { ApiError } from "../api/errors";

export async function listFields(db: D1Database, accountId: string) {
  const rows = await db.prepare("SELECT key, label, type, created_at FROM custom_fields WHERE account_id = ? ORDER BY key").bind(accountId).all<{ key: string; label: string; type: "text"; created_at: number }>();
  return rows.results;
}

/** Define `keys` that are not defined yet, as text, labelled as in `labels` (import headers). */
export function defineTextFields(db: D1Database, accountId: string, keys: string[], labels: Record<string, string>, now: number): D1PreparedStatement[] {
  return keys.map((k) =>
    db.prepare("INSERT INTO custom_fields (account_id, key, label, type, created_at) VALUES (?, ?, ?, 'text', ?) ON CONFLICT DO NOTHING").bind(accountId, k, (labels[k] ?? k).slice(0, 80), now),
  );
}

/** Coerce API-given values by their definitions; define new ones. Throws a 400 naming `fields.<key>`. */
export async function checkFieldValues(db: D1Database, accountId: string, values: Record<string, string | number | boolean | null>, now: number): Promise<Record<string, string | number | boolean | null>> {
  const keys = Object.keys(values);
  if (keys.length === 0) return {};
  const defs = new Map((await listFields(db, accountId)).map((f) => [f.key, f.type as FieldType]));
  const out: Record<string, string | number | boolean | null> = {};
  const fresh: D1PreparedStatement[] = [];
  for (const key of keys) {
    const value = values[key]!;
    let type = defs.get(key);
    if (!type) {
      type = value === null ? "text" : inferType(value);
      fresh.push(db.prepare("INSERT INTO custom_fields (account_id, key, label, type, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING").bind(accountId, key, key, type, now));
    }
    const r = coerceField(type, value);
    if (!r.ok) throw new ApiError(400, "invalid_field", `fields.${key}: ${r.message}`, `fields.${key}`);
    out[key] = r.value;
  }
  if (fresh.length) await db.batch(fresh);
  return out;
}
