/**
 * Events of recipient requests go to the events Queue in small batches instead of one send per
 * request: the first request of a window waits FLUSH_MS (inside its own waitUntil, after its
 * answer left) and sends what every request of the isolate recorded meanwhile, packed within the
 * Queue's limits (workers/events/queue-events.ts). Under load a send carries dozens of events; alone, one. The events are
 * plain data, so sending them from the first request's context is ordinary I/O of that request.
 */
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../events/queue-events";

const FLUSH_MS = 25;
let window: TrackEvent[] | null = null;

/** Record `event`; resolves once it is on the Queue, or at once when another request will send it. */
export async function enqueueEvent(env: Env, event: TrackEvent): Promise<void> {
  if (window) {
    window.push(event);
    return;
  }
  const mine = (window = [event]);
  await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
  window = null;
  await queueEvents(env, mine);
}
