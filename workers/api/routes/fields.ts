/** Custom contact fields (W7): their keys, labels and types. */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateFieldBody, UpdateFieldBody } from "../../../shared/api/schemas-audience";
import type { AppEnv } from "../context";
import { conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { listFields } from "../../audience/fields-store";

type Row = { key: string; label: string; type: "text"; created_at: number };
const present = (r: Row) => ({ key: r.key, label: r.label, type: r.type, createdAt: new Date(r.created_at).toISOString() });

export const fields = new Hono<AppEnv>()
  .get("/", guard("listFields", operations.listFields), async (c) => c.json({ fields: (await listFields(c.env.DB, c.var.actor.accountId)).map(present) }))
  .post("/", guard("createField", operations.createField), ...json(CreateFieldBody), async (c) => {
    const body = c.req.valid("json");
    c.set("audit", { targetType: "field", targetId: body.key, details: body });
    const now = Date.now();
    const r = await c.env.DB.prepare("INSERT INTO custom_fields (account_id, key, label, type, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .bind(c.var.actor.accountId, body.key, body.label, body.type, now)
      .run();
    if (r.meta.changes === 0) throw conflict("A field with this key exists", "key");
    return c.json(present({ key: body.key, label: body.label, type: body.type as "text", created_at: now }), 201);
  })
  .patch("/:key", guard("updateField", operations.updateField), ...json(UpdateFieldBody), async (c) => {
    const body = c.req.valid("json");
    const key = c.req.param("key");
    c.set("audit", { targetType: "field", targetId: key, details: body });
    const row = await c.env.DB.prepare("SELECT * FROM custom_fields WHERE account_id = ? AND key = ?").bind(c.var.actor.accountId, key).first<Row>();
    if (!row) throw notFound("Field");
    const next = { ...row, label: body.label ?? row.label, type: (body.type ?? row.type) as "text" };
    await c.env.DB.prepare("UPDATE custom_fields SET label = ?, type = ? WHERE account_id = ? AND key = ?").bind(next.label, next.type, c.var.actor.accountId, key).run();
    return c.json(present(next));
  });
