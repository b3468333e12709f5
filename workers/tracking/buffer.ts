/**
 * Events of recipient requests go to the events Queue in small batches instead of one send per
 * request: the first request of a window waits FLUSH_MS (inside its own waitUntil, after its
 * answer left) and sends what every request of the isolate recorded meanwhile, in messages of up
 * to PER_MESSAGE events. Under load a send carries dozens of events; alone, one. The events are
 * plain data, so sending them from the first request's context is ordinary I/O of that request.
 */
import type { EventsMessage, TrackEvent } from "../../shared/events/types";

const FLUSH_MS = 25;
const PER_MESSAGE = 100;
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
  const messages: { body: EventsMessage }[] = [];
  for (let i = 0; i < mine.length; i += PER_MESSAGE) messages.push({ body: { type: "events", events: mine.slice(i, i + PER_MESSAGE) } });
  for (let i = 0; i < messages.length; i += 100) await env.EVENTS.sendBatch(messages.slice(i, i + 100));
}
