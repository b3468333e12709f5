/**
 * The SMS_RECEIPTS consumer: delivery receipts the hook (workers/hooks/sms-dlr.ts) queued, one a
 * Queue message, written a batch at a time in one D1 transaction (workers/sms/receipts.ts
 * applyReceipts). Local D1 and D1 at Cloudflare both run one write transaction at a time per
 * database, and a receipt written by its own callback was one transaction each, two a message
 * with Kannel's dlr-mask 31; a batch of 100 is one. Receipts are idempotent (parts only move
 * forward; a message moves once), so a batch that fails is retried whole. A receipt for a
 * message we do not know is logged and dropped. The final-status events of the batch go to the
 * events Queue after the write; if that send fails the receipts stand and the live counters are
 * short (logged), never counted twice.
 */
import type { SmsReceipt } from "../../shared/sms/receipt";
import { applyReceipts, type ReceiptEffect } from "../sms/receipts";
import { queueEvents } from "../events/queue-events";

/** What travels on SMS_RECEIPTS: a parsed receipt and the account of the connection it came through (null: `local`). */
export type SmsReceiptMessage = { type: "sms_receipt"; accountId: string | null; receipt: SmsReceipt; connectionId: string };

export async function handleSmsReceiptsBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages as readonly Message<Partial<SmsReceiptMessage> | null>[];
  const good = messages.filter((m) => m.body?.type === "sms_receipt" && m.body.receipt && typeof m.body.receipt.messageId === "string");
  for (const m of messages) if (!good.includes(m)) {
    console.error("sms receipts: a message that is not a receipt dropped", JSON.stringify(m.body).slice(0, 200));
    m.ack();
  }
  if (good.length === 0) return;
  let effects: ReceiptEffect[];
  try {
    effects = await applyReceipts(env.DB, good.map((m) => ({ accountId: m.body!.accountId ?? null, receipt: m.body!.receipt! })), Date.now());
  } catch (err) {
    console.error(`sms receipts: a batch of ${good.length} not written`, err);
    for (const m of good) m.retry({ delaySeconds: 5 });
    return;
  }
  good.forEach((m, i) => {
    if (effects[i]!.result === "unknown") console.warn(`sms receipt on ${m.body!.connectionId} for unknown message ${m.body!.receipt!.messageId} ignored`);
  });
  const events = effects.flatMap((e) => (e.result !== "unknown" && e.event ? [e.event] : []));
  await queueEvents(env, events).catch((err: unknown) => console.error(`sms receipts: ${events.length} final events not queued`, err));
  for (const m of good) m.ack();
}
