/**
 * How each relay's webhook proves it came from the relay: Mailgun's HMAC-SHA256 over timestamp
 * and token, SendGrid's ECDSA P-256 signature over timestamp and body, Postmark's HTTP basic
 * auth. Timestamps older than MAX_SKEW_MS are refused (a replay is also harmless: writes are
 * idempotent). Comparisons of secrets run in constant time.
 */

export const MAX_SKEW_MS = 15 * 60 * 1000;
const enc = new TextEncoder();

/** Constant-time string equality. */
export function safeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

const fresh = (seconds: string, now: Date) => /^\d{1,12}$/.test(seconds) && Math.abs(now.getTime() - Number(seconds) * 1000) <= MAX_SKEW_MS;

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64.replace(/\s+/g, ""));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * @example await verifyMailgun(env.MAILGUN_WEBHOOK_SIGNING_KEY, body.signature, new Date())
 */
export async function verifyMailgun(signingKey: string, sig: { timestamp: string; token: string; signature: string }, now: Date): Promise<boolean> {
  if (!fresh(sig.timestamp, now)) return false;
  const key = await crypto.subtle.importKey("raw", enc.encode(signingKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(sig.timestamp + sig.token)));
  return safeEqual([...mac].map((b) => b.toString(16).padStart(2, "0")).join(""), sig.signature.toLowerCase());
}

/** An ASN.1 DER ECDSA signature (SEQUENCE of r and s) as the raw r‖s WebCrypto verifies. */
export function derToRawEcdsa(der: Uint8Array, size = 32): Uint8Array<ArrayBuffer> | null {
  if (der[0] !== 0x30) return null;
  let i = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
  const out = new Uint8Array(size * 2);
  for (let k = 0; k < 2; k++) {
    if (der[i] !== 0x02) return null;
    const len = der[i + 1]!;
    let v = der.subarray(i + 2, i + 2 + len);
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) return null;
    out.set(v, k * size + size - v.length);
    i += 2 + len;
  }
  return out;
}

/**
 * SendGrid's signed event webhook: the key is the base64 SPKI shown in SendGrid's settings.
 * @example await verifySendgrid(env.SENDGRID_WEBHOOK_PUBLIC_KEY, sigHeader, tsHeader, rawBody, new Date())
 */
export async function verifySendgrid(publicKey: string, signature: string, timestamp: string, body: string, now: Date): Promise<boolean> {
  if (!fresh(timestamp, now)) return false;
  try {
    const key = await crypto.subtle.importKey("spki", fromBase64(publicKey), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    const raw = derToRawEcdsa(fromBase64(signature));
    return raw !== null && (await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, raw, enc.encode(timestamp + body)));
  } catch {
    return false;
  }
}

/**
 * Postmark's webhook URL carries basic auth; `expected` is "user:password".
 * @example verifyBasic(c.req.header("authorization"), env.POSTMARK_WEBHOOK_AUTH)
 */
export function verifyBasic(header: string | undefined, expected: string): boolean {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!m) return false;
  try {
    return safeEqual(atob(m[1]!), expected);
  } catch {
    return false;
  }
}
