/**
 * Header fields for outgoing mail: RFC 5322 folding at 78 characters, RFC 2047 encoded-words for
 * anything not plain ASCII, and display-name phrases for addresses. Values come from merge
 * templates and contact data, so every control character (CR and LF above all: header
 * injection) is turned into a space before anything is written. Encoded-words are cut between
 * Unicode code points, never inside a UTF-8 sequence or a surrogate pair, and pick Q or B by
 * Q unless B is clearly shorter (Q for mostly-Latin Spanish, B for emoji-heavy or non-Latin text).
 */

const encoder = new TextEncoder();
const MAX_LINE = 78;
/** RFC 2047 §2: an encoded-word is at most 75 characters; "=?UTF-8?X?" + "?=" take 12. */
const MAX_WORD_TEXT = 63;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/g;
const NEEDS_ENCODING = /[^\x20-\x7e\t]|=\?/;
const ATEXT_PHRASE = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;
const ADDRESS = /^[^\s<>()",;:@\\[\]]+@[A-Za-z0-9.-]+$/;
// Characters RFC 2047 §5(3) allows unencoded in a Q word inside a phrase; also safe elsewhere.
const Q_SAFE = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/") Q_SAFE[c.charCodeAt(0)] = 1;
const HEX = "0123456789ABCDEF";

/**
 * Replace control characters (CR, LF, NUL…) with spaces; tabs stay.
 * @example sanitizeHeaderValue("Hola\r\nBcc: x@y.pe") // "Hola  Bcc: x@y.pe"
 */
export function sanitizeHeaderValue(value: string): string {
  return value.replace(CONTROL, " ");
}

/**
 * An unstructured header (Subject, custom X- fields) as folded "Name: value" lines.
 * @example unstructuredHeader("Subject", "Año nuevo") // "Subject: =?UTF-8?Q?A=C3=B1o_nuevo?="
 */
export function unstructuredHeader(name: string, value: string): string {
  const clean = sanitizeHeaderValue(value);
  const prefix = `${name}: `;
  if (NEEDS_ENCODING.test(clean) || longestWord(clean) > 998 - prefix.length) return prefix + encodedWords(clean, prefix.length).join("\r\n ");
  return foldWords(prefix, clean.split(" "));
}

/**
 * An address header: "Name: Display <addr>" with the display name quoted or encoded as needed.
 * Throws RangeError for an address that is not a plain ASCII addr-spec (callers validate first).
 * @example addressHeader("From", "Municipalidad de Peña", "avisos@muni.gob.pe") // "From: =?UTF-8?Q?Municipalidad_de_Pe=C3=B1a?= <avisos@muni.gob.pe>"
 */
export function addressHeader(name: string, display: string, address: string): string {
  if (!ADDRESS.test(address)) throw new RangeError(`Not a usable address for ${name}: ${JSON.stringify(address)}`);
  const phrase = sanitizeHeaderValue(display).trim();
  const prefix = `${name}: `;
  if (phrase === "") return prefix + address;
  let words: string[];
  if (NEEDS_ENCODING.test(phrase)) words = encodedWords(phrase, prefix.length);
  else if (ATEXT_PHRASE.test(phrase)) words = phrase.split(" ").filter((w) => w !== "");
  else words = [`"${phrase.replace(/["\\]/g, "\\$&")}"`];
  return foldWords(prefix, [...words, `<${address}>`]);
}

/**
 * A structured header whose value is a list of items (List-Unsubscribe), folded between items.
 * @example listHeader("List-Unsubscribe", ["<mailto:u@x.pe>", "<https://x.pe/u/1>"]) // "List-Unsubscribe: <mailto:u@x.pe>, <https://x.pe/u/1>"
 */
export function listHeader(name: string, items: readonly string[]): string {
  const clean = items.map((i) => sanitizeHeaderValue(i).replaceAll(" ", ""));
  return foldWords(`${name}: `, clean.map((item, k) => (k < clean.length - 1 ? `${item},` : item)));
}

/**
 * Join words with single spaces, breaking before a word that would pass 78 columns; never
 * before a blank word, since a folded line of only whitespace is not allowed (RFC 5322 §3.2.2).
 */
function foldWords(prefix: string, words: readonly string[]): string {
  let out = prefix;
  let lineLength = prefix.length;
  let first = true;
  for (const word of words) {
    if (first) {
      out += word;
      lineLength += word.length;
      first = false;
    } else if (word.trim() !== "" && lineLength + 1 + word.length > MAX_LINE && lineLength > 1) {
      out += `\r\n ${word}`;
      lineLength = 1 + word.length;
    } else {
      out += ` ${word}`;
      lineLength += 1 + word.length;
    }
  }
  return out;
}

function longestWord(s: string): number {
  let max = 0;
  for (const w of s.split(" ")) if (w.length > max) max = w.length;
  return max;
}

/**
 * RFC 2047 encoded-words for `text`, the first sized to fit after a header prefix of
 * `firstOffset` characters, each later one on its own folded line.
 * @example encodedWords("Peña", 9) // ["=?UTF-8?Q?Pe=C3=B1a?="]
 */
export function encodedWords(text: string, firstOffset: number): string[] {
  const chars: Uint8Array[] = [];
  let qLength = 0;
  let byteLength = 0;
  for (const ch of text) {
    const bytes = encoder.encode(ch);
    chars.push(bytes);
    byteLength += bytes.length;
    qLength += bytes.length === 1 && (Q_SAFE[bytes[0]!] === 1 || bytes[0] === 0x20) ? 1 : 3 * bytes.length;
  }
  // Q stays readable in logs and raw views, so B is used only when clearly shorter.
  const useB = Math.ceil(byteLength / 3) * 4 * 1.25 < qLength;
  const words: string[] = [];
  let budget = Math.min(MAX_WORD_TEXT, MAX_LINE - firstOffset - 12);
  let pending: number[] = [];
  let q = "";
  const flush = (): void => {
    if (pending.length === 0 && q === "") return;
    words.push(useB ? `=?UTF-8?B?${btoa(String.fromCharCode(...pending))}?=` : `=?UTF-8?Q?${q}?=`);
    pending = [];
    q = "";
    budget = MAX_WORD_TEXT;
  };
  for (const bytes of chars) {
    if (useB) {
      if (Math.ceil((pending.length + bytes.length) / 3) * 4 > budget) flush();
      for (const b of bytes) pending.push(b);
    } else {
      const piece = qEncode(bytes);
      if (q.length + piece.length > budget) flush();
      q += piece;
    }
  }
  flush();
  return words;
}

function qEncode(bytes: Uint8Array): string {
  if (bytes.length === 1) {
    const b = bytes[0]!;
    if (b === 0x20) return "_";
    if (Q_SAFE[b] === 1) return String.fromCharCode(b);
  }
  let s = "";
  for (const b of bytes) s += `=${HEX[b >> 4]}${HEX[b & 15]}`;
  return s;
}
