/**
 * The audit log (B9, C3): every mutating call, allowed or refused, with who, what, target, when
 * and IP; append-only at the database level; newest first with keyset paging.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, login, PASSWORD, seedAccount } from "./helpers";

type Entry = { id: number; action: string; actorEmail: string; actorApiKeyId: string | null; targetType: string | null; targetId: string | null; status: number; ip: string; at: string; details: any };

async function entries(key: string, query = ""): Promise<{ entries: Entry[]; nextCursor: string | null }> {
  return (await (await api(`/audit${query}`, { key })).json()) as never;
}

describe("audit log", () => {
  it("records who did what to which target, when and from where, including refusals", async () => {
    const s = await seedAccount();
    const session = await login(s.users.admin.email, PASSWORD, "203.0.113.40");
    const created = await api("/users", { session, body: { email: "nueva@example.org", name: "Nueva", role: "sender", password: PASSWORD }, headers: { "CF-Connecting-IP": "203.0.113.40" } });
    const user = (await created.json()) as { id: string };
    await api("/credits/allocations", { key: s.users.owner.key, body: { userId: user.id, channel: "email", amount: 250 }, headers: { "CF-Connecting-IP": "203.0.113.41" } });
    await api("/users", { key: s.users.viewer.key, body: { email: "x@example.org", name: "X", role: "viewer", password: PASSWORD }, headers: { "CF-Connecting-IP": "203.0.113.42" } });
    const before = Date.now();
    const { entries: list } = await entries(s.users.owner.key);
    expect(list.map((e) => [e.action, e.status, e.ip])).toEqual([
      ["createUser", 403, "203.0.113.42"],
      ["allocateCredits", 200, "203.0.113.41"],
      ["createUser", 201, "203.0.113.40"],
      ["login", 200, "203.0.113.40"],
    ]);
    expect(list[2]).toMatchObject({ actorEmail: s.users.admin.email, targetType: "user", targetId: user.id, details: { email: "nueva@example.org", role: "sender" } });
    expect(list[1]).toMatchObject({ actorApiKeyId: s.users.owner.keyId, targetId: user.id, details: { channel: "email", amount: 250 } });
    expect(list[0]!.actorEmail).toBe(s.users.viewer.email);
    expect(Date.parse(list[0]!.at)).toBeLessThanOrEqual(before);
    // Passwords never reach the log.
    expect(JSON.stringify(list)).not.toContain(PASSWORD);
  });

  it("cannot be changed or deleted", async () => {
    const s = await seedAccount();
    await api("/me", { method: "PATCH", key: s.users.owner.key, body: { name: "Dueña" } });
    await expect(env.DB.prepare("UPDATE audit_log SET action = 'nothing' WHERE account_id = ?").bind(s.accountId).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE account_id = ?").bind(s.accountId).run()).rejects.toThrow(/append-only/);
    expect((await entries(s.users.owner.key)).entries.map((e) => e.action)).toEqual(["updateMe"]);
  });

  it("pages newest first with a keyset cursor", async () => {
    const s = await seedAccount();
    for (let i = 0; i < 5; i++) await api("/me", { method: "PATCH", key: s.users.owner.key, body: { name: `N${i}` } });
    const first = await entries(s.users.owner.key, "?limit=2");
    const second = await entries(s.users.owner.key, `?limit=2&cursor=${first.nextCursor}`);
    const third = await entries(s.users.owner.key, `?limit=2&cursor=${second.nextCursor}`);
    const names = [...first.entries, ...second.entries, ...third.entries].map((e) => e.details.name);
    expect(names).toEqual(["N4", "N3", "N2", "N1", "N0"]);
    expect(third.nextCursor).toBeNull();
  });
});
