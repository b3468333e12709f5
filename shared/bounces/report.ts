/**
 * Bounce mail in, feedback out: parses a raw message with postal-mime (it runs in Workers) and
 * hands the report parts to the DSN (RFC 3464) or ARF (RFC 5965) reader. A message that is
 * neither, such as an auto-reply, yields no feedback; a message postal-mime cannot parse is
 * reported as malformed, never thrown.
 */
import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { fieldGroups, headerFields } from "./fields";
import { readDsn } from "./dsn";
import { readArf } from "./arf";
import { bareAddress, type Clues, type Feedback } from "./types";

export type ParsedBounce = { ok: true; feedback: Feedback[] } | { ok: false; error: string };

const ORIGINAL_TYPES = ["message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global-headers", "message/global"];

function partText(email: Email, types: string[]): string | null {
  const part = email.attachments.find((a) => types.includes(a.mimeType));
  if (!part) return null;
  return typeof part.content === "string" ? part.content : new TextDecoder().decode(part.content);
}

/**
 * Clues to the original message: its headers when attached, else the copy some MTAs quote in
 * the human-readable text ("Message-ID: <…>" lines), else nothing.
 */
export function cluesFrom(original: string | null, humanText: string): Clues {
  if (original) {
    const h = headerFields(original);
    return { verp: bareAddress(h.get("return-path")), messageId: h.get("message-id")?.trim() ?? null, campaignId: h.get("x-pregon-campaign")?.trim() ?? null };
  }
  const line = (name: string) => new RegExp(`^\\s*${name}:\\s*(\\S+)`, "im").exec(humanText)?.[1] ?? null;
  return { verp: bareAddress(line("Return-Path")), messageId: line("Message-ID"), campaignId: line("X-Pregon-Campaign") };
}

/**
 * Parses one message that arrived at the bounce address.
 * @example const r = await parseBounceMail(raw); if (r.ok) for (const f of r.feedback) console.log(f.kind, f.email, f.status)
 */
export async function parseBounceMail(raw: ArrayBuffer | Uint8Array | string): Promise<ParsedBounce> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: "utf8" });
  } catch (err) {
    return { ok: false, error: `unparseable MIME: ${(err as Error).message}` };
  }
  const contentType = email.headers.find((h) => h.key === "content-type")?.value ?? "";
  const human = email.text ?? "";
  const original = partText(email, ORIGINAL_TYPES);
  const feedbackReport = partText(email, ["message/feedback-report"]);
  if (feedbackReport !== null || /report-type="?feedback-report/i.test(contentType)) {
    if (feedbackReport === null) return { ok: false, error: "feedback report without its message/feedback-report part" };
    return readArf(fieldGroups(feedbackReport), cluesFrom(original, human));
  }
  const status = partText(email, ["message/delivery-status", "message/global-delivery-status"]);
  const from = email.from && "address" in email.from ? (email.from.address ?? "") : "";
  return readDsn({
    groups: status === null ? null : fieldGroups(status),
    human,
    subject: email.subject ?? "",
    from,
    clues: cluesFrom(original, human),
  });
}
