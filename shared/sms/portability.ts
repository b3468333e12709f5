/**
 * Rows of a portability file (number → operator, S1), read one at a time as the upload streams:
 * the number normalised to E.164 (a Peruvian mobile; anything else is rejected with the reason),
 * the operator to our names (operators.ts). A first row whose number does not read as a phone
 * and that holds letters is the header, and skipped.
 */
import { checkPhone } from "../audience/phone";
import { normalizeOperator, type Operator } from "./operators";

export type PortabilityRow = { ok: true; number: string; operator: Operator } | { ok: false; reason: string };

/**
 * The entry of one CSV record (number, operator), or why it is rejected.
 * @example portabilityRow(["987 654 321", "Claro"]) // { ok: true, number: "+51987654321", operator: "claro" }
 * @example portabilityRow(["(01) 411-7000", "movistar"]) // { ok: false, reason: "not a mobile number: (01) 411-7000" }
 */
export function portabilityRow(fields: readonly string[]): PortabilityRow {
  const raw = (fields[0] ?? "").trim();
  const op = (fields[1] ?? "").trim();
  if (raw === "") return { ok: false, reason: "number missing" };
  if (op === "") return { ok: false, reason: "operator missing" };
  const phone = checkPhone(raw);
  if (phone.phone === null) return { ok: false, reason: `not a phone number: ${clip(raw)}` };
  if (phone.reasons.includes("phone_foreign")) return { ok: false, reason: `not a Peruvian number: ${clip(raw)}` };
  if (phone.type !== "MOBILE") return { ok: false, reason: `not a mobile number: ${clip(raw)}` };
  const operator = normalizeOperator(op);
  if (operator === null) return { ok: false, reason: `unknown operator: ${clip(op)} (use claro, movistar, entel, bitel or other)` };
  return { ok: true, number: phone.phone, operator };
}

/**
 * Whether the first record of a file is a header ("numero;operador"), not data.
 * @example isHeaderRow(["Número", "Operador"]) // true
 * @example isHeaderRow(["987654321", "claro"]) // false
 */
export function isHeaderRow(fields: readonly string[]): boolean {
  const first = (fields[0] ?? "").trim();
  return /\p{L}/u.test(first) && checkPhone(first).phone === null;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
