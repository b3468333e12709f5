/**
 * Queue consumers, dispatched by queue name. Email sends, SMS sends, tracking events and imports
 * get their consumers with their capabilities; until then a message is retried, never dropped.
 */
export async function handleQueue(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  console.warn(`no consumer yet for ${batch.queue}; retrying ${batch.messages.length} messages later`);
  batch.retryAll({ delaySeconds: 60 });
}
