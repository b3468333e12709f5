/**
 * Recipient endpoints (E2), public and keyed by signed tokens: the open pixel (`/t/o/:token`),
 * the click redirect (`/t/c/:token`), the web version (`/v/:token`) and the unsubscribe page
 * with its RFC 8058 one-click POST (`/u/:token`). Answers never wait on recording (record.ts);
 * an altered token gets a 404 page, never a redirect.
 */
import { Hono } from "hono";
import { claimsOf, linkKey, record } from "./record";
import { webVersion } from "./web-version";
import { invalidLinkPage, renderUnsubscribe, unsubscribedPage, unsubscribeScope } from "../../shared/events/unsubscribe-page";

/** A 1×1 transparent GIF. */
const GIF = Uint8Array.from(atob("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"), (ch) => ch.charCodeAt(0));
const NO_STORE = "no-store, no-cache, must-revalidate, private";

type App = { Bindings: Env };

export const tracking = new Hono<App>()
  // A bare route: what the runtime alone answers (bench:track compares the pixel with it), and
  // a liveness check for the recipient paths.
  .get("/t/ping", (c) => c.body(null, 204))
  .get("/t/o/:token", (c) => {
    // Always the GIF: a bad token or a throttled IP only goes unrecorded.
    record(c, "open", { token: c.req.param("token"), tokenKind: "open" });
    return c.body(GIF, 200, { "Content-Type": "image/gif", "Cache-Control": NO_STORE, Expires: "0" });
  })
  .get("/t/c/:token", async (c) => {
    const claims = await claimsOf(c.env, c.req.param("token"), "click");
    if (!claims?.url || !/^https?:\/\//i.test(claims.url)) return c.html(invalidLinkPage(), 404);
    record(c, "click", { claims }, { url: claims.url });
    c.header("Cache-Control", NO_STORE);
    // Serialised by URL: a link with ñ or á (a Spanish path) must travel %-escaped in Location.
    return c.redirect(new URL(claims.url).href, 302);
  })
  .get("/v/:token", async (c) => {
    const claims = await claimsOf(c.env, c.req.param("token"), "view");
    const html = claims ? await webVersion(c.env, await linkKey(c.env), claims.campaignId, claims.contactId) : null;
    if (!claims || html === null) return c.html(invalidLinkPage(), 404);
    record(c, "view", { claims });
    c.header("Cache-Control", NO_STORE);
    return c.html(html);
  })
  .get("/u/:token", async (c) => {
    const claims = await claimsOf(c.env, c.req.param("token"), "unsubscribe");
    if (!claims) return c.html(invalidLinkPage(), 404);
    const sender = await c.env.DB.prepare("SELECT from_name FROM campaigns WHERE id = ?").bind(claims.campaignId).first<string>("from_name");
    return c.html(renderUnsubscribe({ action: c.req.path, sender: sender ?? "este remitente" }));
  })
  .post("/u/:token", async (c) => {
    const claims = await claimsOf(c.env, c.req.param("token"), "unsubscribe");
    if (!claims) return c.html(invalidLinkPage(), 404);
    const body = await c.req.parseBody().catch(() => ({}));
    record(c, "unsubscribe", { claims }, { detail: unsubscribeScope(body) });
    return c.html(unsubscribedPage());
  });
