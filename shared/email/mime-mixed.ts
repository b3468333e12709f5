/**
 * Builds a system message (the monthly report to an account's owner) as RFC 5322 / MIME, apart
 * from any sending: multipart/mixed holding a multipart/alternative (text first, HTML second,
 * both UTF-8 quoted-printable) and then each attachment in base64 (76-character lines), named
 * with RFC 2231 `filename*` when the name is not plain ASCII. Campaign mail has its own builder
 * (mime.ts) with List-Unsubscribe and Feedback-ID; this one marks itself
 * `Auto-Submitted: auto-generated` (RFC 3834) so auto-responders stay quiet.
 */
import { addressHeader, unstructuredHeader } from "./header";
import { encodeQuotedPrintable } from "./qp";
import { rfc5322Date, type BuiltMime } from "./mime";

export type MailAttachment = { filename: string; contentType: string; content: Uint8Array };

export type SystemEmail = {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  /** "<id@domain>" */
  messageId: string;
  date: Date;
  attachments: readonly MailAttachment[];
};

const MESSAGE_ID = /^<[^\s<>@]+@[^\s<>@]+>$/;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(; ?[a-z-]+=[a-z0-9-]+)?$/i;
const PLAIN_NAME = /^[\x20-\x7e]+$/;

/**
 * Headers (CRLF-joined, no trailing CRLF) and body (CRLF, ends with CRLF), as buildMime returns
 * them, so joinMessage and signDkim work on it alike. Throws RangeError for an unusable address,
 * Message-ID or attachment content type.
 * @example buildSystemMime({ from: { name: "Pregón", address: "no-responder@pregon.pe" }, to: "dueña@muni.gob.pe", subject: "Reporte", text, html, messageId: "<r1@pregon.pe>", date: new Date(), attachments: [{ filename: "reporte.pdf", contentType: "application/pdf", content: pdf }] })
 */
export function buildSystemMime(e: SystemEmail): BuiltMime {
  if (!MESSAGE_ID.test(e.messageId)) throw new RangeError(`Message-ID must look like <id@domain>: ${JSON.stringify(e.messageId)}`);
  const mixed = randomBoundary("m");
  const alt = randomBoundary("a");
  const headers = [
    addressHeader("From", e.from.name, e.from.address),
    addressHeader("To", "", e.to),
    unstructuredHeader("Subject", e.subject),
    `Date: ${rfc5322Date(e.date)}`,
    `Message-ID: ${e.messageId}`,
    "MIME-Version: 1.0",
    "Auto-Submitted: auto-generated",
    e.attachments.length > 0 ? `Content-Type: multipart/mixed;\r\n boundary="${mixed}"` : `Content-Type: multipart/alternative;\r\n boundary="${alt}"`,
  ];
  // The CRLF before each delimiter belongs to the delimiter (RFC 2046 §5.1.1).
  const alternative =
    `--${alt}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encodeQuotedPrintable(e.text)}\r\n` +
    `--${alt}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encodeQuotedPrintable(e.html)}\r\n` +
    `--${alt}--\r\n`;
  if (e.attachments.length === 0) return { headers: headers.join("\r\n"), body: alternative };
  let body = `--${mixed}\r\nContent-Type: multipart/alternative;\r\n boundary="${alt}"\r\n\r\n${alternative}`;
  for (const a of e.attachments) {
    if (!CONTENT_TYPE.test(a.contentType)) throw new RangeError(`Not a usable attachment content type: ${JSON.stringify(a.contentType)}`);
    const [typeName, typeParam] = fileNameParams(a.filename);
    body +=
      `\r\n--${mixed}\r\nContent-Type: ${a.contentType};\r\n ${typeName}\r\nContent-Disposition: attachment;\r\n ${typeParam}\r\n` +
      `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.content)}`;
  }
  body += `\r\n--${mixed}--\r\n`;
  return { headers: headers.join("\r\n"), body };
}

/**
 * Base64 of `bytes` in lines of 76 characters joined by CRLF (RFC 2045 §6.8), no final CRLF.
 * @example base64Lines(new TextEncoder().encode("hola")) // "aG9sYQ=="
 */
export function base64Lines(bytes: Uint8Array): string {
  const lines: string[] = [];
  // 57 bytes make exactly one 76-character line.
  for (let i = 0; i < bytes.length; i += 57) {
    let bin = "";
    const end = Math.min(bytes.length, i + 57);
    for (let j = i; j < end; j++) bin += String.fromCharCode(bytes[j]!);
    lines.push(btoa(bin));
  }
  return lines.join("\r\n");
}

/** The `name=` (Content-Type) and `filename=` (Content-Disposition) parameters of a file name. */
function fileNameParams(filename: string): [string, string] {
  const clean = filename.replace(/[\x00-\x1f\x7f]/g, "_").slice(0, 150);
  if (PLAIN_NAME.test(clean)) {
    const quoted = `"${clean.replace(/["\\]/g, "\\$&")}"`;
    return [`name=${quoted}`, `filename=${quoted}`];
  }
  const encoded = `UTF-8''${encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return [`name*=${encoded}`, `filename*=${encoded}`];
}

/** "=_" cannot occur in quoted-printable or base64 text, so the boundary never collides with a part. */
function randomBoundary(tag: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  let hex = "";
  for (const b of bytes) hex += (b < 16 ? "0" : "") + b.toString(16);
  return `=_${tag}${hex}`;
}
