/**
 * Checks an export or schedule request against the caller and the account, and settles its
 * params: the cross-field rules (shared/exports/request.ts) as 400s naming the field, whose
 * monthly report the caller may have (403), a month that has started (the report route's rule), and that the campaign or sub-user named is the
 * account's own (404 naming the field, never another account's), and a campaign export's filter
 * one its channel has (an SMS campaign: its SMS events; recipients all or clicked). A sub-user's report request
 * is stored with their own `userId`, so what a schedule produces later does not depend on who
 * asks then.
 */
import type { Actor } from "../api/context";
import { ApiError } from "../api/errors";
import { campaignFilterProblem, checkExportRequest, monthlyReportUser } from "../../shared/exports/request";
import type { ExportFormat, ExportKind, ExportParams } from "../../shared/api/schemas-exports";
import { reportMonth } from "../../shared/reports/monthly";

export type ExportRequest = { kind: ExportKind; format: ExportFormat; params: ExportParams };

/** The request with its params settled, or an ApiError thrown (400, 403 or 404, naming the field). */
export async function resolveExportRequest(db: D1Database, actor: Pick<Actor, "accountId" | "userId" | "role">, req: ExportRequest, mode: "export" | "schedule"): Promise<ExportRequest> {
  const problem = checkExportRequest(req.kind, req.format, req.params, mode);
  if (problem) throw new ApiError(problem.status, problem.status === 403 ? "forbidden" : "invalid_field", problem.message, problem.field);
  const params: ExportParams = { ...req.params };
  if (req.kind === "monthly-report") {
    if (params.month !== undefined) {
      const month = reportMonth(params.month, Date.now());
      if (!month.ok) throw new ApiError(400, "invalid_field", `params.month: ${month.reason}`, "params.month");
    }
    const who = monthlyReportUser(actor, params.userId);
    if (!who.ok) throw new ApiError(403, "forbidden", who.problem.message, who.problem.field);
    if (who.userId === null) delete params.userId;
    else {
      params.userId = who.userId;
      const user = await db.prepare("SELECT id FROM users WHERE id = ? AND account_id = ?").bind(who.userId, actor.accountId).first<string>("id");
      if (user === null) throw new ApiError(404, "not_found", "params.userId: no such user in this account", "params.userId");
    }
  } else {
    const channel = await db.prepare("SELECT channel FROM campaigns WHERE id = ? AND account_id = ?").bind(params.campaignId, actor.accountId).first<string>("channel");
    if (channel === null) throw new ApiError(404, "not_found", "params.campaignId: campaign not found", "params.campaignId");
    const wrong = campaignFilterProblem(req.kind, channel === "sms" ? "sms" : "email", params.filter);
    if (wrong) throw new ApiError(wrong.status, "invalid_field", wrong.message, wrong.field);
  }
  return { ...req, params };
}
