/**
 * The webhook a custom SMS keyword can call (S6 triggers): the JSON body we post and its
 * signature, so the receiver can tell our call from a forgery and a replay from a new one.
 *
 * Signature (the scheme Stripe and others use, easy to check in any language):
 *   X-Pregon-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The secret is the keyword's own (shown to the account's owner and admins with the keyword),
 * derived from the deployment's link secret, so nothing new needs storing and it stays stable.
 * A receiver recomputes the HMAC over the raw body and rejects a `t` older than a few minutes.
 */

export const SIGNATURE_HEADER = "X-Pregon-Signature";

export type KeywordWebhookBody = {
  event: "sms.keyword";
  keyword: string;
  inboundId: string;
  from: string;
  to: string | null;
  text: string;
  contactId: number | null;
  receivedAt: string;
};

/**
 * Lower-case hex HMAC-SHA256 of `message` under `key`.
 * @example await hmacHex("k", "m") // "…64 hex digits…"
 */
export async function hmacHex(key: string, message: string): Promise<string> {
  const k = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(message)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The secret a keyword's webhook calls are signed with.
 * @example await keywordWebhookSecret("link-secret", "kw_1") // "whsec_" + 43 characters
 */
export async function keywordWebhookSecret(linkSecret: string, keywordId: string): Promise<string> {
  return `whsec_${(await hmacHex(linkSecret, `sms-keyword-webhook:${keywordId}`)).slice(0, 43)}`;
}

/**
 * The header value for `body` sent at `seconds` (Unix time).
 * @example await signWebhook("whsec_x", '{"a":1}', 1790000000) // "t=1790000000,v1=…"
 */
export async function signWebhook(secret: string, body: string, seconds: number): Promise<string> {
  return `t=${seconds},v1=${await hmacHex(secret, `${seconds}.${body}`)}`;
}

/**
 * Whether `header` signs `body` with `secret` within `toleranceSeconds` of `nowSeconds` (what a
 * receiver does; our tests use it too).
 * @example await verifyWebhook("whsec_x", body, await signWebhook("whsec_x", body, 100), 120) // true
 */
export async function verifyWebhook(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): Promise<boolean> {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isSafeInteger(t) || typeof parts.v1 !== "string" || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = await hmacHex(secret, `${t}.${body}`);
  if (expected.length !== parts.v1.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ parts.v1.charCodeAt(i);
  return diff === 0;
}
