/**
 * Incoming SMS (MO) as each provider hands them to our hook, parsed into one shape: who wrote
 * (E.164), to which of our numbers or short codes, the text, and what identifies this message at
 * the provider so that a retried call is stored once.
 *
 * - Kannel calls the sms-service `get-url` with escapes we choose (dev/sms/escapes.mjs MO_QUERY):
 *   `from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i&ts=%t&udh=%u`, values form-encoded. With
 *   `mo-recode` (our kannel.conf) UCS-2 text arrives recoded to UTF-8; a Kannel without it sends
 *   `charset=UTF-16BE` (or UCS-2) and the octets of UTF-16, and ISO-8859-1 / WINDOWS-1252 text its
 *   single octets: the raw query is decoded by its charset, never assumed UTF-8.
 * - Jasmin posts a form: `id`, `from`, `to`, `coding`, `content`, `binary` (hex of the short
 *   message octets). Coding 8 is UCS-2 and 3 Latin-1, decoded from `binary`; anything else is
 *   taken from `content`. It must be answered "ACK/Jasmin" (JASMIN_ACK), else it posts again.
 * - Our generic JSON provider posts `{ "id": "…", "from": "+51…", "to": "…", "text": "…" }`
 *   (`id` and `to` optional).
 *
 * Idempotency: the provider's id (Jasmin, JSON) or Kannel's receipt time `ts` together with the
 * sender and text is what a retry repeats, so inboundKey turns them into the row id. Without
 * either there is nothing to recognise a retry by and every call is a new message.
 */
import { checkPhone } from "../audience/phone";

export type InboundSms = {
  /** The handset, E.164. */
  from: string;
  /** Our number, short code or sender id it was sent to, as the provider gives it. */
  to: string | null;
  text: string;
  /** The provider's id of this MO (Jasmin, JSON), null when it gives none. */
  providerId: string | null;
  /** The time the provider stamped on it, as given (Kannel %t), null when absent. */
  providerTs: string | null;
};

export type InboundParse = { ok: true; sms: InboundSms } | { ok: false; field: string; reason: string };

/** Longest text we keep: 10 concatenated UCS-2 parts and then some; anything longer is not an SMS. */
export const MAX_INBOUND_TEXT = 2000;

const invalid = (field: string, reason: string): InboundParse => ({ ok: false, field, reason });

/**
 * The E.164 form of the sender as providers write it ("51987654321", "+51 987 654 321",
 * "0051987654321", "987654321", or a foreign number in full), null when it is no phone number.
 * @example senderNumber("51987654321") // "+51987654321"
 * @example senderNumber("12025550142") // "+12025550142"
 * @example senderNumber("PREGON") // null
 */
export function senderNumber(raw: string): string | null {
  const value = raw.trim();
  if (value === "" || value.length > 32) return null;
  const local = checkPhone(value);
  if (local.phone !== null) return local.phone;
  const digits = value.replace(/^00/, "").replace(/[\s().-]/g, "");
  if (/^\d{8,15}$/.test(digits)) return checkPhone(`+${digits}`).phone;
  return null;
}

/**
 * A Kannel get-url call, from its raw query string (what follows "?", still percent-encoded).
 * @example parseKannelMo("from=51987654321&to=PREGON&text=BAJA&coding=0&charset=UTF-8&smsc=sim&ts=2026-11-29+15%3A04%3A05")
 * // { ok: true, sms: { from: "+51987654321", to: "PREGON", text: "BAJA", providerId: null, providerTs: "2026-11-29 15:04:05" } }
 */
export function parseKannelMo(rawQuery: string): InboundParse {
  const raw = rawBytesOf(rawQuery);
  const first = (name: string): Uint8Array | null => raw.find(([k]) => k === name)?.[1] ?? null;
  const utf8 = (name: string): string | null => {
    const bytes = first(name);
    return bytes === null ? null : new TextDecoder().decode(bytes);
  };
  const charset = (utf8("charset") ?? "").trim().toUpperCase();
  const textBytes = first("text");
  if (textBytes === null) return invalid("text", "is missing");
  const text = decodeCharset(textBytes, charset);
  if (text === null) return invalid("charset", `"${charset}" is not one we can decode (UTF-8, UTF-16BE, UCS-2, ISO-8859-1, WINDOWS-1252)`);
  return finish({ from: utf8("from"), to: utf8("to"), text, providerId: null, providerTs: utf8("ts") });
}

/**
 * A Jasmin MO post (its form fields).
 * @example parseJasminMo(new URLSearchParams("id=1c9f&from=51987654321&to=2020&coding=8&content=x&binary=00530069")).sms.text // "Si"
 */
export function parseJasminMo(form: URLSearchParams): InboundParse {
  const coding = (form.get("coding") ?? "0").trim();
  const binary = form.get("binary");
  let text = form.get("content");
  if ((coding === "8" || coding === "3") && binary !== null) {
    const bytes = hexBytes(binary);
    if (bytes === null) return invalid("binary", "must be hexadecimal octets");
    text = decodeCharset(bytes, coding === "8" ? "UTF-16BE" : "ISO-8859-1");
  }
  if (text === null) return invalid("content", "is missing");
  return finish({ from: form.get("from"), to: form.get("to"), text, providerId: form.get("id"), providerTs: null });
}

/**
 * Our generic JSON provider's MO post.
 * @example parseJsonMo({ id: "gw-1", from: "+51987654321", text: "Hola" }).ok // true
 */
export function parseJsonMo(body: unknown): InboundParse {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return invalid("body", "must be a JSON object");
  const b = body as Record<string, unknown>;
  for (const key of ["from", "text"] as const) if (typeof b[key] !== "string") return invalid(key, "must be a string");
  for (const key of ["id", "to"] as const) if (b[key] !== undefined && b[key] !== null && typeof b[key] !== "string") return invalid(key, "must be a string");
  const id = typeof b.id === "string" ? b.id : null;
  return finish({ from: b.from as string, to: (b.to as string | undefined) ?? null, text: b.text as string, providerId: id, providerTs: null });
}

/**
 * What a retry of the same MO repeats, to derive its row id from; null when nothing tells a
 * retry from a new message (no provider id nor time), so the caller stores every call.
 * @example inboundKey("local", { from: "+51987654321", to: "PREGON", text: "BAJA", providerId: null, providerTs: "2026-11-29 15:04:05" })
 * // "local\n+51987654321\nts:2026-11-29 15:04:05\nBAJA"
 */
export function inboundKey(connectionId: string, sms: InboundSms): string | null {
  const mark = sms.providerId !== null ? `id:${sms.providerId}` : sms.providerTs !== null ? `ts:${sms.providerTs}` : null;
  return mark === null ? null : `${connectionId}\n${sms.from}\n${mark}\n${sms.text}`;
}

function finish(v: { from: string | null; to: string | null; text: string; providerId: string | null; providerTs: string | null }): InboundParse {
  if (v.from === null || v.from.trim() === "") return invalid("from", "is missing");
  const from = senderNumber(v.from);
  if (from === null) return invalid("from", `"${v.from.slice(0, 40)}" is not a phone number`);
  if (v.text.trim() === "") return invalid("text", "must not be empty");
  if (v.text.length > MAX_INBOUND_TEXT) return invalid("text", `must be at most ${MAX_INBOUND_TEXT} characters`);
  const clean = (s: string | null) => (s === null || s.trim() === "" ? null : s.trim().slice(0, 64));
  return { ok: true, sms: { from, to: clean(v.to), text: v.text, providerId: clean(v.providerId), providerTs: clean(v.providerTs) } };
}

/** Name/value pairs of a query with the values as octets ("+" is a space, %XX an octet). */
function rawBytesOf(query: string): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  for (const pair of query.replace(/^\?/, "").split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = new TextDecoder().decode(percentBytes(eq < 0 ? pair : pair.slice(0, eq)));
    out.push([name, percentBytes(eq < 0 ? "" : pair.slice(eq + 1))]);
  }
  return out;
}

function percentBytes(s: string): Uint8Array {
  const out: number[] = [];
  const plain = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "+") out.push(0x20);
    else if (ch === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const cp = s.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      out.push(...plain.encode(char));
      i += char.length - 1;
    }
  }
  return Uint8Array.from(out);
}

function hexBytes(hex: string): Uint8Array | null {
  const clean = hex.trim();
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Text of `bytes` in `charset` (empty or unknown names of UTF-8 read as UTF-8), null for a charset we do not read. */
function decodeCharset(bytes: Uint8Array, charset: string): string | null {
  switch (charset) {
    case "":
    case "UTF-8":
    case "UTF8":
      return new TextDecoder("utf-8").decode(bytes);
    case "UTF-16BE":
    case "UCS-2":
    case "UCS2":
    case "UTF-16":
      return new TextDecoder("utf-16be").decode(bytes);
    case "ISO-8859-1":
    case "LATIN1":
    case "WINDOWS-1252":
    case "CP1252":
      return new TextDecoder("windows-1252").decode(bytes);
    default:
      return null;
  }
}
