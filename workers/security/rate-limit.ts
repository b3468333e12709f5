/**
 * Rate limits of the API (per API key or session, else per IP) and of the recipient endpoints
 * (per IP and endpoint family; opens and clicks per IP and link), counted in memory per isolate (shared/security/rate-window.ts;
 * docs/architecture.md says why no Durable Object or D1 counter). Over the limit the API answers
 * 429 with Retry-After and the JSON error shape; the unsubscribe page, the web version and form
 * posts answer 429 too. The open pixel and click redirects are never refused (an email must
 * display and its links must work): past the limit they are only not recorded.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import { API_RATE_PER_MINUTE, limitSetting, rateWindow, RECIPIENT_RATE_PER_MINUTE, recipientFamily, type RateWindow } from "../../shared/security/rate-window";
import { renderMessage } from "../../shared/forms/page";
import { clientIp, SESSION_COOKIE } from "../api/authn";

const windows = new Map<string, RateWindow>();
/** One window per scope and limit (a limit is a setting; tests change it). */
function windowOf(scope: string, limit: number): RateWindow {
  const id = `${scope}:${limit}`;
  let w = windows.get(id);
  if (!w) windows.set(id, (w = rateWindow(limit, 60_000)));
  return w;
}

/** Requests answered but not recorded because their IP passed its limit. */
const overLimit = new WeakSet<Request>();
/** True when `req` passed its recipient limit: record.ts then records nothing. */
export const isOverLimit = (req: Request) => overLimit.has(req);

/** Whose budget a request spends: its API key or session cookie, else its IP. */
function apiCaller(c: Context): string {
  const auth = c.req.header("Authorization");
  if (auth) return `key:${auth}`;
  const sid = getCookie(c, SESSION_COOKIE);
  return sid ? `sid:${sid}` : `ip:${clientIp(c)}`;
}

/** For /api/v1: API_RATE_PER_MINUTE (default 600) per key or session. */
export const apiRateLimit = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const limit = limitSetting(c.env.API_RATE_PER_MINUTE, API_RATE_PER_MINUTE);
  const d = windowOf("api", limit).take(apiCaller(c), Date.now());
  if (d.allowed) return next();
  return c.json({ error: { code: "rate_limited", message: `Over ${limit} requests per minute; retry in ${d.retryAfter} s` } }, 429, { "Retry-After": String(d.retryAfter) });
});

/** For the recipient paths: RECIPIENT_RATE_PER_MINUTE (default 120) per IP and family (per IP and link for opens and clicks). */
export const recipientRateLimit = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const family = recipientFamily(c.req.method, c.req.path);
  if (!family) return next();
  const limit = limitSetting(c.env.RECIPIENT_RATE_PER_MINUTE, RECIPIENT_RATE_PER_MINUTE);
  // Opens and clicks count per IP *and* link: an image proxy (Gmail's, Apple's) or an office
  // behind one NAT fetches many recipients' links from one address, and each of those is real.
  const recorded = family === "open" || family === "click" || family === "short";
  const d = windowOf(`r:${family}`, limit).take(recorded ? `${clientIp(c)}|${c.req.path}` : clientIp(c), Date.now());
  if (d.allowed) return next();
  if (recorded) {
    overLimit.add(c.req.raw);
    return next();
  }
  const headers = { "Retry-After": String(d.retryAfter) };
  if (family === "form" && (c.req.header("Accept") ?? "").includes("application/json")) {
    return c.json({ error: { code: "rate_limited", message: `Too many submissions; retry in ${d.retryAfter} s` } }, 429, headers);
  }
  return c.html(renderMessage("Demasiadas solicitudes", "Recibimos demasiadas solicitudes desde su conexión. Espere un minuto e intente de nuevo."), 429, headers);
});
