/** Database rows → API objects (pure). Times become ISO strings; secrets never leave. */
import type { Account, ApiKey, User } from "../db/schema";
import { ROLE_PERMISSIONS, type Role } from "../auth/roles";
import type { MeOut, UserOut } from "./schemas";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** @example presentUser(row).createdAt // "2026-11-29T09:00:00.000Z" */
export function presentUser(u: User): UserOut {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    disabled: u.disabled,
    locale: u.locale,
    createdAt: iso(u.createdAt)!,
    lastLoginAt: iso(u.lastLoginAt),
  };
}

export function presentMe(u: User, a: Account, via: MeOut["via"], csrfToken: string | null): MeOut {
  return {
    user: presentUser(u),
    account: { id: a.id, name: a.name, locale: a.locale, timezone: a.timezone },
    permissions: [...ROLE_PERMISSIONS[u.role as Role]],
    csrfToken,
    via,
  };
}

export function presentApiKey(k: ApiKey) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role as Role,
    createdAt: iso(k.createdAt)!,
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}
