/**
 * What a custom keyword does besides replying (the reply is an SMS like any other, queued by
 * inbound.ts): tag the sender's contact, and call the keyword's webhook.
 *
 * Tagging uses the simplest mechanism the audience already has: a static list named by the tag.
 * The list is created the first time (its description says which keyword made it) and the
 * contact becomes a subscribed member; an existing list of that name is reused, so an account can
 * also prepare the list beforehand. A sender who is not a contact is not tagged (there is nobody
 * to add; the message is still in the inbox).
 *
 * The webhook is a POST of a signed JSON body (shared/sms/keyword-webhook.ts), fired after the
 * answer to the provider (waitUntil) with a 5 s timeout and no retry: a trigger, not a delivery
 * guarantee. Its outcome is logged.
 */
import { randomToken } from "../../shared/auth/crypto";
import { keywordWebhookSecret, SIGNATURE_HEADER, signWebhook, type KeywordWebhookBody } from "../../shared/sms/keyword-webhook";
import { callProblem } from "../net/targets";
import { linkSecret } from "../../shared/security/deploy-config";

export const WEBHOOK_TIMEOUT_MS = 5000;

/** The deployment's link secret, which keyword webhook secrets are derived from (never a default in a deployment). */
export function linkSecretOf(env: { PUBLIC_URL?: string; LINK_SECRET?: string }): string {
  return linkSecret(env);
}

/**
 * Statements adding `contactId` to the list named `tag` (created when the account has none of
 * that name). Idempotent: a second run adds nothing.
 */
export function tagStatements(db: D1Database, accountId: string, contactId: number, tag: string, keyword: string, now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO lists (id, account_id, name, description, double_opt_in, form_token, created_at, updated_at)
         SELECT ?1, ?2, ?3, ?4, 0, ?5, ?6, ?6 WHERE NOT EXISTS (SELECT 1 FROM lists WHERE account_id = ?2 AND name = ?3)`,
      )
      .bind(crypto.randomUUID(), accountId, tag, `Contactos que enviaron la palabra clave ${keyword} por SMS`, randomToken(12), now),
    db
      .prepare(
        `INSERT OR IGNORE INTO list_members (list_id, contact_id, status, added_at)
         SELECT (SELECT id FROM lists WHERE account_id = ?1 AND name = ?2 ORDER BY created_at, id LIMIT 1), ?3, 'subscribed', ?4`,
      )
      .bind(accountId, tag, contactId, now),
  ];
}

/**
 * Posts `body` to the keyword's webhook, signed with its secret; resolves with the HTTP status
 * or the error, never throws.
 * @example ctx.waitUntil(callKeywordWebhook(env, "https://hooks.example/sms", "kw_1", body))
 */
export async function callKeywordWebhook(
  env: { LINK_SECRET?: string; ALLOW_PRIVATE_TARGETS?: string },
  url: string,
  keywordId: string,
  body: KeywordWebhookBody,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<{ status: number } | { error: string }> {
  const raw = JSON.stringify(body);
  const refused = callProblem(env, url);
  if (refused) return { error: `url ${refused}` };
  try {
    const secret = await keywordWebhookSecret(linkSecretOf(env), keywordId);
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "Pregon-SMS-Keyword/1", [SIGNATURE_HEADER]: await signWebhook(secret, raw, Math.floor(Date.now() / 1000)) },
      body: raw,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (!res.ok) console.warn(`sms keyword ${body.keyword}: webhook ${url} answered ${res.status}`);
    return { status: res.status };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    console.warn(`sms keyword ${body.keyword}: webhook ${url} failed (${error})`);
    return { error };
  }
}
