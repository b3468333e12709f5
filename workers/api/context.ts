/**
 * Types of the Hono context shared by every API route: the bindings and the authenticated caller.
 */
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { Role } from "../../shared/auth/roles";
import type * as schema from "../../shared/db/schema";

export type Actor = {
  userId: string;
  accountId: string;
  email: string;
  role: Role;
  via: "session" | "apiKey";
  sessionId: string | null;
  apiKeyId: string | null;
  csrfToken: string | null;
};

/** What a handler says about its target, for the audit log. */
export type AuditNote = { targetType?: string; targetId?: string; details?: Record<string, unknown> };

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: DrizzleD1Database<typeof schema>;
    actor: Actor;
    audit: AuditNote;
  };
};
