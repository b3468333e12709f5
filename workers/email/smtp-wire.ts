/**
 * The byte level of an SMTP session over a `cloudflare:sockets` Socket: a reader that turns the
 * socket's byte stream into complete replies (multi-line "250-…" joined, replies to pipelined
 * commands returned one by one, in order), a writer for commands and bodies, and the error type
 * for everything that ends a connection (closed by the peer, timeouts, protocol violations).
 */
import { parseReplyLine, replyText, type SmtpReply } from "../../shared/email/smtp-reply";

/** Why a connection is unusable: `closed` by the peer, a `timeout`, an `io` fault, a `reply` we cannot go on from. */
export type SmtpErrorKind = "closed" | "timeout" | "io" | "reply";

/** A connection-level failure; `reply` is set when the server said why (421, a failed AUTH, …). */
export class SmtpError extends Error {
  constructor(
    readonly kind: SmtpErrorKind,
    message: string,
    readonly reply: SmtpReply | null = null,
    options?: ErrorOptions,
  ) {
    super(reply ? `${message}: ${replyText(reply)}` : message, options);
    this.name = "SmtpError";
  }
}

/** Replies are a few lines; a server sending megabytes without a line end is broken or hostile. */
const MAX_LINE = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The timeout of every read and write on one socket, with one timer per connection rather than
 * one per operation (a message is four or five socket operations; timers are not free in
 * workerd). `guard` stamps a deadline; the timer, when it fires, re-arms itself for the latest
 * deadline, or closes the socket if that deadline has passed, which ends the pending read or
 * write, and `guard` turns that end into SmtpError("timeout").
 */
export class Watchdog {
  private deadline = 0;
  private what = "";
  private timer: ReturnType<typeof setTimeout> | null = null;
  private expired: string | null = null;

  constructor(
    private readonly socket: Socket,
    readonly timeoutMs: number,
  ) {}

  async guard<T>(what: string, operation: () => Promise<T>): Promise<T> {
    if (this.expired) throw new SmtpError("timeout", this.expired);
    this.deadline = Date.now() + this.timeoutMs;
    this.what = what;
    this.timer ??= setTimeout(() => this.check(), this.timeoutMs);
    try {
      return await operation();
    } catch (err) {
      if (this.expired) throw new SmtpError("timeout", this.expired, null, { cause: err });
      throw err;
    } finally {
      this.deadline = 0;
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private check(): void {
    this.timer = null;
    if (this.deadline === 0) return; // idle: the next guard starts a timer again
    const left = this.deadline - Date.now();
    if (left > 0) {
      this.timer = setTimeout(() => this.check(), left);
      return;
    }
    this.expired = `${this.what} within ${this.timeoutMs} ms`;
    void this.socket.close().catch(() => undefined);
  }
}

/**
 * Reads replies from a socket's readable side, under the connection's watchdog.
 * @example const greeting = await wireFor(socket, 30_000).reader.read(); // { code: 220, lines: [...] }
 */
export class ReplyReader {
  private buf: Uint8Array = EMPTY;
  private pos = 0;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly watchdog: Watchdog,
  ) {}

  /** True when bytes the server sent have not been read yet (must be false before STARTTLS). */
  get hasBuffered(): boolean {
    return this.pos < this.buf.length;
  }

  /** The next complete reply. Throws SmtpError("closed" | "timeout" | "io" | "reply"). */
  async read(): Promise<SmtpReply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      const parsed = parseReplyLine(line);
      if (!parsed) throw new SmtpError("reply", `malformed reply line ${JSON.stringify(line.slice(0, 120))}`);
      lines.push(parsed.text);
      if (parsed.last) return { code: parsed.code, lines };
    }
  }

  releaseLock(): void {
    this.reader.releaseLock();
  }

  /** One line without its line end. CRLF is the rule; a bare LF from a sloppy server is tolerated. */
  private async readLine(): Promise<string> {
    for (;;) {
      const end = this.buf.indexOf(LF, this.pos);
      if (end >= 0) {
        const stop = end > this.pos && this.buf[end - 1] === CR ? end - 1 : end;
        const line = decoder.decode(this.buf.subarray(this.pos, stop));
        this.pos = end + 1;
        return line;
      }
      if (this.buf.length - this.pos > MAX_LINE) throw new SmtpError("reply", "reply line too long");
      const chunk = await this.watchdog.guard("no reply", () => this.readChunk());
      const rest = this.buf.length - this.pos;
      if (rest === 0) {
        this.buf = chunk;
      } else {
        const joined = new Uint8Array(rest + chunk.length);
        joined.set(this.buf.subarray(this.pos));
        joined.set(chunk, rest);
        this.buf = joined;
      }
      this.pos = 0;
    }
  }

  private async readChunk(): Promise<Uint8Array> {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await this.reader.read();
    } catch (err) {
      throw new SmtpError("io", `read failed: ${String(err)}`, null, { cause: err });
    }
    if (result.done) throw new SmtpError("closed", "connection closed by the server");
    return result.value;
  }
}

/** Writes to a socket's writable side, under the same watchdog (a peer that stops reading would block a body forever). */
export class WireWriter {
  constructor(
    private readonly writer: WritableStreamDefaultWriter<Uint8Array>,
    private readonly watchdog: Watchdog,
  ) {}

  /** Writes text (commands, already CRLF-terminated) or bytes (an encoded body). */
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    await this.watchdog.guard("write not done", async () => {
      try {
        await this.writer.write(bytes);
      } catch (err) {
        throw new SmtpError("io", `write failed: ${String(err)}`, null, { cause: err });
      }
    });
  }

  releaseLock(): void {
    this.writer.releaseLock();
  }
}

/** A socket with its reader, writer and watchdog; STARTTLS swaps all of them. */
export type Wire = { socket: Socket; reader: ReplyReader; writer: WireWriter; watchdog: Watchdog };

export function wireFor(socket: Socket, timeoutMs: number): Wire {
  const watchdog = new Watchdog(socket, timeoutMs);
  return {
    socket,
    watchdog,
    reader: new ReplyReader(socket.readable.getReader() as ReadableStreamDefaultReader<Uint8Array>, watchdog),
    writer: new WireWriter(socket.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>, watchdog),
  };
}

/** Rejects after `ms` unless `promise` settles first (connect and TLS handshakes). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SmtpError("timeout", `${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const encodeUtf8 = (s: string): Uint8Array => encoder.encode(s);
