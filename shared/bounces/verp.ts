/**
 * The VERP return path of campaign mail, `b-<campaign id prefix>-<contact id base36>-<mac>@domain`
 * (built in workers/email/render.ts), read back: decode the parts, then verify the MAC against the
 * full campaign id, which only the database knows (the address carries its first 8 characters).
 * The MAC is the first 6 bytes of HMAC-SHA256(link key, "verp:<campaignId>:<contactId>"), so a
 * bounce address cannot be made up to suppress someone else.
 */

export type Verp = { campaignPrefix: string; contactId: number; mac: string };

const VERP = /^b-([0-9a-z-]{8})-([0-9a-z]{1,11})-([0-9a-f]{12})@/i;

/**
 * The parts of a VERP address; null when `address` is not one.
 * @example decodeVerp("b-3f2a9c1d-2s-0a1b2c3d4e5f@rebotes.empresa.pe") // { campaignPrefix: "3f2a9c1d", contactId: 100, mac: "0a1b2c3d4e5f" }
 */
export function decodeVerp(address: string | null | undefined): Verp | null {
  const m = VERP.exec((address ?? "").trim().replace(/^<|>$/g, ""));
  if (!m) return null;
  const contactId = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(contactId) || contactId <= 0) return null;
  return { campaignPrefix: m[1]!.toLowerCase(), contactId, mac: m[3]!.toLowerCase() };
}

/** The 12-hex MAC of a campaign and contact (the same computation as the sender's). */
export async function verpMac(key: CryptoKey, campaignId: string, contactId: number): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`verp:${campaignId}:${contactId}`));
  return [...new Uint8Array(sig).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Whether a decoded VERP belongs to `campaignId` and carries the right MAC (compared in constant time).
 * @example await verifyVerp(key, decodeVerp(addr)!, "3f2a9c1d-…") // true or false
 */
export async function verifyVerp(key: CryptoKey, verp: Verp, campaignId: string): Promise<boolean> {
  if (!campaignId.toLowerCase().startsWith(verp.campaignPrefix)) return false;
  const expected = await verpMac(key, campaignId, verp.contactId);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ verp.mac.charCodeAt(i);
  return diff === 0 && expected.length === verp.mac.length;
}

/**
 * Campaign and contact from a Message-ID written by renderFor, `<campaignId.contactId.time@domain>`;
 * null for any other Message-ID. Not authenticated by itself: callers match it to a stored delivery.
 * @example ourMessageId("<3f2a9c1d-0000-4000-8000-000000000001.42.lx3k@empresa.pe>") // { campaignId: "3f2a9c1d-…", contactId: 42 }
 */
export function ourMessageId(messageId: string | null | undefined): { campaignId: string; contactId: number } | null {
  const m = /^<?([0-9a-f-]{36})\.(\d{1,15})\.[0-9a-z]+@[^>\s]+>?$/i.exec((messageId ?? "").trim());
  return m ? { campaignId: m[1]!.toLowerCase(), contactId: Number(m[2]) } : null;
}
