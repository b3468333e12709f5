/**
 * A social account's access token at rest (W6): sealed with the same AES-256-GCM scheme as SMS
 * provider passwords and webhook secrets (workers/sms/sealed.ts), bound to "social:<id>" as
 * additional data so a sealed token opens only on its own account's row (never on an SMS
 * connection's or a webhook's). The token is never returned; the API shows its last characters.
 */
import { openPassword, sealPassword, type SealEnv } from "../sms/sealed";

/** `token` sealed for the social account `id`. */
export function sealSocialToken(env: SealEnv, id: string, token: string): Promise<string> {
  return sealPassword(env, `social:${id}`, token);
}

/** The token sealed by sealSocialToken; throws when the deployment's secret changed (a platform fault). */
export function openSocialToken(env: SealEnv, id: string, stored: string): Promise<string> {
  return openPassword(env, `social:${id}`, stored);
}
