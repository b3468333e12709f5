/**
 * Connected social accounts (W6) through the API: connect, list, change, remove; the token is
 * sealed at rest (the D1 row does not contain it, and only opens on its own row) and never
 * returned; bad input is a 400 naming the field; another account's rows are out of reach.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { openSocialToken } from "../../workers/social/token";
import { targetOf } from "./social-helpers";

const SECRET = { LINK_SECRET: "test-link-secret" }; // tests/worker/vitest.config.ts
type Row = { id: string; token: string; auto_publish: number; name: string };
const rowOf = (id: string) => env.DB.prepare("SELECT * FROM social_accounts WHERE id = ?").bind(id).first<Row>();

describe("social accounts", () => {
  it("connects an account with its token sealed, lists it with a hint only, changes and removes it", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const target = targetOf("linkedin");
    const token = "AQX-linkedin-secret-token-9f3a";
    const res = await api("/social-accounts", { key, body: { network: "linkedin", name: "Municipalidad en LinkedIn", target, token } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ network: "linkedin", name: "Municipalidad en LinkedIn", target, tokenHint: "…9f3a", autoPublish: true, lastPost: null });
    expect(JSON.stringify(created)).not.toContain(token);
    const id = created.id as string;

    const row = await rowOf(id);
    expect(row!.token).not.toContain(token);
    expect(row!.token).toMatch(/^v1\./);
    expect(await openSocialToken(SECRET, id, row!.token)).toBe(token);
    await expect(openSocialToken(SECRET, "sa_other", row!.token)).rejects.toThrow(/does not decrypt/);

    const list = (await (await api("/social-accounts", { key: s.users.admin.key })).json()) as { accounts: Record<string, unknown>[] };
    expect(list.accounts).toHaveLength(1);
    expect(list.accounts[0]).toMatchObject({ id, tokenHint: "…9f3a" });
    expect(JSON.stringify(list)).not.toContain(token);

    const patched = await api(`/social-accounts/${id}`, { method: "PATCH", key, body: { name: "LinkedIn institucional", autoPublish: false, token: "new-token-77b1" } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: "LinkedIn institucional", autoPublish: false, tokenHint: "…77b1" });
    const after = await rowOf(id);
    expect(after!.auto_publish).toBe(0);
    expect(await openSocialToken(SECRET, id, after!.token)).toBe("new-token-77b1");

    const audit = await env.DB.prepare("SELECT details FROM audit_log WHERE target_id = ? ORDER BY id").bind(id).all<{ details: string }>();
    expect(audit.results.map((r) => r.details).join("")).not.toContain("new-token-77b1");

    expect((await api(`/social-accounts/${id}`, { method: "DELETE", key })).status).toBe(200);
    expect(await rowOf(id)).toBeNull();
    expect((await api(`/social-accounts/${id}`, { method: "DELETE", key })).status).toBe(404);
  });

  it.each([
    [{ network: "myspace", name: "M", target: "123456", token: "t" }, "network"],
    [{ network: "linkedin", name: "L", target: "2414183", token: "t" }, "target"],
    [{ network: "facebook", name: "F", target: "mi-pagina", token: "t" }, "target"],
    [{ network: "x", name: "X", target: "@muni", token: "t" }, "target"],
    [{ network: "x", name: "X", target: "123456", token: "" }, "token"],
    [{ network: "x", name: "", target: "123456", token: "t" }, "name"],
    [{ network: "x", name: "X", target: "123456", token: "t", secret: 1 }, "secret"],
  ])("refuses %j naming %s", async (body, field) => {
    const s = await seedAccount();
    const res = await api("/social-accounts", { key: s.users.owner.key, body });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe(field);
  });

  it("an empty new token is refused; another account's rows are a 404", async () => {
    const s = await seedAccount();
    const other = await seedAccount();
    const res = await api("/social-accounts", { key: s.users.owner.key, body: { network: "x", name: "X", target: targetOf("x"), token: "tok-1234" } });
    const id = ((await res.json()) as { id: string }).id;
    const empty = await api(`/social-accounts/${id}`, { method: "PATCH", key: s.users.owner.key, body: { token: " " } });
    expect(empty.status).toBe(400);
    expect((await errorOf(empty)).field).toBe("token");
    expect((await api(`/social-accounts/${id}`, { method: "PATCH", key: other.users.owner.key, body: { name: "mío" } })).status).toBe(404);
    expect((await api(`/social-accounts/${id}`, { method: "DELETE", key: other.users.owner.key })).status).toBe(404);
    expect(((await (await api("/social-accounts", { key: other.users.owner.key })).json()) as { accounts: unknown[] }).accounts).toEqual([]);
  });
});
