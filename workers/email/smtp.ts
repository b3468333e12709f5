/**
 * Email delivery over SMTP, written from scratch on `cloudflare:sockets` (no runtime
 * dependencies). This file holds the public types and re-exports the two layers:
 *   - SmtpConnection (smtp-connection.ts): one session — connect, EHLO, STARTTLS or implicit TLS,
 *     AUTH, then many pipelined transactions;
 *   - SmtpMessenger + sendBatch (smtp-messenger.ts): the Messenger port the send pipeline uses, a
 *     pool of connections to one relay that turns every failure into a per-message result.
 * Reply parsing and classification are pure and live in shared/email/smtp-reply.ts.
 *
 * @example
 *   const messenger = new SmtpMessenger({ host: "smtp.relay.pe", port: 587, tls: "starttls",
 *     user: "pregon", password: env.SMTP_PASSWORD, heloName: "mail.pregon.pe" }, 10);
 *   const results = await sendBatch(messenger, messages); // one SmtpResult per message, in order
 *   await messenger.close();
 */

export type SmtpConfig = {
  host: string;
  port: number;
  /** "none": plain TCP; "starttls": plain, then upgraded (refused if not offered); "implicit": TLS from the first byte (465). */
  tls: "none" | "starttls" | "implicit";
  user?: string;
  password?: string;
  /** Our name in EHLO/HELO. */
  heloName: string;
  /** Every connect, read and write; default 30 s. */
  timeoutMs?: number;
  /** Reconnect after this many transactions on one connection; default 1,000. */
  maxMessagesPerConnection?: number;
};

export type SmtpMessage = {
  /** Our delivery id, echoed in the result. */
  id: string;
  /** Envelope sender (VERP); "" sends the null sender <>. */
  mailFrom: string;
  rcptTo: string;
  /** The full message: headers + CRLF CRLF + body, CRLF line ends, NOT dot-stuffed (the client does it). */
  data: string;
};

/**
 * One message's fate. `accepted`: the relay took it (2xx after the body). `deferred`: try again
 * later (4xx, 421, connection lost, timeouts, relay down, session failures such as AUTH).
 * `rejected`: permanent (5xx to MAIL, RCPT or the body) — a hard bounce.
 * `code` is the SMTP reply code, or 0 when no reply was received (connection-level failure; then
 * `enhanced` is "4.4.1" for no connection or "4.4.2" for a lost one).
 */
export type SmtpResult = {
  id: string;
  status: "accepted" | "deferred" | "rejected";
  code: number;
  enhanced?: string | null;
  message: string;
};

export { SmtpConnection } from "./smtp-connection";
export { SmtpMessenger, sendBatch } from "./smtp-messenger";
