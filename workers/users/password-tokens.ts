/**
 * Storage of set-password links (W5) in `password_tokens`: issue one (the raw token goes into
 * the link, its SHA-256 into the row), find one by the raw token, and use one — a conditional
 * UPDATE claims it, so two concurrent uses cannot both succeed, then every other open token of
 * the user is revoked. What a row's state means is decided in shared/auth/password-token.ts.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordTokens, users } from "../../shared/db/schema";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import { WELCOME_TOKEN_TTL_MS } from "../../shared/auth/password-token";
import type { AppEnv } from "../api/context";

type Db = AppEnv["Variables"]["db"];

/**
 * A new welcome token for `user`, valid 72 hours from `now`; returns the raw token (never stored).
 * @example const token = await issueWelcomeToken(db, { id: "usr_1", accountId: "acc_1" }, "usr_owner", Date.now())
 */
export async function issueWelcomeToken(db: Db, user: { id: string; accountId: string }, createdBy: string | null, now: number): Promise<string> {
  const token = randomToken(32);
  await db.insert(passwordTokens).values({ id: await sha256Hex(token), userId: user.id, accountId: user.accountId, purpose: "welcome", createdBy, createdAt: now, expiresAt: now + WELCOME_TOKEN_TTL_MS, usedAt: null });
  return token;
}

/** The token row and its user for a raw token; null when there is none (unknown or forged). */
export async function findToken(db: Db, token: string) {
  const id = await sha256Hex(token);
  const row = await db.select({ token: passwordTokens, user: users }).from(passwordTokens).innerJoin(users, eq(users.id, passwordTokens.userId)).where(eq(passwordTokens.id, id)).get();
  return row ?? null;
}

/**
 * Marks the token used if it still is usable at `now`; false when another request used it first
 * or it expired meanwhile.
 */
export async function claimToken(db: Db, tokenId: string, now: number): Promise<boolean> {
  const claimed = await db
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.id, tokenId), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .returning({ id: passwordTokens.id });
  return claimed.length === 1;
}

/** Revokes (marks used) every still-open token of `userId`: a new password makes older links useless. */
export async function revokeUserTokens(db: Db, userId: string, now: number): Promise<void> {
  await db.update(passwordTokens).set({ usedAt: now }).where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}

/** Revokes the still-open welcome links of `userId` before a new one is issued, so only the newest works. */
export async function revokeWelcomeTokens(db: Db, userId: string, now: number): Promise<void> {
  await db.update(passwordTokens).set({ usedAt: now }).where(and(eq(passwordTokens.userId, userId), eq(passwordTokens.purpose, "welcome"), isNull(passwordTokens.usedAt)));
}
