/**
 * Authentication: login, session cookie, CSRF, throttling, logout, password change, expired
 * sessions, API keys (shown once, hashed at rest, revocable) and disabled users.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../shared/auth/crypto";
import { api, errorOf, login, PASSWORD, seedAccount } from "./helpers";

describe("login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and returns the caller with a CSRF token", async () => {
    const s = await seedAccount();
    const session = await login(s.users.sender.email);
    expect(session.setCookie).toMatch(/^pregon_sid=[\w-]{40,};/);
    expect(session.setCookie).toContain("HttpOnly");
    expect(session.setCookie).toContain("SameSite=Lax");
    expect(session.setCookie).not.toContain("Secure"); // http://127.0.0.1: local development
    const me = (await (await api("/me", { session })).json()) as { user: { email: string; role: string }; via: string; csrfToken: string };
    expect(me).toMatchObject({ user: { email: s.users.sender.email, role: "sender" }, via: "session", csrfToken: session.csrf });
    // The cookie value itself is not stored: only its hash is.
    const raw = session.cookie.split("=")[1]!;
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = ?").bind(raw).first("n")).toBe(0);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = ?").bind(await sha256Hex(raw)).first("n")).toBe(1);
  });

  it("marks the cookie Secure outside localhost", async () => {
    const s = await seedAccount();
    const { SELF } = await import("cloudflare:test");
    const res = await SELF.fetch("https://pregon.example.org/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: s.users.viewer.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("Set-Cookie")).toContain("Secure");
  });

  it("answers a wrong password and an unknown email with the same 401", async () => {
    const s = await seedAccount();
    const wrong = await api("/auth/login", { body: { email: s.users.owner.email, password: "not-the-password" }, headers: { "CF-Connecting-IP": "203.0.113.1" } });
    const unknown = await api("/auth/login", { body: { email: "nobody@example.org", password: PASSWORD }, headers: { "CF-Connecting-IP": "203.0.113.1" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await errorOf(wrong), await errorOf(unknown)];
    expect(a).toEqual({ code: "invalid_credentials", message: "Email or password is incorrect" });
    expect(b).toEqual(a);
    expect(wrong.headers.get("Set-Cookie")).toBeNull();
  });

  it("throttles an account after 5 failures, even with the right password, without blocking others", async () => {
    const s = await seedAccount();
    for (let i = 0; i < 5; i++) {
      const r = await api("/auth/login", { body: { email: s.users.editor.email, password: "wrong-wrong" }, headers: { "CF-Connecting-IP": `203.0.113.${10 + i}` } });
      expect(r.status).toBe(401);
    }
    const blocked = await api("/auth/login", { body: { email: s.users.editor.email, password: PASSWORD }, headers: { "CF-Connecting-IP": "203.0.113.99" } });
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).code).toBe("too_many_attempts");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(800);
    await login(s.users.viewer.email, PASSWORD, "203.0.113.99");
  });

  it("throttles an IP after 20 failures across accounts", async () => {
    const s = await seedAccount();
    const ip = "192.0.2.55";
    for (let i = 0; i < 20; i++) {
      const r = await api("/auth/login", { body: { email: `ghost${i}@example.org`, password: "wrong-wrong" }, headers: { "CF-Connecting-IP": ip } });
      expect(r.status).toBe(401);
    }
    const blocked = await api("/auth/login", { body: { email: s.users.owner.email, password: PASSWORD }, headers: { "CF-Connecting-IP": ip } });
    expect(blocked.status).toBe(429);
    await login(s.users.owner.email, PASSWORD, "192.0.2.56");
  });

  it("records failed logins of a known user in the account's audit log", async () => {
    const s = await seedAccount();
    await api("/auth/login", { body: { email: s.users.sender.email, password: "wrong-wrong" }, headers: { "CF-Connecting-IP": "198.51.100.200" } });
    const page = (await (await api("/audit", { key: s.users.owner.key })).json()) as { entries: { action: string; status: number; ip: string; targetId: string }[] };
    expect(page.entries[0]).toMatchObject({ action: "loginFailed", status: 401, ip: "198.51.100.200", targetId: s.users.sender.id });
  });
});

describe("sessions", () => {
  it("refuses a cookie-authenticated mutation without the CSRF token", async () => {
    const s = await seedAccount();
    const session = await login(s.users.owner.email);
    const none = await api("/me", { method: "PATCH", session, body: { name: "X" }, headers: { "X-CSRF-Token": "" } });
    expect(none.status).toBe(403);
    expect((await errorOf(none)).code).toBe("csrf");
    const wrong = await api("/me", { method: "PATCH", session, body: { name: "X" }, headers: { "X-CSRF-Token": "guess" } });
    expect(wrong.status).toBe(403);
    const ok = await api("/me", { method: "PATCH", session, body: { name: "X" } });
    expect(ok.status).toBe(200);
  });

  it("answers 401 once the session has expired", async () => {
    const s = await seedAccount();
    const session = await login(s.users.viewer.email);
    expect((await api("/me", { session })).status).toBe(200);
    const id = await sha256Hex(session.cookie.split("=")[1]!);
    await env.DB.prepare("UPDATE sessions SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, id).run();
    const res = await api("/me", { session });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthenticated");
  });

  it("ends the session on logout", async () => {
    const s = await seedAccount();
    const session = await login(s.users.viewer.email);
    const out = await api("/auth/logout", { method: "POST", session });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/pregon_sid=;.*Max-Age=0/);
    expect((await api("/me", { session })).status).toBe(401);
  });

  it("changes the password, keeps this session and ends the others", async () => {
    const s = await seedAccount();
    const one = await login(s.users.sender.email);
    const two = await login(s.users.sender.email);
    const bad = await api("/auth/password", { session: one, body: { currentPassword: "nope-nope", newPassword: "a-brand-new-secret" } });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ field: "currentPassword" });
    const short = await api("/auth/password", { session: one, body: { currentPassword: PASSWORD, newPassword: "short" } });
    expect(await errorOf(short)).toMatchObject({ code: "invalid_field", field: "newPassword" });
    expect((await api("/auth/password", { session: one, body: { currentPassword: PASSWORD, newPassword: "a-brand-new-secret" } })).status).toBe(200);
    expect((await api("/me", { session: one })).status).toBe(200);
    expect((await api("/me", { session: two })).status).toBe(401);
    expect((await api("/auth/login", { body: { email: s.users.sender.email, password: PASSWORD } })).status).toBe(401);
    await login(s.users.sender.email, "a-brand-new-secret");
  });

  it("logs out and locks out a user the owner disables", async () => {
    const s = await seedAccount();
    const session = await login(s.users.editor.email);
    expect((await api(`/users/${s.users.editor.id}`, { method: "PATCH", key: s.users.owner.key, body: { disabled: true } })).status).toBe(200);
    expect((await api("/me", { session })).status).toBe(401);
    expect((await api("/me", { key: s.users.editor.key })).status).toBe(401);
    expect((await api("/auth/login", { body: { email: s.users.editor.email, password: PASSWORD } })).status).toBe(401);
  });
});

describe("API keys", () => {
  it("shows the secret once, stores only its hash, authenticates with its role, and stops when revoked", async () => {
    const s = await seedAccount();
    const created = await api("/api-keys", { key: s.users.admin.key, body: { name: "CRM", role: "editor" } });
    expect(created.status).toBe(201);
    const key = (await created.json()) as { id: string; secret: string; prefix: string; role: string };
    expect(key.secret).toMatch(/^pk_[\w-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    const stored = await env.DB.prepare("SELECT key_hash FROM api_keys WHERE id = ?").bind(key.id).first<{ key_hash: string }>();
    expect(stored!.key_hash).toBe(await sha256Hex(key.secret));
    const list = await (await api("/api-keys", { key: s.users.owner.key })).text();
    expect(list).not.toContain(key.secret);
    const me = (await (await api("/me", { key: key.secret })).json()) as { via: string; user: { id: string } };
    expect(me).toMatchObject({ via: "apiKey", user: { id: s.users.admin.id } });
    expect((await api("/users", { key: key.secret })).status).toBe(403); // editor role, not admin
    expect((await api(`/api-keys/${key.id}`, { method: "DELETE", key: s.users.owner.key })).status).toBe(200);
    expect((await api("/me", { key: key.secret })).status).toBe(401);
  });

  it("rejects malformed and unknown bearer tokens", async () => {
    for (const value of ["Bearer", "Bearer nope", "Basic abc", "Bearer pk_unknown"]) {
      const res = await api("/me", { headers: { Authorization: value } });
      expect(res.status, value).toBe(401);
    }
  });
});
