/**
 * Cron triggers: every minute (due schedules, automations) and monthly (the consumption report).
 * The jobs arrive with their capabilities; the trigger is wired now so deployments keep it.
 */
export async function handleScheduled(controller: ScheduledController, _env: Env): Promise<void> {
  console.log(`cron ${controller.cron} at ${new Date(controller.scheduledTime).toISOString()}`);
}
