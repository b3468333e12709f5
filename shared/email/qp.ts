/**
 * Quoted-printable (RFC 2045 §6.7) for message bodies, in one pass over the string's UTF-16 code
 * units straight into a byte buffer: a 20 KB HTML part costs tens of microseconds, which matters
 * at hundreds of messages per second. (No TextEncoder pass first: for text with any non-Latin-1
 * character it costs more than the encoding itself. No read past the end of the input either:
 * V8 deoptimises such loops.) Output lines end in CRLF and never exceed 76 characters; an input
 * line break (CRLF, LF or a lone CR) becomes CRLF, trailing spaces and tabs are encoded, and an
 * "=XX" group or a whole UTF-8 character is never split by a soft break. A line that would begin
 * with "." or "From " is encoded as "=2E…" / "=46rom …" so that no SMTP transparency bug or mbox
 * writer along the way can alter it.
 */

const decoder = new TextDecoder();
const HEX = new Uint8Array([..."0123456789ABCDEF"].map((c) => c.charCodeAt(0)));
const MAX_LINE = 76;
const EQ = 0x3d, CR = 0x0d, LF = 0x0a, SP = 0x20, TAB = 0x09, DOT = 0x2e, F = 0x46;

// Reused between calls: encoding is synchronous, so no two calls ever share it at once.
let scratch = new Uint8Array(64 * 1024);

/**
 * Encode text as quoted-printable with CRLF line ends; a trailing line break is kept.
 * @example encodeQuotedPrintable("Año 2027\n") // "A=C3=B1o 2027\r\n"
 */
export function encodeQuotedPrintable(text: string): string {
  const n = text.length;
  // Worst case per code unit: 3 UTF-8 bytes as =XX (9 characters); a soft break (3) comes
  // after at least 63 characters, so at most one per 7 code units.
  const need = n * 9 + Math.ceil(n / 6) * 3 + 16;
  if (scratch.length < need) scratch = new Uint8Array(need);
  const out = scratch;
  let o = 0;
  let col = 0;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Fast path, most of any body: printable ASCII, or a space not ending its line, with room
    // left on the line.
    if (
      col < MAX_LINE - 1 &&
      ((c > SP && c < 0x7f && c !== EQ && (col > 0 || (c !== DOT && c !== F))) ||
        (c === SP && i + 1 < n && text.charCodeAt(i + 1) !== CR && text.charCodeAt(i + 1) !== LF))
    ) {
      out[o++] = c;
      col++;
      i++;
      continue;
    }
    if (c === CR || c === LF) {
      out[o++] = CR;
      out[o++] = LF;
      col = 0;
      i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
      continue;
    }
    let units = 1;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is one code point; a lone surrogate becomes U+FFFD, as TextEncoder does.
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        units = 2;
      } else {
        c = 0xfffd;
      }
    }
    const len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    const after = i + units < n ? text.charCodeAt(i + units) : -1;
    const endsLine = after === -1 || after === CR || after === LF;
    let literal = len === 1 && ((c > SP && c < 0x7f && c !== EQ) || ((c === SP || c === TAB) && !endsLine));
    const width = literal ? 1 : len * 3;
    // A soft break is needed when the character plus a possible "=" would pass 76 columns;
    // a character that ends the line needs no room for "=".
    if (col + width > (endsLine ? MAX_LINE : MAX_LINE - 1)) {
      out[o++] = EQ;
      out[o++] = CR;
      out[o++] = LF;
      col = 0;
    }
    if (literal && col === 0 && (c === DOT || (c === F && text.startsWith("rom ", i + 1)))) literal = false;
    if (literal) {
      out[o++] = c;
      col++;
    } else {
      o = writeEscaped(out, o, c, len);
      col += len * 3;
    }
    i += units;
  }
  return decoder.decode(out.subarray(0, o));
}

/** The code point's UTF-8 bytes as "=XX" groups. */
function writeEscaped(out: Uint8Array, o: number, c: number, len: number): number {
  if (len === 1) return writeByte(out, o, c);
  if (len === 2) return writeByte(out, writeByte(out, o, 0xc0 | (c >> 6)), 0x80 | (c & 63));
  if (len === 3) return writeByte(out, writeByte(out, writeByte(out, o, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
  o = writeByte(out, writeByte(out, o, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63));
  return writeByte(out, writeByte(out, o, 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
}

function writeByte(out: Uint8Array, o: number, b: number): number {
  out[o] = EQ;
  out[o + 1] = HEX[b >> 4]!;
  out[o + 2] = HEX[b & 15]!;
  return o + 3;
}
