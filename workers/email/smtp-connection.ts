/**
 * One SMTP connection carrying many messages, one transaction at a time (concurrent `send`
 * calls wait their turn). With PIPELINING, MAIL FROM + RCPT TO + DATA go out in one write and the
 * body after the 354: two round trips a message. After a failed transaction the next one starts
 * with RSET (in the same write). A message's fate is always a result, never a throw; a lost
 * connection makes the message "deferred" and the connection unusable (`usable` turns false).
 */
import { classifyReply, dataPayload, enhancedCode, pathArg, replyText, type EhloCapabilities, type SmtpReply } from "../../shared/email/smtp-reply";
import type { SmtpConfig, SmtpMessage, SmtpResult } from "./smtp";
import { checkConfig, openSession } from "./smtp-session";
import { encodeUtf8, SmtpError, withTimeout, type Wire } from "./smtp-wire";

const DEFAULT_MAX_MESSAGES = 1_000;
const QUIT_TIMEOUT_MS = 2_000;

/**
 * A result plus whether the message never reached the server: the connection was found closed
 * (or answered 421) before any reply to this transaction, on a connection that had carried earlier
 * messages — a relay closing an idle connection. SmtpMessenger retries those once on a new one.
 */
export type Attempt = { result: SmtpResult; untouched: boolean };

export class SmtpConnection {
  private broken: SmtpError | null = null;
  private needsRset = false;
  private sent = 0;
  private turn: Promise<unknown> = Promise.resolve();
  /** Date.now() of the last transaction's start (or of the opening). */
  lastUsedAt = Date.now();

  private constructor(
    private readonly wire: Wire,
    private readonly caps: EhloCapabilities,
    private readonly maxMessages: number,
  ) {}

  /**
   * Connects, greets, secures and authenticates. Throws SmtpError when the relay cannot be used
   * (refused, timeout, no STARTTLS, AUTH failed, …) and Error on an impossible configuration.
   * @example const conn = await SmtpConnection.open({ host: "127.0.0.1", port: 2525, tls: "none", heloName: "pregon.test" });
   */
  static async open(cfg: SmtpConfig): Promise<SmtpConnection> {
    checkConfig(cfg);
    const { wire, caps } = await openSession(cfg);
    return new SmtpConnection(wire, caps, cfg.maxMessagesPerConnection ?? DEFAULT_MAX_MESSAGES);
  }

  /** False once the connection is lost or closed, or has carried maxMessagesPerConnection messages. */
  get usable(): boolean {
    return this.broken === null && this.sent < this.maxMessages;
  }

  /**
   * Sends one message; resolves with its fate (never rejects).
   * @example const r = await conn.send({ id: "d1", mailFrom: "b+d1@pregon.pe", rcptTo: "ana@x.pe", data }); // r.status
   */
  async send(msg: SmtpMessage): Promise<SmtpResult> {
    return (await this.attempt(msg)).result;
  }

  /** `send` with the "never reached the server" flag (see Attempt); for SmtpMessenger. */
  attempt(msg: SmtpMessage): Promise<Attempt> {
    const run = this.turn.then(() => this.transact(msg));
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Waits for the transactions in progress, says QUIT (briefly) and closes the socket. */
  async close(): Promise<void> {
    await this.turn;
    if (this.broken === null) {
      this.broken = new SmtpError("closed", "connection closed by the client");
      try {
        await this.wire.writer.write("QUIT\r\n");
        await withTimeout(this.wire.reader.read(), QUIT_TIMEOUT_MS, "QUIT");
      } catch {
        // the relay hung up first or is slow to say goodbye: closing anyway
      }
    }
    this.wire.watchdog.stop();
    await this.wire.socket.close().catch(() => undefined);
  }

  private async transact(msg: SmtpMessage): Promise<Attempt> {
    const reused = this.sent > 0;
    if (this.broken) return { result: lost(msg, this.broken, "before MAIL FROM"), untouched: true };
    // An address that would break the command line is refused here, never written (5.1.3 bad
    // recipient syntax, 5.1.7 bad sender syntax), as a relay would answer 501.
    const to = msg.rcptTo ? pathArg(msg.rcptTo) : null;
    const from = pathArg(msg.mailFrom);
    if (to === null || from === null) {
      const [enhanced, which] = to === null ? ["5.1.3", "recipient"] : ["5.1.7", "sender"];
      return { result: { id: msg.id, status: "rejected", code: 501, enhanced, message: `not sent: unusable ${which} address` }, untouched: false };
    }
    this.sent++;
    this.lastUsedAt = Date.now();
    const payload = dataPayload(msg.data);
    const body = encodeUtf8(payload);
    const commands = [`MAIL FROM:${from}${this.mailParams(msg, payload, body)}`, `RCPT TO:${to}`, "DATA"];
    if (this.needsRset) commands.unshift("RSET");
    const { writer, reader } = this.wire;
    let stage = this.needsRset ? "RSET" : "MAIL FROM";
    let replies = 0;
    try {
      if (this.caps.pipelining) await writer.write(commands.map((c) => `${c}\r\n`).join(""));
      let failure: { reply: SmtpReply; stage: string } | null = null;
      for (const command of commands) {
        if (!this.caps.pipelining) {
          if (failure) break; // without pipelining, nothing more is sent after a refusal
          await writer.write(`${command}\r\n`);
        }
        stage = command.startsWith("MAIL") ? "MAIL FROM" : command.startsWith("RCPT") ? "RCPT TO" : command;
        const reply = await reader.read();
        replies++;
        if (reply.code === 421) return this.closing(msg, reply, stage, reused && replies === 1);
        if (command === "RSET") {
          this.needsRset = false;
          continue;
        }
        const ok = command === "DATA" ? reply.code === 354 : reply.code >= 200 && reply.code < 300;
        if (!ok) failure ??= { reply, stage };
        else if (command === "DATA" && failure) {
          // A pipelined DATA accepted after a refused MAIL or RCPT: end it with an empty body.
          await writer.write(".\r\n");
          await reader.read();
        }
      }
      if (failure) {
        this.needsRset = true;
        return { result: fromReply(msg, failure.reply, failure.stage), untouched: false };
      }
      stage = "end of data";
      await writer.write(body);
      const final = await reader.read();
      if (final.code === 421) return this.closing(msg, final, stage, false);
      if (final.code >= 300) this.needsRset = true;
      return { result: fromReply(msg, final, stage), untouched: false };
    } catch (err) {
      const e = err instanceof SmtpError ? err : new SmtpError("io", String(err), null, { cause: err });
      this.fail(e);
      return { result: lost(msg, e, stage), untouched: reused && replies === 0 && e.kind !== "timeout" };
    }
  }

  /** SIZE when the relay announces it, BODY=8BITMIME / SMTPUTF8 when needed and offered. */
  private mailParams(msg: SmtpMessage, payload: string, body: Uint8Array): string {
    let params = "";
    if (this.caps.size > 0) params += ` SIZE=${body.length}`;
    if (this.caps.eightBitMime && body.length !== payload.length) params += " BODY=8BITMIME"; // some byte is not ASCII
    if (this.caps.smtpUtf8 && /[^\x00-\x7f]/.test(msg.mailFrom + msg.rcptTo)) params += " SMTPUTF8";
    return params;
  }

  /** 421: the server is closing the connection; the message is deferred. */
  private closing(msg: SmtpMessage, reply: SmtpReply, stage: string, untouched: boolean): Attempt {
    this.fail(new SmtpError("reply", "the server closed the connection", reply));
    return { result: fromReply(msg, reply, stage), untouched };
  }

  private fail(err: SmtpError): void {
    this.broken ??= err;
    this.wire.watchdog.stop();
    void this.wire.socket.close().catch(() => undefined);
  }
}

/** The result a reply decides: "RCPT TO: 550 5.1.1 …" for a refusal, the bare reply for success. */
function fromReply(msg: SmtpMessage, reply: SmtpReply, stage: string): SmtpResult {
  const status = classifyReply(reply.code);
  const text = replyText(reply);
  return { id: msg.id, status, code: reply.code, enhanced: enhancedCode(reply.code, reply.lines[0] ?? ""), message: status === "accepted" ? text : `${stage}: ${text}` };
}

/**
 * Deferred: the connection failed before the server decided on the message. `code` and `enhanced`
 * are the server's when it said why (421, a refused AUTH: deferred even when 5xx, as they say
 * nothing about the recipient); without a reply, code 0 and `noReply` (4.4.2 lost connection,
 * 4.4.1 no connection at all).
 */
export function lost(msg: SmtpMessage, err: SmtpError, stage: string, noReply = "4.4.2"): SmtpResult {
  const code = err.reply?.code ?? 0;
  const enhanced = err.reply ? enhancedCode(code, err.reply.lines[0] ?? "") : noReply;
  return { id: msg.id, status: "deferred", code, enhanced, message: `${stage}: ${err.message}` };
}
