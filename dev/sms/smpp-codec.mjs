/**
 * The bytes of SMPP short messages, as the simulated SMSC sees and sends them.
 *
 * The npm `smpp` package decodes `short_message` into `{ udh, message }` with its own guesses
 * (GSM text labelled data_coding 1, the wrong alphabet when a UDH is present), and throws the
 * bytes away. A harness that must prove what reached the carrier needs those bytes, so
 * `keepRawShortMessage()` keeps them beside the decoded value, and this module decodes them
 * itself: GSM 03.38 unpacked septets for data_coding 0, IA5 for 1, Latin-1 for 3, UCS-2 (UTF-16
 * big-endian, lone surrogates kept so a pair cut in half shows) for 8.
 */
import smpp from "smpp";

const RAW = Symbol.for("pregon.smpp.raw");

/**
 * Makes every decoded `short_message` carry its raw bytes (readable with `rawShortMessage`).
 * Idempotent; patches the package's message filter once per process.
 * @example keepRawShortMessage(); session.on("submit_sm", (pdu) => rawShortMessage(pdu));
 */
export function keepRawShortMessage() {
  const filter = smpp.filters.message;
  if (filter[RAW]) return;
  const decode = filter.decode;
  filter.decode = function (value, skipUdh) {
    const result = decode.call(this, value, skipUdh);
    if (result && typeof result === "object" && Buffer.isBuffer(value)) Object.defineProperty(result, RAW, { value });
    return result;
  };
  filter[RAW] = true;
}

/** The bytes of a PDU's short_message (UDH included), or an empty Buffer. */
export function rawShortMessage(pdu) {
  const sm = pdu.short_message;
  if (Buffer.isBuffer(sm)) return sm;
  return sm?.[RAW] ?? Buffer.alloc(0);
}

/**
 * Splits a short_message into UDH and body when esm_class has UDHI (0x40), and decodes the body
 * by data_coding. `concat` is the concatenation info element (IEI 0x00, 8-bit reference, or 0x08,
 * 16-bit reference) when there is one.
 * @example decodeShortMessage(Buffer.from("050003070201d835", "hex"), 8, 0x40)
 *   // → { udh: <05 00 03 07 02 01>, concat: { ref: 7, total: 2, seq: 1 }, body: <d8 35>, text: "\ud835" }
 */
export function decodeShortMessage(raw, dataCoding, esmClass) {
  let udh = null;
  let body = raw;
  if (esmClass & 0x40 && raw.length > 0 && raw[0] + 1 <= raw.length) {
    udh = raw.subarray(0, raw[0] + 1);
    body = raw.subarray(raw[0] + 1);
  }
  return { udh, concat: udh ? parseConcat(udh) : null, body, text: decodeBody(body, dataCoding) };
}

/** The concatenation element of a UDH (length byte first), or null. */
export function parseConcat(udh) {
  for (let i = 1; i + 1 < udh.length; ) {
    const iei = udh[i];
    const len = udh[i + 1];
    const data = udh.subarray(i + 2, i + 2 + len);
    if (iei === 0x00 && len === 3) return { ref: data[0], total: data[1], seq: data[2] };
    if (iei === 0x08 && len === 4) return { ref: data.readUInt16BE(0), total: data[2], seq: data[3] };
    i += 2 + len;
  }
  return null;
}

/** Decodes a message body by its data_coding (the low nibble of the general group). */
export function decodeBody(body, dataCoding) {
  switch (dataCoding & 0x0f) {
    case 0:
      return smpp.encodings.ASCII.decode(body); // GSM 03.38 default alphabet, one septet a byte
    case 1:
      return body.toString("latin1"); // IA5 / ASCII
    case 3:
      return body.toString("latin1");
    case 8: {
      const copy = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
      return copy.swap16().toString("utf16le"); // keeps lone surrogates, unlike a UTF-8 round trip
    }
    default:
      return body.toString("latin1");
  }
}

/**
 * Encodes a mobile-originated text the way a handset would: GSM 03.38 (data_coding 0) when
 * every character is in the default alphabet or its extension, else UCS-2 (data_coding 8).
 * `coding` forces one: "gsm" or "ucs2".
 * @example encodeMo("BAJA") // → { dataCoding: 0, bytes: <42 41 4a 41> }
 */
export function encodeMo(text, coding) {
  const gsm = coding === "gsm" || (coding !== "ucs2" && smpp.encodings.ASCII.match(text));
  if (gsm) return { dataCoding: 0, bytes: smpp.encodings.ASCII.encode(text) };
  return { dataCoding: 8, bytes: Buffer.from(text, "utf16le").swap16() };
}
