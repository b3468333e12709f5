/** The audit log (B9), newest first with keyset paging; owner and admin only. */
import { Hono } from "hono";
import { and, desc, eq, lt } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { PageQuery } from "../../../shared/api/schemas";
import { auditLog } from "../../../shared/db/schema";
import type { AppEnv } from "../context";
import { guard } from "../guard";
import { query } from "../validate";

export const audit = new Hono<AppEnv>().get("/", guard("listAudit", operations.listAudit), query(PageQuery), async (c) => {
  const { cursor, limit = 50 } = c.req.valid("query");
  const scope = eq(auditLog.accountId, c.var.actor.accountId);
  const rows = await c.var.db
    .select()
    .from(auditLog)
    .where(cursor ? and(scope, lt(auditLog.id, Number(cursor))) : scope)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  return c.json({
    entries: page.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorUserId: r.actorUserId,
      actorApiKeyId: r.actorApiKeyId,
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      status: r.status,
      ip: r.ip,
      details: r.details ? (JSON.parse(r.details) as unknown) : null,
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
  });
});
