/**
 * DKIM signing (RFC 6376), relaxed/relaxed, with rsa-sha256 or ed25519-sha256 (RFC 8463). Per
 * message: one canonicalisation pass over the body and one SHA-256 of it, one relaxed copy of
 * about a dozen header fields, one signature. The key is imported once (dkim-keys.ts). Signed
 * fields are also "over-signed" (listed once more than they occur, and Reply-To even when
 * absent) so nobody can add a second From, Subject or List-Unsubscribe along the way without
 * breaking the signature (RFC 6376 §8.15).
 */
import { canonicalBodyRelaxed, canonicalHeader, parseHeaderFields } from "./dkim-canon";
import type { HeaderField } from "./dkim-canon";
import { bytesToBase64 } from "./dkim-keys";
import type { DkimKey } from "./dkim-keys";

export { generateDkimKeyPair, importDkimKey } from "./dkim-keys";
export type { DkimAlgorithm, DkimKey } from "./dkim-keys";

/** Fields signed when present, in this order. */
export const SIGNED_HEADERS = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type",
  "list-unsubscribe", "list-unsubscribe-post", "feedback-id", "reply-to"] as const;
/** Fields signed even when absent, so adding one later breaks the signature. */
const SIGNED_WHEN_ABSENT: ReadonlySet<string> = new Set(["reply-to"]);
const MAX_LINE = 78;

/**
 * The DKIM-Signature field, folded and ending in CRLF, to put straight before `headers`.
 * @example const dkim = await signDkim(m.headers, m.body, key, now); const wire = `${dkim}${m.headers}\r\n\r\n${m.body}`
 */
export async function signDkim(headers: string, body: string, key: DkimKey, now: Date): Promise<string> {
  const bodyHash = bytesToBase64(new Uint8Array(await crypto.subtle.digest("SHA-256", canonicalBodyRelaxed(body))));
  const fields = parseHeaderFields(headers);
  const { names, canonical } = selectHeaders(fields);
  const prefix = foldTags([
    ["v=1;"], [`a=${key.algorithm};`], ["c=relaxed/relaxed;"], [`d=${key.domain};`], [`s=${key.selector};`],
    [`t=${Math.floor(now.getTime() / 1000)};`], hTag(names), [`bh=${bodyHash};`], ["b="],
  ]);
  const data = new TextEncoder().encode(`${canonical}${canonicalHeader(prefix.text)}`);
  const signature = bytesToBase64(new Uint8Array(await sign(key, data)));
  return `${prefix.text}${foldValue(signature, prefix.lineLength)}\r\n`;
}

async function sign(key: DkimKey, data: Uint8Array): Promise<ArrayBuffer> {
  if (key.algorithm === "rsa-sha256") return crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, data);
  // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data itself.
  const digest = await crypto.subtle.digest("SHA-256", data);
  return crypto.subtle.sign("Ed25519", key.privateKey, digest);
}

/** h= names (with over-signing) and the relaxed header data they select, bottom-up per name. */
function selectHeaders(fields: readonly HeaderField[]): { names: string[]; canonical: string } {
  const names: string[] = [];
  let canonical = "";
  for (const name of SIGNED_HEADERS) {
    const matches = fields.filter((f) => f.lower === name);
    if (matches.length === 0 && !SIGNED_WHEN_ABSENT.has(name)) continue;
    for (let i = matches.length - 1; i >= 0; i--) canonical += `${canonicalHeader(matches[i]!.raw)}\r\n`;
    for (let i = 0; i <= matches.length; i++) names.push(name);
  }
  return { names, canonical };
}

/** The h= tag as pieces that may be folded after any colon. */
function hTag(names: readonly string[]): string[] {
  return names.map((n, i) => (i === 0 ? "h=" : "") + n + (i < names.length - 1 ? ":" : ";"));
}

/**
 * "DKIM-Signature: " and the tags, a space between tags, folded before a piece that would pass
 * 78 columns. Returns the text and the length of its last line.
 */
function foldTags(tags: readonly string[][]): { text: string; lineLength: number } {
  let text = "DKIM-Signature:";
  let lineLength = text.length;
  for (const pieces of tags) {
    pieces.forEach((piece, i) => {
      const sep = i === 0 ? " " : "";
      if (lineLength + sep.length + piece.length > MAX_LINE) {
        text += `\r\n ${piece}`;
        lineLength = 1 + piece.length;
      } else {
        text += sep + piece;
        lineLength += sep.length + piece.length;
      }
    });
  }
  return { text, lineLength };
}

/** The b= value cut into folded lines; whitespace inside it is ignored by verifiers. */
function foldValue(value: string, firstLineLength: number): string {
  let out = "";
  let i = 0;
  let room = MAX_LINE - firstLineLength;
  while (i < value.length) {
    if (room <= 0) {
      out += "\r\n ";
      room = MAX_LINE - 1;
    }
    out += value.slice(i, i + room);
    i += room;
    room = 0;
  }
  return out;
}
