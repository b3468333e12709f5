/**
 * Cron triggers: every minute (due schedules, automations) and monthly (the consumption report).
 * The jobs arrive with their capabilities; the trigger is wired now so deployments keep it.
 * Every minute the send-limit windows older than two days are forgotten.
 */
import { pruneSendWindows } from "../email/send-windows";

export async function handleScheduled(controller: ScheduledController, env: Env): Promise<void> {
  console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
  if (controller.cron === "* * * * *") await pruneSendWindows(env.DB, controller.scheduledTime);
}
