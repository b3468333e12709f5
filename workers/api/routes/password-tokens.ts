/**
 * Set-password links (W5), public: `GET /auth/password-token/:token` says who a link is for
 * (404 unknown or forged, 410 used or expired), and `POST /auth/set-password` sets the password
 * with it (the same password rule as everywhere), marks the link used, revokes the user's other
 * links and sessions, and records `setPassword` in the audit log as the user. It does not log
 * the person in: the answer tells the page to send them to the login form (`next: "login"`), so
 * a session is only ever made by the login route, with its throttling.
 */
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { SetPasswordBody } from "../../../shared/api/schemas-welcome";
import { hashPassword } from "../../../shared/auth/crypto";
import { tokenState } from "../../../shared/auth/password-token";
import { sessions, users } from "../../../shared/db/schema";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { guard, recordAudit } from "../guard";
import { json } from "../validate";
import { clientIp } from "../authn";
import { claimToken, findToken, revokeUserTokens } from "../../users/password-tokens";

const unknownLink = () => new ApiError(404, "not_found", "This link does not exist");
const goneLink = () => new ApiError(410, "gone", "This link was already used or has expired", "token");

export const passwordTokensRoutes = new Hono<AppEnv>()
  .get("/auth/password-token/:token", guard("getPasswordToken", operations.getPasswordToken), async (c) => {
    const found = await findToken(c.var.db, c.req.param("token"));
    const state = tokenState(found?.token ?? null, Date.now());
    if (state === "unknown") throw unknownLink();
    if (state === "gone" || found!.user.disabled) throw goneLink();
    return c.json({ email: found!.user.email, name: found!.user.name, expiresAt: new Date(found!.token.expiresAt).toISOString() });
  })
  .post("/auth/set-password", guard("setPassword", operations.setPassword), ...json(SetPasswordBody), async (c) => {
    const db = c.var.db;
    const { token, password } = c.req.valid("json");
    const now = Date.now();
    const found = await findToken(db, token);
    const state = tokenState(found?.token ?? null, now);
    if (state === "unknown") throw unknownLink();
    if (state === "gone" || found!.user.disabled) throw goneLink();
    const user = found!.user;
    // Hash first (slow), then claim: the claim is the one step that decides between two concurrent uses.
    const passwordHash = await hashPassword(password);
    if (!(await claimToken(db, found!.token.id, now))) throw goneLink();
    await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, user.id));
    await revokeUserTokens(db, user.id, now);
    await db.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(db, { accountId: user.accountId, userId: user.id, apiKeyId: null, email: user.email }, "setPassword", 200, clientIp(c), { targetType: "user", targetId: user.id, details: { purpose: found!.token.purpose } }, now);
    return c.json({ ok: true as const, email: user.email, next: "login" as const });
  });
