/**
 * Splitting a long SMS into the parts we send one by one, each with its concatenation User Data
 * Header, instead of letting the gateway split it: Kannel cuts UCS-2 text between the two halves
 * of a surrogate pair, which breaks "bold" letters and emoji (see NOTES, "SMS: Kannel").
 *
 * Where to cut is chunks.ts's rule (never inside a surrogate pair, a GSM escape sequence or a
 * letter+accent). A multi-part message gets, per part, the 6-octet UDH of the 8-bit-reference
 * concatenation element: `05 00 03 <ref> <total> <seq>` (UDHL 5, IEI 0x00, IEDL 3). A single-part
 * message has no UDH. Each part also carries the payload octets that reach the SMSC after the
 * UDH: unpacked GSM-7 septets (see gsm7.ts) or UCS-2 big-endian units. UDH + payload is at most
 * 140 octets for UCS-2 (6 + 134) and 6 + 153 septets for GSM-7, which the SMSC packs into 140.
 */
import { chunkText, encodingOf, MAX_PARTS, unitsOf } from "./chunks";
import type { SmsEncoding } from "./chunks";
import { encodeGsm7 } from "./gsm7";

export type SmsPart = {
  /** 1-based position; the UDH's sequence number. */
  seq: number;
  text: string;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of `text`. */
  units: number;
  /** The concatenation header, null for a single-part message. */
  udh: Uint8Array | null;
  /** `udh` as uppercase hex ("050003A70201"), null for a single-part message. */
  udhHex: string | null;
  /** The payload after the UDH: unpacked GSM-7 septets, or UTF-16BE for UCS-2. */
  bytes: Uint8Array;
};

export type SplitSms = { encoding: SmsEncoding; parts: SmsPart[] };
export type ConcatInfo = { reference: number; total: number; seq: number };

/**
 * The parts `text` is sent as. `reference` (0–255) tells the handset which parts belong
 * together, so concurrent long messages to one number need different ones: derive it from the
 * message id with concatReference, and reuse it when a part is retried. Throws RangeError beyond
 * 255 parts or for a reference outside 0–255. The empty text has no parts.
 * @example splitSms("Hola", { reference: 7 }).parts[0] // { seq: 1, text: "Hola", units: 4, udh: null, udhHex: null, bytes: [0x48, 0x6f, 0x6c, 0x61] }
 * @example splitSms("𝐁".repeat(36), { reference: 0xa7 }).parts.map((p) => p.udhHex) // ["050003A70201", "050003A70202"]
 */
export function splitSms(text: string, options: { reference: number }): SplitSms {
  const { reference } = options;
  if (!Number.isInteger(reference) || reference < 0 || reference > 0xff) throw new RangeError("reference must be an integer from 0 to 255");
  const encoding = encodingOf(text);
  const texts = chunkText(text, encoding);
  if (texts.length > MAX_PARTS) throw new RangeError(`The text needs ${texts.length} parts; at most ${MAX_PARTS} can be concatenated`);
  const parts = texts.map((partText, i): SmsPart => {
    const udh = texts.length > 1 ? concatUdh({ reference, total: texts.length, seq: i + 1 }) : null;
    return {
      seq: i + 1,
      text: partText,
      units: unitsOf(partText, encoding),
      udh,
      udhHex: udh === null ? null : toHex(udh),
      bytes: encoding === "GSM-7" ? encodeGsm7(partText) : toUtf16be(partText),
    };
  });
  return { encoding, parts };
}

/**
 * The 6-octet concatenation UDH (8-bit reference).
 * @example toHex(concatUdh({ reference: 0xa7, total: 3, seq: 1 })) // "050003A70301"
 */
export function concatUdh(info: ConcatInfo): Uint8Array {
  const { reference, total, seq } = info;
  if (![reference, total, seq].every((n) => Number.isInteger(n) && n >= 0 && n <= 0xff) || total < 1 || seq < 1 || seq > total) {
    throw new RangeError("reference must be 0-255, total 1-255 and seq 1-total");
  }
  return Uint8Array.of(0x05, 0x00, 0x03, reference, total, seq);
}

/**
 * The concatenation element of a UDH (8-bit IEI 0x00 or 16-bit IEI 0x08), null when there is
 * none or the header is malformed. For the SMSC simulator and tests that reassemble parts.
 * @example parseConcatUdh(Uint8Array.of(5, 0, 3, 0xa7, 2, 1)) // { reference: 0xa7, total: 2, seq: 1 }
 */
export function parseConcatUdh(udh: Uint8Array): ConcatInfo | null {
  const end = 1 + (udh[0] ?? -1);
  if (end < 1 || end > udh.length) return null;
  for (let i = 1; i + 1 < end; ) {
    const iei = udh[i]!;
    const len = udh[i + 1]!;
    const at = i + 2;
    if (at + len > end) return null;
    if (iei === 0x00 && len === 3) return valid({ reference: udh[at]!, total: udh[at + 1]!, seq: udh[at + 2]! });
    if (iei === 0x08 && len === 4) return valid({ reference: (udh[at]! << 8) | udh[at + 1]!, total: udh[at + 2]!, seq: udh[at + 3]! });
    i = at + len;
  }
  return null;
}

/**
 * A concatenation reference (0–255) derived from a stable key such as our message id (FNV-1a),
 * so a retried part carries the same reference as the first attempt.
 * @example concatReference("msg_01J9") // the same number on every call
 */
export function concatReference(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & 0xff;
}

/**
 * UTF-16 big-endian octets of `text`: the UCS-2 payload (`data_coding=8`) of an SMPP part.
 * @example toUtf16be("𝐀") // Uint8Array [0xd8, 0x35, 0xdc, 0x00]
 */
export function toUtf16be(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 * i] = u >> 8;
    out[2 * i + 1] = u & 0xff;
  }
  return out;
}

/**
 * Text from UTF-16 big-endian octets (an odd trailing octet is ignored). Lone surrogates come
 * back as they are, so a test can see a pair cut in half.
 * @example fromUtf16be(Uint8Array.of(0x00, 0x48, 0x00, 0x69)) // "Hi"
 */
export function fromUtf16be(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return out;
}

/**
 * Uppercase hex of octets.
 * @example toHex(Uint8Array.of(5, 0, 3)) // "050003"
 */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).toUpperCase().padStart(2, "0");
  return out;
}

function valid(info: ConcatInfo): ConcatInfo | null {
  return info.total >= 1 && info.seq >= 1 && info.seq <= info.total ? info : null;
}
