/**
 * Signed, expiring download tokens for exports (`/x/:token`). A token is
 * `base64url(payload) + "." + base64url(MAC)`, the same shape as the tracking tokens of
 * shared/email/links.ts and under the same key (`importLinkKey(LINK_SECRET)`): the payload is
 * "x1" (kind letter and format version), the export id, a newline and the expiry in Unix seconds
 * (base 36). The MAC is HMAC-SHA256 over the payload text truncated to 128 bits and compared as
 * text, so any altered or truncated character fails. A tracking token can never pass here (its
 * payload starts with "1"), nor an export token there. The expiry is inside the MAC, so a link
 * cannot be stretched; a token past it is told apart ("expired") so the page can say so.
 */
import { equalText, fromBase64Url, toBase64Url } from "../auth/crypto";

export type ExportTokenCheck = { ok: true; exportId: string; expiresAt: number } | { ok: false; reason: "invalid" | "expired" };

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const PREFIX = "x1";
const MAC_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{4,400}\.[A-Za-z0-9_-]{22}$/;
const EXPORT_ID = /^[A-Za-z0-9_-]{1,100}$/;
const SECONDS = /^[0-9a-z]{1,12}$/;

/**
 * A token for `exportId` valid until `expiresAt` (ms; rounded down to the second). Throws
 * RangeError for an id outside [A-Za-z0-9_-]{1,100} or a non-positive expiry.
 * @example await signExportToken(await importLinkKey(secret), "exp_1", Date.parse("2027-01-08T00:00:00Z")) // "eDFleHBfMQpzaGZrMDA.…"
 */
export async function signExportToken(key: CryptoKey, exportId: string, expiresAt: number): Promise<string> {
  if (!EXPORT_ID.test(exportId)) throw new RangeError("exportId must be 1-100 characters of [A-Za-z0-9_-]");
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= 0) throw new RangeError("expiresAt must be a positive integer (ms)");
  const payload = toBase64Url(encoder.encode(`${PREFIX}${exportId}\n${Math.floor(expiresAt / 1000).toString(36)}`));
  return `${payload}.${await mac(key, payload)}`;
}

/**
 * What a token says at `now` (ms): the export id and expiry of an intact, unexpired token;
 * `expired` for an intact one past its time; `invalid` for anything forged, altered or truncated.
 * @example await verifyExportToken(key, token, Date.now()) // { ok: true, exportId: "exp_1", expiresAt: 1799366400000 }
 */
export async function verifyExportToken(key: CryptoKey, token: string, now: number): Promise<ExportTokenCheck> {
  const invalid = { ok: false, reason: "invalid" } as const;
  if (!TOKEN.test(token)) return invalid;
  const dot = token.indexOf(".");
  const payload = token.slice(0, dot);
  if (!equalText(await mac(key, payload), token.slice(dot + 1))) return invalid;
  let text: string;
  try {
    text = strictDecoder.decode(fromBase64Url(payload));
  } catch {
    return invalid;
  }
  const nl = text.indexOf("\n");
  const exportId = text.slice(PREFIX.length, nl);
  const seconds = text.slice(nl + 1);
  if (!text.startsWith(PREFIX) || nl < 0 || !EXPORT_ID.test(exportId) || !SECONDS.test(seconds)) return invalid;
  const expiresAt = parseInt(seconds, 36) * 1000;
  if (now >= expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, exportId, expiresAt };
}

async function mac(key: CryptoKey, payload: string): Promise<string> {
  const full = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return toBase64Url(full.subarray(0, MAC_BYTES));
}
