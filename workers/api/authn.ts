/**
 * Who is calling: a session cookie (the dashboard) or `Authorization: Bearer <api key>`.
 * Returns `null` when there are no valid credentials; the guard turns that into a 401.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { and, eq, gt, isNull } from "drizzle-orm";
import { apiKeys, sessions, users } from "../../shared/db/schema";
import { sha256Hex } from "../../shared/auth/crypto";
import { isRole } from "../../shared/auth/roles";
import type { Actor, AppEnv } from "./context";

export const SESSION_COOKIE = "pregon_sid";
export const API_KEY_PREFIX = "pk_";

export function clientIp(c: Context): string {
  return c.req.header("CF-Connecting-IP") ?? "0.0.0.0";
}

export async function authenticate(c: Context<AppEnv>, now: number): Promise<Actor | null> {
  const db = c.var.db;
  const auth = c.req.header("Authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m || !m[1]!.startsWith(API_KEY_PREFIX)) return null;
    const hash = await sha256Hex(m[1]!);
    const row = await db
      .select({ key: apiKeys, user: users })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.createdBy))
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
      .get();
    if (!row || row.user.disabled || !isRole(row.key.role)) return null;
    c.executionCtx.waitUntil(db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id)).run());
    return {
      userId: row.user.id,
      accountId: row.key.accountId,
      email: row.user.email,
      role: row.key.role,
      via: "apiKey",
      sessionId: null,
      apiKeyId: row.key.id,
      csrfToken: null,
    };
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const id = await sha256Hex(token);
  const row = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .get();
  if (!row || row.user.disabled || !isRole(row.user.role)) return null;
  return {
    userId: row.user.id,
    accountId: row.user.accountId,
    email: row.user.email,
    role: row.user.role,
    via: "session",
    sessionId: id,
    apiKeyId: null,
    csrfToken: row.session.csrfToken,
  };
}
