import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../../shared/api/openapi";
import { operations } from "../../shared/api/operations";

describe("OpenAPI document", () => {
  const doc = buildOpenApi("https://example.org");
  it("has every operation with its permission and error responses", () => {
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => (o as { operationId: string }).operationId));
    expect(ids.sort()).toEqual(Object.keys(operations).sort());
    const create = doc.paths["/api/v1/users"]!.post as Record<string, any>;
    expect(create["x-permission"]).toBe("users.manage");
    expect(Object.keys(create.responses)).toEqual(["201", "400", "401", "403", "413"]);
    expect(create.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
    // The password is optional (W5): without it the welcome mail carries a set-password link.
    expect(create.requestBody.content["application/json"].schema.required).toEqual(["email", "name", "role"]);
    expect(Object.keys(create.requestBody.content["application/json"].schema.properties)).toContain("password");
  });
  it("turns path params and query schemas into parameters", () => {
    const get = doc.paths["/api/v1/users/{id}"]!.get as Record<string, any>;
    expect(get.parameters).toEqual([{ name: "id", in: "path", required: true, schema: { type: "string" } }]);
    const audit = doc.paths["/api/v1/audit"]!.get as Record<string, any>;
    expect(audit.parameters.map((p: { name: string }) => p.name)).toEqual(["cursor", "limit"]);
  });
});
