/**
 * Put events on the events Queue, however many: packed within the Queue's size limits
 * (shared/events/pack.ts), one sendBatch per pack. Every producer with more than a handful of
 * events goes through here; a campaign batch of thousands of SMS or emails made one message too
 * big for the Queue before, and its events were lost.
 */
import type { TrackEvent } from "../../shared/events/types";
import { packEvents } from "../../shared/events/pack";

/** Queue `events`; rejects when a send fails (the events after it are not sent). */
export async function queueEvents(env: Pick<Env, "EVENTS">, events: readonly TrackEvent[]): Promise<void> {
  for (const batch of packEvents(events)) await env.EVENTS.sendBatch(batch);
}
