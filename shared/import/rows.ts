/**
 * One CSV record → one contact candidate, or a rejection with its reason. Cleaning (E7) happens
 * here, at import: the email and phone are normalised and checked, and the candidate carries a
 * verdict with reasons. A row is rejected only when nothing reachable is left (no usable email
 * and no usable phone) or when its shape is wrong; a row with a bad phone but a good email is
 * kept, with the phone dropped and the reason recorded.
 */
import { checkEmail } from "../audience/email";
import { checkPhone } from "../audience/phone";
import { verdictOf, type Reason, type Verdict } from "../audience/verdict";
import type { CsvRecord } from "./csv-parser";
import type { Mapping } from "./mapping";

export type Candidate = {
  line: number;
  email: string | null;
  domain: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  position: string | null;
  company: string | null;
  fields: Record<string, string>;
  reasons: Reason[];
  verdict: Verdict;
  suggestion: string | null;
};

export type RowResult = { ok: true; contact: Candidate } | { ok: false; line: number; reason: string };

const ERROR_REASONS: Record<NonNullable<CsvRecord["error"]>, string> = {
  unterminated_quote: "unterminated quoted field",
  stray_quote: "stray quote",
  record_too_long: "row longer than 1 MB",
};

/** Longest value kept for a text field; longer cells are cut, not rejected. */
const MAX_CELL = 500;

const cell = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const t = v.trim();
  return t === "" ? null : t.length > MAX_CELL ? t.slice(0, MAX_CELL) : t;
};

/**
 * Clean one record against the mapping (`columns` = the header's width).
 * @example rowToContact({ line: 2, fields: ["ana@gmial.com", "Ana"] }, ["email", "firstName"], 2)
 * // { ok: true, contact: { email: "ana@gmial.com", reasons: ["email_typo"], verdict: "risky", suggestion: "ana@gmail.com", … } }
 */
export function rowToContact(record: CsvRecord, mapping: Mapping, columns: number): RowResult {
  const { line, fields } = record;
  if (record.error) return { ok: false, line, reason: ERROR_REASONS[record.error] };
  if (fields.length !== columns) {
    return { ok: false, line, reason: `expected ${columns} columns, found ${fields.length}` };
  }
  const c: Candidate = {
    line,
    email: null,
    domain: null,
    phone: null,
    firstName: null,
    lastName: null,
    position: null,
    company: null,
    fields: {},
    reasons: [],
    verdict: "valid",
    suggestion: null,
  };
  let rawEmail: string | null = null;
  let rawPhone: string | null = null;
  for (let i = 0; i < mapping.length; i++) {
    const target = mapping[i];
    if (!target) continue;
    const v = cell(fields[i]);
    if (v === null) continue;
    if (target === "email") rawEmail = v;
    else if (target === "phone") rawPhone = v;
    else if (target.startsWith("custom:")) c.fields[target.slice(7)] = v;
    else c[target as "firstName" | "lastName" | "position" | "company"] = v;
  }
  if (rawEmail === null && rawPhone === null) return { ok: false, line, reason: "no email or phone" };
  if (rawEmail !== null) {
    const e = checkEmail(rawEmail);
    c.reasons.push(...e.reasons);
    c.suggestion = e.suggestion;
    c.email = e.email;
    c.domain = e.domain;
  }
  if (rawPhone !== null) {
    const p = checkPhone(rawPhone);
    c.reasons.push(...p.reasons);
    c.phone = p.phone;
  }
  if (c.email === null && c.phone === null) {
    return { ok: false, line, reason: `invalid ${rawEmail !== null ? "email" : "phone"} (${c.reasons.join(", ") || "unusable"})` };
  }
  c.verdict = verdictOf(c.reasons, c.email !== null);
  return { ok: true, contact: c };
}

/** The key a contact is deduplicated by: its email, or its phone when it has no email. */
export const dedupeKey = (c: Pick<Candidate, "email" | "phone">): string => (c.email !== null ? c.email : `tel:${c.phone}`);
