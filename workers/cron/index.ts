/**
 * Cron triggers: every minute (due schedules, automations) and monthly (the consumption report).
 * The jobs arrive with their capabilities; the trigger is wired now so deployments keep it.
 * Every minute the send-limit windows older than two days are forgotten. The reports' jobs
 * (export schedules and expiry, the monthly report email) are in workers/reports/cron.ts.
 * Every minute, too, single SMS stuck in `sending` are settled (workers/sms/stuck-sms.ts, C1), and
 * accounts with outgoing webhook deliveries due are woken (workers/webhooks/deliver.ts, B1), and
 * automations whose Durable Object alarm was lost (workers/automations/catch-up.ts, W4).
 */
import { pruneSendWindows } from "../email/send-windows";
import { runReportJobs } from "../reports/cron";
import { sweepStuckSms } from "../sms/stuck-sms";
import { wakeDueWebhooks } from "../webhooks/deliver";
import { wakeStaleAutomations } from "../automations/catch-up";

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
  if (controller.cron === "* * * * *") await pruneSendWindows(env.DB, controller.scheduledTime);
  if (controller.cron === "* * * * *") await sweepStuckSms(env, controller.scheduledTime).catch((err: unknown) => console.error("sms stuck sweep failed", err));
  if (controller.cron === "* * * * *") await wakeDueWebhooks(env, controller.scheduledTime).catch((err: unknown) => console.error("webhook wake-up failed", err));
  if (controller.cron === "* * * * *") await wakeStaleAutomations(env, controller.scheduledTime).catch((err: unknown) => console.error("automation wake-up failed", err));
  await runReportJobs(controller, env);
}
