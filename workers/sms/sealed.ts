/**
 * Provider passwords at rest (S1): AES-256-GCM under a key derived with HKDF from
 * DKIM_KEY_SECRET (LINK_SECRET when unset), the same secret and scheme as the DKIM keys of
 * sending domains (workers/email/domain-keys.ts) but with their own HKDF info, so neither key can
 * open the other's data. The ciphertext is bound to its connection (additional data): a sealed
 * password copied onto another row does not open. Stored as "v1.<iv>.<ciphertext>" in base64.
 */
import { bytesToBase64 } from "../../shared/email/dkim-keys";

const VERSION = "v1";
const enc = new TextEncoder();
const dec = new TextDecoder();

export type SealEnv = { DKIM_KEY_SECRET?: string; LINK_SECRET?: string };

async function sealingKey(env: SealEnv): Promise<CryptoKey> {
  const secret = env.DKIM_KEY_SECRET || env.LINK_SECRET;
  if (!secret) throw new Error("Set DKIM_KEY_SECRET (or LINK_SECRET) to store sealed secrets (SMS provider passwords, webhook secrets, social tokens)");
  const ikm = await crypto.subtle.importKey("raw", enc.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: enc.encode("pregon/sms-connections"), info: enc.encode("provider-password/v1") },
    ikm,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * `plain` sealed for the connection `connectionId`.
 * @example const stored = await sealPassword(env, "conn_1", "s3cret") // "v1.…"
 */
export async function sealPassword(env: SealEnv, connectionId: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: enc.encode(connectionId) }, await sealingKey(env), enc.encode(plain)));
  return `${VERSION}.${bytesToBase64(iv)}.${bytesToBase64(sealed)}`;
}

/**
 * The password sealed by sealPassword. Throws when the secret changed or the row was tampered
 * with: a platform fault, not a provider's refusal.
 * @example await openPassword(env, "conn_1", stored) // "s3cret"
 */
export async function openPassword(env: SealEnv, connectionId: string, stored: string): Promise<string> {
  const [version, iv, sealed] = stored.split(".");
  if (version !== VERSION || !iv || !sealed) throw new Error(`the sealed secret of ${connectionId} is not in a known format`);
  try {
    return dec.decode(await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv), additionalData: enc.encode(connectionId) }, await sealingKey(env), fromBase64(sealed)));
  } catch (e) {
    throw new Error(`the sealed secret of ${connectionId} does not decrypt: was DKIM_KEY_SECRET changed?`, { cause: e });
  }
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
