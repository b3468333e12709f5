/**
 * Test fixtures: accounts seeded straight into D1 (one user and one API key per role), and
 * small request helpers that go through the Worker's own fetch.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { hashPassword, sha256Hex, randomToken } from "../../shared/auth/crypto";
import type { Role } from "../../shared/auth/roles";
import { ROLES } from "../../shared/auth/roles";

export const PASSWORD = "correct-horse-battery";
let hashed: Promise<string> | null = null;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export type SeededUser = { id: string; email: string; role: Role; key: string; keyId: string };
export type Seeded = { accountId: string; users: Record<Role, SeededUser> };

/** A fresh account with one user and one API key per role, and its default credit bags. */
export async function seedAccount(opts: { email?: number; sms?: number } = {}): Promise<Seeded> {
  const accountId = `acc_${randomToken(8)}`;
  const now = Date.now();
  const hash = await passwordHash();
  await env.DB.prepare("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)").bind(accountId, "Test", now).run();
  const users = {} as Record<Role, SeededUser>;
  for (const role of ROLES) {
    const id = `usr_${randomToken(8)}`;
    const email = `${role}.${randomToken(4).toLowerCase()}@example.org`;
    const key = `pk_${randomToken(24)}`;
    const keyId = `key_${randomToken(8)}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO users (id, account_id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").bind(id, accountId, email, role, role, hash, now, now),
      env.DB.prepare("INSERT INTO api_keys (id, account_id, name, prefix, key_hash, role, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").bind(keyId, accountId, role, key.slice(0, 10), await sha256Hex(key), role, id, now),
    ]);
    users[role] = { id, email, role, key, keyId };
  }
  const ledger = ledgerStub(accountId);
  if (opts.email !== 0) await ledger.grant({ accountId, key: "activation:email", channel: "email", amount: opts.email ?? 5000, validDays: 365 });
  if (opts.sms !== 0) await ledger.grant({ accountId, key: "activation:sms", channel: "sms", amount: opts.sms ?? 800, validDays: 365 });
  return { accountId, users };
}

export function ledgerStub(accountId: string) {
  return env.CREDIT_LEDGER.get(env.CREDIT_LEDGER.idFromName(accountId));
}

type Init = { method?: string; body?: unknown; key?: string; session?: Session; headers?: Record<string, string>; raw?: BodyInit };

/** A request to /api/v1 as an API key, a session, or nobody. */
export async function api(path: string, init: Init = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.Authorization = `Bearer ${init.key}`;
  if (init.session) {
    headers.Cookie = init.session.cookie;
    headers["X-CSRF-Token"] ??= init.session.csrf;
  }
  let body: BodyInit | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  return SELF.fetch(`http://127.0.0.1/api/v1${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

export type Session = { cookie: string; csrf: string; setCookie: string };

export async function login(email: string, password = PASSWORD, ip = "198.51.100.7"): Promise<Session> {
  const res = await api("/auth/login", { body: { email, password }, headers: { "CF-Connecting-IP": ip } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get("Set-Cookie") ?? "";
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: setCookie.split(";")[0]!, csrf: body.csrfToken, setCookie };
}

export async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}
