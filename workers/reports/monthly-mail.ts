/**
 * The monthly consumption report emailed to each account's owner (R1): on the 1st at 00:00 Lima
 * (cron "0 5 1 * *") and, to catch a missed or failed run, from the minute cron. Per account:
 * claim `report_mails` (report-mail-store.ts), build the report of the Lima month before, and
 * send one message through the product's relay — a short Spanish summary with the PDF and the
 * CSV attached, from SYSTEM_FROM, DKIM-signed with the deployment key when there is one. A
 * failure is recorded with its reason and tried again on a later minute, a bounded number of
 * times.
 */
import { previousLimaMonth } from "../../shared/exports/cadence";
import { monthRange } from "../../shared/reports/monthly";
import { reportMailContent } from "../../shared/exports/report-mail";
import { buildSystemMime } from "../../shared/email/mime-mixed";
import { joinMessage } from "../../shared/email/mime";
import { importDkimKey, signDkim } from "../../shared/email/dkim";
import { systemSender } from "../../shared/email/system-sender";
import { exportFileName } from "../../shared/exports/files";
import { openMessenger } from "../email/transport";
import { sendBatch } from "../email/smtp";
import { loadMonthlyReport } from "./monthly-store";
import { monthlyReportCsv } from "../../shared/reports/monthly-csv";
import { monthlyReportPdf } from "../../shared/reports/monthly-pdf";
import { claimReportMail, dueReportMails, settleReportMail } from "./report-mail-store";

export type ReportMailRun = { month: string; sent: string[]; failed: string[] };

/**
 * Email the previous Lima month's report to the owner of every account still due at `now`, at
 * most `limit` accounts this run.
 * @example await sendMonthlyReportMails(env, controller.scheduledTime, 100) // { month: "2026-12", sent: ["acc_1"], failed: [] }
 */
export async function sendMonthlyReportMails(env: Env, now: number, limit: number): Promise<ReportMailRun> {
  const month = previousLimaMonth(now);
  const run: ReportMailRun = { month, sent: [], failed: [] };
  const due = await dueReportMails(env.DB, month, monthRange(month)!.to, now, limit);
  for (const { id } of due) {
    const attempt = await claimReportMail(env.DB, id, month, now);
    if (attempt === null) continue; // another run has it
    let recipient: string | null = null;
    try {
      recipient = await env.DB.prepare("SELECT email FROM users WHERE account_id = ? AND role = 'owner' AND disabled = 0 ORDER BY created_at LIMIT 1").bind(id).first<string>("email");
      if (recipient === null) throw new Error("the account has no active owner");
      const result = await sendOne(env, id, month, recipient, now);
      const ok = result.status === "accepted";
      await settleReportMail(env.DB, id, month, attempt, { status: ok ? "sent" : "failed", recipient, detail: `${result.code} ${result.message}`.trim() }, now);
      (ok ? run.sent : run.failed).push(id);
    } catch (err) {
      console.error(`monthly report mail of ${id} for ${month} failed (attempt ${attempt})`, err);
      await settleReportMail(env.DB, id, month, attempt, { status: "failed", recipient, detail: err instanceof Error ? err.message : String(err) }, now);
      run.failed.push(id);
    }
  }
  return run;
}

/** Build and send one account's email; resolves with the relay's answer. */
async function sendOne(env: Env, accountId: string, month: string, to: string, now: number) {
  const report = await loadMonthlyReport(env, accountId, month, null, now);
  const [pdf, csv] = [await monthlyReportPdf(report, "es"), monthlyReportCsv(report, "es")];
  const from = systemSender(env.SYSTEM_FROM, env.APP_NAME || "Pregón");
  const base = env.PUBLIC_URL?.replace(/\/+$/, "");
  const content = reportMailContent(report, base ? `${base}/reports?month=${month}` : null);
  const domain = from.address.split("@")[1]!;
  const mime = buildSystemMime({
    from,
    to,
    ...content,
    messageId: `<report.${accountId}.${month}.${now.toString(36)}@${domain}>`,
    date: new Date(now),
    attachments: [
      { filename: exportFileName("monthly-report", "pdf", { month }), contentType: "application/pdf", content: pdf },
      { filename: exportFileName("monthly-report", "csv", { month }), contentType: "text/csv; charset=utf-8", content: new TextEncoder().encode(csv) },
    ],
  });
  const dkim = env.DKIM_PRIVATE_KEY
    ? await importDkimKey(env.DKIM_PRIVATE_KEY, (env.DKIM_ALGORITHM as "rsa-sha256" | undefined) ?? "rsa-sha256", env.DKIM_DOMAIN || domain, env.DKIM_SELECTOR || "pregon")
    : null;
  const data = joinMessage(dkim ? await signDkim(mime.headers, mime.body, dkim, new Date(now)) : null, mime);
  const messenger = openMessenger(env);
  try {
    const [result] = await sendBatch(messenger, [{ id: accountId, mailFrom: from.address, rcptTo: to, data }]);
    return result!;
  } finally {
    await messenger.close();
  }
}
