/**
 * Static lists with their live counts (W1) and cleaning report (E7). Deleting a list removes
 * memberships only; contacts, consent records and suppressions stay.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateListBody, UpdateListBody } from "../../../shared/api/schemas-audience";
import { randomToken } from "../../../shared/auth/crypto";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { cleaningReport, listCounts } from "../../audience/counts";
import { resolverFor, validateForSend } from "../../audience/cleaning";

type ListRow = { id: string; account_id: string; name: string; description: string | null; double_opt_in: number; form_token: string; created_at: number };

export async function findList(c: Context<AppEnv>, id: string): Promise<ListRow> {
  const row = await c.env.DB.prepare("SELECT * FROM lists WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<ListRow>();
  if (!row) throw notFound("List");
  return row;
}

async function present(c: Context<AppEnv>, row: ListRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    doubleOptIn: row.double_opt_in === 1,
    formUrl: `${new URL(c.req.url).origin}/f/${row.form_token}`,
    createdAt: new Date(row.created_at).toISOString(),
    counts: await listCounts(c.env.DB, row.id),
  };
}

export const lists = new Hono<AppEnv>()
  .get("/", guard("listLists", operations.listLists), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM lists WHERE account_id = ? ORDER BY created_at DESC, id").bind(c.var.actor.accountId).all<ListRow>();
    return c.json({ lists: await Promise.all(rows.results.map((r) => present(c, r))) });
  })
  .post("/", guard("createList", operations.createList), ...json(CreateListBody), async (c) => {
    const body = c.req.valid("json");
    const now = Date.now();
    const row: ListRow = {
      id: crypto.randomUUID(),
      account_id: c.var.actor.accountId,
      name: body.name,
      description: body.description ?? null,
      double_opt_in: body.doubleOptIn ? 1 : 0,
      form_token: randomToken(12),
      created_at: now,
    };
    await c.env.DB.prepare(
      "INSERT INTO lists (id, account_id, name, description, double_opt_in, form_token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
      .bind(row.id, row.account_id, row.name, row.description, row.double_opt_in, row.form_token, now, now)
      .run();
    c.set("audit", { targetType: "list", targetId: row.id, details: { name: row.name } });
    return c.json(await present(c, row), 201);
  })
  .get("/:id", guard("getList", operations.getList), async (c) => c.json(await present(c, await findList(c, c.req.param("id")))))
  .patch("/:id", guard("updateList", operations.updateList), ...json(UpdateListBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findList(c, c.req.param("id"));
    c.set("audit", { targetType: "list", targetId: row.id, details: body });
    const next = {
      ...row,
      name: body.name ?? row.name,
      description: body.description !== undefined ? body.description : row.description,
      double_opt_in: body.doubleOptIn === undefined ? row.double_opt_in : body.doubleOptIn ? 1 : 0,
    };
    await c.env.DB.prepare("UPDATE lists SET name = ?, description = ?, double_opt_in = ?, updated_at = ? WHERE id = ?")
      .bind(next.name, next.description, next.double_opt_in, Date.now(), row.id)
      .run();
    return c.json(await present(c, next));
  })
  .delete("/:id", guard("deleteList", operations.deleteList), async (c) => {
    const row = await findList(c, c.req.param("id"));
    c.set("audit", { targetType: "list", targetId: row.id, details: { name: row.name } });
    await c.env.DB.batch([c.env.DB.prepare("DELETE FROM list_members WHERE list_id = ?").bind(row.id), c.env.DB.prepare("DELETE FROM lists WHERE id = ?").bind(row.id)]);
    return c.json({ ok: true as const });
  })
  .post("/:id/validate", guard("validateList", operations.validateList), async (c) => {
    const row = await findList(c, c.req.param("id"));
    c.set("audit", { targetType: "list", targetId: row.id });
    return c.json(await validateForSend(c.env.DB, resolverFor(c.env), { accountId: row.account_id, listIds: [row.id] }, Date.now()));
  })
  .get("/:id/cleaning", guard("listCleaning", operations.listCleaning), async (c) => {
    const row = await findList(c, c.req.param("id"));
    return c.json(await cleaningReport(c.env.DB, row.id));
  });
