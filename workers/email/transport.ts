/**
 * The relay this deployment sends through, from its settings (SMTP_HOST, SMTP_PORT, SMTP_TLS,
 * SMTP_USER, SMTP_PASSWORD, SMTP_POOL). A messenger lives for one Queue invocation: workerd ties
 * a socket to the request that opened it, so connections are reused across the messages of a
 * batch and closed when the batch is done.
 */
import { SmtpMessenger, type SmtpConfig } from "./smtp";

export function smtpConfig(env: Env): SmtpConfig {
  const tls = (env.SMTP_TLS ?? "none") as SmtpConfig["tls"];
  if (!["none", "starttls", "implicit"].includes(tls)) throw new Error(`SMTP_TLS must be none, starttls or implicit, got "${tls}"`);
  return {
    host: env.SMTP_HOST || "127.0.0.1",
    port: Number(env.SMTP_PORT || 2525),
    tls,
    user: env.SMTP_USER || undefined,
    password: env.SMTP_PASSWORD || undefined,
    heloName: env.SMTP_HELO || "pregon.local",
    timeoutMs: 30_000,
  };
}

/** A new messenger for this invocation; close() it before the invocation returns. */
export function openMessenger(env: Env): SmtpMessenger {
  const pool = Math.max(1, Math.min(50, Number(env.SMTP_POOL || 6)));
  return new SmtpMessenger(smtpConfig(env), pool);
}
