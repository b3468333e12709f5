/**
 * First start: an empty database gets the owner from ADMIN_EMAIL / ADMIN_PASSWORD and the
 * default credit bags, exactly once even when first requests race.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ensureBootstrap } from "../../workers/api/bootstrap";
import { verifyPassword } from "../../shared/auth/crypto";
import { ledgerStub } from "./helpers";

describe("bootstrap", () => {
  it("creates the owner and grants the default bags once", async () => {
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM accounts").first("n")).toBe(0);
    const withAdmin = { ...env, ADMIN_EMAIL: "Duena@Example.org", ADMIN_PASSWORD: "a-strong-start-password" };
    await Promise.all([ensureBootstrap(withAdmin), ensureBootstrap(withAdmin), ensureBootstrap(withAdmin)]);
    const owners = await env.DB.prepare("SELECT account_id, email, role, password_hash FROM users").all<{ account_id: string; email: string; role: string; password_hash: string }>();
    expect(owners.results).toHaveLength(1);
    expect(owners.results[0]).toMatchObject({ email: "duena@example.org", role: "owner" });
    expect(await verifyPassword("a-strong-start-password", owners.results[0]!.password_hash)).toBe(true);
    const o = await ledgerStub(owners.results[0]!.account_id).overview();
    // The test config sets DEFAULT_EMAIL_CREDITS=5000 and DEFAULT_SMS_CREDITS=800.
    expect(o.bags.map((b) => [b.channel, b.granted])).toEqual([
      ["email", 5000],
      ["sms", 800],
    ]);
    expect(Math.round((o.bags[0]!.expiresAt - o.bags[0]!.activatedAt) / 86_400_000)).toBe(365);
  });
});
