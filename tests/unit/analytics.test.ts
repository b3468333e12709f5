/**
 * shared/analytics/engagement.ts against a fixture campaign whose expected values are known by
 * construction: every row below is placed at a chosen Lima weekday and hour, so each series,
 * heatmap cell and peak follows from the list by hand (worked out beside the expectations).
 */
import { describe, expect, it } from "vitest";
import { accountEngagement, campaignAnalytics, daily, heatmap, hourly72, limaDay, limaSlot, peakHours, type BucketRow } from "../../shared/analytics/engagement";

const H = 3_600_000;
// Monday 1 June 2026, 14:20 UTC = 09:20 in Lima.
const STARTED = Date.UTC(2026, 5, 1, 14, 20);
const H0 = Date.UTC(2026, 5, 1, 14);
const row = (hour: number, kind: string, n: number, machine = 0): BucketRow => ({ hour, kind, machine, n });

const ROWS: BucketRow[] = [
  row(H0, "sent", 100), // not an engagement: ignored everywhere
  row(H0, "open", 5), // Mon 09:00 Lima, index 0
  row(H0, "open", 7, 1), // machine
  row(H0 + H, "open", 3), // Mon 10:00, index 1
  row(H0 + H, "click", 2),
  row(H0 + H, "click", 4, 1), // machine
  row(H0 + 6 * H, "open", 3), // Mon 15:00, index 6
  row(H0 + 14 * H, "open", 1), // 2 June 04:00 UTC = Mon 1 June 23:00 Lima, index 14
  row(H0 + 24 * H, "open", 4), // Tue 09:00, index 24
  row(H0 + 71 * H, "open", 1), // Thu 08:00, index 71 (the last hour of the window)
  row(H0 + 72 * H, "open", 2), // Thu 09:00, outside the 72 h window
  row(Date.UTC(2026, 5, 10, 15), "open", 2), // Wed 10 June 10:00 Lima
  row(Date.UTC(2026, 5, 10, 15), "click", 1),
  row(H0, "unsubscribe", 1),
];

describe("Lima time", () => {
  it("shifts by five hours all year, across the day and the year", () => {
    expect(limaDay(Date.UTC(2026, 0, 1, 3))).toBe("2025-12-31");
    expect(limaDay(Date.UTC(2026, 0, 1, 5))).toBe("2026-01-01");
    expect(limaSlot(Date.UTC(2026, 5, 1, 14))).toEqual({ weekday: 0, hour: 9 }); // lunes
    expect(limaSlot(Date.UTC(2026, 5, 8, 4))).toEqual({ weekday: 6, hour: 23 }); // domingo 7 June, 23:00
    expect(limaSlot(Date.UTC(2026, 11, 1, 14))).toEqual({ weekday: 1, hour: 9 }); // December: still UTC−5
  });
});

describe("hourly72", () => {
  it("gives 72 hourly points from the start hour, humans only, zeros included", () => {
    const pts = hourly72(ROWS, STARTED);
    expect(pts).toHaveLength(72);
    expect(pts[0]).toEqual({ hour: H0, opens: 5, clicks: 0 });
    expect(pts[1]).toEqual({ hour: H0 + H, opens: 3, clicks: 2 });
    expect(pts[2]).toEqual({ hour: H0 + 2 * H, opens: 0, clicks: 0 });
    expect(pts[6]!.opens).toBe(3);
    expect(pts[14]!.opens).toBe(1);
    expect(pts[24]!.opens).toBe(4);
    expect(pts[71]).toEqual({ hour: H0 + 71 * H, opens: 1, clicks: 0 });
    expect(pts.reduce((s, p) => s + p.opens, 0)).toBe(5 + 3 + 3 + 1 + 4 + 1);
    expect(pts.reduce((s, p) => s + p.clicks, 0)).toBe(2);
  });
});

describe("daily", () => {
  it("sums per Lima day from the start to the last event, empty days included", () => {
    const days = daily(ROWS, STARTED);
    expect(days.map((d) => d.day)).toEqual(["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08", "2026-06-09", "2026-06-10"]);
    expect(days[0]).toEqual({ day: "2026-06-01", opens: 5 + 3 + 3 + 1, clicks: 2 }); // 23:00 Lima counts on the 1st
    expect(days[1]).toEqual({ day: "2026-06-02", opens: 4, clicks: 0 });
    expect(days[2]).toEqual({ day: "2026-06-03", opens: 0, clicks: 0 });
    expect(days[3]).toEqual({ day: "2026-06-04", opens: 1 + 2, clicks: 0 });
    expect(days[9]).toEqual({ day: "2026-06-10", opens: 2, clicks: 1 });
  });

  it("is empty without human opens or clicks", () => {
    expect(daily([row(H0, "open", 3, 1), row(H0, "sent", 9)], STARTED)).toEqual([]);
  });
});

describe("heatmap and peak hours", () => {
  it("places human opens by Lima weekday and hour", () => {
    const grid = heatmap(ROWS);
    expect(grid.map((r) => r.weekday)).toEqual(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]);
    expect(grid.every((r) => r.opens.length === 24)).toBe(true);
    const nonZero = grid.flatMap((r) => r.opens.flatMap((n, h) => (n ? [`${r.weekday} ${h}:${n}`] : [])));
    expect(nonZero).toEqual(["lunes 9:5", "lunes 10:3", "lunes 15:3", "lunes 23:1", "martes 9:4", "miércoles 10:2", "jueves 8:1", "jueves 9:2"]);
  });

  it("ranks the three Lima hours with most opens", () => {
    // 09:00 → 5 + 4 + 2 = 11; 10:00 → 3 + 2 = 5; 15:00 → 3; 08:00 and 23:00 → 1.
    expect(peakHours(heatmap(ROWS))).toEqual([
      { hour: 9, opens: 11 },
      { hour: 10, opens: 5 },
      { hour: 15, opens: 3 },
    ]);
  });

  it("breaks ties by the earlier hour and never ranks an hour without opens", () => {
    const rows = [row(Date.UTC(2026, 5, 1, 20), "open", 2), row(Date.UTC(2026, 5, 2, 13), "open", 2)]; // 15:00 and 08:00 Lima
    expect(peakHours(heatmap(rows))).toEqual([
      { hour: 8, opens: 2 },
      { hour: 15, opens: 2 },
    ]);
    expect(peakHours(heatmap([row(H0, "open", 4, 1)]))).toEqual([]);
  });
});

describe("campaignAnalytics / accountEngagement", () => {
  it("puts it together and keeps machines apart", () => {
    const a = campaignAnalytics(ROWS, STARTED);
    expect(a.machine).toEqual({ opens: 7, clicks: 4 });
    expect(a.timeline72h).toHaveLength(72);
    expect(a.daily).toHaveLength(10);
    expect(a.peakHours.map((p) => p.hour)).toEqual([9, 10, 15]);
  });

  it("starts the timeline at the first event when the campaign has no start, and is empty without events", () => {
    expect(campaignAnalytics([row(H0 + 3 * H, "click", 1)], null).timeline72h[0]).toEqual({ hour: H0 + 3 * H, opens: 0, clicks: 1 });
    const empty = campaignAnalytics([], null);
    expect(empty).toEqual({ timeline72h: [], daily: [], heatmap: heatmap([]), peakHours: [], machine: { opens: 0, clicks: 0 } });
  });

  it("adds every campaign of the account into one heatmap", () => {
    const other = [row(Date.UTC(2026, 6, 6, 14), "open", 10)]; // Monday 6 July, 09:00 Lima
    const acc = accountEngagement([...ROWS, ...other]);
    expect(acc.heatmap[0]!.opens[9]).toBe(15);
    expect(acc.peakHours[0]).toEqual({ hour: 9, opens: 21 });
  });
});
