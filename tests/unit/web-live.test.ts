/**
 * The live chart's slots (web/src/lib/live.ts): the last hour per minute, empty minutes as 0,
 * and an event of a minute newer than the chart's clock (it ticks every 30 s) shown at once.
 */
import { describe, expect, it } from "vitest";
import { groupPoints, mergePoints } from "../../web/src/lib/live";

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 30, 14, 0, 0);

describe("groupPoints", () => {
  it("gives 60 minutes ending with the one that holds now, events in their minute, the rest 0", () => {
    const slots = groupPoints([{ minute: t0 - 2 * MIN, opens: 3, clicks: 1 }, { minute: t0 - 90 * MIN, opens: 9, clicks: 9 }], "minute", t0 + 20_000);
    expect(slots).toHaveLength(60);
    expect(slots.at(-1)!.x).toBe(t0);
    expect(slots.at(-3)).toEqual({ x: t0 - 2 * MIN, opens: 3, clicks: 1 });
    expect(slots.reduce((s, p) => s + p.opens, 0)).toBe(3);
  });

  it("shows an event of a minute that began after the chart's clock last ticked", () => {
    const staleNow = t0 + 50_000;
    const slots = groupPoints([{ minute: t0 + MIN, opens: 1, clicks: 0 }], "minute", staleNow);
    expect(slots.at(-1)).toEqual({ x: t0 + MIN, opens: 1, clicks: 0 });
    expect(slots.reduce((s, p) => s + p.opens, 0)).toBe(1);
  });

  it("groups per hour over 72 hours", () => {
    const slots = groupPoints([{ minute: t0 + 5 * MIN, opens: 2, clicks: 0 }, { minute: t0 + 40 * MIN, opens: 1, clicks: 1 }], "hour", t0 + 50 * MIN);
    expect(slots).toHaveLength(72);
    expect(slots.at(-1)).toEqual({ x: t0, opens: 3, clicks: 1 });
  });
});

describe("mergePoints", () => {
  it("replaces the minutes a frame carries and keeps them in order", () => {
    expect(mergePoints([{ minute: 2, opens: 1, clicks: 0 }, { minute: 1, opens: 1, clicks: 0 }], [{ minute: 2, opens: 4, clicks: 1 }, { minute: 3, opens: 1, clicks: 0 }])).toEqual([
      { minute: 1, opens: 1, clicks: 0 },
      { minute: 2, opens: 4, clicks: 1 },
      { minute: 3, opens: 1, clicks: 0 },
    ]);
  });
});
