/**
 * Packing events for the events Queue within the Queue's limits: a message carries at most
 * 128 KB and a sendBatch at most 100 messages and 256 KB in all (Cloudflare Queues limits; the
 * local broker enforces them too and answers a bigger send with "Unknown Internal Error").
 * Events are put in messages of at most `maxEvents` events and `maxBytes` of JSON, and the
 * messages in sendBatch groups of at most 100 messages and `maxBatchBytes`. Sizes are the
 * events' JSON lengths in UTF-16 units times 3 (an upper bound on UTF-8 bytes), plus slack for
 * the envelope, so nothing packed here is refused for its size.
 */
import type { EventsMessage, TrackEvent } from "./types";

export type PackLimits = { maxEvents: number; maxBytes: number; maxBatchBytes: number };
export const QUEUE_LIMITS: PackLimits = { maxEvents: 100, maxBytes: 96_000, maxBatchBytes: 200_000 };
const ENVELOPE = 64;

/** Upper bound of an event's UTF-8 JSON size in bytes (ASCII, the usual case, is exact but for the bound). */
function sizeOf(e: TrackEvent): number {
  const json = JSON.stringify(e);
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(json) ? json.length + 1 : json.length * 3 + 1;
}

/**
 * The sendBatch calls that carry `events`: each inner array is one sendBatch of messages.
 * An event bigger than a message on its own still goes alone (the Queue will refuse it; the caller logs).
 * @example packEvents(threeHundredSmallEvents) // [[{ body: { type: "events", events: [100] } }, { … [100] }, { … [100] }]]
 */
export function packEvents(events: readonly TrackEvent[], limits: PackLimits = QUEUE_LIMITS): { body: EventsMessage }[][] {
  const messages: { body: EventsMessage; bytes: number }[] = [];
  let current: TrackEvent[] = [];
  let bytes = ENVELOPE;
  const close = () => {
    if (current.length > 0) messages.push({ body: { type: "events", events: current }, bytes });
    current = [];
    bytes = ENVELOPE;
  };
  for (const e of events) {
    const size = sizeOf(e);
    if (current.length >= limits.maxEvents || (current.length > 0 && bytes + size > limits.maxBytes)) close();
    current.push(e);
    bytes += size;
  }
  close();
  const batches: { body: EventsMessage }[][] = [];
  let batch: { body: EventsMessage }[] = [];
  let batchBytes = 0;
  for (const m of messages) {
    if (batch.length >= 100 || (batch.length > 0 && batchBytes + m.bytes > limits.maxBatchBytes)) {
      batches.push(batch);
      batch = [];
      batchBytes = 0;
    }
    batch.push({ body: m.body });
    batchBytes += m.bytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
