/**
 * Where an SMS text may be cut, and how many parts it needs: the one rule both the live counter
 * (encoding.ts) and the splitter (split.ts) use, so the segment count shown and charged is always
 * the number of parts actually sent.
 *
 * A message travels as GSM-7 when every character is in GSM 03.38, else as UCS-2 (UTF-16).
 * One part holds 160 septets or 70 UTF-16 units; once it needs more, every part carries a
 * 6-octet concatenation header and holds 153 septets or 67 units. Parts are packed greedily from
 * the start with indivisible *atoms*: a user-perceived character (Intl.Segmenter grapheme:
 * a base letter with its combining accents, an emoji with its modifiers, "\r\n"), so a part never
 * ends inside a surrogate pair (a "bold" letter or emoji), a GSM escape sequence (€ [ ] { } …) or
 * a letter+accent pair. A grapheme larger than a whole part (only pathological text) is cut
 * between code points, which still keeps every part valid UTF-16.
 */
import { gsm7Septets, isGsm7 } from "./gsm7";

export type SmsEncoding = "GSM-7" | "UCS-2";

/** Units per part: `single` when the whole text fits one SMS, `multi` per part of a longer one. */
export const PART_LIMITS: Readonly<Record<SmsEncoding, { single: number; multi: number }>> = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
};

/** At most 255 parts: the concatenation header counts them in one octet. */
export const MAX_PARTS = 255;

const graphemes = new Intl.Segmenter("es", { granularity: "grapheme" });

/**
 * GSM-7 when every character is GSM 03.38 (the empty text too), else UCS-2.
 * @example encodingOf("Señor Pérez") // "GSM-7"
 * @example encodingOf("Perú") // "UCS-2"
 */
export function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? "GSM-7" : "UCS-2";
}

/**
 * Units `text` takes in `encoding`: septets (extension characters count 2) or UTF-16 code units
 * (an astral character, such as an emoji or a bold letter, counts 2).
 * @example unitsOf("a€", "GSM-7") // 3
 * @example unitsOf("𝐇𝐨𝐥𝐚", "UCS-2") // 8
 */
export function unitsOf(text: string, encoding: SmsEncoding): number {
  if (encoding === "UCS-2") return text.length;
  let n = 0;
  for (const ch of text) n += gsm7Septets(ch) || 1;
  return n;
}

/**
 * User-perceived characters (grapheme clusters): "á" typed as a + combining accent is one, so is
 * an emoji family; what a person would count on screen.
 * @example characterCount("👍🏽 ok") // 4
 */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * The texts of the parts `text` is sent as in `encoding` (GSM-7 text must be GSM-7): one part if
 * it fits a single SMS, else greedy parts of at most the `multi` limit, never cutting an atom.
 * The empty text has no parts. Joining the parts gives `text` back.
 * @example chunkText("x".repeat(161), "GSM-7").map((p) => p.length) // [153, 8]
 */
export function chunkText(text: string, encoding: SmsEncoding): string[] {
  if (text === "") return [];
  const limits = PART_LIMITS[encoding];
  if (unitsOf(text, encoding) <= limits.single) return [text];
  const parts: string[] = [];
  let current = "";
  let used = 0;
  for (const atom of atomsOf(text, encoding, limits.multi)) {
    const w = unitsOf(atom, encoding);
    if (used + w > limits.multi) {
      parts.push(current);
      current = "";
      used = 0;
    }
    current += atom;
    used += w;
  }
  parts.push(current);
  return parts;
}

/** Graphemes, each split into code points when it alone exceeds a part. */
function* atomsOf(text: string, encoding: SmsEncoding, limit: number): Generator<string> {
  for (const { segment } of graphemes.segment(text)) {
    if (unitsOf(segment, encoding) <= limit) yield segment;
    else yield* segment;
  }
}
