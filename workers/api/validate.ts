/**
 * Boundary validation with zod through @hono/zod-validator: a failure becomes a 400 in the one
 * error shape, naming the field. JSON bodies must say `Content-Type: application/json`.
 */
import { zValidator } from "@hono/zod-validator";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { ApiError, fromZod } from "./errors";

const requireJson = createMiddleware(async (c, next) => {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
  }
  await next();
});

const hook = (result: { success: boolean; error?: unknown }) => {
  if (!result.success) throw fromZod(result.error as z.ZodError);
};

export const json = <T extends z.ZodType>(schema: T) => [requireJson, zValidator("json", schema, hook)] as const;
export const query = <T extends z.ZodType>(schema: T) => zValidator("query", schema, hook);
