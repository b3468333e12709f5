/**
 * The Worker's entry points. `fetch` serves the API under /api/v1, hosted forms under /f and the
 * recipient endpoints /t /u /v /s (SMS short links) (everything else is the dashboard, served by Workers Static
 * Assets before the Worker runs), relay webhooks under /hooks and signed export downloads
 * under /x, the sub-users' usage guide at /guia and /guia.pdf, the public archive under /archivo
 * and its widget under /embed, a campaign's contact-free public address under /v/p (W6); `queue`, `scheduled` and `email` (bounce and complaint reports) dispatch to their
 * handlers. The Durable Object classes are exported from here for wrangler.
 */
import { Hono } from "hono";
import { api } from "./api/app";
import type { AppEnv } from "./api/context";
import { handleQueue } from "./queues/index";
import { handleScheduled } from "./cron/index";
import { forms } from "./forms/index";
import { tracking } from "./tracking/index";
import { shortLinks } from "./tracking/short-links";
import { hooks } from "./hooks/index";
import { smsMoHook } from "./hooks/sms-mo";
import { smsReceiptHooks } from "./hooks/sms-dlr";
import { handleBounceMail } from "./bounces/inbound";
import { downloads } from "./reports/download";
import { guideRoutes } from "./guide/index";
import { archivePublic } from "./archive/public";
import { publicCampaign } from "./archive/public-campaign";
import { securityHeaders } from "./security/headers";
import { recipientConfigGuard } from "./security/config-guard";
import { recipientRateLimit } from "./security/rate-limit";

export { CampaignRunner } from "../durable-objects/campaign-runner";
export { CampaignLive } from "../durable-objects/campaign-live";
export { CreditLedger } from "../durable-objects/credit-ledger";
export { AutomationRunner } from "../durable-objects/automation-runner";

const app = new Hono<AppEnv>()
  // Security headers on every answer; recipient paths refuse to run on an unsafe configuration
  // and count requests per IP (workers/security/).
  .use(securityHeaders)
  .use("/t/*", recipientConfigGuard, recipientRateLimit)
  .use("/u/*", recipientConfigGuard, recipientRateLimit)
  .use("/v/*", recipientConfigGuard, recipientRateLimit)
  .use("/s/*", recipientRateLimit)
  .use("/f/*", recipientRateLimit)
  .route("/api/v1", api)
  .route("/f", forms)
  .route("/", publicCampaign)
  .route("/", tracking)
  .route("/", shortLinks)
  .route("/hooks", hooks)
  .route("/hooks", smsMoHook)
  .route("/hooks/sms", smsReceiptHooks)
  .route("/x", downloads)
  .route("/", guideRoutes)
  .route("/", archivePublic)
  .all("/api/*", (c) => c.json({ error: { code: "not_found", message: "No such API route" } }, 404))
  .all("*", (c) => c.env.ASSETS.fetch(c.req.raw));

export default {
  fetch: app.fetch,
  queue: handleQueue,
  scheduled: handleScheduled,
  // Bounces and feedback-loop reports delivered by Email Routing to the VERP address.
  email: (message, env) => handleBounceMail(message, env),
} satisfies ExportedHandler<Env>;
