/**
 * Suppression (B2): emails, phones and whole domains the account never sends to. Adding one
 * marks the contacts it covers at once, on its channel only (a phone stops SMS, an email or a
 * domain stops email); lifting one unmarks them unless another of that channel still covers
 * them. Values are normalised the same way imports normalise them, so they always match.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateSuppressionBody, DeleteSuppressionBody, SuppressionQuery } from "../../../shared/api/schemas-audience";
import { csvLine } from "../../../shared/import/csv-export";
import { normaliseSuppression, parseSuppressionFile } from "../../../shared/audience/suppression-file";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { markSuppressed, unmarkSuppressed } from "../../audience/contacts-store";

type Row = { kind: "email" | "phone" | "domain"; value: string; reason: string; created_at: number };
const present = (r: Row) => ({ kind: r.kind, value: r.value, reason: r.reason, createdAt: new Date(r.created_at).toISOString() });

/** The stored form of a suppressed value, or a 400 naming `value`. */
function normalise(kind: Row["kind"], value: string): string {
  const v = normaliseSuppression(kind, value);
  if (!v) throw new ApiError(400, "invalid_field", `value: is not a valid ${kind === "email" ? "email address" : kind === "phone" ? "phone number" : "domain"}`, "value");
  return v;
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
  .post("/import", guard("importSuppressions", operations.importSuppressions), async (c) => {
    const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "text/csv" && type !== "text/plain") throw new ApiError(415, "unsupported_media_type", "Send the file as text/csv");
    const accountId = c.var.actor.accountId;
    const file = parseSuppressionFile(await c.req.text(), "import");
    c.set("audit", { targetType: "suppression", details: { rows: file.entries.length, rejected: file.rejects.length } });
    const db = c.env.DB;
    const now = Date.now();
    let added = 0;
    for (let i = 0; i < file.entries.length; i += 500) {
      const chunk = file.entries.slice(i, i + 500);
      const values = (kind: string) => JSON.stringify(chunk.filter((e) => e.kind === kind).map((e) => e.value));
      const [ins] = await db.batch([
        db.prepare(
          `INSERT INTO suppressions (account_id, kind, value, reason, created_at)
           SELECT ?1, j.value ->> 'kind', j.value ->> 'value', j.value ->> 'reason', ?2 FROM json_each(?3) j WHERE true ON CONFLICT DO NOTHING`,
        ).bind(accountId, now, JSON.stringify(chunk)),
        // Each channel marked on its own: a phone stops SMS only, an email or domain email only.
        db.prepare(
          `UPDATE contacts SET reasons = json_insert(reasons, '$[#]', 'suppressed'), verdict = 'invalid', updated_at = ?4
           WHERE account_id = ?1 AND reasons NOT LIKE '%"suppressed"%' AND (email IN (SELECT value FROM json_each(?2))
             OR email_domain IN (SELECT value FROM json_each(?3)))`,
        ).bind(accountId, values("email"), values("domain"), now),
        db.prepare(
          `UPDATE contacts SET reasons = json_insert(reasons, '$[#]', 'phone_suppressed'), verdict = CASE WHEN email IS NULL THEN 'invalid' ELSE verdict END, updated_at = ?3
           WHERE account_id = ?1 AND reasons NOT LIKE '%"phone_suppressed"%' AND phone IN (SELECT value FROM json_each(?2))`,
        ).bind(accountId, values("phone"), now),
      ]);
      added += ins!.meta.changes;
    }
    return c.json({ added, rejected: file.rejects });
  })
  .get("/export.csv", guard("exportSuppressions", operations.exportSuppressions), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM suppressions WHERE account_id = ? ORDER BY kind, value").bind(c.var.actor.accountId).all<Row>();
    const body = "\uFEFF" + csvLine(["tipo", "valor", "motivo", "fecha"]) + rows.results.map((r) => csvLine([r.kind, r.value, r.reason, new Date(r.created_at).toISOString()])).join("");
    return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="supresiones.csv"' } });
  });
