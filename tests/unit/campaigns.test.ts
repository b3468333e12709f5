import { describe, expect, it } from "vitest";
import { pauseReason } from "../../shared/campaigns/protection";
import { parseScheduleTime, sendProgress, subjectFor } from "../../shared/campaigns/schedule";
import { canDo } from "../../shared/campaigns/states";

describe("schedule times", () => {
  it("reads a local time in Lima (UTC−5, no DST) and in other zones", () => {
    expect(parseScheduleTime("2026-12-01T09:00", "America/Lima")).toBe(Date.UTC(2026, 11, 1, 14, 0));
    expect(parseScheduleTime("2026-07-01 09:30", "Europe/Madrid")).toBe(Date.UTC(2026, 6, 1, 7, 30));
    expect(parseScheduleTime("2026-01-15T09:30", "Europe/Madrid")).toBe(Date.UTC(2026, 0, 15, 8, 30));
    expect(parseScheduleTime("2026-12-01T09:00:00-05:00", "Europe/Madrid")).toBe(Date.UTC(2026, 11, 1, 14, 0));
    expect(parseScheduleTime("2026-12-01T09:00:00Z", "America/Lima")).toBe(Date.UTC(2026, 11, 1, 9, 0));
    expect(parseScheduleTime("mañana", "America/Lima")).toBeNull();
    expect(parseScheduleTime("2026-12-01", "America/Lima")).toBeNull();
  });
});

describe("send progress", () => {
  it("gives the rate per minute and the time left", () => {
    expect(sendProgress({ sent: 900, failed: 100, total: 3000, startedAt: 0, now: 120_000 })).toEqual({ sent: 900, total: 3000, perMinute: 500, elapsedMs: 120_000, etaMs: 240_000 });
    expect(sendProgress({ sent: 0, failed: 0, total: 10, startedAt: null, now: 5 })).toMatchObject({ perMinute: 0, etaMs: null });
    expect(sendProgress({ sent: 10, failed: 0, total: 10, startedAt: 0, finishedAt: 60_000, now: 999_999 })).toMatchObject({ elapsedMs: 60_000, etaMs: 0 });
  });
});

describe("rules", () => {
  it("prefixes commercial subjects once (Ley 28493)", () => {
    expect(subjectFor("Oferta", true)).toBe("PUBLICIDAD: Oferta");
    expect(subjectFor("PUBLICIDAD: Oferta", true)).toBe("PUBLICIDAD: Oferta");
    expect(subjectFor("Aviso", false)).toBe("Aviso");
  });
  it("allows edits only before sending", () => {
    expect(canDo("draft", "edit")).toBe(true);
    expect(canDo("sending", "edit")).toBe(false);
    expect(canDo("paused", "resume")).toBe(true);
    expect(canDo("sent", "cancel")).toBe(false);
  });
  it("pauses on a bounce spike only after 500 attempts, and on complaints over 0.1 %", () => {
    expect(pauseReason({ sent: 300, bounced: 100, complaints: 0 })).toBeNull();
    expect(pauseReason({ sent: 570, bounced: 30, complaints: 0 })).toBeNull();
    expect(pauseReason({ sent: 560, bounced: 40, complaints: 0 })).toBe("bounce_rate:6.67");
    expect(pauseReason({ sent: 2000, bounced: 0, complaints: 3 })).toBe("complaint_rate:0.15");
  });
});
