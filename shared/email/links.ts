/**
 * Signed tracking tokens for clicks, opens, unsubscribes and web views, and the link rewriting
 * that puts them in a message. A token is `base64url(payload) + "." + base64url(MAC)`, the MAC
 * being HMAC-SHA256 over the payload's base64url text truncated to 128 bits; any change to any
 * character fails, including the spare bits of the last base64 character, because the MAC is
 * compared as text. The payload is "1" (format version), a kind letter, the campaign id, then
 * the contact id and for clicks the target URL, newline-separated: compact, and the URL cannot
 * be swapped (no open redirect). HMAC goes through WebCrypto; the key is imported once.
 */
import { equalText, fromBase64Url, toBase64Url } from "../auth/crypto";
import { applyLinks, prepareLinks, TRACK_PATHS } from "./link-scan";

export { applyLinks, decodeEntities, PIXEL, prepareLinks, TRACK_PATHS } from "./link-scan";
export type { LinkTokens, PreparedLinks } from "./link-scan";

export type LinkKind = "click" | "open" | "unsubscribe" | "view";
export type LinkClaims = { kind: LinkKind; campaignId: string; contactId: number; url?: string };
export type LinkBase = { baseUrl: string; campaignId: string; contactId: number };

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const VERSION = "1";
const KIND_LETTER: Readonly<Record<LinkKind, string>> = { click: "c", open: "o", unsubscribe: "u", view: "v" };
const LETTER_KIND: Readonly<Record<string, LinkKind>> = { c: "click", o: "open", u: "unsubscribe", v: "view" };
const MAC_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{4,4096}\.[A-Za-z0-9_-]{22}$/;
const CONTACT_ID = /^(0|[1-9]\d{0,15})$/;

/**
 * The HMAC key for tokens, from a secret of at least 16 characters (misconfiguration throws);
 * production should use 32 random bytes or more.
 * @example const key = await importLinkKey(env.LINK_SECRET)
 */
export async function importLinkKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 16) throw new Error("The link signing secret must be at least 16 characters");
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/**
 * A compact URL-safe token for `claims`. Throws RangeError for claims that cannot be encoded.
 * @example await signToken(key, { kind: "open", campaignId: "cmp_1", contactId: 42 }) // "MW9jbXBfMQo0Mg.…"
 */
export async function signToken(key: CryptoKey, claims: LinkClaims): Promise<string> {
  if (!Number.isSafeInteger(claims.contactId) || claims.contactId < 0) throw new RangeError("contactId must be a non-negative integer");
  if (claims.campaignId === "" || claims.campaignId.includes("\n")) throw new RangeError("campaignId must be non-empty without line breaks");
  if ((claims.kind === "click") !== (claims.url !== undefined)) throw new RangeError("A url is required for click tokens and only for them");
  const text = `${VERSION}${KIND_LETTER[claims.kind]}${claims.campaignId}\n${claims.contactId}${claims.url === undefined ? "" : `\n${claims.url}`}`;
  const payload = toBase64Url(encoder.encode(text));
  return `${payload}.${await mac(key, payload)}`;
}

/**
 * The claims of an intact token, or null for anything altered, truncated or malformed.
 * @example await verifyToken(key, token) // { kind: "open", campaignId: "cmp_1", contactId: 42 }
 */
export async function verifyToken(key: CryptoKey, token: string): Promise<LinkClaims | null> {
  if (!TOKEN.test(token)) return null;
  const dot = token.indexOf(".");
  const payload = token.slice(0, dot);
  if (!equalText(await mac(key, payload), token.slice(dot + 1))) return null;
  let text: string;
  try {
    text = strictDecoder.decode(fromBase64Url(payload));
  } catch {
    return null;
  }
  if (text[0] !== VERSION) return null;
  const kind = LETTER_KIND[text[1] ?? ""];
  const first = text.indexOf("\n");
  if (kind === undefined || first < 3) return null;
  const second = text.indexOf("\n", first + 1);
  const id = text.slice(first + 1, second < 0 ? undefined : second);
  if (!CONTACT_ID.test(id) || (kind === "click") !== second >= 0) return null;
  const claims: LinkClaims = { kind, campaignId: text.slice(2, first), contactId: Number(id) };
  if (second >= 0) claims.url = text.slice(second + 1);
  return claims;
}

/**
 * Tokens for one recipient's copy of a prepared document: a click token per link and the open token.
 * @example await signLinks(key, prepared.links, { baseUrl, campaignId: "cmp_1", contactId: 42 }) // { clicks: [...], open: "…" }
 */
export async function signLinks(key: CryptoKey, urls: readonly string[], base: LinkBase): Promise<{ clicks: string[]; open: string }> {
  const { campaignId, contactId } = base;
  const [open, ...clicks] = await Promise.all([
    signToken(key, { kind: "open", campaignId, contactId }),
    ...urls.map((url) => signToken(key, { kind: "click", campaignId, contactId, url })),
  ]);
  return { clicks, open: open! };
}

/**
 * The full tracking URL of a kind without a target (unsubscribe, view, open).
 * @example await trackingUrl(key, "unsubscribe", base) // "https://t.pregon.pe/u/MXVj…"
 */
export async function trackingUrl(key: CryptoKey, kind: Exclude<LinkKind, "click">, base: LinkBase): Promise<string> {
  const token = await signToken(key, { kind, campaignId: base.campaignId, contactId: base.contactId });
  return base.baseUrl.replace(/\/+$/, "") + TRACK_PATHS[kind] + token;
}

/**
 * Rewrite every tracked http(s) <a href> to baseUrl + "/t/c/" + token and add the open pixel.
 * Links already on baseUrl's tracking paths (unsubscribe, web version) are left as they are.
 * For a campaign, prefer compileTrackedHtml (compose.ts), which finds the links once.
 * @example await rewriteLinks('<a href="https://x.pe">x</a>', key, base) // { html: '<a href="https://t…/t/c/…">x</a><img …>', links: ["https://x.pe"] }
 */
export async function rewriteLinks(html: string, key: CryptoKey, base: LinkBase): Promise<{ html: string; links: string[] }> {
  const prepared = prepareLinks(html, base.baseUrl);
  const tokens = await signLinks(key, prepared.links, base);
  return { html: applyLinks(prepared, tokens, base.baseUrl), links: prepared.links };
}

async function mac(key: CryptoKey, payload: string): Promise<string> {
  const full = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return toBase64Url(full.subarray(0, MAC_BYTES));
}
