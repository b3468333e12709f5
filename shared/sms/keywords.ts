/**
 * Keywords in incoming SMS (MO): the opt-out words that must unsubscribe the sender at once
 * (Ley 32323) and an account's own keywords that fire triggers.
 *
 * A keyword is the first word of the message, compared after normalising: accents and other
 * marks removed (NFKD), upper case, and a word being a run of letters and digits, so " baja.",
 * "Bája", "STOP!", "¡Alto!" and "*BAJA* gracias" all read BAJA / STOP / ALTO. "Baja" inside
 * another word ("Bajamos") is not a keyword.
 *
 * Opt-out words (decision): BAJA, STOP, ALTO (the ones announced in our messages), plus the
 * unambiguous DESUSCRIBIR / DESUSCRIBIRME / DESUSCRIBIRSE, UNSUBSCRIBE and STOPALL, and the
 * phrases "DAR DE BAJA", "DARME DE BAJA", "DE BAJA" at the start. Deliberately not: NO (a normal
 * answer to a question), CANCELAR (people answer reminders with "cancelar cita": a request about
 * an appointment, not a withdrawal of consent), SALIR, FIN. Custom keywords follow the same
 * normalisation, must be 2–20 letters or digits, and may not be an opt-out word, so opt-out
 * always wins.
 */

export const OPT_OUT_KEYWORDS: readonly string[] = ["BAJA", "STOP", "ALTO", "DESUSCRIBIR", "DESUSCRIBIRME", "DESUSCRIBIRSE", "UNSUBSCRIBE", "STOPALL"];
export const OPT_OUT_PHRASES: readonly string[] = ["DAR DE BAJA", "DARME DE BAJA", "DE BAJA"];

export type InboundClass<T> =
  | { kind: "opt-out"; keyword: string }
  | { kind: "keyword"; keyword: string; match: T }
  | { kind: "message"; firstWord: string | null };

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;
const OPT_OUT = new Set(OPT_OUT_KEYWORDS);
const KEYWORD = /^[A-Z0-9]{2,20}$/;

/**
 * The normalised words of `text` (no accents, upper case, letters and digits only).
 * @example wordsOf(" ¡Bája ya!") // ["BAJA", "YA"]
 */
export function wordsOf(text: string): string[] {
  return text.normalize("NFKD").replace(MARKS, "").toUpperCase().match(WORD) ?? [];
}

/**
 * The opt-out keyword or phrase `text` starts with, else null.
 * @example optOutKeyword("baja.") // "BAJA"
 * @example optOutKeyword("No, gracias") // null
 * @example optOutKeyword("Quiero darme de baja") // null (the first word decides)
 */
export function optOutKeyword(text: string): string | null {
  const words = wordsOf(text);
  const first = words[0];
  if (first === undefined) return null;
  if (OPT_OUT.has(first)) return first;
  const start = words.slice(0, 3).join(" ");
  return OPT_OUT_PHRASES.find((p) => start === p || start.startsWith(p + " ")) ?? null;
}

/**
 * Why `keyword` cannot be an account's keyword, or null when it can (as normaliseKeyword gives it).
 * @example keywordProblem("Info") // null
 * @example keywordProblem("baja") // "is an opt-out keyword"
 */
export function keywordProblem(keyword: string): string | null {
  const words = wordsOf(keyword);
  if (words.length !== 1) return "must be one word";
  if (!KEYWORD.test(words[0]!)) return "must be 2 to 20 letters or digits";
  if (OPT_OUT.has(words[0]!)) return "is an opt-out keyword";
  return null;
}

/**
 * The stored form of a custom keyword: normalised, as it will be compared.
 * @example normaliseKeyword(" Cita ") // "CITA"
 */
export function normaliseKeyword(keyword: string): string {
  return wordsOf(keyword).join(" ");
}

/**
 * What an incoming message is: an opt-out (always first), one of the account's keywords (the
 * first definition whose keyword equals the first word), or a plain message for the inbox.
 * @example classifyInbound("¡Stop!", []) // { kind: "opt-out", keyword: "STOP" }
 * @example classifyInbound("cita mañana?", [{ keyword: "CITA", id: 3 }]) // { kind: "keyword", keyword: "CITA", match: { keyword: "CITA", id: 3 } }
 * @example classifyInbound("no", []) // { kind: "message", firstWord: "NO" }
 */
export function classifyInbound<T extends { keyword: string }>(text: string, custom: readonly T[]): InboundClass<T> {
  const optOut = optOutKeyword(text);
  if (optOut !== null) return { kind: "opt-out", keyword: optOut };
  const first = wordsOf(text)[0] ?? null;
  if (first !== null) {
    const match = custom.find((k) => normaliseKeyword(k.keyword) === first);
    if (match !== undefined) return { kind: "keyword", keyword: first, match };
  }
  return { kind: "message", firstWord: first };
}
