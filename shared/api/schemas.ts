/**
 * Request and response schemas of the public API (B1). The Worker validates with them, the
 * OpenAPI document is generated from them, and the dashboard's client is typed by them.
 * Request objects are strict: an unknown field is a 400 naming that field.
 */
import { z } from "zod";
import { ROLES, SUB_USER_ROLES } from "../auth/roles";

export const CHANNELS = ["email", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];

const email = z.email({ error: "must be a valid email address" }).max(254).transform((s) => s.toLowerCase());
/** Long enough to resist guessing; the maximum keeps PBKDF2 input bounded. The one rule for every password field. */
export const password = z.string().min(10, { error: "must have at least 10 characters" }).max(200);
const isoDate = z.iso.datetime();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: "invalid_field" }),
    message: z.string(),
    field: z.string().optional(),
  }),
});

export const LoginBody = z.strictObject({ email, password: z.string().min(1).max(200) });
export const PasswordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const LOCALES = ["es-PE", "en"] as const;
export const ProfilePatch = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  locale: z.enum(LOCALES).optional(),
});

export const UserOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  locale: z.string().nullable(),
  createdAt: isoDate,
  lastLoginAt: isoDate.nullable(),
});
export type UserOut = z.infer<typeof UserOut>;

export const MeOut = z.object({
  user: UserOut,
  account: z.object({ id: z.string(), name: z.string(), locale: z.string(), timezone: z.string() }),
  permissions: z.array(z.string()),
  /** Send it back as `X-CSRF-Token` on every mutating request made with the session cookie. */
  csrfToken: z.string().nullable(),
  via: z.enum(["session", "apiKey"]),
});
export type MeOut = z.infer<typeof MeOut>;

export const CreateUserBody = z.strictObject({
  email,
  name: z.string().trim().min(1).max(120),
  role: z.enum(SUB_USER_ROLES),
  /** Optional (W5): without it the user cannot log in until they choose one through the welcome mail's link. */
  password: password.optional(),
});
export const UpdateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  role: z.enum(SUB_USER_ROLES).optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
});
export const UserList = z.object({ users: z.array(UserOut) });

export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: z.enum(SUB_USER_ROLES),
});
export const ApiKeyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
export const ApiKeyCreated = ApiKeyOut.extend({ secret: z.string().meta({ description: "Shown once; store it now." }) });
export const ApiKeyList = z.object({ apiKeys: z.array(ApiKeyOut) });

export const BagOut = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  granted: z.number().int(),
  remaining: z.number().int().meta({ description: "Not yet debited, across all holders" }),
  activatedAt: isoDate,
  expiresAt: isoDate,
  expired: z.boolean(),
});
export const ChannelBalance = z.object({
  available: z.number().int().meta({ description: "Usable now: unexpired, not reserved" }),
  reserved: z.number().int(),
  nextExpiry: isoDate.nullable(),
});
export const HolderBalance = z.object({
  holder: z.string().meta({ description: "`main` for the main account's pool, or a user id" }),
  email: ChannelBalance,
  sms: ChannelBalance,
});
export const CreditsOut = z.object({
  /** The caller's own usable balance: the main pool for owner/admin, the allocation otherwise. */
  me: HolderBalance,
  /** Present for owner and admin: the main pool, every sub-user's allocation, and the bags. */
  main: HolderBalance.optional(),
  allocations: z.array(HolderBalance).optional(),
  bags: z.array(BagOut).optional(),
});
export type CreditsOut = z.infer<typeof CreditsOut>;

export const AllocationBody = z.strictObject({
  userId: z.string().min(1),
  channel: z.enum(CHANNELS),
  amount: z
    .number()
    .int({ error: "must be a whole number" })
    .refine((n) => n !== 0, { error: "must not be zero" })
    .meta({ description: "Positive moves credit from the main pool to the user; negative returns it" }),
});
export const GrantBagBody = z.strictObject({
  channel: z.enum(CHANNELS),
  amount: z.number().int().positive().max(1_000_000_000),
  validDays: z.number().int().positive().max(3650).optional(),
});

export const LEDGER_KINDS = ["grant", "allocate", "deallocate", "reserve", "commit", "release", "refund"] as const;
export const LedgerEntryOut = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: isoDate,
  kind: z.enum(LEDGER_KINDS),
  channel: z.enum(CHANNELS),
  holder: z.string(),
  amount: z.number().int(),
  reference: z.string().nullable(),
  actorUserId: z.string().nullable(),
  note: z.string().nullable(),
});
export const LedgerPage = z.object({ entries: z.array(LedgerEntryOut), nextCursor: z.string().nullable() });

export const PageQuery = z.strictObject({
  cursor: z.string().regex(/^\d+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const AuditEntryOut = z.object({
  id: z.number().int(),
  at: isoDate,
  actorUserId: z.string().nullable(),
  actorApiKeyId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  status: z.number().int(),
  ip: z.string().nullable(),
  details: z.unknown().nullable(),
});
export const AuditPage = z.object({ entries: z.array(AuditEntryOut), nextCursor: z.string().nullable() });

export const HealthOut = z.object({ status: z.literal("ok"), time: isoDate });
export const Ok = z.object({ ok: z.literal(true) });
