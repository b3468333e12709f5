/**
 * What every bounce and complaint source is reduced to: DSN and ARF mail arriving at the VERP
 * address, and the relay webhooks (SES, SendGrid, Mailgun, Postmark). One shape, so the Worker
 * applies the same rules whatever reported it.
 */

export type FeedbackKind = "hard" | "soft" | "complaint";

export type FeedbackSource = "dsn" | "arf" | "ses" | "sendgrid" | "mailgun" | "postmark";

/** Where a report came from, as far as the report itself says (each field may be unknown). */
export type Clues = {
  /** The VERP address the report was sent to or names as the original return path. */
  verp: string | null;
  /** The original message's Message-ID, angle brackets included. */
  messageId: string | null;
  /** The original message's X-Pregon-Campaign header. */
  campaignId: string | null;
};

/** One recipient's bounce or complaint, normalised. */
export type Feedback = {
  kind: FeedbackKind;
  /** The recipient's address as reported (lower-cased), when the report names it. */
  email: string | null;
  /** Enhanced status ("5.1.1") for bounces; "abuse", "fraud", … for complaints. */
  status: string;
  /** Diagnostic text, at most 300 characters. */
  detail: string;
  source: FeedbackSource;
  clues: Clues;
};

export const NO_CLUES: Clues = { verp: null, messageId: null, campaignId: null };

/** Trims diagnostic text to what a delivery row keeps. */
export function shortDetail(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** A bare, lower-cased address from "rfc822; <a@b>", "<a@b>" or "a@b"; null when none is there. */
export function bareAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /([^\s<>;:"]+@[^\s<>;:"]+\.[^\s<>;:"]+)/.exec(value);
  return m ? m[1]!.replace(/\.$/, "").toLowerCase() : null;
}
