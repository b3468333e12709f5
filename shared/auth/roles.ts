/**
 * Roles and the one permission table (E3). Every API operation names the permission it needs
 * (shared/api/operations.ts); one middleware checks it against this table. The dashboard reads
 * the same table to hide controls a role cannot use.
 */

export const ROLES = ["owner", "admin", "sender", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Roles a sub-user can be given (the owner is created once, with the account). */
export const SUB_USER_ROLES = ["admin", "sender", "editor", "viewer"] as const satisfies readonly Role[];

export const PERMISSIONS = [
  "profile", // read and change one's own profile and password
  "users.read",
  "users.manage",
  "apikeys.manage",
  "credits.read",
  "credits.allocate",
  "credits.grant",
  "audit.read",
  "contacts.read",
  "contacts.edit",
  "campaigns.read",
  "campaigns.edit",
  "campaigns.send",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL_READ: Permission[] = ["profile", "credits.read", "contacts.read", "campaigns.read"];

/** What each role may do. Read it as: owner ⊇ admin ⊇ sender ⊇ editor ⊇ viewer. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([...PERMISSIONS]),
  admin: new Set<Permission>([
    ...ALL_READ,
    "users.read",
    "users.manage",
    "apikeys.manage",
    "credits.allocate",
    "audit.read",
    "contacts.edit",
    "campaigns.edit",
    "campaigns.send",
  ]),
  // Senders manage the audiences they send to; editors only write content.
  sender: new Set<Permission>([...ALL_READ, "contacts.edit", "campaigns.edit", "campaigns.send"]),
  editor: new Set<Permission>([...ALL_READ, "campaigns.edit"]),
  viewer: new Set<Permission>(ALL_READ),
};

/**
 * Whether `role` holds `permission`.
 * @example can("editor", "campaigns.send") // false
 */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

const RANK: Record<Role, number> = { owner: 4, admin: 3, sender: 2, editor: 1, viewer: 0 };

/**
 * Whether a user with role `actor` may create, change or disable a user (or an API key) with
 * role `target`: only the owner manages admins; nobody manages the owner through the API.
 * @example canManageRole("admin", "sender") // true
 */
export function canManageRole(actor: Role, target: Role): boolean {
  if (target === "owner") return false;
  if (!can(actor, "users.manage")) return false;
  return actor === "owner" || RANK[actor] > RANK[target];
}

/** Whether `role` draws credit from the main account's pool rather than its own allocation. */
export function drawsFromMainPool(role: Role): boolean {
  return role === "owner" || role === "admin";
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
