/**
 * DKIM keys of sending domains: an RSA-2048 pair made with WebCrypto (RSASSA-PKCS1-v1_5,
 * SHA-256), the public half as base64 SPKI for the `p=` of the DNS record, the private half as
 * PKCS#8 encrypted at rest with AES-256-GCM. The encryption key is derived with HKDF from
 * DKIM_KEY_SECRET (LINK_SECRET when unset), and the ciphertext is bound to its account and
 * domain (additional data), so a stored key copied onto another row does not decrypt.
 */
import { bytesToBase64 } from "../../shared/email/dkim-keys";
import type { DkimKey } from "../../shared/email/dkim";

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const VERSION = "v1";
const enc = new TextEncoder();

export type SecretEnv = { DKIM_KEY_SECRET?: string; LINK_SECRET?: string };
export type NewDomainKey = { publicKey: string; encryptedPrivateKey: string };

/** The secret keys are sealed under; a deployment without one is misconfigured. */
function secretOf(env: SecretEnv): string {
  const secret = env.DKIM_KEY_SECRET || env.LINK_SECRET;
  if (!secret) throw new Error("Set DKIM_KEY_SECRET (or LINK_SECRET) to store the DKIM keys of sending domains");
  return secret;
}

const aad = (accountId: string, domain: string) => enc.encode(`${accountId}:${domain}`);

async function sealingKey(env: SecretEnv): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey("raw", enc.encode(secretOf(env)), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: enc.encode("pregon/sending-domains"), info: enc.encode("dkim-private-key/v1") },
    ikm,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * A new key pair for `domain` of `accountId`: the base64 SPKI to publish and the sealed private key to store.
 * @example const { publicKey, encryptedPrivateKey } = await generateDomainKey(env, "acc_1", "muni.gob.pe")
 */
export async function generateDomainKey(env: SecretEnv, accountId: string, domain: string): Promise<NewDomainKey> {
  const pair = (await crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(accountId, domain) }, await sealingKey(env), pkcs8));
  return { publicKey: bytesToBase64(spki), encryptedPrivateKey: `${VERSION}.${bytesToBase64(iv)}.${bytesToBase64(sealed)}` };
}

/**
 * The signing key of a stored domain row (non-extractable), with `d=` the domain and `s=` its selector.
 * Throws when the secret changed or the row was tampered with: a platform fault, not a user error.
 * @example const key = await openDomainKey(env, row.account_id, row.domain, row.selector, row.private_key)
 */
export async function openDomainKey(env: SecretEnv, accountId: string, domain: string, selector: string, stored: string): Promise<DkimKey> {
  const [version, iv, sealed] = stored.split(".");
  if (version !== VERSION || !iv || !sealed) throw new Error(`the DKIM key of ${domain} is not in a known format`);
  let pkcs8: ArrayBuffer;
  try {
    pkcs8 = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv), additionalData: aad(accountId, domain) }, await sealingKey(env), fromBase64(sealed));
  } catch (e) {
    throw new Error(`the DKIM key of ${domain} does not decrypt: was DKIM_KEY_SECRET changed?`, { cause: e });
  }
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, RSA, false, ["sign"]);
  return { domain, selector, algorithm: "rsa-sha256", privateKey };
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
