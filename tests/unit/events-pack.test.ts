import { describe, expect, it } from "vitest";
import { packEvents, QUEUE_LIMITS } from "../../shared/events/pack";
import type { TrackEvent } from "../../shared/events/types";

const event = (i: number, extra: Partial<TrackEvent> = {}): TrackEvent => ({ id: `sms_sent:sms_${i}`, kind: "sms_sent", accountId: "acc_1", campaignId: "cmp_1", contactId: i, at: 1_795_000_000_000, status: "claro", detail: "1", ...extra });
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

describe("packEvents", () => {
  it("keeps every event, in order, in messages of at most 100 and sendBatches of at most 100 messages", () => {
    const events = Array.from({ length: 2_345 }, (_, i) => event(i));
    const batches = packEvents(events);
    const messages = batches.flat();
    expect(messages.flatMap((m) => m.body.events)).toEqual(events);
    expect(Math.max(...messages.map((m) => m.body.events.length))).toBe(100);
    expect(messages.every((m) => m.body.type === "events")).toBe(true);
    expect(batches.every((b) => b.length <= 100)).toBe(true);
  });

  it("stays under 128 KB a message and 256 KB a sendBatch, also with long click URLs and non-ASCII text", () => {
    const url = `https://www.gob.pe/${"ñ".repeat(1_500)}`;
    const events = Array.from({ length: 900 }, (_, i) => event(i, { kind: "click", url, userAgent: "Mozilla/5.0 ".repeat(20) }));
    const batches = packEvents(events);
    expect(batches.flat().flatMap((m) => m.body.events)).toHaveLength(900);
    for (const b of batches) {
      expect(bytes(b)).toBeLessThan(256 * 1024);
      for (const m of b) expect(bytes(m.body)).toBeLessThan(128 * 1024);
    }
    // 4.5 KB of UTF-8 an event: far fewer than 100 a message.
    expect(Math.max(...batches.flat().map((m) => m.body.events.length))).toBeLessThan(30);
  });

  it("sends nothing for no events, and one message for one", () => {
    expect(packEvents([])).toEqual([]);
    expect(packEvents([event(1)])).toEqual([[{ body: { type: "events", events: [event(1)] } }]]);
  });

  it("follows the limits it is given", () => {
    const batches = packEvents(Array.from({ length: 10 }, (_, i) => event(i)), { ...QUEUE_LIMITS, maxEvents: 3 });
    expect(batches.flat().map((m) => m.body.events.length)).toEqual([3, 3, 3, 1]);
  });
});
