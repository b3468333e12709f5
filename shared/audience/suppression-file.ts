/**
 * A suppression list uploaded as a file: one value a row (email, phone or domain, the kind
 * guessed when not given) or `kind,value,reason` rows, with or without a header — the shape most
 * platforms export. Each value is normalised the way imports normalise contacts, so it matches
 * them; a row that is none of the three is reported with its line.
 */
import { CsvParser } from "../import/csv-parser";
import { detectDelimiter } from "../import/detect";
import { checkEmail } from "./email";
import { checkPhone } from "./phone";

export type SuppressionKind = "email" | "phone" | "domain";
export type SuppressionEntry = { kind: SuppressionKind; value: string; reason: string; line: number };
export type SuppressionFile = { entries: SuppressionEntry[]; rejects: { line: number; reason: string }[] };

const KINDS: Record<string, SuppressionKind> = { email: "email", correo: "email", phone: "phone", celular: "phone", telefono: "phone", teléfono: "phone", domain: "domain", dominio: "domain" };
const HEADER = /^(kind|tipo|email|correo|value|valor|phone|celular|domain|dominio)$/i;

/** The stored form of one value, or null. */
export function normaliseSuppression(kind: SuppressionKind, value: string): string | null {
  if (kind === "email") return checkEmail(value).email;
  if (kind === "phone") return checkPhone(value).phone;
  return checkEmail(`postmaster@${value.trim().replace(/^@/, "")}`).domain;
}

function guessKind(value: string): SuppressionKind {
  if (value.includes("@") && !value.startsWith("@")) return "email";
  if (/^[+\d][\d\s().-]{5,}$/.test(value.trim())) return "phone";
  return "domain";
}

/**
 * Parse a suppression file.
 * @example parseSuppressionFile("ana@x.pe\n@spam.pe\n", "import").entries.map((e) => e.kind) // ["email", "domain"]
 */
export function parseSuppressionFile(text: string, defaultReason: string): SuppressionFile {
  const parser = new CsvParser(detectDelimiter(text.slice(0, 65_536)).delimiter);
  const records = [...parser.push(text), ...parser.end()];
  const out: SuppressionFile = { entries: [], rejects: [] };
  records.forEach((rec, i) => {
    const cells = rec.fields.map((f) => f.trim());
    if (i === 0 && cells.length > 0 && cells.every((c) => HEADER.test(c) || /^(reason|motivo|fecha|date)$/i.test(c))) return;
    if (rec.error || cells.every((c) => c === "")) {
      out.rejects.push({ line: rec.line, reason: rec.error ? "malformed row" : "empty row" });
      return;
    }
    const given = cells.length >= 2 ? KINDS[cells[0]!.toLowerCase()] : undefined;
    const raw = given ? cells[1]! : cells[0]!;
    const kind = given ?? guessKind(raw);
    const reason = (given ? cells[2] : cells[1]) || defaultReason;
    const value = normaliseSuppression(kind, raw);
    if (!value) out.rejects.push({ line: rec.line, reason: `not a valid ${kind}` });
    else out.entries.push({ kind, value, reason: reason.slice(0, 200), line: rec.line });
  });
  return out;
}
