/**
 * Export schedules: a recurring export (daily, weekly on Mondays, monthly on the 1st, at a Lima
 * hour) that the minute cron turns into one export each time it falls due
 * (workers/reports/schedules.ts). The same checks as a one-off export apply, except that a
 * monthly-report schedule names no month: each run reports on the month before it. Owner and
 * admin see the account's schedules; everyone else their own.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateScheduleBody } from "../../../shared/api/schemas-exports";
import { presentSchedule } from "../../../shared/exports/present";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { visibleTo } from "../../reports/export-store";
import { resolveExportRequest } from "../../reports/export-request";
import { deleteSchedule, insertSchedule, listSchedules } from "../../reports/schedules";

export const exportSchedules = new Hono<AppEnv>()
  .post("/", guard("createExportSchedule", operations.createExportSchedule), ...json(CreateScheduleBody), async (c) => {
    const actor = c.var.actor;
    const body = c.req.valid("json");
    const req = await resolveExportRequest(c.env.DB, actor, body, "schedule");
    const id = `sch_${crypto.randomUUID().replaceAll("-", "")}`;
    c.set("audit", { targetType: "export_schedule", targetId: id, details: { ...req, cadence: body.cadence, hour: body.hour } });
    const row = await insertSchedule(c.env.DB, { id, accountId: actor.accountId, ...req, cadence: body.cadence, hour: body.hour, createdBy: actor.userId, now: Date.now() });
    return c.json(presentSchedule(row), 201);
  })
  .get("/", guard("listExportSchedules", operations.listExportSchedules), async (c) => {
    const rows = await listSchedules(c.env.DB, c.var.actor.accountId, visibleTo(c.var.actor));
    return c.json({ schedules: rows.map(presentSchedule) });
  })
  .delete("/:id", guard("deleteExportSchedule", operations.deleteExportSchedule), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "export_schedule", targetId: id });
    if (!(await deleteSchedule(c.env.DB, c.var.actor.accountId, id, visibleTo(c.var.actor)))) throw notFound("Export schedule");
    return c.json({ ok: true as const });
  });
