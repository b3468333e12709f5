/**
 * The one middleware every API operation goes through: authenticate, check CSRF for
 * cookie-authenticated mutations, check the operation's permission against the role table in
 * shared/, then record every mutating call (allowed or refused) in the audit log.
 */
import { createMiddleware } from "hono/factory";
import { auditLog } from "../../shared/db/schema";
import { can } from "../../shared/auth/roles";
import type { Operation } from "../../shared/api/operations";
import type { Actor, AppEnv } from "./context";
import { ApiError, forbidden } from "./errors";
import { authenticate, clientIp } from "./authn";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function guard(operationId: string, op: Operation) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (op.permission === null) return next();
    const now = Date.now();
    const actor = await authenticate(c, now);
    if (!actor) throw new ApiError(401, "unauthenticated", "Log in or send a valid API key");
    c.set("actor", actor);
    c.set("audit", {});
    const mutating = MUTATING.has(c.req.method);
    let denied: ApiError | null = null;
    if (mutating && actor.via === "session" && c.req.header("X-CSRF-Token") !== actor.csrfToken) {
      denied = new ApiError(403, "csrf", "Missing or wrong X-CSRF-Token header");
    } else if (!can(actor.role, op.permission)) {
      denied = forbidden();
    }
    try {
      if (denied) throw denied;
      await next();
    } finally {
      if (mutating) await recordAudit(c.var.db, actor, operationId, denied ? denied.status : c.res.status, clientIp(c), c.var.audit, now);
    }
  });
}

export async function recordAudit(
  db: AppEnv["Variables"]["db"],
  actor: Pick<Actor, "accountId" | "userId" | "apiKeyId" | "email">,
  action: string,
  status: number,
  ip: string,
  note: AppEnv["Variables"]["audit"] | undefined,
  now: number,
): Promise<void> {
  await db.insert(auditLog).values({
    accountId: actor.accountId,
    actorUserId: actor.userId,
    actorApiKeyId: actor.apiKeyId,
    actorEmail: actor.email,
    action,
    targetType: note?.targetType ?? null,
    targetId: note?.targetId ?? null,
    status,
    ip,
    at: now,
    details: note?.details ? JSON.stringify(note.details) : null,
  });
}
