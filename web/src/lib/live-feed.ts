/**
 * A campaign's live feed for the results sections (email LiveCounters, SmsLiveCounters): one
 * socket opened on mount and closed on cleanup, the counters and chart points it carries, its
 * status, the time of the last frame and how many frames came. `onFrame` hears that count.
 */
import { createSignal, onCleanup, onMount } from "solid-js";
import type { LiveCounters as Counters } from "../../../shared/events/types";
import type { SeriesPoint } from "../../../shared/live/counters";
import { mergePoints } from "./live";
import { liveUrl, openLiveSocket, type LiveStatus } from "./live-socket";

export function createLiveFeed(campaignId: string, onFrame?: (frames: number) => void) {
  const [counters, setCounters] = createSignal<Counters | null>(null);
  const [points, setPoints] = createSignal<SeriesPoint[]>([]);
  const [status, setStatus] = createSignal<LiveStatus>("connecting");
  const [updatedAt, setUpdatedAt] = createSignal<number | null>(null);
  const [frames, setFrames] = createSignal(0);
  onMount(() => {
    const close = openLiveSocket(liveUrl(campaignId), {
      status: setStatus,
      frame: (msg) => {
        setCounters(msg.counters);
        setPoints((current) => (msg.type === "snapshot" ? msg.series : mergePoints(current, msg.points)));
        setUpdatedAt(msg.at);
        setFrames((n) => n + 1);
        onFrame?.(frames());
      },
    });
    onCleanup(close);
  });
  return { counters, points, status, updatedAt, frames };
}
