/**
 * The D1 schema, written once here and turned into SQL migrations by drizzle-kit
 * (`npm run db:generate` → `migrations/`). Every tenant row carries `accountId`, and every
 * query in the Worker is scoped by it. Times are stored as integer milliseconds since epoch.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A main account (a tenant): the agency. Its owner and sub-users are `users` rows. */
export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  locale: text("locale").notNull().default("es-PE"),
  timezone: text("timezone").notNull().default("America/Lima"),
  createdAt: integer("created_at").notNull(),
});

/** People who log in. `role` is one of ROLES in shared/auth/roles.ts. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    locale: text("locale"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastLoginAt: integer("last_login_at"),
  },
  (t) => [uniqueIndex("users_email").on(t.email), index("users_account").on(t.accountId)],
);

/** Browser sessions. `id` is the SHA-256 of the cookie value; the raw token is never stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    accountId: text("account_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** API keys: `keyHash` is the SHA-256 of the secret, shown once at creation. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    role: text("role").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.keyHash), index("api_keys_account").on(t.accountId)],
);

/** Failed-login counters in fixed windows, keyed `email:<addr>` or `ip:<addr>`. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/** Append-only audit trail (B9, C3); a trigger in the migrations forbids UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    actorUserId: text("actor_user_id"),
    actorApiKeyId: text("actor_api_key_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    status: integer("status").notNull(),
    ip: text("ip"),
    at: integer("at").notNull(),
    details: text("details"),
  },
  (t) => [index("audit_account_id").on(t.accountId, t.id)],
);

/**
 * Mirror of the CreditLedger Durable Object's history, for reports. The Durable Object is the
 * only writer of balances; rows here are copied from it, keyed by its entry id (idempotent).
 */
export const creditEntries = sqliteTable(
  "credit_entries",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    holder: text("holder").notNull(),
    amount: integer("amount").notNull(),
    bagId: text("bag_id"),
    reference: text("reference"),
    actorUserId: text("actor_user_id"),
    note: text("note"),
  },
  (t) => [uniqueIndex("credit_entries_account_seq").on(t.accountId, t.seq)],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type CreditEntryRow = typeof creditEntries.$inferSelect;
