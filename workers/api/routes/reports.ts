/**
 * The monthly consumption report (R1): `GET /reports/monthly?month=YYYY-MM&format=json|csv|pdf`.
 * Every role that reads campaigns may read it. Owner and admin get the whole account, or one
 * user's report with `user=<id>` (an id outside the account is a 404); every other role always
 * gets its own report, and asking for someone else's is a 403. The data is read by
 * workers/reports/monthly-store.ts; CSV and PDF are rendered by shared/reports/.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { MonthlyReportQuery, type ReportLang } from "../../../shared/api/schemas-reports";
import { monthlyReportUser } from "../../../shared/exports/request";
import { reportMonth } from "../../../shared/reports/monthly";
import { monthlyReportCsv } from "../../../shared/reports/monthly-csv";
import { monthlyReportPdf } from "../../../shared/reports/monthly-pdf";
import { loadMonthlyReport } from "../../reports/monthly-store";
import type { AppEnv } from "../context";
import { ApiError, forbidden } from "../errors";
import { guard } from "../guard";
import { query } from "../validate";

/**
 * Whose report the caller gets: null for the whole account, else a user id of the account. Who may
 * see whom is `monthlyReportUser`, the rule exports and schedules use too; this adds only the
 * query's words (`user`) and that another user must be one of the account's.
 */
async function reportUser(c: Context<AppEnv>, asked: string | undefined): Promise<string | null> {
  const actor = c.var.actor;
  const who = monthlyReportUser(actor, asked);
  if (!who.ok) throw forbidden("user: your role may only read your own report");
  // The caller themselves is of the account already; only someone else needs looking up.
  if (who.userId === null || who.userId === actor.userId) return who.userId;
  const found = await c.env.DB.prepare("SELECT id FROM users WHERE id = ? AND account_id = ?").bind(who.userId, actor.accountId).first<string>("id");
  if (!found) throw new ApiError(404, "not_found", "user: no such user in your account", "user");
  return found;
}

const fileName = (month: string, lang: ReportLang, ext: "csv" | "pdf") => `${lang === "es" ? "reporte" : "report"}-${month}.${ext}`;

export const reports = new Hono<AppEnv>().get("/monthly", guard("monthlyReport", operations.monthlyReport), query(MonthlyReportQuery), async (c) => {
  const q = c.req.valid("query");
  const now = Date.now();
  const month = reportMonth(q.month, now);
  if (!month.ok) throw new ApiError(400, "invalid_field", `month: ${month.reason}`, "month");
  const userId = await reportUser(c, q.user);
  const report = await loadMonthlyReport(c.env, c.var.actor.accountId, month.range.month, userId, now);
  const lang = q.lang ?? "es";
  const headers = (type: string, ext: "csv" | "pdf") => ({
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${fileName(report.month, lang, ext)}"`,
    "Cache-Control": "private, no-store",
  });
  switch (q.format ?? "json") {
    case "csv":
      return c.body(monthlyReportCsv(report, lang), 200, headers("text/csv; charset=utf-8", "csv"));
    case "pdf":
      return c.body(await monthlyReportPdf(report, lang), 200, headers("application/pdf", "pdf"));
    case "json":
      return c.json(report);
  }
});
