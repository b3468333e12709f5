/**
 * API keys (B1): created by the owner or an admin with a role no higher than the creator's
 * reach, stored as a SHA-256 hash, the secret returned once. Revoked keys stop at once.
 */
import { Hono } from "hono";
import { and, desc, eq } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { CreateApiKeyBody } from "../../../shared/api/schemas";
import { presentApiKey } from "../../../shared/api/present";
import { canManageRole } from "../../../shared/auth/roles";
import { randomToken, sha256Hex } from "../../../shared/auth/crypto";
import { apiKeys } from "../../../shared/db/schema";
import type { AppEnv } from "../context";
import { forbidden, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { API_KEY_PREFIX } from "../authn";

export const apiKeysRoutes = new Hono<AppEnv>()
  .get("/", guard("listApiKeys", operations.listApiKeys), async (c) => {
    const rows = await c.var.db.select().from(apiKeys).where(eq(apiKeys.accountId, c.var.actor.accountId)).orderBy(desc(apiKeys.createdAt)).all();
    return c.json({ apiKeys: rows.map(presentApiKey) });
  })
  .post("/", guard("createApiKey", operations.createApiKey), ...json(CreateApiKeyBody), async (c) => {
    const body = c.req.valid("json");
    const actor = c.var.actor;
    if (body.role !== actor.role && !canManageRole(actor.role, body.role)) throw forbidden(`Your role cannot create a key with role ${body.role}`);
    const secret = API_KEY_PREFIX + randomToken(32);
    const row = {
      id: crypto.randomUUID(),
      accountId: actor.accountId,
      name: body.name,
      prefix: secret.slice(0, 10),
      keyHash: await sha256Hex(secret),
      role: body.role,
      createdBy: actor.userId,
      createdAt: Date.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await c.var.db.insert(apiKeys).values(row);
    c.set("audit", { targetType: "apiKey", targetId: row.id, details: { name: body.name, role: body.role } });
    return c.json({ ...presentApiKey(row), secret }, 201);
  })
  .delete("/:id", guard("revokeApiKey", operations.revokeApiKey), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "apiKey", targetId: id });
    const db = c.var.db;
    const row = await db.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.accountId, c.var.actor.accountId))).get();
    if (!row) throw notFound("API key");
    const revokedAt = row.revokedAt ?? Date.now();
    await db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, id));
    return c.json(presentApiKey({ ...row, revokedAt }));
  });
