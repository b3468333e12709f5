/**
 * Bad input gets a 4xx in the one error shape, naming the field, and changes nothing.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, PASSWORD, seedAccount } from "./helpers";

describe("bad input", () => {
  it("answers malformed JSON with 400", async () => {
    const s = await seedAccount();
    const res = await api("/users", { key: s.users.owner.key, raw: '{"email": "a@b.c",', headers: { "Content-Type": "application/json" }, method: "POST" });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: "bad_request", message: "Malformed JSON in request body" });
  });

  it("names the field of a wrong type", async () => {
    const s = await seedAccount();
    const res = await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "email", amount: "1000" } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "invalid_field", field: "amount" });
    const res2 = await api("/users", { key: s.users.owner.key, body: { email: "not-an-email", name: "X", role: "viewer", password: PASSWORD } });
    expect(await errorOf(res2)).toMatchObject({ code: "invalid_field", field: "email", message: "email: must be a valid email address" });
    const res3 = await api("/users", { key: s.users.owner.key, body: { email: "ok@example.org", name: "X", role: "owner", password: PASSWORD } });
    expect(await errorOf(res3)).toMatchObject({ code: "invalid_field", field: "role" });
  });

  it("names an unknown field", async () => {
    const s = await seedAccount();
    const res = await api(`/users/${s.users.viewer.id}`, { method: "PATCH", key: s.users.owner.key, body: { name: "X", isAdmin: true } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({ code: "unknown_field", message: 'Unknown field "isAdmin"', field: "isAdmin" });
    const row = await env.DB.prepare("SELECT name FROM users WHERE id = ?").bind(s.users.viewer.id).first("name");
    expect(row).toBe("viewer");
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const s = await seedAccount();
    const res = await api("/me", { method: "PATCH", key: s.users.owner.key, raw: JSON.stringify({ name: "x".repeat(1024 * 1024 + 1) }), headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: "payload_too_large" });
  });

  it("refuses a body that is not JSON with 415", async () => {
    const s = await seedAccount();
    const res = await api("/me", { method: "PATCH", key: s.users.owner.key, raw: "name=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe("unsupported_media_type");
  });

  it("refuses an allocation beyond the balance with 409 and leaves balances unchanged", async () => {
    const s = await seedAccount({ email: 1000 });
    const before = await (await api("/credits", { key: s.users.owner.key })).json();
    const res = await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "email", amount: 1001 } });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "insufficient_credit", field: "amount" });
    expect(await (await api("/credits", { key: s.users.owner.key })).json()).toEqual(before);
    const back = await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "email", amount: -1 } });
    expect(back.status).toBe(409);
    const zero = await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "email", amount: 0 } });
    expect(await errorOf(zero)).toMatchObject({ code: "invalid_field", field: "amount" });
    const toAdmin = await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.admin.id, channel: "email", amount: 5 } });
    expect(await errorOf(toAdmin)).toMatchObject({ code: "invalid_field", field: "userId" });
  });

  it("refuses a duplicate email with 409 naming the field", async () => {
    const s = await seedAccount();
    const res = await api("/users", { key: s.users.owner.key, body: { email: s.users.viewer.email.toUpperCase(), name: "Dup", role: "viewer", password: PASSWORD } });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "conflict", field: "email" });
  });

  it("answers an unknown API route with 404 in the error shape", async () => {
    const res = await api("/nope");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");
  });

  it("rejects a bad paging cursor", async () => {
    const s = await seedAccount();
    const res = await api("/audit?cursor=abc", { key: s.users.owner.key });
    expect(await errorOf(res)).toMatchObject({ code: "invalid_field", field: "cursor" });
    const res2 = await api("/audit?limit=5000", { key: s.users.owner.key });
    expect(await errorOf(res2)).toMatchObject({ code: "invalid_field", field: "limit" });
  });
});
