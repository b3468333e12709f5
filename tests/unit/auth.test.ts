import { describe, expect, it } from "vitest";
import { can, canManageRole, ROLES, SUB_USER_ROLES } from "../../shared/auth/roles";
import { hashPassword, sha256Hex, verifyPassword, randomToken, PBKDF2_ITERATIONS } from "../../shared/auth/crypto";
import { LOGIN_LIMITS, recordFailure, retryAfter } from "../../shared/auth/throttle";

describe("roles", () => {
  it("lets only owner and admin manage users, and only the owner manage admins", () => {
    expect(ROLES.filter((r) => can(r, "users.manage"))).toEqual(["owner", "admin"]);
    expect(ROLES.filter((r) => can(r, "campaigns.send"))).toEqual(["owner", "admin", "sender"]);
    expect(ROLES.filter((r) => can(r, "campaigns.edit"))).toEqual(["owner", "admin", "sender", "editor"]);
    expect(ROLES.filter((r) => can(r, "credits.grant"))).toEqual(["owner"]);
    expect(SUB_USER_ROLES.filter((t) => canManageRole("admin", t))).toEqual(["sender", "editor", "viewer"]);
    expect(SUB_USER_ROLES.filter((t) => canManageRole("owner", t))).toEqual(["admin", "sender", "editor", "viewer"]);
    expect(ROLES.some((a) => canManageRole(a, "owner"))).toBe(false);
    expect(SUB_USER_ROLES.some((t) => canManageRole("sender", t))).toBe(false);
  });
});

describe("passwords and tokens", () => {
  it("hashes with PBKDF2-SHA256 at the Workers maximum, salted per hash", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_ITERATIONS}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsE", a)).toBe(false);
  });

  it("refuses malformed or over-costly stored hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "plain")).toBe(false);
    expect(await verifyPassword("x", "md5$1$a$b")).toBe(false);
    expect(await verifyPassword("x", "pbkdf2-sha256$999999999$AAAA$AAAA")).toBe(false);
  });

  it("makes URL-safe random tokens and hex SHA-256", async () => {
    expect(randomToken(32)).toMatch(/^[\w-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("login throttling", () => {
  const limit = LOGIN_LIMITS.email;
  it("blocks after the limit until the window ends", () => {
    let s = null as ReturnType<typeof recordFailure> | null;
    for (let i = 0; i < limit.max; i++) {
      expect(retryAfter(s, 1000, limit)).toBe(0);
      s = recordFailure(s, 1000, limit);
    }
    expect(s).toEqual({ windowStart: 1000, failures: 5 });
    expect(retryAfter(s, 1000, limit)).toBe(900);
    expect(retryAfter(s, 1000 + limit.windowMs - 1, limit)).toBe(1);
    expect(retryAfter(s, 1000 + limit.windowMs, limit)).toBe(0);
  });
  it("starts a new window after the old one ends", () => {
    expect(recordFailure({ windowStart: 0, failures: 9 }, limit.windowMs, limit)).toEqual({ windowStart: limit.windowMs, failures: 1 });
  });
});
