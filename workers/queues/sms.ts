/**
 * The SMS_SENDS consumer: every message of a batch carries ids of `sms_messages` rows
 * (`{ type: "sms", ids }`, from queueSms or a campaign); they are sent together
 * (workers/sms/send-rows.ts: claim, route, send, settle). A Queue message whose rows were all
 * settled is acked; one with a row to retry (a provider fault) is retried after that row's
 * backoff, and only its rows still `queued` are claimed again, so nothing is sent twice. A
 * failure outside the provider calls (D1, the ledger) retries the batch; rows claimed by then
 * stay `sending` and are never re-sent automatically (they may have gone out).
 */
import type { SmsSendMessage } from "../sms/queue-sms";
import { sendSmsRows } from "../sms/send-rows";

export async function handleSmsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages as readonly Message<Partial<SmsSendMessage> | null>[];
  const idsOf = (m: Message<Partial<SmsSendMessage> | null>) => (m.body?.type === "sms" && Array.isArray(m.body.ids) ? m.body.ids.filter((id): id is string => typeof id === "string") : []);
  let retries: Map<string, number>;
  try {
    retries = await sendSmsRows(env, messages.flatMap(idsOf));
  } catch (err) {
    console.error(`sms batch of ${messages.length} messages failed`, err);
    batch.retryAll({ delaySeconds: 30 });
    return;
  }
  for (const m of messages) {
    const waits = idsOf(m).flatMap((id) => (retries.has(id) ? [retries.get(id)!] : []));
    if (waits.length === 0) m.ack();
    else m.retry({ delaySeconds: Math.min(...waits) });
  }
}
