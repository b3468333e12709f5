/**
 * Dynamic segments (B4): saved definitions compiled by shared/audience/segments.ts, counted live
 * (W1), previewed before saving, and paged like contacts.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateSegmentBody, PageOnlyQuery, PreviewSegmentBody, UpdateSegmentBody } from "../../../shared/api/schemas-audience";
import { compileSegment, referencedLists, type SegmentDefinition } from "../../../shared/audience/segments";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { presentContact, type ContactRow } from "../../audience/contacts-store";

type SegmentRow = { id: string; account_id: string; name: string; definition: string; created_at: number };

async function findSegment(c: Context<AppEnv>, id: string): Promise<SegmentRow> {
  const row = await c.env.DB.prepare("SELECT * FROM segments WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<SegmentRow>();
  if (!row) throw notFound("Segment");
  return row;
}

/** Lists named by a definition must be the account's own. */
async function checkLists(c: Context<AppEnv>, def: SegmentDefinition) {
  const ids = [...new Set(referencedLists(def))];
  if (!ids.length) return;
  const n = await c.env.DB.prepare("SELECT COUNT(*) AS n FROM lists WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))").bind(c.var.actor.accountId, JSON.stringify(ids)).first<number>("n");
  if (n !== ids.length) throw new ApiError(404, "not_found", "definition: a list it names was not found", "definition");
}

async function count(db: D1Database, accountId: string, def: SegmentDefinition): Promise<number> {
  const { sql, params } = compileSegment(def, Date.now());
  return (await db.prepare(`SELECT COUNT(*) AS n FROM contacts c WHERE c.account_id = ? AND ${sql}`).bind(accountId, ...params).first<number>("n")) ?? 0;
}

async function page(db: D1Database, accountId: string, def: SegmentDefinition, cursor: string | undefined, limit: number) {
  const { sql, params } = compileSegment(def, Date.now());
  const rows = await db
    .prepare(`SELECT c.* FROM contacts c WHERE c.account_id = ? AND ${sql} ${cursor ? "AND c.id < ?" : ""} ORDER BY c.id DESC LIMIT ${limit + 1}`)
    .bind(accountId, ...params, ...(cursor ? [Number(cursor)] : []))
    .all<ContactRow>();
  const kept = rows.results.slice(0, limit);
  return { contacts: kept.map(presentContact), nextCursor: rows.results.length > limit ? String(kept[kept.length - 1]!.id) : null };
}

async function present(db: D1Database, row: SegmentRow) {
  const definition = JSON.parse(row.definition) as SegmentDefinition;
  return { id: row.id, name: row.name, definition, count: await count(db, row.account_id, definition), createdAt: new Date(row.created_at).toISOString() };
}

export const segments = new Hono<AppEnv>()
  .get("/", guard("listSegments", operations.listSegments), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM segments WHERE account_id = ? ORDER BY created_at DESC").bind(c.var.actor.accountId).all<SegmentRow>();
    return c.json({ segments: await Promise.all(rows.results.map((r) => present(c.env.DB, r))) });
  })
  .post("/", guard("createSegment", operations.createSegment), ...json(CreateSegmentBody), async (c) => {
    const body = c.req.valid("json");
    await checkLists(c, body.definition);
    const now = Date.now();
    const row: SegmentRow = { id: crypto.randomUUID(), account_id: c.var.actor.accountId, name: body.name, definition: JSON.stringify(body.definition), created_at: now };
    await c.env.DB.prepare("INSERT INTO segments (id, account_id, name, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").bind(row.id, row.account_id, row.name, row.definition, now, now).run();
    c.set("audit", { targetType: "segment", targetId: row.id, details: { name: row.name } });
    return c.json(await present(c.env.DB, row), 201);
  })
  .post("/preview", guard("previewSegment", operations.previewSegment), ...json(PreviewSegmentBody), async (c) => {
    const { definition } = c.req.valid("json");
    await checkLists(c, definition);
    const accountId = c.var.actor.accountId;
    return c.json({ count: await count(c.env.DB, accountId, definition), sample: (await page(c.env.DB, accountId, definition, undefined, 10)).contacts });
  })
  .get("/:id", guard("getSegment", operations.getSegment), async (c) => c.json(await present(c.env.DB, await findSegment(c, c.req.param("id")))))
  .patch("/:id", guard("updateSegment", operations.updateSegment), ...json(UpdateSegmentBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findSegment(c, c.req.param("id"));
    c.set("audit", { targetType: "segment", targetId: row.id, details: { name: body.name } });
    if (body.definition) await checkLists(c, body.definition);
    const next = { ...row, name: body.name ?? row.name, definition: body.definition ? JSON.stringify(body.definition) : row.definition };
    await c.env.DB.prepare("UPDATE segments SET name = ?, definition = ?, updated_at = ? WHERE id = ?").bind(next.name, next.definition, Date.now(), row.id).run();
    return c.json(await present(c.env.DB, next));
  })
  .delete("/:id", guard("deleteSegment", operations.deleteSegment), async (c) => {
    const row = await findSegment(c, c.req.param("id"));
    c.set("audit", { targetType: "segment", targetId: row.id, details: { name: row.name } });
    await c.env.DB.prepare("DELETE FROM segments WHERE id = ?").bind(row.id).run();
    return c.json({ ok: true as const });
  })
  .get("/:id/contacts", guard("segmentContacts", operations.segmentContacts), query(PageOnlyQuery), async (c) => {
    const row = await findSegment(c, c.req.param("id"));
    const { cursor, limit = 50 } = c.req.valid("query");
    return c.json(await page(c.env.DB, row.account_id, JSON.parse(row.definition) as SegmentDefinition, cursor, limit));
  });
