/**
 * Suppression (B2): emails, phones and whole domains the account never sends to. Adding one
 * marks the contacts it covers at once; lifting one unmarks them unless another still covers
 * them. Values are normalised the same way imports normalise them, so they always match.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateSuppressionBody, DeleteSuppressionBody, SuppressionQuery } from "../../../shared/api/schemas-audience";
import { checkEmail } from "../../../shared/audience/email";
import { checkPhone } from "../../../shared/audience/phone";
import { csvLine } from "../../../shared/import/csv-export";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { markSuppressed, unmarkSuppressed } from "../../audience/contacts-store";

type Row = { kind: "email" | "phone" | "domain"; value: string; reason: string; created_at: number };
const present = (r: Row) => ({ kind: r.kind, value: r.value, reason: r.reason, createdAt: new Date(r.created_at).toISOString() });

/** The stored form of a suppressed value, or a 400 naming `value`. */
function normalise(kind: Row["kind"], value: string): string {
  if (kind === "email") {
    const e = checkEmail(value);
    if (!e.email) throw new ApiError(400, "invalid_field", "value: is not a valid email address", "value");
    return e.email;
  }
  if (kind === "phone") {
    const p = checkPhone(value);
    if (!p.phone) throw new ApiError(400, "invalid_field", "value: is not a valid phone number", "value");
    return p.phone;
  }
  const domain = checkEmail(`postmaster@${value.replace(/^@/, "")}`).domain;
  if (!domain) throw new ApiError(400, "invalid_field", "value: is not a valid domain", "value");
  return domain;
}

export const suppressions = new Hono<AppEnv>()
  .get("/", guard("listSuppressions", operations.listSuppressions), query(SuppressionQuery), async (c) => {
    const { kind, cursor, limit = 50 } = c.req.valid("query");
    const where = ["account_id = ?"];
    const params: string[] = [c.var.actor.accountId];
    if (kind) {
      where.push("kind = ?");
      params.push(kind);
    }
    if (cursor) {
      const [k, ...v] = cursor.split(":");
      where.push("(kind, value) > (?, ?)");
      params.push(k ?? "", v.join(":"));
    }
    const rows = await c.env.DB.prepare(`SELECT * FROM suppressions WHERE ${where.join(" AND ")} ORDER BY kind, value LIMIT ${limit + 1}`).bind(...params).all<Row>();
    const page = rows.results.slice(0, limit);
    const last = page[page.length - 1];
    return c.json({ suppressions: page.map(present), nextCursor: rows.results.length > limit && last ? `${last.kind}:${last.value}` : null });
  })
  .post("/", guard("addSuppression", operations.addSuppression), ...json(CreateSuppressionBody), async (c) => {
    const body = c.req.valid("json");
    const accountId = c.var.actor.accountId;
    const value = normalise(body.kind, body.value);
    c.set("audit", { targetType: "suppression", targetId: `${body.kind}:${value}`, details: { reason: body.reason } });
    const now = Date.now();
    await c.env.DB.batch([
      c.env.DB.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason")
        .bind(accountId, body.kind, value, body.reason, now),
      markSuppressed(c.env.DB, accountId, body.kind, value),
    ]);
    const row = await c.env.DB.prepare("SELECT * FROM suppressions WHERE account_id = ? AND kind = ? AND value = ?").bind(accountId, body.kind, value).first<Row>();
    return c.json(present(row!), 201);
  })
  .post("/remove", guard("removeSuppression", operations.removeSuppression), ...json(DeleteSuppressionBody), async (c) => {
    const body = c.req.valid("json");
    const accountId = c.var.actor.accountId;
    const value = normalise(body.kind, body.value);
    c.set("audit", { targetType: "suppression", targetId: `${body.kind}:${value}` });
    const [del] = await c.env.DB.batch([
      c.env.DB.prepare("DELETE FROM suppressions WHERE account_id = ? AND kind = ? AND value = ?").bind(accountId, body.kind, value),
      unmarkSuppressed(c.env.DB, accountId, body.kind, value),
    ]);
    if (del!.meta.changes === 0) throw notFound("Suppression");
    return c.json({ ok: true as const });
  })
  .get("/export.csv", guard("exportSuppressions", operations.exportSuppressions), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM suppressions WHERE account_id = ? ORDER BY kind, value").bind(c.var.actor.accountId).all<Row>();
    const body = "\uFEFF" + csvLine(["tipo", "valor", "motivo", "fecha"]) + rows.results.map((r) => csvLine([r.kind, r.value, r.reason, new Date(r.created_at).toISOString()])).join("");
    return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="supresiones.csv"' } });
  });
