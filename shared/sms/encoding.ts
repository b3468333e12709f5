/**
 * The live counter of the SMS composer: which encoding a text travels in, how long it is, how
 * many segments (SMS) it costs, and which characters are to blame when it is UCS-2. Credit is
 * debited per segment, and the segment count here comes from the same packing rule the splitter
 * uses (chunks.ts), so the number shown is the number sent and charged.
 *
 * A character "forces" UCS-2 when it is not in GSM 03.38; each is reported once with how often
 * it appears, a `kind` the dashboard translates (accented letter, bold letter, emoji, typographic
 * punctuation, invisible or special space, other) and what the GSM-safe version would put in its
 * place, so the user can decide to fix it by hand or accept toGsmSafe.
 */
import { isBoldChar, plainOf } from "./bold";
import { characterCount, chunkText, encodingOf, PART_LIMITS, unitsOf } from "./chunks";
import type { SmsEncoding } from "./chunks";
import { gsm7Septets } from "./gsm7";
import { toGsmSafe } from "./gsm-safe";

export type { SmsEncoding } from "./chunks";

export type ForcingKind = "accented" | "bold" | "emoji" | "punctuation" | "space" | "other";

/** One character (code point) that is not GSM-7. */
export type ForcingChar = {
  char: string;
  /** Its code point, e.g. 0xE1 for "á". */
  codePoint: number;
  /** UTF-16 offset of its first occurrence. */
  index: number;
  count: number;
  kind: ForcingKind;
  /** A short English description when one is known: "a with acute accent", "bold P". */
  name?: string;
  /** What toGsmSafe puts instead ("" when it removes it). */
  gsmSafe: string;
};

export type SmsAnalysis = {
  encoding: SmsEncoding;
  /** User-perceived characters (grapheme clusters). */
  characters: number;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
  /** SMS parts the text is sent as, which is also its cost in credits; 0 for the empty text. */
  segments: number;
  /** Units a segment holds at this length: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Characters forcing UCS-2, in order of first appearance; empty for GSM-7. */
  forcing: ForcingChar[];
};

const ACCENTS: Readonly<Record<string, string>> = {
  "\u0300": "grave accent", "\u0301": "acute accent", "\u0302": "circumflex", "\u0303": "tilde",
  "\u0308": "diaeresis", "\u0327": "cedilla", "\u030a": "ring", "\u030c": "caron",
};
const PUNCTUATION = /^[\p{P}\p{S}]$/u;
const INVISIBLE = /^[\p{Zs}\p{Cf}\t]$/u;
const EMOJI = /^[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u{fe0f}\u{20e3}]$/u;

/**
 * Everything the composer shows about `text`.
 * @example analyse("Hola") // { encoding: "GSM-7", characters: 4, units: 4, segments: 1, perSegment: 160, forcing: [] }
 * @example analyse("Perú").forcing // [{ char: "ú", codePoint: 0xFA, index: 3, count: 1, kind: "accented", name: "u with acute accent", gsmSafe: "u" }]
 * @example analyse("𝐇𝐨𝐥𝐚").units // 8 (UCS-2, 1 segment)
 */
export function analyse(text: string): SmsAnalysis {
  const encoding = encodingOf(text);
  const units = unitsOf(text, encoding);
  const limits = PART_LIMITS[encoding];
  return {
    encoding,
    characters: characterCount(text),
    units,
    segments: chunkText(text, encoding).length,
    perSegment: units > limits.single ? limits.multi : limits.single,
    forcing: encoding === "GSM-7" ? [] : forcingChars(text),
  };
}

/**
 * The characters of `text` that are not GSM-7, each once, in order of first appearance.
 * @example forcingChars("¡Sí, sí! 👍").map((f) => f.char) // ["í", "👍"]
 */
export function forcingChars(text: string): ForcingChar[] {
  const found = new Map<string, ForcingChar>();
  let index = 0;
  for (const char of text) {
    const at = index;
    index += char.length;
    if (gsm7Septets(char) > 0) continue;
    const seen = found.get(char);
    if (seen) {
      seen.count++;
      continue;
    }
    const { kind, name } = describe(char);
    const entry: ForcingChar = { char, codePoint: char.codePointAt(0)!, index: at, count: 1, kind, gsmSafe: toGsmSafe(char).text };
    if (name !== undefined) entry.name = name;
    found.set(char, entry);
  }
  return [...found.values()];
}

function describe(char: string): { kind: ForcingKind; name?: string } {
  if (isBoldChar(char)) return { kind: "bold", name: `bold ${plainOf(char)}` };
  const nfd = char.normalize("NFD");
  const accent = ACCENTS[nfd.slice(1)];
  if (nfd.length === 2 && /^[A-Za-z]$/.test(nfd[0]!) && accent !== undefined) return { kind: "accented", name: `${nfd[0]} with ${accent}` };
  if (ACCENTS[char] !== undefined) return { kind: "accented", name: `combining ${ACCENTS[char]}` };
  if (EMOJI.test(char)) return { kind: "emoji" };
  if (INVISIBLE.test(char)) return { kind: "space", name: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` };
  if (PUNCTUATION.test(char)) return { kind: "punctuation" };
  return { kind: "other" };
}
