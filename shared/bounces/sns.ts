/**
 * Amazon SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) checked
 * with the signing certificate: the canonical string to sign, the certificate's public key read
 * from its DER (WebCrypto imports keys, not certificates), and the rule for where a certificate
 * may come from (https on an sns.<region>.amazonaws.com host, never a URL the sender chose).
 */
import { z } from "zod";
import { fromBase64 } from "./signatures";

export const snsMessage = z.object({
  Type: z.enum(["Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"]),
  MessageId: z.string(),
  TopicArn: z.string(),
  Message: z.string(),
  Timestamp: z.string(),
  SignatureVersion: z.enum(["1", "2"]),
  Signature: z.string(),
  SigningCertURL: z.string(),
  Subject: z.string().optional(),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
});
export type SnsMessage = z.infer<typeof snsMessage>;

/** Whether `url` is an SNS host over https (certificates and subscription confirmations). */
export function isSnsUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(u.hostname);
  } catch {
    return false;
  }
}

/**
 * The string SNS signs: the message's fields in a fixed order, each "Name\nvalue\n".
 * @example snsStringToSign(msg) // "Message\n…\nMessageId\n…\n…Type\nNotification\n"
 */
export function snsStringToSign(m: SnsMessage): string {
  const keys = m.Type === "Notification" ? ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
  return keys.filter((k) => m[k as keyof SnsMessage] !== undefined).map((k) => `${k}\n${m[k as keyof SnsMessage]}\n`).join("");
}

/** Reads one DER element at `i`: its tag, where its content starts and ends. */
function element(der: Uint8Array, i: number): { tag: number; start: number; end: number } {
  const tag = der[i]!;
  let len = der[i + 1]!;
  let start = i + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + der[i + 2 + k]!;
    start += n;
  }
  if (start + len > der.length) throw new Error("truncated DER");
  return { tag, start, end: start + len };
}

/** The SubjectPublicKeyInfo of an X.509 certificate (PEM), as DER bytes. */
export function spkiOfCertificate(pem: string): Uint8Array<ArrayBuffer> {
  const der = fromBase64(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, ""));
  const cert = element(der, 0);
  const tbs = element(der, cert.start);
  let i = tbs.start;
  // version [0] (optional), serialNumber, signature, issuer, validity, subject, then the key.
  if (element(der, i).tag === 0xa0) i = element(der, i).end;
  for (let k = 0; k < 5; k++) i = element(der, i).end;
  const spki = element(der, i);
  if (spki.tag !== 0x30) throw new Error("no SubjectPublicKeyInfo");
  return der.slice(i, spki.end);
}

/**
 * Whether `m` is signed by the certificate `certPem`.
 * @example await verifySns(msg, await (await fetch(msg.SigningCertURL)).text())
 */
export async function verifySns(m: SnsMessage, certPem: string): Promise<boolean> {
  try {
    const hash = m.SignatureVersion === "1" ? "SHA-1" : "SHA-256";
    const key = await crypto.subtle.importKey("spki", spkiOfCertificate(certPem), { name: "RSASSA-PKCS1-v1_5", hash }, false, ["verify"]);
    return await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, fromBase64(m.Signature), new TextEncoder().encode(snsStringToSign(m)));
  } catch {
    return false;
  }
}
