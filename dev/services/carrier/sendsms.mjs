/**
 * Kannel's sendsms HTTP interface (`/cgi-bin/sendsms`) as the local carrier understands it: the
 * same parameters (username, password, from, to, text, coding, charset, udh, dlr-mask, dlr-url),
 * the same answers, status codes and texts that Debian's Kannel 1.4.5 gives (202 "0: Accepted
 * for delivery", 403 "Authorization failed for sendsms", 400 "Missing receiver number,
 * rejected"…), and the same quirks a product must live with: without coding=2 a character
 * outside GSM 03.38 arrives as "?"; coding=2 without charset takes the bytes as UTF-16BE; a long
 * text is cut into 153-septet / 67-unit parts (a UCS-2 cut may split a surrogate pair, which the
 * page flags) and silently truncated past max-messages, still answered 202.
 *
 * Pure: a raw query string in, a verdict out.
 */
import smpp from "smpp";
import { parseConcat } from "../../sms/smpp-codec.mjs";

/** Kannel's answers (status, text/html body). */
export const ANSWERS = {
  accepted: [202, "0: Accepted for delivery"],
  auth: [403, "Authorization failed for sendsms"],
  noTo: [400, "Missing receiver number, rejected"],
  noFrom: [400, "Sender missing and no global set, rejected"],
  coding: [400, "Coding field misformed, rejected"],
  charset: [400, "Charset or body misformed, rejected"],
  number: [400, "Number(s) has/have been denied by white- and/or black-lists."],
};

/**
 * Parses a query string keeping each value's bytes ("+" is a space, %XX a byte): the text's
 * charset is only known once `charset` and `coding` are read.
 * @example parseQuery("text=Hola+%C3%A1&to=519").get("text") // → <Buffer 48 6f 6c 61 20 c3 a1>
 */
export function parseQuery(query) {
  const params = new Map();
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decodeBytes(eq < 0 ? pair : pair.slice(0, eq)).toString("latin1");
    if (!params.has(key)) params.set(key, decodeBytes(eq < 0 ? "" : pair.slice(eq + 1)));
  }
  return params;
}

/**
 * Reads one sendsms request. `user` is `{ username, password, maxMessages }`.
 * Returns `{ ok: false, status, body }` with Kannel's answer, or `{ ok: true, status, body,
 * messages }` with one message per receiver (Kannel accepts several, separated by spaces).
 * @example readSendsms(parseQuery("username=u&password=p&from=PREGON&to=51987654321&text=Hola"), user)
 */
export function readSendsms(params, user) {
  const str = (key) => (params.has(key) ? params.get(key).toString("utf8") : undefined);
  const answer = ([status, body]) => ({ ok: false, status, body });
  if (str("username") !== user.username || str("password") !== user.password) return answer(ANSWERS.auth);
  const to = (str("to") ?? "").trim();
  if (!to) return answer(ANSWERS.noTo);
  const from = str("from");
  if (!from) return answer(ANSWERS.noFrom);
  const coding = params.has("coding") ? Number(str("coding")) : 0;
  if (![0, 1, 2].includes(coding)) return answer(ANSWERS.coding);
  const numbers = to.split(/\s+/);
  if (numbers.some((n) => !/^\+?\d{1,20}$/.test(n))) return answer(ANSWERS.number);
  const text = decodeText(params.get("text") ?? Buffer.alloc(0), coding, str("charset"));
  if (text === null) return answer(ANSWERS.charset);
  const udh = params.get("udh")?.length ? params.get("udh") : null;
  const dlrMask = Number.parseInt(str("dlr-mask") ?? "0", 10) || 0;
  const split = udh ? { count: 1, truncated: false, brokenPair: false } : splitCount(text, coding, user.maxMessages);
  const messages = numbers.map((number) => ({
    from,
    to: number.replace(/^\+/, ""),
    text,
    coding,
    udh: udh ? udh.toString("hex") : null,
    concat: udh ? parseConcat(udh) : null,
    segments: split.count,
    truncated: split.truncated,
    brokenPair: split.brokenPair,
    dlrMask,
    dlrUrl: str("dlr-url") ?? null,
  }));
  return { ok: true, status: ANSWERS.accepted[0], body: ANSWERS.accepted[1], messages };
}

/** The text as the handset would show it, or null for an unknown charset. */
function decodeText(bytes, coding, charset) {
  const cs = (charset ?? (coding === 2 ? "UTF-16BE" : "UTF-8")).toUpperCase().replace(/_/g, "-");
  let text;
  if (cs === "UTF-8" || cs === "UTF8") text = bytes.toString("utf8");
  else if (cs === "ISO-8859-1" || cs === "LATIN1" || cs === "WINDOWS-1252") text = bytes.toString("latin1");
  else if (cs === "UTF-16BE" || cs === "UCS-2" || cs === "UCS-2BE") text = Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16().toString("utf16le");
  else return null;
  if (coding === 0) return [...text].map((c) => (smpp.encodings.ASCII.match(c) ? c : "?")).join("");
  if (coding === 1) return bytes.toString("latin1"); // 8-bit data: shown byte by byte
  return text;
}

/**
 * How many parts Kannel would send: GSM 160 septets in one, else 153 a part (extension
 * characters count two); 8-bit 140 / 134 bytes; UCS-2 70 / 67 UTF-16 units, cut without regard
 * for surrogate pairs (`brokenPair` when a cut falls inside one).
 */
export function splitCount(text, coding, maxMessages) {
  let size;
  let single;
  let per;
  let brokenPair = false;
  if (coding === 2) {
    [size, single, per] = [text.length, 70, 67];
    if (size > single) {
      for (let cut = per; cut < size; cut += per) {
        const unit = text.charCodeAt(cut - 1);
        if (unit >= 0xd800 && unit <= 0xdbff) brokenPair = true;
      }
    }
  } else if (coding === 1) {
    [size, single, per] = [Buffer.byteLength(text, "latin1"), 140, 134];
  } else {
    size = [...text].reduce((n, c) => n + smpp.encodings.ASCII.encode(c).length, 0);
    [single, per] = [160, 153];
  }
  const count = size <= single ? 1 : Math.ceil(size / per);
  return { count: Math.min(count, maxMessages), truncated: count > maxMessages, brokenPair };
}

function decodeBytes(s) {
  const chunks = s
    .replace(/\+/g, " ")
    .split(/(%[0-9a-fA-F]{2})/)
    .map((token) => (/^%[0-9a-fA-F]{2}$/.test(token) ? Buffer.from([Number.parseInt(token.slice(1), 16)]) : Buffer.from(token, "utf8")));
  return Buffer.concat(chunks);
}
