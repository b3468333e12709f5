/** Health and the OpenAPI document: public, no credentials. */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { buildOpenApi } from "../../../shared/api/openapi";
import type { AppEnv } from "../context";
import { guard } from "../guard";

export const system = new Hono<AppEnv>()
  .get("/health", guard("health", operations.health), (c) => c.json({ status: "ok" as const, time: new Date().toISOString() }))
  .get("/openapi.json", guard("openapi", operations.openapi), (c) => c.json(buildOpenApi(new URL(c.req.url).origin)));
