/**
 * The security headers of every answer, as data. The dashboard's copy lives in web/public/_headers
 * (Workers Static Assets serve web/dist without running the Worker, so the Worker cannot add them
 * there); a unit test checks that file against `DASHBOARD_CSP` so the two never drift. The Worker
 * adds `baseHeaders` to its own answers (API JSON, guide, forms, recipient pages), and a page CSP
 * where the handler did not set its own (the archive and its embeds set theirs).
 */

/**
 * The dashboard's Content-Security-Policy. Scripts only from the origin (index.html has no inline
 * script); inline styles are needed by SolidJS `style` props and apexcharts. Template previews are
 * srcdoc iframes, which inherit this policy, and must render as the mail will: remote images, and
 * the web fonts MJML links (fonts.googleapis.com stylesheets, their font files), all over https.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https:",
  "img-src 'self' data: https:",
  "font-src 'self' data: https:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** Browser features the dashboard never uses, switched off for it and everything it frames. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
export const HSTS = "max-age=31536000; includeSubDomains";

/** On every answer of the Worker and the dashboard. */
export const baseHeaders: Readonly<Record<string, string>> = {
  "Strict-Transport-Security": HSTS,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": PERMISSIONS_POLICY,
};

/**
 * The CSP of the Worker's own HTML pages (guide, forms, unsubscribe, web version): no scripts,
 * inline styles, remote images (a web version shows the email's), forms posting to the origin.
 * `framable` (the form with ?embed=1) lets any site frame the page; otherwise nobody may.
 * @example pageCsp(false) // "default-src 'none'; … frame-ancestors 'none'; …"
 */
export function pageCsp(framable: boolean): string {
  return [
    "default-src 'none'",
    "img-src 'self' data: https:",
    "style-src 'unsafe-inline' https:",
    "font-src https: data:",
    "form-action 'self'",
    `frame-ancestors ${framable ? "*" : "'none'"}`,
    "base-uri 'none'",
  ].join("; ");
}

/**
 * Which extra headers the Worker adds to one of its answers, given its path, query and the
 * headers the handler already set (a handler's own CSP or Cache-Control always wins).
 * `/embed/*` pages are meant to be framed by other sites and set their own CSP: left alone.
 * @example workerHeaders("/api/v1/me", "", { contentType: "application/json", csp: false, cacheControl: false })
 *   // { …baseHeaders, "Cache-Control": "no-store" }
 */
export function workerHeaders(path: string, search: string, has: { contentType: string; csp: boolean; cacheControl: boolean }): Record<string, string> {
  const out: Record<string, string> = { ...baseHeaders };
  if (path.startsWith("/api/") && !has.cacheControl) out["Cache-Control"] = "no-store";
  if (path.startsWith("/embed/")) return out;
  if (has.contentType.toLowerCase().startsWith("text/html") && !has.csp) {
    const framable = path.startsWith("/f/") && new URLSearchParams(search).get("embed") === "1";
    out["Content-Security-Policy"] = pageCsp(framable);
  }
  return out;
}
