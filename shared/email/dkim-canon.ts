/**
 * DKIM "relaxed" canonicalisation (RFC 6376 §3.4.2 and §3.4.4) and the header parsing it needs.
 * The body is canonicalised in one pass over its UTF-8 bytes, in place in the buffer that
 * TextEncoder filled, so the only copies of a 40 KB body per message are that encoding and the
 * digest itself. The loop never reads past the end of the buffer: V8 deoptimises that. Bodies are expected with CRLF line ends (buildMime guarantees it); a bare CR or
 * LF is left as an ordinary byte, as the RFC's line model has no place for it.
 */

const encoder = new TextEncoder();
const SP = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a;
const WSP_RUN = /[ \t]+/g;
const FOLD = /\r\n(?=[ \t])/g;

export type HeaderField = { name: string; lower: string; raw: string };

/**
 * Split a CRLF header block into fields, keeping continuation lines with their field.
 * @example parseHeaderFields("Subject: a\r\n b\r\nTo: x@y.pe") // [{ name: "Subject", lower: "subject", raw: "Subject: a\r\n b" }, { … "To" … }]
 */
export function parseHeaderFields(headers: string): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of headers.split("\r\n")) {
    if (line === "") continue;
    const c = line.charCodeAt(0);
    const last = fields[fields.length - 1];
    if ((c === SP || c === TAB) && last !== undefined) {
      last.raw += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(":");
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    fields.push({ name, lower: name.toLowerCase(), raw: line });
  }
  return fields;
}

/**
 * One header field in relaxed form: lower-case name, unfolded, runs of whitespace as one space,
 * no whitespace around the colon or at the end; with no CRLF (the caller adds it).
 * @example canonicalHeader("Subject:  Hola \r\n\tmundo ") // "subject:Hola mundo"
 */
export function canonicalHeader(raw: string): string {
  const colon = raw.indexOf(":");
  const name = raw.slice(0, colon).trim().toLowerCase();
  const value = raw.slice(colon + 1).replace(FOLD, "").replace(WSP_RUN, " ").trim();
  return `${name}:${value}`;
}

/**
 * The body in relaxed form, as bytes ready for SHA-256: whitespace runs become one space,
 * whitespace before a line end goes, trailing empty lines go, and a non-empty body ends in CRLF.
 * @example new TextDecoder().decode(canonicalBodyRelaxed("a  b \r\n\r\n")) // "a b\r\n"
 */
export function canonicalBodyRelaxed(body: string): Uint8Array {
  // Bodies we build are ASCII (quoted-printable), so one encodeInto into a buffer of the
  // string's length does; anything else falls back to a full encode.
  let buf: Uint8Array = new Uint8Array(body.length);
  if (encoder.encodeInto(body, buf).read !== body.length) buf = encoder.encode(body);
  const n = buf.length;
  let w = 0;
  let pendingSpace = false;
  for (let r = 0; r < n; r++) {
    const b = buf[r]!;
    if (b === SP || b === TAB) {
      pendingSpace = true;
      continue;
    }
    if (b === CR && r + 1 < n && buf[r + 1] === LF) {
      pendingSpace = false;
      buf[w++] = CR;
      buf[w++] = LF;
      r++;
      continue;
    }
    // Safe in place: at least one whitespace byte was read for the space written here.
    if (pendingSpace) {
      buf[w++] = SP;
      pendingSpace = false;
    }
    buf[w++] = b;
  }
  while (w >= 2 && buf[w - 1] === LF && buf[w - 2] === CR && (w === 2 || (buf[w - 3] === LF && buf[w - 4] === CR))) w -= 2;
  if (w === 0) return buf.subarray(0, 0);
  if (buf[w - 1] === LF && buf[w - 2] === CR) return buf.subarray(0, w);
  const out = new Uint8Array(w + 2);
  out.set(buf.subarray(0, w));
  out[w] = CR;
  out[w + 1] = LF;
  return out;
}
