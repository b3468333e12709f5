/**
 * Exports (S3): ask for a file (the monthly report as CSV or PDF, a campaign's events or
 * recipients as CSV), which the imports Queue produces into R2 (workers/reports/exports.ts);
 * list and read them with a fresh signed download URL once ready (valid EXPORT_LINK_MINUTES,
 * fetched at /x/:token without a session); delete one with its file. Owner and admin see the
 * account's exports; everyone else their own.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateExportBody } from "../../../shared/api/schemas-exports";
import { presentExport, type ExportRow } from "../../../shared/exports/present";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { deleteExport, exportTtlMs, findExport, insertExport, listExports, visibleTo } from "../../reports/export-store";
import { enqueueExport } from "../../reports/exports";
import { resolveExportRequest } from "../../reports/export-request";
import { downloadLink } from "../../reports/download-links";

/** The base of download links: PUBLIC_URL, else the origin the caller reached. */
const baseOf = (c: Context<AppEnv>) => c.env.PUBLIC_URL || new URL(c.req.url).origin;

async function present(c: Context<AppEnv>, row: ExportRow, now: number) {
  return presentExport(row, await downloadLink(c.env, row, baseOf(c), now));
}

async function visibleExport(c: Context<AppEnv>, id: string): Promise<ExportRow> {
  const row = await findExport(c.env.DB, c.var.actor.accountId, id, visibleTo(c.var.actor));
  if (!row) throw notFound("Export");
  return row;
}

export const exportsRoutes = new Hono<AppEnv>()
  .post("/", guard("createExport", operations.createExport), ...json(CreateExportBody), async (c) => {
    const actor = c.var.actor;
    const req = await resolveExportRequest(c.env.DB, actor, c.req.valid("json"), "export");
    const now = Date.now();
    const id = `exp_${crypto.randomUUID().replaceAll("-", "")}`;
    c.set("audit", { targetType: "export", targetId: id, details: { kind: req.kind, format: req.format, params: req.params } });
    await insertExport(c.env.DB, { id, accountId: actor.accountId, ...req, scheduleId: null, createdBy: actor.userId, createdAt: now, expiresAt: now + exportTtlMs(c.env) }).run();
    await enqueueExport(c.env, id);
    return c.json({ id }, 202);
  })
  .get("/", guard("listExports", operations.listExports), async (c) => {
    const now = Date.now();
    const rows = await listExports(c.env.DB, c.var.actor.accountId, visibleTo(c.var.actor));
    return c.json({ exports: await Promise.all(rows.map((r) => present(c, r, now))) });
  })
  .get("/:id", guard("getExport", operations.getExport), async (c) => c.json(await present(c, await visibleExport(c, c.req.param("id")), Date.now())))
  .delete("/:id", guard("deleteExport", operations.deleteExport), async (c) => {
    const row = await visibleExport(c, c.req.param("id"));
    c.set("audit", { targetType: "export", targetId: row.id });
    const gone = await deleteExport(c.env.DB, row.id);
    if (gone?.r2_key) await c.env.FILES.delete(gone.r2_key);
    return c.json({ ok: true as const });
  });
