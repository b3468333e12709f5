/**
 * The contact-free public address of an email campaign (W6), `/v/p/<token>`: the token signs the
 * campaign id alone with the link key. Share links use it while the campaign is not in the public
 * archive, so a recipient who clicks "Compartir" never shares their own web version (`/v/<token>`,
 * with their name and their unsubscribe link). The MAC is taken over "public\n" + the payload,
 * where a recipient token's (links.ts) is over the payload alone: with the same key, neither kind
 * of token can pass for the other. Signed rather than the bare id, so nobody can walk through the
 * ids of campaigns that were never published.
 */

import { equalText, fromBase64Url, toBase64Url } from "../auth/crypto";

/** Where the public address lives; `/v/*` already reaches the Worker before the static assets. */
export const PUBLIC_CAMPAIGN_PATH = "/v/p/";

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const VERSION = "1";
const MAC_BYTES = 16;
const TOKEN = /^[A-Za-z0-9_-]{2,400}\.[A-Za-z0-9_-]{22}$/;

/**
 * The token of a campaign's public address. Throws RangeError for an id that cannot be one.
 * @example await signCampaignToken(key, "cmp_1") // "MWNtcF8x.…"
 */
export async function signCampaignToken(key: CryptoKey, campaignId: string): Promise<string> {
  if (campaignId === "" || campaignId.length > 200 || /\s/.test(campaignId)) throw new RangeError("campaignId must be 1–200 characters without spaces");
  const payload = toBase64Url(encoder.encode(`${VERSION}${campaignId}`));
  return `${payload}.${await mac(key, payload)}`;
}

/**
 * The campaign id of an intact token, or null for anything forged, altered, truncated, or a
 * recipient's link token.
 * @example await verifyCampaignToken(key, await signCampaignToken(key, "cmp_1")) // "cmp_1"
 */
export async function verifyCampaignToken(key: CryptoKey, token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const dot = token.indexOf(".");
  const payload = token.slice(0, dot);
  // Compared as text, so a changed spare bit in the last base64 character fails as well.
  if (!equalText(await mac(key, payload), token.slice(dot + 1))) return null;
  let text: string;
  try {
    text = strictDecoder.decode(fromBase64Url(payload));
  } catch {
    return null;
  }
  if (text[0] !== VERSION || text.length < 2 || /\s/.test(text)) return null;
  return text.slice(1);
}

/**
 * The full public address of a campaign under `base` (PUBLIC_URL).
 * @example publicCampaignUrl("https://p.pe/", "MWNtcF8x.abc") // "https://p.pe/v/p/MWNtcF8x.abc"
 */
export function publicCampaignUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, "")}${PUBLIC_CAMPAIGN_PATH}${token}`;
}

async function mac(key: CryptoKey, payload: string): Promise<string> {
  const full = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`public\n${payload}`)));
  return toBase64Url(full.subarray(0, MAC_BYTES));
}
