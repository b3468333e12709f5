/**
 * "Bold" for SMS. SMS has no formatting, so bold is faked with Unicode Mathematical Bold letters
 * (U+1D400 𝐀 … U+1D433 𝐳) and digits (U+1D7CE 𝟎 … U+1D7D7 𝟗), which every current handset
 * font shows as bold. They live outside the BMP: each costs two UTF-16 units and forces the
 * whole message into UCS-2 (70 units a segment, so at most 35 bold letters in one SMS); the
 * composer shows that cost.
 *
 * Accented letters (decision): Unicode has no bold "á", so by default a letter with accents
 * becomes the bold base letter followed by its combining accent(s) (NFD): "á" → "𝐚" + U+0301,
 * "ñ" → "𝐧" + U+0303. The word stays bold and readable, at one extra unit per accent; the
 * splitter keeps letter and accent in the same part. With `{ accents: "keep" }` accented letters
 * are left as they are (plain, one unit) instead. Letters with no decomposition (ß, æ, ø),
 * punctuation and spaces are never changed. `fromBold` undoes either form and recomposes the
 * accents (NFC), so fromBold(toBold(s)) === s for NFC text.
 */

export type BoldOptions = { accents?: "combine" | "keep" };

const BOLD_UPPER_A = 0x1d400;
const BOLD_LOWER_A = 0x1d41a;
const BOLD_ZERO = 0x1d7ce;
const COMBINING = /^\p{M}+$/u;
const graphemes = new Intl.Segmenter("es", { granularity: "grapheme" });

/**
 * `text` with A–Z, a–z and 0–9 made Mathematical Bold; see the file header for accented letters.
 * @example toBold("Perú 2027") // "𝐏𝐞𝐫𝐮́ 𝟐𝟎𝟐𝟕" (𝐮 + U+0301)
 * @example toBold("Perú", { accents: "keep" }) // "𝐏𝐞𝐫ú"
 */
export function toBold(text: string, options: BoldOptions = {}): string {
  const combine = (options.accents ?? "combine") === "combine";
  let out = "";
  for (const ch of text) {
    const direct = boldOf(ch);
    if (direct !== null) {
      out += direct;
      continue;
    }
    const nfd = ch.normalize("NFD");
    const base = boldOf(nfd[0] ?? "");
    out += combine && base !== null && nfd.length > 1 && COMBINING.test(nfd.slice(1)) ? base + nfd.slice(1) : ch;
  }
  return out;
}

/**
 * `text` with Mathematical Bold letters and digits made plain again, a bold letter followed by
 * combining accents recomposed (NFC); everything else untouched.
 * @example fromBold("𝐏𝐞𝐫𝐮́ 𝟐𝟎𝟐𝟕") // "Perú 2027"
 */
export function fromBold(text: string): string {
  let out = "";
  for (const { segment } of graphemes.segment(text)) {
    const first = String.fromCodePoint(segment.codePointAt(0) ?? 0);
    const plain = plainOf(first);
    out += plain === null ? segment : (plain + segment.slice(first.length)).normalize("NFC");
  }
  return out;
}

/**
 * Whether `ch` (one code point) is a Mathematical Bold letter or digit as toBold makes them.
 * @example isBoldChar("𝐀") // true
 * @example isBoldChar("A") // false
 */
export function isBoldChar(ch: string): boolean {
  return plainOf(ch) !== null;
}

/**
 * The plain letter or digit of a Mathematical Bold one, else null.
 * @example plainOf("𝐳") // "z"
 */
export function plainOf(ch: string): string | null {
  const cp = ch.codePointAt(0);
  if (cp === undefined || ch.length !== 2) return null;
  if (cp >= BOLD_UPPER_A && cp < BOLD_UPPER_A + 26) return String.fromCharCode(0x41 + cp - BOLD_UPPER_A);
  if (cp >= BOLD_LOWER_A && cp < BOLD_LOWER_A + 26) return String.fromCharCode(0x61 + cp - BOLD_LOWER_A);
  if (cp >= BOLD_ZERO && cp < BOLD_ZERO + 10) return String.fromCharCode(0x30 + cp - BOLD_ZERO);
  return null;
}

function boldOf(ch: string): string | null {
  if (ch.length !== 1) return null;
  const c = ch.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return String.fromCodePoint(BOLD_UPPER_A + c - 0x41);
  if (c >= 0x61 && c <= 0x7a) return String.fromCodePoint(BOLD_LOWER_A + c - 0x61);
  if (c >= 0x30 && c <= 0x39) return String.fromCodePoint(BOLD_ZERO + c - 0x30);
  return null;
}
