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
import { system } from "./routes/system";
import { auth } from "./routes/auth";
import { users } from "./routes/users";
import { apiKeysRoutes } from "./routes/api-keys";
import { credits } from "./routes/credits";
import { audit } from "./routes/audit";

export const MAX_JSON_BYTES = 1024 * 1024;

export const api = new Hono<AppEnv>()
  .use(
    bodyLimit({
      maxSize: MAX_JSON_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "The body is over 1 MB");
      },
    }),
  )
  .use(async (c, next) => {
    await ensureBootstrap(c.env);
    c.set("db", drizzle(c.env.DB, { schema }));
    await next();
  })
  .route("/", system)
  .route("/", auth)
  .route("/users", users)
  .route("/api-keys", apiKeysRoutes)
  .route("/credits", credits)
  .route("/audit", audit)
  .onError((err, c) => errorResponse(c, err));

export type AppType = typeof api;
