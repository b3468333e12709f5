/**
 * The reports' share of the cron triggers, called once from workers/cron/index.ts. Every
 * minute: due export schedules become exports, expired exports lose their files, and a monthly
 * report email that was missed or failed is caught up (a few accounts a minute). On the 1st at
 * 05:00 UTC (00:00 Lima): the monthly report email to every account. Each job is idempotent
 * and runs even when another fails.
 */
import { runDueSchedules } from "./schedules";
import { expireExports } from "./expiry";
import { sendMonthlyReportMails } from "./monthly-mail";

export const MONTHLY_CRON = "0 5 1 * *";
export const MINUTE_CRON = "* * * * *";
/** Accounts mailed by the monthly trigger, and caught up per minute afterwards. */
const MONTHLY_BATCH = 200;
const CATCH_UP_BATCH = 5;

/**
 * Run the report jobs of this trigger.
 * @example await runReportJobs(controller, env) // on "* * * * *": schedules, expiry, catch-up
 */
export async function runReportJobs(controller: Pick<ScheduledController, "cron" | "scheduledTime">, env: Env): Promise<void> {
  const now = controller.scheduledTime;
  const jobs: [string, () => Promise<unknown>][] =
    controller.cron === MONTHLY_CRON
      ? [["monthly report mail", () => sendMonthlyReportMails(env, now, MONTHLY_BATCH)]]
      : controller.cron === MINUTE_CRON
        ? [
            ["export schedules", () => runDueSchedules(env, now)],
            ["export expiry", () => expireExports(env, now)],
            ["monthly report mail catch-up", () => sendMonthlyReportMails(env, now, CATCH_UP_BATCH)],
          ]
        : [];
  for (const [name, job] of jobs) {
    try {
      await job();
    } catch (err) {
      console.error(`cron ${controller.cron}: ${name} failed`, err);
    }
  }
}
