/**
 * Links in SMS text become per-recipient short links, `${base}/s/${code}`, so a click is
 * attributed to the recipient (S9, B10) and a long URL does not eat a segment.
 *
 * The code cannot carry the campaign, recipient and URL the way an email tracking token does
 * (shared/email/links.ts: 40+ characters); SMS characters are too dear. So it is a 10-character
 * base-62 digest (about 59 bits), HMAC-SHA256 under the same link key (`importLinkKey(LINK_SECRET)`)
 * over "sms-link:1", the scope (campaign or single-send id), the recipient (contact id or E.164)
 * and the URL. Anyone without the key cannot make or guess a valid code; the sender stores
 * code → (scope, recipient, URL) when it sends, and `/s/:code` looks it up and can recheck it with
 * verifyShortLinkCode. The same inputs always give the same code, so a retried send writes the
 * same row; on the rare clash with another row, `attempt` 1, 2 … gives a fresh code. The input
 * "sms-link:…" contains ":", which a base64url email-token payload never does, so the two kinds of
 * MAC cannot stand in for each other. Only letters and digits: every phone's link detection keeps
 * them inside the link.
 */

export type SmsLink = { url: string; start: number; end: number };
export type ShortLinkClaims = { scope: string; recipient: string | number; url: string };

export const SHORT_CODE_LENGTH = 10;
export const SHORT_PATH = "/s/";

const URL_CANDIDATE = /https?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?'"»”’)\]}]$/;
const CODE = /^[0-9A-Za-z]{10}$/;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const encoder = new TextEncoder();

/**
 * The http(s) URLs in `text`, without the punctuation that ends a sentence or closes an
 * unbalanced parenthesis; links already under `ownBase` + "/s/" are left out.
 * @example findLinks("Bases: https://www.gob.pe/convocatorias?año=2027. Gracias") // [{ url: "https://www.gob.pe/convocatorias?año=2027", start: 7, end: 48 }]
 */
export function findLinks(text: string, ownBase?: string): SmsLink[] {
  const own = ownBase === undefined ? null : trimBase(ownBase) + SHORT_PATH;
  const links: SmsLink[] = [];
  for (const m of text.matchAll(URL_CANDIDATE)) {
    let url = m[0];
    while (TRAILING.test(url) && !(url.endsWith(")") && count(url, "(") >= count(url, ")"))) url = url.slice(0, -1);
    if (!parses(url) || (own !== null && url.startsWith(own))) continue;
    links.push({ url, start: m.index, end: m.index + url.length });
  }
  return links;
}

/**
 * `text` with each found link replaced by the string at the same position of `replacements`.
 * @example replaceLinks("Ver https://a.pe/x", findLinks("Ver https://a.pe/x"), ["https://p.pe/s/0123456789"]) // "Ver https://p.pe/s/0123456789"
 */
export function replaceLinks(text: string, links: readonly SmsLink[], replacements: readonly string[]): string {
  if (links.length !== replacements.length) throw new RangeError("One replacement per link is needed");
  let out = "";
  let from = 0;
  links.forEach((link, i) => {
    out += text.slice(from, link.start) + replacements[i]!;
    from = link.end;
  });
  return out + text.slice(from);
}

/**
 * `text` with every link replaced by a short link of the final length (code "0000000000"), so
 * the composer counts characters and segments before any code exists.
 * @example withPlaceholderLinks("Ver https://www.gob.pe/muy/larga", "https://p.pe") // "Ver https://p.pe/s/0000000000"
 */
export function withPlaceholderLinks(text: string, base: string): string {
  const links = findLinks(text, base);
  return replaceLinks(text, links, links.map(() => shortLinkUrl(base, "0".repeat(SHORT_CODE_LENGTH))));
}

/**
 * The short link of a code.
 * @example shortLinkUrl("https://p.pe/", "aZ3kP9qW1x") // "https://p.pe/s/aZ3kP9qW1x"
 */
export function shortLinkUrl(base: string, code: string): string {
  return trimBase(base) + SHORT_PATH + code;
}

/**
 * The 10-character code of one recipient's link (see the file header).
 * @example await shortLinkCode(key, { scope: "cmp_1", recipient: 42, url: "https://www.gob.pe" }) // "4fKq0ZbT9c" (always the same for these inputs)
 */
export async function shortLinkCode(key: CryptoKey, claims: ShortLinkClaims, attempt = 0): Promise<string> {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError("attempt must be a non-negative integer");
  const input = `sms-link:1\n${claims.scope}\n${claims.recipient}\n${claims.url}\n${attempt}`;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(input)));
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(mac[i]!);
  let code = "";
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) {
    code += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return code;
}

/**
 * Whether `code` is the code of `claims` (compared without an early exit).
 * @example await verifyShortLinkCode(key, claims, code) // true
 */
export async function verifyShortLinkCode(key: CryptoKey, claims: ShortLinkClaims, code: string, attempt = 0): Promise<boolean> {
  if (!isShortLinkCode(code)) return false;
  const expected = await shortLinkCode(key, claims, attempt);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ code.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether `code` has the shape of a short-link code (check before any lookup).
 * @example isShortLinkCode("aZ3kP9qW1x") // true
 */
export function isShortLinkCode(code: string): boolean {
  return CODE.test(code);
}

/**
 * One recipient's copy of `text`: every link replaced by its short link, and the codes made, in
 * order, for the sender to store.
 * @example await shortenLinks(key, "Ver https://a.pe/x", { base: "https://p.pe", scope: "cmp_1", recipient: 42 }) // { text: "Ver https://p.pe/s/…", links: [{ url: "https://a.pe/x", code: "…" }] }
 */
export async function shortenLinks(
  key: CryptoKey,
  text: string,
  target: { base: string; scope: string; recipient: string | number },
): Promise<{ text: string; links: Array<{ url: string; code: string }> }> {
  const found = findLinks(text, target.base);
  const codes = await Promise.all(found.map((l) => shortLinkCode(key, { scope: target.scope, recipient: target.recipient, url: l.url })));
  return {
    text: replaceLinks(text, found, codes.map((c) => shortLinkUrl(target.base, c))),
    links: found.map((l, i) => ({ url: l.url, code: codes[i]! })),
  };
}

function trimBase(base: string): string {
  return base.replace(/\/+$/, "");
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function parses(url: string): boolean {
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}
