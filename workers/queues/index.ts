/**
 * Queue consumers, dispatched by queue name. Imports are processed here; email sends, SMS sends
 * and tracking events get their consumers with their capabilities, and until then a message is
 * retried, never dropped.
 */
import { failImport, processImport, type ImportMessage } from "./imports";

/** Must match `max_retries` of the imports consumer in wrangler.toml. */
const IMPORT_MAX_ATTEMPTS = 3;

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue.endsWith("-imports")) {
    for (const msg of batch.messages as readonly Message<ImportMessage>[]) {
      try {
        await processImport(env, msg.body.importId);
        msg.ack();
      } catch (err) {
        console.error(`import ${msg.body.importId} failed (attempt ${msg.attempts})`, err);
        if (msg.attempts >= IMPORT_MAX_ATTEMPTS) {
          await failImport(env, msg.body.importId, err);
          msg.ack();
        } else msg.retry({ delaySeconds: 5 });
      }
    }
    return;
  }
  console.warn(`no consumer yet for ${batch.queue}; retrying ${batch.messages.length} messages later`);
  batch.retryAll({ delaySeconds: 60 });
}
