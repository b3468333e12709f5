/**
 * Small helpers of the SMS end-to-end tests: calling a sendsms URL with raw bytes where Kannel
 * wants them (the UDH), "bold" text in Unicode Mathematical Bold, the UCS-2 bytes of a text, and
 * splitting a long UCS-2 text at surrogate-pair boundaries into parts with a concatenation UDH,
 * done by hand here until the product's own splitter (shared/sms) is used instead.
 */
import { createServer, type AddressInfo } from "node:net";

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** GET `sendsmsUrl` with `params` (form-encoded, UTF-8) plus `raw` already encoded (e.g. udh=%05%00…). */
export async function sendsms(sendsmsUrl: string, params: Record<string, string>, raw = ""): Promise<{ status: number; body: string }> {
  const query = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  if (raw) query.push(raw);
  const res = await fetch(`${sendsmsUrl}?${query.join("&")}`);
  return { status: res.status, body: await res.text() };
}

/** A–Z and a–z as Mathematical Bold (U+1D400…), two UTF-16 units each; other characters as they are. */
export function bold(text: string): string {
  return [...text]
    .map((c) => {
      if (c >= "A" && c <= "Z") return String.fromCodePoint(0x1d400 + c.charCodeAt(0) - 65);
      if (c >= "a" && c <= "z") return String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97);
      return c;
    })
    .join("");
}

/** The UCS-2 (UTF-16 big-endian) bytes of `text`, as hex. */
export function ucs2Hex(text: string): string {
  return Buffer.from(text, "utf16le").swap16().toString("hex");
}

/** Whether `text` holds half of a surrogate pair. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Cuts `text` into parts of at most `units` UTF-16 units without splitting a pair (67: a UCS-2 part after a 6-byte UDH). */
export function splitUcs2(text: string, units = 67): string[] {
  const parts: string[] = [];
  let current = "";
  for (const c of text) {
    if (current.length + c.length > units) (parts.push(current), (current = ""));
    current += c;
  }
  if (current) parts.push(current);
  return parts;
}

/** The concatenation UDH 05 00 03 ref total seq, as bytes. */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, ref, total, seq]);
}

/** Bytes as a URL query value, every byte %XX (how Kannel takes binary parameters such as udh). */
export function percentBytes(bytes: Buffer): string {
  return [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
}
