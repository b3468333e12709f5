/**
 * Middleware adding the security headers of shared/security/headers.ts to every answer the Worker
 * gives (API JSON, guide, forms, recipient pages, archive). The dashboard's static files get the
 * same headers from web/public/_headers, applied by Workers Static Assets.
 */
import { createMiddleware } from "hono/factory";
import { workerHeaders } from "../../shared/security/headers";

/** Sets the headers after the handler ran; a header the handler set itself is kept. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const res = c.res;
  // A WebSocket upgrade (the live report) is no document: leave it untouched.
  if (res.status === 101) return;
  const url = new URL(c.req.url);
  const extra = workerHeaders(url.pathname, url.search, {
    contentType: res.headers.get("Content-Type") ?? "",
    csp: res.headers.has("Content-Security-Policy"),
    cacheControl: res.headers.has("Cache-Control"),
  });
  const missing = Object.entries(extra).filter(([name]) => !res.headers.has(name));
  try {
    for (const [name, value] of missing) res.headers.set(name, value);
  } catch {
    // A fetched answer (an asset through the binding) has immutable headers: copy it.
    const headers = new Headers(res.headers);
    for (const [name, value] of missing) headers.set(name, value);
    c.res = new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
});
