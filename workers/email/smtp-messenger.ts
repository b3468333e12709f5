/**
 * The SMTP Messenger (CONVENTIONS 4: `push(msg)`, `flush()`, `close()`): a pool of up to N
 * connections to one relay, opened on demand and reused across messages. Each push resolves with
 * that message's SmtpResult and never rejects for a message's fate: a dropped connection, a 421 or
 * a timeout defers the messages it affected and the pool reconnects for the next ones.
 *
 * When a connection cannot be opened (refused, timeout, TLS or AUTH failure), the relay counts as
 * down for RELAY_DOWN_MS: messages pushed meanwhile are deferred at once instead of each waiting
 * for its own connect timeout, and the pipeline retries them with its backoff.
 *
 * Use one messenger per invocation (a queue batch, an alarm) and close() it before returning:
 * workerd ties a socket to the request that opened it, so connections cannot be carried over
 * to the next invocation (a messenger kept in a module variable finds them unusable, and its
 * lanes may belong to a request that has already ended).
 */
import type { SmtpConfig, SmtpMessage, SmtpResult } from "./smtp";
import { lost, SmtpConnection } from "./smtp-connection";
import { checkConfig } from "./smtp-session";
import { SmtpError } from "./smtp-wire";

const RELAY_DOWN_MS = 5_000;
/** An idle connection older than this is replaced rather than reused (relays drop idle clients). */
const IDLE_MS = 30_000;

type Pending = { msg: SmtpMessage; resolve: (result: SmtpResult) => void };

export class SmtpMessenger {
  private readonly waiting: Pending[] = [];
  private head = 0;
  /** Open connections not carrying a message right now. */
  private readonly idle: SmtpConnection[] = [];
  private running = 0;
  private drained: (() => void)[] = [];
  private readonly retiring = new Set<Promise<void>>();
  private down: { until: number; error: SmtpError } | null = null;
  private closed = false;

  /**
   * Throws at once on an impossible configuration (empty host, bad port, …).
   * @example const messenger = new SmtpMessenger({ host: env.SMTP_HOST, port: 587, tls: "starttls", heloName: "pregon.pe" }, 10);
   */
  constructor(
    private readonly cfg: SmtpConfig,
    private readonly poolSize: number,
  ) {
    checkConfig(cfg);
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`SmtpMessenger: pool size must be a positive integer, not ${poolSize}`);
  }

  /**
   * Queues a message; resolves with its result once the relay has decided (or the attempt failed).
   * @example const { status, code } = await messenger.push({ id, mailFrom, rcptTo, data });
   */
  push(msg: SmtpMessage): Promise<SmtpResult> {
    if (this.closed) return Promise.reject(new Error("SmtpMessenger: push after close"));
    return new Promise((resolve) => {
      this.waiting.push({ msg, resolve });
      if (this.running < this.poolSize) {
        this.running++;
        void this.work();
      }
    });
  }

  /** Resolves when every message pushed so far has its result. */
  flush(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** Flushes, then says QUIT on every connection. Pushing afterwards is an error. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await Promise.all(this.idle.splice(0).map((conn) => conn.close()));
    await Promise.all(this.retiring);
  }

  /** One lane of the pool: takes messages while there are any, on one connection at a time. */
  private async work(): Promise<void> {
    let conn: SmtpConnection | null = this.idle.pop() ?? null;
    try {
      for (let next = this.take(); next; next = this.take()) {
        let result: SmtpResult;
        try {
          [result, conn] = await this.deliver(next.msg, conn);
        } catch (err) {
          // Not expected (every failure above is a result), but a push must never hang.
          const error = new SmtpError("io", `unexpected: ${String(err)}`, null, { cause: err });
          result = lost(next.msg, error, "send");
          if (conn) conn = this.retire(conn);
        }
        next.resolve(result);
      }
    } finally {
      if (conn) this.idle.push(conn);
      this.running--;
      if (this.running === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }

  private take(): Pending | undefined {
    const next = this.waiting[this.head];
    if (next === undefined) return undefined;
    this.waiting[this.head++] = undefined as unknown as Pending; // let the message body be collected
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
    return next;
  }

  /** Sends on `conn` (or a new connection); returns the result and the connection still usable, if any. */
  private async deliver(msg: SmtpMessage, conn: SmtpConnection | null): Promise<[SmtpResult, SmtpConnection | null]> {
    if (conn && (!conn.usable || Date.now() - conn.lastUsedAt > IDLE_MS)) conn = this.retire(conn);
    for (let attempt = 1; ; attempt++) {
      if (!conn) {
        if (this.down && Date.now() < this.down.until) return [lost(msg, this.down.error, "connect", "4.4.1"), null];
        try {
          conn = await SmtpConnection.open(this.cfg);
          this.down = null;
        } catch (err) {
          const error = err instanceof SmtpError ? err : new SmtpError("io", String(err), null, { cause: err });
          this.down = { until: Date.now() + RELAY_DOWN_MS, error };
          return [lost(msg, error, "connect", "4.4.1"), null];
        }
      }
      const { result, untouched } = await conn.attempt(msg);
      if (!conn.usable) conn = this.retire(conn);
      // The relay had closed a reused connection before this message reached it: once more, fresh.
      if (untouched && attempt === 1) continue;
      return [result, conn];
    }
  }

  private retire(conn: SmtpConnection): null {
    const closing = conn.close().finally(() => this.retiring.delete(closing));
    this.retiring.add(closing);
    return null;
  }
}

/**
 * Sends every message through the messenger's pool (concurrency = its pool size); the results
 * come back in the order of `messages`.
 * @example const results = await sendBatch(messenger, messages); // results[i].id === messages[i].id
 */
export function sendBatch(messenger: SmtpMessenger, messages: SmtpMessage[]): Promise<SmtpResult[]> {
  return Promise.all(messages.map((msg) => messenger.push(msg)));
}
