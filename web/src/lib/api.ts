/**
 * All data access of the dashboard: one fetch wrapper for /api/v1 and one function per
 * operation of shared/api/operations.ts. Cookies travel same-origin; every POST/PATCH/DELETE
 * carries `Content-Type: application/json` and `X-CSRF-Token` (the token comes with /me and the
 * login answer). Failures throw `ApiError` with the server's `{ code, message, field }`; a 401
 * calls the handler registered with `onUnauthorized` (the layout sends the person to login).
 * Types come from the API's zod schemas, type-only, so zod stays out of the bundle.
 */
import type { z } from "zod";
import type * as S from "../../../shared/api/schemas";

export type MeOut = z.infer<typeof S.MeOut>;
export type UserOut = z.infer<typeof S.UserOut>;
export type CreditsOut = z.infer<typeof S.CreditsOut>;
export type HolderBalance = z.infer<typeof S.HolderBalance>;
export type ChannelBalance = z.infer<typeof S.ChannelBalance>;
export type BagOut = z.infer<typeof S.BagOut>;
export type LedgerPage = z.infer<typeof S.LedgerPage>;
export type LedgerEntry = z.infer<typeof S.LedgerEntryOut>;
export type AuditPage = z.infer<typeof S.AuditPage>;
export type AuditEntry = z.infer<typeof S.AuditEntryOut>;
export type Channel = S.Channel;
export type LoginBody = z.input<typeof S.LoginBody>;
export type CreateUserBody = z.input<typeof S.CreateUserBody>;
export type UpdateUserBody = z.input<typeof S.UpdateUserBody>;
export type ProfilePatch = z.input<typeof S.ProfilePatch>;
export type PasswordChangeBody = z.input<typeof S.PasswordChangeBody>;
export type AllocationBody = z.input<typeof S.AllocationBody>;

const BASE = "/api/v1";

/** A failed call: HTTP status plus the server's error code, message and (maybe) field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let unauthorized: (() => void) | null = null;

/** Remembers the CSRF token of the current session (from /me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the session is gone (any 401 outside the login form). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorized = handler;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: "same-origin",
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, "network", "Network error");
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
    const apiError = new ApiError(
      res.status,
      typeof err?.code === "string" ? err.code : `http_${res.status}`,
      typeof err?.message === "string" ? err.message : res.statusText,
      typeof err?.field === "string" ? err.field : undefined,
    );
    if (res.status === 401 && !opts.quiet401) unauthorized?.();
    throw apiError;
  }
  return data as T;
}

function pageQuery(cursor?: string | null, limit?: number): string {
  const q = new URLSearchParams();
  if (cursor) q.set("cursor", cursor);
  if (limit) q.set("limit", String(limit));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export const api = {
  /** @example await api.login({ email: "admin@pregon.local", password: "…" }) */
  login: (body: LoginBody) => request<MeOut>("POST", "/auth/login", body, { quiet401: true }),
  logout: () => request<{ ok: true }>("POST", "/auth/logout", {}, { quiet401: true }),
  changePassword: (body: PasswordChangeBody) => request<{ ok: true }>("POST", "/auth/password", body),
  /** The session's user; `quiet` so that a missing session is an answer, not a redirect. */
  me: () => request<MeOut>("GET", "/me", undefined, { quiet401: true }),
  updateMe: (body: ProfilePatch) => request<MeOut>("PATCH", "/me", body),

  listUsers: () => request<{ users: UserOut[] }>("GET", "/users"),
  createUser: (body: CreateUserBody) => request<UserOut>("POST", "/users", body),
  updateUser: (id: string, body: UpdateUserBody) => request<UserOut>("PATCH", `/users/${encodeURIComponent(id)}`, body),

  credits: () => request<CreditsOut>("GET", "/credits"),
  allocate: (body: AllocationBody) => request<CreditsOut>("POST", "/credits/allocations", body),
  creditHistory: (cursor?: string | null, limit = 50) => request<LedgerPage>("GET", `/credits/history${pageQuery(cursor, limit)}`),

  audit: (cursor?: string | null, limit = 50) => request<AuditPage>("GET", `/audit${pageQuery(cursor, limit)}`),
};
