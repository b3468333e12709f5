/**
 * Builds one campaign email as an RFC 5322 / MIME message, apart from any sending (CONVENTIONS
 * rule 3): multipart/alternative with the text part first and the HTML part second (clients
 * show the last one they can), both UTF-8 and quoted-printable, headers folded and encoded by
 * header.ts. Everything is CRLF; dot-stuffing is the SMTP writer's job. No Return-Path header
 * is written: the receiving server adds it from MAIL FROM, which is `returnPath` (the VERP
 * bounce address) and is handed to the sender alongside the message.
 */
import { addressHeader, listHeader, sanitizeHeaderValue, unstructuredHeader } from "./header";
import { escapeHtml } from "./merge";
import { encodeQuotedPrintable } from "./qp";

export type OutgoingEmail = {
  from: { name: string; address: string };
  to: string;
  replyTo?: string | null;
  subject: string;
  /** Plain text shown by inboxes after the subject; HTML-escaped here. */
  preheader?: string | null;
  html: string;
  text: string;
  /** "<id@domain>" */
  messageId: string;
  date: Date;
  /** VERP address used as MAIL FROM, e.g. "b-<campaign>-<contact>-<mac>@bounces.example.org"; not written as a header. */
  returnPath: string;
  /** RFC 2369 List-Unsubscribe plus RFC 8058 one-click: the URL must accept POST. */
  listUnsubscribe: { url: string; mailto?: string | null };
  /** "campaignId:accountId:pregon" (Gmail Feedback-ID). */
  feedbackId: string;
  /** Extra headers such as X-Pregon-Campaign; may not replace the ones built here. */
  headers?: Record<string, string>;
};

export type BuiltMime = { headers: string; body: string };

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const OWN_HEADERS = new Set(["from", "to", "reply-to", "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding",
  "list-unsubscribe", "list-unsubscribe-post", "feedback-id", "dkim-signature", "return-path", "bcc", "cc", "sender"]);
const HEADER_NAME = /^[!-9;-~]+$/;
const MESSAGE_ID = /^<[^\s<>@]+@[^\s<>@]+>$/;
const BODY_TAG = /<body\b[^>]*>/i;
// The usual invisible-preheader recipe: hidden in every client, followed by zero-width
// padding so the inbox preview does not run on into the body text.
const PREHEADER_STYLE = "display:none!important;visibility:hidden;mso-hide:all;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;color:transparent";
const PREHEADER_PAD = "&#847;&zwnj;&nbsp;".repeat(60);

/**
 * Headers (CRLF-joined, no trailing CRLF, folded at 78) and body (CRLF, ends with CRLF). The
 * message on the wire is `headers + "\r\n\r\n" + body`, after any DKIM-Signature field
 * (signDkim's ends in CRLF; see `joinMessage`). Throws RangeError for an unusable address, Message-ID or extra header.
 * @example buildMime({ from: { name: "SUNAT", address: "avisos@sunat.gob.pe" }, to: "ana@x.pe", subject: "Hola", html, text, … })
 */
export function buildMime(e: OutgoingEmail): BuiltMime {
  if (!MESSAGE_ID.test(e.messageId)) throw new RangeError(`Message-ID must look like <id@domain>: ${JSON.stringify(e.messageId)}`);
  const boundary = randomBoundary();
  const lines = [
    addressHeader("From", e.from.name, e.from.address),
    addressHeader("To", "", e.to),
  ];
  if (e.replyTo) lines.push(addressHeader("Reply-To", "", e.replyTo));
  lines.push(
    unstructuredHeader("Subject", e.subject),
    `Date: ${rfc5322Date(e.date)}`,
    `Message-ID: ${e.messageId}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  );
  const unsubscribe = e.listUnsubscribe.mailto ? [`<mailto:${e.listUnsubscribe.mailto}>`, `<${e.listUnsubscribe.url}>`] : [`<${e.listUnsubscribe.url}>`];
  lines.push(listHeader("List-Unsubscribe", unsubscribe), "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  lines.push(unstructuredHeader("Feedback-ID", e.feedbackId));
  for (const [name, value] of Object.entries(e.headers ?? {})) {
    if (!HEADER_NAME.test(name) || OWN_HEADERS.has(name.toLowerCase())) throw new RangeError(`Header not allowed as an extra: ${JSON.stringify(name)}`);
    lines.push(unstructuredHeader(name, value));
  }
  const html = e.preheader ? withPreheader(e.html, e.preheader) : e.html;
  const body =
    // The CRLF before each delimiter belongs to the delimiter (RFC 2046 §5.1.1), so a part's
    // own final line break, if it has one, survives the round trip.
    `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    encodeQuotedPrintable(e.text) +
    "\r\n" +
    `--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n` +
    encodeQuotedPrintable(html) +
    "\r\n" +
    `--${boundary}--\r\n`;
  return { headers: lines.join("\r\n"), body };
}

/**
 * The whole message: header lines to prepend (signDkim's, which end in CRLF) first, then the
 * built headers, a blank line and the body.
 * @example joinMessage(await signDkim(m.headers, m.body, key, now), m) // "DKIM-Signature: …\r\nFrom: …"
 */
export function joinMessage(prepend: string | null, m: BuiltMime): string {
  const lines = prepend ? (prepend.endsWith("\r\n") ? prepend : `${prepend}\r\n`) : "";
  return `${lines}${m.headers}\r\n\r\n${m.body}`;
}

/**
 * "Mon, 15 Mar 2027 14:00:00 +0000" (RFC 5322 §3.3), always in UTC.
 * @example rfc5322Date(new Date("2027-03-15T14:00:00Z")) // "Mon, 15 Mar 2027 14:00:00 +0000"
 */
export function rfc5322Date(d: Date): string {
  const p = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The preheader as a hidden span right after <body>, or first when there is no body tag. */
function withPreheader(html: string, preheader: string): string {
  const span = `<span style="${PREHEADER_STYLE}">${escapeHtml(sanitizeHeaderValue(preheader))}${PREHEADER_PAD}</span>`;
  const m = BODY_TAG.exec(html);
  if (m === null) return span + html;
  const at = m.index + m[0].length;
  return html.slice(0, at) + span + html.slice(at);
}

/**
 * "=_p" cannot occur in quoted-printable text ("=" is always followed by hex or a line end),
 * so the boundary can never collide with the parts it separates.
 */
function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let hex = "";
  for (const b of bytes) hex += (b < 16 ? "0" : "") + b.toString(16);
  return `=_p${hex}`;
}
