/**
 * The relay this deployment sends through, from its settings (SMTP_HOST, SMTP_PORT, SMTP_TLS,
 * SMTP_USER, SMTP_PASSWORD, SMTP_POOL), as one pooled messenger per isolate: connections are
 * reused from batch to batch.
 */
import { SmtpMessenger, type SmtpConfig } from "./smtp";

let current: { key: string; messenger: SmtpMessenger } | null = null;

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

export function messengerFor(env: Env): SmtpMessenger {
  const cfg = smtpConfig(env);
  const pool = Math.max(1, Math.min(50, Number(env.SMTP_POOL || 10)));
  const key = JSON.stringify([cfg, pool]);
  if (!current || current.key !== key) current = { key, messenger: new SmtpMessenger(cfg, pool) };
  return current.messenger;
}
