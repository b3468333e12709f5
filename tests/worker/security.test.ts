/**
 * Security through the Worker's own fetch: the headers of its answers, session fixation,
 * CSRF on every mutating operation of the operations table, the API and recipient rate limits,
 * and the refusal to run a deployment whose LINK_SECRET is missing or a public default.
 * Rate limits and configuration are tested by calling the Worker with a modified env object.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import worker from "../../workers/index";
import { isOverLimit, recipientRateLimit } from "../../workers/security/rate-limit";
import { API_PREFIX, operations, type Operation } from "../../shared/api/operations";
import { importLinkKey, signToken } from "../../shared/email/links";
import { sha256Hex } from "../../shared/auth/crypto";
import { DEV_LINK_SECRET } from "../../shared/security/deploy-config";
import { api, errorOf, login, seedAccount } from "./helpers";

/** One request through the Worker with `vars` overriding the test bindings. */
async function call(path: string, init: RequestInit = {}, vars: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://127.0.0.1${path}`, init), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}
const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}`;

describe("security headers of the Worker's answers", () => {
  it("marks API JSON nosniff, no-store, HSTS", async () => {
    const res = await call("/api/v1/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Strict-Transport-Security")).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("forbids framing the guide and a form, except the form with ?embed=1", async () => {
    const s = await seedAccount();
    const list = (await (await api("/lists", { key: s.users.owner.key, body: { name: "Boletín" } })).json()) as { formUrl: string };
    const formPath = new URL(list.formUrl).pathname;
    const guide = await call("/guia");
    expect(guide.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    const form = await call(formPath);
    expect(form.status).toBe(200);
    expect(form.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    const embedded = await call(`${formPath}?embed=1`);
    expect(embedded.headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
    expect(embedded.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
  });

  it("keeps the CSP a recipient page set itself (the archive) and adds one to the unsubscribe page", async () => {
    const archive = await call("/archivo/no-such-archive");
    expect(archive.headers.get("Content-Security-Policy")).toContain("form-action 'none'");
    const unsub = await call("/u/not-a-token", { headers: { "CF-Connecting-IP": ip() } });
    expect(unsub.status).toBe(404);
    expect(unsub.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});

describe("session fixation", () => {
  it("never adopts a session id given before login: login issues a new one, logout revokes it server-side", async () => {
    const s = await seedAccount();
    const planted = "pregon_sid=attacker-chosen-session-id";
    const res = await api("/auth/login", { body: { email: s.users.owner.email, password: "correct-horse-battery" }, headers: { Cookie: planted } });
    expect(res.status).toBe(200);
    const issued = (res.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    expect(issued).toMatch(/^pregon_sid=.{20,}$/);
    expect(issued).not.toBe(planted);
    expect((await api("/me", { headers: { Cookie: planted } })).status).toBe(401);
    const again = await login(s.users.owner.email);
    expect(again.cookie).not.toBe(issued);
    // Logout deletes the session row: the old cookie, replayed, is refused.
    const session = { cookie: issued, csrf: ((await (await api("/me", { headers: { Cookie: issued } })).json()) as { csrfToken: string }).csrfToken, setCookie: "" };
    expect((await api("/auth/logout", { method: "POST", session })).status).toBe(200);
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id = ?").bind(await sha256Hex(issued.split("=")[1]!)).first<number>("n");
    expect(row).toBe(0);
    expect((await api("/me", { headers: { Cookie: issued } })).status).toBe(401);
    expect((await api("/me", { session: again })).status).toBe(200);
  });
});

const MUTATING = ["post", "put", "patch", "delete"];
const mutatingOps = Object.entries(operations as Record<string, Operation>).filter(([, op]) => op.permission !== null && MUTATING.includes(op.method));
/** A path of the table with every `:param` filled with a made-up value (the CSRF check runs before any lookup). */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, "x1");

describe("CSRF on every mutating operation (generated from the operations table)", () => {
  it("covers every mutating operation that needs credentials", () => {
    expect(mutatingOps.length).toBeGreaterThan(60);
  });

  it("answers 403 csrf to a session cookie without or with a wrong X-CSRF-Token; an API key needs none", async () => {
    const s = await seedAccount();
    const session = await login(s.users.owner.email);
    const failures: string[] = [];
    for (const [id, op] of mutatingOps) {
      const path = concrete(op.path);
      for (const token of [undefined, "wrong-token"]) {
        const headers: Record<string, string> = { Cookie: session.cookie, "Content-Type": "application/json" };
        if (token) headers["X-CSRF-Token"] = token;
        const res = await call(`${API_PREFIX}${path}`, { method: op.method.toUpperCase(), headers, body: "{}" });
        const body = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
        if (res.status !== 403 || body?.error?.code !== "csrf") failures.push(`${id} ${op.method} ${path} (${token ?? "none"}): ${res.status} ${body?.error?.code}`);
      }
      const keyed = await call(`${API_PREFIX}${path}`, { method: op.method.toUpperCase(), headers: { Authorization: `Bearer ${s.users.viewer.key}`, "Content-Type": "application/json" }, body: "{}" });
      const body = (await keyed.json().catch(() => null)) as { error?: { code: string } } | null;
      if (body?.error?.code === "csrf") failures.push(`${id}: an API key was asked for a CSRF token`);
    }
    expect(failures).toEqual([]);
    // The session still works with the right token.
    expect((await api("/me", { session })).status).toBe(200);
  });
});

describe("API rate limit", () => {
  it("answers 429 with Retry-After and the JSON error shape past the limit, per key", async () => {
    const vars = { API_RATE_PER_MINUTE: "3" };
    const key = `Bearer pk_ratelimit${crypto.randomUUID()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call("/api/v1/health", { headers: { Authorization: key } }, vars)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call("/api/v1/me", { headers: { Authorization: key } }, vars);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await errorOf(refused)).code).toBe("rate_limited");
    // Another caller keeps its own budget.
    expect((await call("/api/v1/health", { headers: { Authorization: `Bearer pk_other${crypto.randomUUID()}` } }, vars)).status).toBe(200);
  });

  it("counts a session cookie on its own and an anonymous caller by IP", async () => {
    const vars = { API_RATE_PER_MINUTE: "2" };
    const cookie = `pregon_sid=${crypto.randomUUID()}`;
    const a = ip();
    const bySession = [];
    for (let i = 0; i < 3; i++) bySession.push((await call("/api/v1/me", { headers: { Cookie: cookie, "CF-Connecting-IP": a } }, vars)).status);
    expect(bySession).toEqual([401, 401, 429]);
    const byIp = [];
    for (let i = 0; i < 3; i++) byIp.push((await call("/api/v1/health", { headers: { "CF-Connecting-IP": a } }, vars)).status);
    expect(byIp).toEqual([200, 200, 429]);
  });
});

describe("recipient rate limits (per IP and endpoint family)", () => {
  const vars = { RECIPIENT_RATE_PER_MINUTE: "2" };

  it("refuses the unsubscribe page and form posts with 429 past the limit", async () => {
    const from = { "CF-Connecting-IP": ip() };
    const unsub = [];
    for (let i = 0; i < 3; i++) unsub.push((await call("/u/not-a-token", { headers: from }, vars)).status);
    expect(unsub).toEqual([404, 404, 429]);
    const forms = [];
    for (let i = 0; i < 3; i++) forms.push(await call("/f/no-such-form", { method: "POST", headers: { ...from, Accept: "application/json", "Content-Type": "application/json" }, body: "{}" }, vars));
    expect(forms.map((r) => r.status)).toEqual([404, 404, 429]);
    expect(forms[2]!.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await errorOf(forms[2]!)).code).toBe("rate_limited");
    // Another IP is not affected.
    expect((await call("/u/not-a-token", { headers: { "CF-Connecting-IP": ip() } }, vars)).status).toBe(404);
  });

  it("still serves the pixel and still redirects clicks past the limit", async () => {
    const from = { "CF-Connecting-IP": ip() };
    const key = await importLinkKey("test-link-secret"); // LINK_SECRET of tests/worker/vitest.config.ts
    const click = await signToken(key, { kind: "click", campaignId: "cmp_none", contactId: 0, url: "https://www.gob.pe/" });
    const open = await signToken(key, { kind: "open", campaignId: "cmp_none", contactId: 0 });
    for (let i = 0; i < 4; i++) {
      const pixel = await call(`/t/o/${open}`, { headers: from }, vars);
      expect(pixel.status).toBe(200);
      expect(pixel.headers.get("Content-Type")).toBe("image/gif");
      const redirect = await call(`/t/c/${click}`, { headers: from, redirect: "manual" }, vars);
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get("Location")).toBe("https://www.gob.pe/");
    }
  });
});

describe("recipient recording past the limit", () => {
  it("leaves opens and clicks past the limit unrecorded, counted per IP and link", async () => {
    const probe = new Hono<{ Bindings: Env }>()
      .use("*", recipientRateLimit)
      .get("/t/:kind/:token", (c) => c.text(isOverLimit(c.req.raw) ? "unrecorded" : "recorded"));
    const vars = { ...env, RECIPIENT_RATE_PER_MINUTE: "2" } as Env;
    const headers = { "CF-Connecting-IP": ip() };
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(await (await probe.request("/t/c/link-a", { headers }, vars)).text());
    expect(seen).toEqual(["recorded", "recorded", "unrecorded"]);
    // Another link from the same address (an image proxy, an office NAT) is still recorded.
    expect(await (await probe.request("/t/c/link-b", { headers }, vars)).text()).toBe("recorded");
    expect(await (await probe.request("/t/o/link-a", { headers }, vars)).text()).toBe("recorded");
  });
});

describe("fail fast on unsafe configuration", () => {
  const PROD = "https://correo.muni.gob.pe";

  it("answers 503 naming LINK_SECRET on the API when a deployment has none or the default", async () => {
    for (const LINK_SECRET of ["", DEV_LINK_SECRET]) {
      const res = await call("/api/v1/health", {}, { PUBLIC_URL: PROD, LINK_SECRET });
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error).toEqual({ code: "misconfigured", field: "LINK_SECRET", message: expect.stringMatching(/^LINK_SECRET .*wrangler secret put LINK_SECRET/) });
    }
  });

  it("refuses signed recipient links but still answers the pixel", async () => {
    const vars = { PUBLIC_URL: PROD, LINK_SECRET: DEV_LINK_SECRET };
    const token = await signToken(await importLinkKey(DEV_LINK_SECRET), { kind: "unsubscribe", campaignId: "cmp_none", contactId: 1 });
    const headers = { "CF-Connecting-IP": ip() };
    expect((await call(`/u/${token}`, { headers }, vars)).status).toBe(503);
    expect((await call(`/v/${token}`, { headers }, vars)).status).toBe(503);
    expect((await call(`/t/c/${token}`, { headers }, vars)).status).toBe(503);
    const pixel = await call(`/t/o/${token}`, { headers }, vars);
    expect(pixel.status).toBe(200);
    expect(pixel.headers.get("Content-Type")).toBe("image/gif");
  });

  it("runs a deployment with a random secret, and local development with none", async () => {
    expect((await call("/api/v1/health", {}, { PUBLIC_URL: PROD, LINK_SECRET: "5b0e2c7a9d1f4e3b8a6c0d2e4f6a8b0c" })).status).toBe(200);
    expect((await call("/api/v1/health", {}, { PUBLIC_URL: "http://127.0.0.1:8787", LINK_SECRET: "" })).status).toBe(200);
  });
});
