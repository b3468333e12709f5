/**
 * Queue consumers, dispatched by queue name. Imports, exports (workers/reports/exports.ts) and
 * outgoing webhook deliveries (workers/webhooks/deliver.ts) are processed here; email sends, tracking events, SMS sends (workers/queues/sms.ts) and SMS
 * receipts (sms-receipts.ts) have consumers of their own; a queue without one has its messages
 * retried, never dropped.
 */
import { failImport, processImport, type ImportMessage } from "./imports";
import { resolverFor, validateForSend } from "../audience/cleaning";
import { processEmailBatch, renderOneAtATime } from "./email";
import { openMessenger } from "../email/transport";
import type { EmailSendMessage } from "../../durable-objects/campaign-runner";
import { handleEventsBatch } from "./events";
import { handleSmsBatch } from "./sms";
import { handleSmsReceiptsBatch } from "./sms-receipts";
import { failExport, processExport, type ExportMessage } from "../reports/exports";
import { deliverDue, type WebhooksMessage } from "../webhooks/deliver";
import { handleSocialMessage, type SocialMessage } from "../social/publish";

/** Below the consumer's `max_retries` (3), so an import is marked failed before the Queue gives up. */
const IMPORT_MAX_ATTEMPTS = 3;
/** Email-send messages of one batch in progress at the same time (see handleQueue). */
const EMAIL_LANES = 3;

export async function handleQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue.endsWith("-imports")) {
    for (const msg of batch.messages as readonly Message<ImportMessage | ExportMessage | WebhooksMessage | SocialMessage>[]) {
      const body = msg.body;
      // Social posts of a campaign (W6): acknowledged or retried with their own backoff.
      if (body.type === "social") {
        await handleSocialMessage(env, msg as Message<SocialMessage>);
        continue;
      }
      // Outgoing webhook deliveries of one account (B1): every attempt is recorded on its row and
      // retried on its own schedule, so the message itself is always acknowledged.
      if (body.type === "webhooks") {
        await deliverDue(env, body.accountId).catch((err: unknown) => console.error(`webhooks of ${body.accountId} failed`, err));
        msg.ack();
        continue;
      }
      try {
        if (body.type === "clean") {
          const resolver = resolverFor(env);
          await validateForSend(env.DB, resolver, { accountId: body.accountId, listIds: [body.listId] }, Date.now());
        } else if (body.type === "export") await processExport(env, body.exportId);
        else await processImport(env, body.importId);
        msg.ack();
      } catch (err) {
        console.error(`${body.type} failed (attempt ${msg.attempts})`, err);
        if (msg.attempts < IMPORT_MAX_ATTEMPTS) msg.retry({ delaySeconds: 5 });
        else {
          if (body.type === "import") await failImport(env, body.importId, err);
          if (body.type === "export") await failExport(env, body.exportId, err);
          msg.ack();
        }
      }
    }
    return;
  }
  if (batch.queue.endsWith("-email-sends")) {
    // Messages of one batch are independent: sent over one pool of connections, each settles on
    // its own; the pool is closed before the invocation ends. EMAIL_LANES at a time, rendering
    // one at a time (renderOneAtATime): one renders while the others' copies are on the wire,
    // and at most EMAIL_LANES messages' rendered copies (PER_MESSAGE each, ~30 KB apiece) are
    // held at once, whatever the batch size.
    const messenger = openMessenger(env);
    const renderTurn = renderOneAtATime();
    const messages = batch.messages as readonly Message<EmailSendMessage>[];
    let next = 0;
    const lane = async () => {
      for (let msg = messages[next++]; msg !== undefined; msg = messages[next++]) {
        try {
          const outcome = await processEmailBatch(env, messenger, msg.body, msg.attempts, renderTurn);
          if (outcome === "ack") msg.ack();
          else msg.retry({ delaySeconds: outcome.retryInSeconds });
        } catch (err) {
          console.error(`email batch of ${msg.body.campaignId} failed (attempt ${msg.attempts})`, err);
          msg.retry({ delaySeconds: 30 });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(EMAIL_LANES, messages.length) }, lane));
    await messenger.close();
    return;
  }
  if (batch.queue.endsWith("-events")) return handleEventsBatch(batch, env);
  if (batch.queue.endsWith("-sms-sends")) return handleSmsBatch(batch, env);
  if (batch.queue.endsWith("-sms-receipts")) return handleSmsReceiptsBatch(batch, env);
  console.warn(`no consumer for ${batch.queue}; retrying ${batch.messages.length} messages later`);
  batch.retryAll({ delaySeconds: 60 });
}
