/**
 * What travels on a campaign's live WebSocket (`GET /api/v1/campaigns/:id/live`). The server
 * sends a `snapshot` first (counters and the 72 h per-minute series), then `update` frames with
 * the new counters and the minutes that changed since the previous frame (at most one frame
 * every ~250 ms). The client may ask for a fresh `snapshot`; a plain "ping" text is answered
 * "pong" without waking the Durable Object.
 */
import type { LiveCounters } from "../events/types";
import type { SeriesPoint } from "./counters";

export type LiveServerMessage =
  | { type: "snapshot"; at: number; counters: LiveCounters; series: SeriesPoint[] }
  | { type: "update"; at: number; counters: LiveCounters; points: SeriesPoint[] };

export type LiveClientMessage = { type: "snapshot" };

export const PING = "ping";
export const PONG = "pong";

/** For exhaustive switches over message types. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(x)}`);
}

/**
 * Reads a client frame; anything else is `null` (ignored, never an error).
 * @example parseClientMessage('{"type":"snapshot"}') // { type: "snapshot" }
 */
export function parseClientMessage(data: string | ArrayBuffer): LiveClientMessage | null {
  if (typeof data !== "string" || data.length > 1024) return null;
  try {
    const msg = JSON.parse(data) as { type?: unknown };
    return msg?.type === "snapshot" ? { type: "snapshot" } : null;
  } catch {
    return null;
  }
}
