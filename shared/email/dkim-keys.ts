/**
 * DKIM keys through WebCrypto: import a PEM private key once per sender (never per message),
 * and generate a key pair with the TXT record value to publish at
 * `<selector>._domainkey.<domain>`. RSA keys may be PKCS#8 ("BEGIN PRIVATE KEY") or the older
 * PKCS#1 ("BEGIN RSA PRIVATE KEY") that `openssl genrsa` still writes; the latter is wrapped in
 * a PKCS#8 envelope here since WebCrypto only reads PKCS#8. Ed25519 follows RFC 8463: the DNS
 * value is the raw 32-byte public key. A bad key, domain or selector is a misconfiguration and
 * throws.
 */

export type DkimAlgorithm = "rsa-sha256" | "ed25519-sha256";
export type DkimKey = { domain: string; selector: string; algorithm: DkimAlgorithm; privateKey: CryptoKey };

const RSA_PARAMS = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const ED_PARAMS = { name: "Ed25519" } as const;
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const SELECTOR = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/;
const PEM = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/;
// AlgorithmIdentifier { rsaEncryption, NULL } and version 0, for wrapping PKCS#1 in PKCS#8.
const RSA_ALGORITHM_ID = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
const VERSION_0 = [0x02, 0x01, 0x00];

/**
 * Import a PEM private key for signing; non-extractable.
 * @example const key = await importDkimKey(pem, "rsa-sha256", "muni.gob.pe", "pregon1")
 */
export async function importDkimKey(pem: string, algorithm: DkimAlgorithm, domain: string, selector: string): Promise<DkimKey> {
  if (!DOMAIN.test(domain)) throw new Error(`DKIM domain is not a host name: ${JSON.stringify(domain)}`);
  if (!SELECTOR.test(selector)) throw new Error(`DKIM selector is not valid: ${JSON.stringify(selector)}`);
  const m = PEM.exec(pem);
  if (m === null) throw new Error("DKIM key is not PEM: expected -----BEGIN PRIVATE KEY-----");
  let der = base64ToBytes(m[2]!.replace(/\s+/g, ""));
  if (m[1] === "RSA PRIVATE KEY") {
    if (algorithm !== "rsa-sha256") throw new Error("An RSA PRIVATE KEY cannot sign ed25519-sha256");
    der = derSequence([...VERSION_0, ...RSA_ALGORITHM_ID, ...derElement(0x04, der)]);
  } else if (m[1] !== "PRIVATE KEY") {
    throw new Error(`DKIM key must be PKCS#8 (BEGIN PRIVATE KEY), got BEGIN ${m[1]}`);
  }
  try {
    const params = algorithm === "rsa-sha256" ? RSA_PARAMS : ED_PARAMS;
    const privateKey = await crypto.subtle.importKey("pkcs8", der, params, false, ["sign"]);
    return { domain, selector, algorithm, privateKey };
  } catch (e) {
    throw new Error(`DKIM key could not be imported as ${algorithm}`, { cause: e });
  }
}

/**
 * A new key pair: the PKCS#8 PEM to keep secret and the TXT value to publish.
 * @example await generateDkimKeyPair("ed25519-sha256") // { privatePem: "-----BEGIN PRIVATE KEY-----…", publicDnsValue: "v=DKIM1; k=ed25519; p=…" }
 */
export async function generateDkimKeyPair(algorithm: DkimAlgorithm): Promise<{ privatePem: string; publicDnsValue: string }> {
  if (algorithm === "rsa-sha256") {
    const pair = (await crypto.subtle.generateKey(
      { ...RSA_PARAMS, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const spki = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
    return { privatePem: await privatePem(pair.privateKey), publicDnsValue: `v=DKIM1; k=rsa; p=${bytesToBase64(spki)}` };
  }
  const pair = (await crypto.subtle.generateKey(ED_PARAMS, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { privatePem: await privatePem(pair.privateKey), publicDnsValue: `v=DKIM1; k=ed25519; p=${bytesToBase64(raw)}` };
}

async function privatePem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array((await crypto.subtle.exportKey("pkcs8", key)) as ArrayBuffer);
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`;
}

/**
 * Standard base64 of bytes (signatures, keys): chunked so large inputs stay within argument limits.
 * @example bytesToBase64(new Uint8Array([1, 2, 3])) // "AQID"
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 8192) bin += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(bin);
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  let bin: string;
  try {
    bin = atob(b64);
  } catch (e) {
    throw new Error("DKIM key PEM has invalid base64", { cause: e });
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function derElement(tag: number, content: Uint8Array | number[]): number[] {
  return [tag, ...derLength(content.length), ...content];
}

function derSequence(content: number[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(derElement(0x30, content));
}
