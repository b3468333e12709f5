/**
 * Login (with per-email and per-IP throttling), logout, password change and the caller's profile.
 * A failed login answers the same 401 whether the email or the password was wrong.
 */
import { Hono, type Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { and, eq, ne } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { LoginBody, PasswordChangeBody, ProfilePatch } from "../../../shared/api/schemas";
import { presentMe } from "../../../shared/api/present";
import { DECOY_HASH, hashPassword, randomToken, sha256Hex, verifyPassword } from "../../../shared/auth/crypto";
import { LOGIN_LIMITS, recordFailure, retryAfter } from "../../../shared/auth/throttle";
import { accounts, loginAttempts, sessions, users } from "../../../shared/db/schema";
import type { Actor, AppEnv } from "../context";
import { ApiError } from "../errors";
import { guard, recordAudit } from "../guard";
import { json } from "../validate";
import { SESSION_COOKIE, clientIp } from "../authn";

type Db = AppEnv["Variables"]["db"];

async function throttleRow(db: Db, key: string) {
  return (await db.select().from(loginAttempts).where(eq(loginAttempts.key, key)).get()) ?? null;
}

async function noteFailure(db: Db, key: string, limit: (typeof LOGIN_LIMITS)[keyof typeof LOGIN_LIMITS], now: number) {
  const next = recordFailure(await throttleRow(db, key), now, limit);
  await db
    .insert(loginAttempts)
    .values({ key, ...next })
    .onConflictDoUpdate({ target: loginAttempts.key, set: next });
}

async function loadMe(db: Db, actor: Pick<Actor, "userId" | "via" | "csrfToken">) {
  const row = await db.select({ user: users, account: accounts }).from(users).innerJoin(accounts, eq(accounts.id, users.accountId)).where(eq(users.id, actor.userId)).get();
  if (!row) throw new ApiError(401, "unauthenticated", "Log in or send a valid API key");
  return presentMe(row.user, row.account, actor.via, actor.csrfToken);
}

const isLocalHost = (c: Context) => ["localhost", "127.0.0.1", "[::1]"].includes(new URL(c.req.url).hostname);

export const auth = new Hono<AppEnv>()
  .post("/auth/login", guard("login", operations.login), ...json(LoginBody), async (c) => {
    const db = c.var.db;
    const { email, password } = c.req.valid("json");
    const now = Date.now();
    const ip = clientIp(c);
    const keys = { email: `email:${email}`, ip: `ip:${ip}` } as const;
    const wait = Math.max(
      retryAfter(await throttleRow(db, keys.email), now, LOGIN_LIMITS.email),
      retryAfter(await throttleRow(db, keys.ip), now, LOGIN_LIMITS.ip),
    );
    if (wait > 0) {
      throw new ApiError(429, "too_many_attempts", "Too many failed attempts; try again later", undefined, { "Retry-After": String(wait) });
    }
    const user = (await db.select().from(users).where(eq(users.email, email)).get()) ?? null;
    const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !valid || user.disabled) {
      await noteFailure(db, keys.email, LOGIN_LIMITS.email, now);
      await noteFailure(db, keys.ip, LOGIN_LIMITS.ip, now);
      if (user) await recordAudit(db, { accountId: user.accountId, userId: user.id, apiKeyId: null, email: user.email }, "loginFailed", 401, ip, { targetType: "user", targetId: user.id }, now);
      throw new ApiError(401, "invalid_credentials", "Email or password is incorrect");
    }
    await db.delete(loginAttempts).where(eq(loginAttempts.key, keys.email));
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const ttlMs = Number(c.env.SESSION_TTL_HOURS) * 3_600_000;
    await db.insert(sessions).values({
      id: await sha256Hex(token),
      userId: user.id,
      accountId: user.accountId,
      csrfToken,
      ip,
      userAgent: c.req.header("User-Agent")?.slice(0, 300) ?? null,
      createdAt: now,
      expiresAt: now + ttlMs,
    });
    await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    await recordAudit(db, { accountId: user.accountId, userId: user.id, apiKeyId: null, email: user.email }, "login", 200, ip, { targetType: "user", targetId: user.id }, now);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: !isLocalHost(c),
      path: "/",
      maxAge: Math.floor(ttlMs / 1000),
    });
    return c.json(await loadMe(db, { userId: user.id, via: "session", csrfToken }));
  })
  .post("/auth/logout", guard("logout", operations.logout), async (c) => {
    const actor = c.var.actor;
    if (actor.sessionId) await c.var.db.delete(sessions).where(eq(sessions.id, actor.sessionId));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    c.set("audit", { targetType: "user", targetId: actor.userId });
    return c.json({ ok: true as const });
  })
  .post("/auth/password", guard("changePassword", operations.changePassword), ...json(PasswordChangeBody), async (c) => {
    const { currentPassword, newPassword } = c.req.valid("json");
    const actor = c.var.actor;
    const db = c.var.db;
    c.set("audit", { targetType: "user", targetId: actor.userId });
    const user = await db.select().from(users).where(eq(users.id, actor.userId)).get();
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new ApiError(400, "invalid_field", "currentPassword: is incorrect", "currentPassword");
    }
    await db.update(users).set({ passwordHash: await hashPassword(newPassword), updatedAt: Date.now() }).where(eq(users.id, user.id));
    const others = actor.sessionId ? and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)) : eq(sessions.userId, user.id);
    await db.delete(sessions).where(others);
    return c.json({ ok: true as const });
  })
  .get("/me", guard("me", operations.me), async (c) => c.json(await loadMe(c.var.db, c.var.actor)))
  .patch("/me", guard("updateMe", operations.updateMe), ...json(ProfilePatch), async (c) => {
    const patch = c.req.valid("json");
    const actor = c.var.actor;
    c.set("audit", { targetType: "user", targetId: actor.userId, details: patch });
    if (Object.keys(patch).length) await c.var.db.update(users).set({ ...patch, updatedAt: Date.now() }).where(eq(users.id, actor.userId));
    return c.json(await loadMe(c.var.db, actor));
  });
