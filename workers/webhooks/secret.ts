/**
 * A webhook's signing secret at rest (B1): made here, shown once, then sealed with the same
 * AES-256-GCM scheme as SMS provider passwords (workers/sms/sealed.ts), bound to "webhook:<id>"
 * as additional data so a sealed secret opens only on its own webhook's row (never on an SMS
 * connection's, whose ids have no such prefix).
 */
import { randomToken } from "../../shared/auth/crypto";
import { openPassword, sealPassword, type SealEnv } from "../sms/sealed";

/**
 * A new signing secret.
 * @example newWebhookSecret() // "whsec_" + 43 characters
 */
export function newWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

/** `secret` sealed for the webhook `id`. */
export function sealWebhookSecret(env: SealEnv, id: string, secret: string): Promise<string> {
  return sealPassword(env, `webhook:${id}`, secret);
}

/** The secret sealed by sealWebhookSecret; throws when the deployment's secret changed (a platform fault). */
export function openWebhookSecret(env: SealEnv, id: string, stored: string): Promise<string> {
  return openPassword(env, `webhook:${id}`, stored);
}
