/**
 * The one JSON error shape `{ error: { code, message, field? } }` and the helpers that raise it.
 * Handlers throw `ApiError`; `onError` in app.ts turns anything thrown into this shape and logs
 * what it did not expect.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Context } from "hono";
import type { z } from "zod";

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this action") => new ApiError(403, "forbidden", message);
export const conflict = (message: string, field?: string) => new ApiError(409, "conflict", message, field);

/** The first zod issue as an API error naming the field. */
export function fromZod(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError(400, "invalid_request", "Invalid request");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    const field = [...issue.path, key].join(".");
    return new ApiError(400, "unknown_field", `Unknown field "${field}"`, field);
  }
  const field = issue.path.join(".");
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return new ApiError(400, "invalid_field", message, field || undefined);
}

export function errorResponse(c: Context, err: Error): Response {
  if (err instanceof ApiError) {
    const body = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
    return c.json(body, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? "payload_too_large" : status === 400 ? "bad_request" : `http_${status}`;
    return c.json({ error: { code, message: err.message || "Request failed" } }, status as ContentfulStatusCode);
  }
  console.error("unhandled error", err);
  return c.json({ error: { code: "internal", message: "Internal error" } }, 500);
}
