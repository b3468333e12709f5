/**
 * The GSM 03.38 7-bit default alphabet: its basic table, its extension table (characters reached
 * through the escape 0x1B, which therefore cost two septets), and the unpacked septet encoding.
 *
 * What travels: we never hand Kannel septets. A GSM-7 send goes to sendsms as UTF-8 text with
 * `coding=0&charset=UTF-8`; Kannel converts it to GSM 03.38 and its SMPP module puts it in
 * submit_sm `short_message` with `data_coding=0`, *unpacked*, one septet per octet, an extension
 * character being the two octets 0x1B and its code. That is exactly what `encodeGsm7` returns, so
 * tests and the SMSC simulator can compare what reached the SMSC byte for byte (`decodeGsm7`
 * reads it back). Checked against Debian's Kannel 1.4.5 and an SMPP simulator: "@" arrives as
 * 0x00, "€" as 1B 65, a full part as UDH + 153 octets. A character outside this alphabet would
 * reach the handset as "?", which is why encoding.ts sends any such text as UCS-2 instead.
 */

/** The escape octet that announces an extension-table character. */
export const GSM7_ESCAPE = 0x1b;

/**
 * The basic table, indexed by septet. Position 0x1B is the escape, not a character; it holds a
 * placeholder that is never matched (GSM7_BASIC_MAP skips it).
 */
export const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/** The extension table: character → the code that follows the escape. */
export const GSM7_EXTENSION: Readonly<Record<string, number>> = {
  "\f": 0x0a,
  "^": 0x14,
  "{": 0x28,
  "}": 0x29,
  "\\": 0x2f,
  "[": 0x3c,
  "~": 0x3d,
  "]": 0x3e,
  "|": 0x40,
  "€": 0x65,
};

const BASIC = new Map<string, number>();
for (let i = 0; i < GSM7_BASIC.length; i++) if (i !== GSM7_ESCAPE) BASIC.set(GSM7_BASIC[i]!, i);
const EXTENSION = new Map<string, number>(Object.entries(GSM7_EXTENSION));
const FROM_EXTENSION = new Map<number, string>([...EXTENSION].map(([ch, code]) => [code, ch]));

/**
 * Septets one character takes: 1 in the basic table, 2 in the extension table, 0 when it is not
 * GSM-7 at all. `ch` is one code point (an astral character is never GSM-7).
 * @example gsm7Septets("é") // 1
 * @example gsm7Septets("€") // 2
 * @example gsm7Septets("á") // 0
 */
export function gsm7Septets(ch: string): 0 | 1 | 2 {
  if (BASIC.has(ch)) return 1;
  return EXTENSION.has(ch) ? 2 : 0;
}

/**
 * Whether every character of `text` is in the GSM-7 basic or extension table (the empty text is).
 * Spanish é ñ ü ¿ ¡ are; á í ó ú are not.
 * @example isGsm7("¿Año nuevo? ¡Sí!") // false (í)
 * @example isGsm7("Señor Pérez: {ok} 10€") // true
 */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (gsm7Septets(ch) === 0) return false;
  return true;
}

/**
 * Septets `text` takes, extension characters counting 2. Throws RangeError naming the first
 * character that is not GSM-7 (check with isGsm7 first).
 * @example septetLength("Hola [Perú]") // throws: "ú" is not GSM-7
 * @example septetLength("Hola [Peru]") // 13
 */
export function septetLength(text: string): number {
  let n = 0;
  for (const ch of text) n += weightOf(ch);
  return n;
}

/**
 * The unpacked septets of `text`, one per octet, an extension character as 0x1B and its code:
 * the `short_message` of an SMPP submit_sm with `data_coding=0` (Kannel's default for GSM).
 * Throws RangeError for a character that is not GSM-7.
 * @example encodeGsm7("a€") // Uint8Array [0x61, 0x1b, 0x65]
 */
export function encodeGsm7(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const basic = BASIC.get(ch);
    if (basic !== undefined) out.push(basic);
    else out.push(GSM7_ESCAPE, extensionCode(ch));
  }
  return Uint8Array.from(out);
}

/**
 * Text from unpacked septets (the inverse of encodeGsm7). As GSM 03.38 prescribes, an escape
 * followed by a code with no extension character shows the basic character of that code, and a
 * trailing lone escape is dropped. Octets above 0x7F are not septets: RangeError.
 * @example decodeGsm7(Uint8Array.of(0x61, 0x1b, 0x65)) // "a€"
 */
export function decodeGsm7(septets: Uint8Array): string {
  let out = "";
  for (let i = 0; i < septets.length; i++) {
    const code = septets[i]!;
    if (code > 0x7f) throw new RangeError(`Octet 0x${code.toString(16)} at ${i} is not a septet`);
    if (code !== GSM7_ESCAPE) {
      out += GSM7_BASIC[code];
      continue;
    }
    const next = septets[++i];
    if (next === undefined) break;
    if (next > 0x7f) throw new RangeError(`Octet 0x${next.toString(16)} at ${i} is not a septet`);
    out += FROM_EXTENSION.get(next) ?? (next === GSM7_ESCAPE ? " " : GSM7_BASIC[next]);
  }
  return out;
}

function weightOf(ch: string): 1 | 2 {
  const w = gsm7Septets(ch);
  if (w === 0) throw new RangeError(`"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}) is not GSM-7`);
  return w;
}

function extensionCode(ch: string): number {
  weightOf(ch);
  return EXTENSION.get(ch)!;
}
