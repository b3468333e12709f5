/**
 * `sms_sent` events (the event contract of round two): one per campaign message the
 * provider accepted, put on the EVENTS Queue after the rows are settled. The id is
 * `sms_sent:<messageId>`, so a repeat (a retried batch) counts once in the events consumer.
 * Single sends and inbox replies have no campaign and emit nothing.
 */
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../events/queue-events";
import type { RowResult } from "./send-settle";

/**
 * The events of the accepted campaign messages among `results`.
 * @example sentEvents([{ row: { id: "smsc_c1_7", campaign_id: "c1", contact_id: 7, segments: 2, … }, outcome: "accepted", operator: "claro", … }], now) // [{ id: "sms_sent:smsc_c1_7", kind: "sms_sent", campaignId: "c1", contactId: 7, status: "claro", detail: "2", … }]
 */
export function sentEvents(results: readonly RowResult[], now: number): TrackEvent[] {
  return results
    .filter((r) => r.outcome === "accepted" && r.row.campaign_id !== null && r.row.contact_id !== null)
    .map((r) => ({ id: `sms_sent:${r.row.id}`, kind: "sms_sent", accountId: r.row.account_id, campaignId: r.row.campaign_id!, contactId: r.row.contact_id!, at: now, status: r.operator ?? "unknown", detail: String(r.row.segments) }));
}

/** Queue the events of `results` (packed within the Queue's limits). A failure is logged: the sends stand, the counters lag. */
export async function queueSentEvents(env: Env, results: readonly RowResult[], now: number): Promise<void> {
  const events = sentEvents(results, now);
  try {
    await queueEvents(env, events);
  } catch (err) {
    console.error(`sms_sent events of ${events.length} messages not queued`, err);
  }
}
