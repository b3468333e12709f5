/**
 * Schemas of the live campaign socket's frames, for the OpenAPI document (a WebSocket has no
 * JSON response: these are the messages it carries). The TypeScript protocol is
 * shared/live/protocol.ts; `satisfies` below keeps the two in step.
 */
import { z } from "zod";
import type { LiveCounters } from "../events/types";
import type { LiveServerMessage } from "../live/protocol";

const n = z.number().int();

export const LiveCountersOut = z.object({
  sent: n,
  opened: n,
  openedUnique: n,
  machineOpens: n,
  clicked: n,
  clickedUnique: n,
  machineClicks: n,
  bouncedHard: n,
  bouncedSoft: n,
  unsubscribed: n,
  complaints: n,
  delivered: n.describe("SMS: final receipt delivered"),
  failed: n.describe("SMS: final receipt failed, expired or rejected"),
  replies: n.describe("SMS: replies linked to the campaign"),
  links: z.record(z.string(), n).describe("Clicks per original URL"),
}) satisfies z.ZodType<LiveCounters>;

const Point = z.object({ minute: n.describe("Start of the minute, ms since the epoch"), opens: n, clicks: n });

export const LiveFrame = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("snapshot"), at: n, counters: LiveCountersOut, series: z.array(Point).describe("Opens and clicks per minute, last 72 h") }),
    z.object({ type: z.literal("update"), at: n, counters: LiveCountersOut, points: z.array(Point).describe("Minutes changed since the previous frame") }),
  ])
  .describe("Frames sent by the server: a snapshot first, then updates at most every 250 ms") satisfies z.ZodType<LiveServerMessage>;
