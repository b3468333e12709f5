/**
 * The `/api/v1` Hono app: body limit, database handle, one sub-app per resource, one error shape.
 * `AppType` types the dashboard's client.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../../shared/db/schema";
import type { AppEnv } from "./context";
import { ApiError, errorResponse } from "./errors";
import { ensureBootstrap } from "./bootstrap";
import { apiConfigGuard } from "../security/config-guard";
import { apiRateLimit } from "../security/rate-limit";
import { system } from "./routes/system";
import { auth } from "./routes/auth";
import { passwordTokensRoutes } from "./routes/password-tokens";
import { users } from "./routes/users";
import { apiKeysRoutes } from "./routes/api-keys";
import { credits } from "./routes/credits";
import { audit } from "./routes/audit";
import { lists } from "./routes/lists";
import { imports, listImports } from "./routes/imports";
import { contacts } from "./routes/contacts";
import { suppressions } from "./routes/suppressions";
import { segments } from "./routes/segments";
import { fields } from "./routes/fields";
import { brandingRoutes, templates } from "./routes/templates";
import { campaigns } from "./routes/campaigns";
import { campaignTests } from "./routes/campaign-tests";
import { campaignThrottle, sending } from "./routes/sending";
import { domains } from "./routes/domains";
import { campaignLive } from "./routes/campaign-live";
import { analytics, campaignAnalyticsRoutes } from "./routes/analytics";
import { campaignSmsRoutes } from "./routes/campaign-sms";
import { reports } from "./routes/reports";
import { campaignRecipientsRoutes } from "./routes/campaign-recipients";
import { exportsRoutes } from "./routes/exports";
import { exportSchedules } from "./routes/export-schedules";
import { smsInbox } from "./routes/sms-inbox";
import { smsKeywords } from "./routes/sms-keywords";
import { sms } from "./routes/sms";
import { smsConnections } from "./routes/sms-connections";
import { webhooks } from "./routes/webhooks";
import { automations } from "./routes/automations";
import { events } from "./routes/events";
import { archiveRoutes, campaignPublish } from "./routes/archive";
import { socialAccounts } from "./routes/social-accounts";
import { campaignSocialRoutes } from "./routes/campaign-social";

export const MAX_JSON_BYTES = 1024 * 1024;

const jsonLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", "The body is over 1 MB");
  },
});

export const api = new Hono<AppEnv>()
  // An unsafe deployment answers 503 naming the setting; then the per-caller rate limit.
  .use(apiConfigGuard)
  .use(apiRateLimit)
  // File uploads (multipart) stream to R2 with their own limit; every other body is JSON, ≤ 1 MB.
  .use((c, next) => (c.req.header("Content-Type")?.toLowerCase().startsWith("multipart/form-data") ? next() : jsonLimit(c, next)))
  .use(async (c, next) => {
    await ensureBootstrap(c.env);
    c.set("db", drizzle(c.env.DB, { schema }));
    await next();
  })
  .route("/", system)
  .route("/", auth)
  .route("/", passwordTokensRoutes)
  .route("/users", users)
  .route("/api-keys", apiKeysRoutes)
  .route("/credits", credits)
  .route("/audit", audit)
  .route("/lists", lists)
  .route("/lists", listImports)
  .route("/imports", imports)
  .route("/contacts", contacts)
  .route("/suppressions", suppressions)
  .route("/segments", segments)
  .route("/fields", fields)
  .route("/branding", brandingRoutes)
  .route("/templates", templates)
  .route("/campaigns", campaigns)
  .route("/campaigns", campaignTests)
  .route("/campaigns", campaignThrottle)
  .route("/campaigns", campaignLive)
  .route("/campaigns", campaignAnalyticsRoutes)
  .route("/campaigns", campaignSmsRoutes)
  .route("/campaigns", campaignRecipientsRoutes)
  .route("/analytics", analytics)
  .route("/reports", reports)
  .route("/sending", sending)
  .route("/domains", domains)
  .route("/exports", exportsRoutes)
  .route("/export-schedules", exportSchedules)
  .route("/sms/inbox", smsInbox)
  .route("/sms/keywords", smsKeywords)
  .route("/sms", sms)
  .route("/sms", smsConnections)
  .route("/webhooks", webhooks)
  .route("/automations", automations)
  .route("/events", events)
  .route("/archive", archiveRoutes)
  .route("/campaigns", campaignPublish)
  .route("/social-accounts", socialAccounts)
  .route("/campaigns", campaignSocialRoutes)
  .onError((err, c) => errorResponse(c, err));

export type AppType = typeof api;
