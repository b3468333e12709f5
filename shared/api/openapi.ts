/**
 * Builds the OpenAPI 3.1 document from the operations table and its zod schemas, so the document
 * cannot drift from what the Worker validates.
 */
import { z } from "zod";
import { API_PREFIX, operations, type Operation } from "./operations";
import { ErrorBody } from "./schemas";

const schemaOf = (s: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(s, { io, target: "openapi-3.0", unrepresentable: "any" }) as Record<string, unknown>;

function errorResponses(op: Operation): Record<string, unknown> {
  const ref = { content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const out: Record<string, unknown> = { "400": { description: "Invalid input", ...ref } };
  if (op.permission !== null) {
    out["401"] = { description: "Not authenticated", ...ref };
    out["403"] = { description: "Role lacks the permission, or missing CSRF token", ...ref };
  }
  if (op.path.includes(":")) out["404"] = { description: "Not found in your account", ...ref };
  if (op.body) out["413"] = { description: "Body over 1 MB", ...ref };
  return out;
}

/**
 * The OpenAPI document for every operation.
 * @example buildOpenApi("https://example.org").paths["/api/v1/health"].get.summary // "Liveness check"
 */
export function buildOpenApi(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, op] of Object.entries(operations) as [string, Operation][]) {
    const path = API_PREFIX + op.path.replace(/:(\w+)/g, "{$1}");
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (op.query) {
      const q = schemaOf(op.query, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        params.push({ name, in: "query", required: q.required?.includes(name) ?? false, schema } as never);
      }
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: id,
      summary: op.summary,
      tags: [op.tag],
      ...(op.permission ? { security: [{ session: [] }, { apiKey: [] }], "x-permission": op.permission } : { security: [] }),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: "Success", content: { "application/json": { schema: schemaOf(op.response, "output") } } },
        ...errorResponses(op),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Pregón API", version: "1.0.0", description: "Email and SMS campaigns. Errors share one shape: `{ error: { code, message, field? } }`." },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: schemaOf(ErrorBody, "output") },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "pregon_sid", description: "Dashboard session; mutations also need the X-CSRF-Token header" },
        apiKey: { type: "http", scheme: "bearer", description: "API key created in the dashboard (`pk_…`)" },
      },
    },
    paths,
  };
}
