/** The automation clock in Lima (shared/automations/clock.ts). */
import { describe, expect, it } from "vitest";
import { addDays, dateTarget, fireTimesBetween, localDate, nextFireAfter, waitMs } from "../../shared/automations/clock";

const LIMA = "America/Lima";
const lima = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00-05:00`);

describe("clock", () => {
  it("reads the Lima date of an instant, across UTC midnight", () => {
    expect(localDate(Date.UTC(2026, 11, 1, 3, 0), LIMA)).toBe("2026-11-30");
    expect(localDate(Date.UTC(2026, 11, 1, 5, 0), LIMA)).toBe("2026-12-01");
  });
  it("adds days across months, years and a leap day", () => {
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
  it("finds the next 09:00 strictly after an instant", () => {
    expect(nextFireAfter(lima("2027-03-01", "08:00"), "09:00", LIMA)).toBe(lima("2027-03-01", "09:00"));
    expect(nextFireAfter(lima("2027-03-01", "09:00"), "09:00", LIMA)).toBe(lima("2027-03-02", "09:00"));
    expect(nextFireAfter(lima("2027-03-01", "23:59"), "00:00", LIMA)).toBe(lima("2027-03-02", "00:00"));
  });
  it("lists the fire times in a window, capped for a long outage", () => {
    expect(fireTimesBetween(lima("2027-03-01", "08:00"), lima("2027-03-01", "08:59"), "09:00", LIMA)).toEqual([]);
    expect(fireTimesBetween(lima("2027-03-01", "08:00"), lima("2027-03-01", "09:00"), "09:00", LIMA)).toEqual([lima("2027-03-01", "09:00")]);
    expect(fireTimesBetween(lima("2027-03-01", "09:00"), lima("2027-03-03", "10:00"), "09:00", LIMA)).toEqual([lima("2027-03-02", "09:00"), lima("2027-03-03", "09:00")]);
    expect(fireTimesBetween(lima("2027-01-01", "09:00"), lima("2027-03-03", "10:00"), "09:00", LIMA)).toHaveLength(3);
  });
  it("names the date a date trigger looks for", () => {
    const fire = lima("2027-03-01", "09:00");
    expect(dateTarget(fire, "before", 7, LIMA)).toBe("2027-03-08");
    expect(dateTarget(fire, "after", 30, LIMA)).toBe("2027-01-30");
    expect(dateTarget(fire, "on", 0, LIMA)).toBe("2027-03-01");
    // 23:30 in Lima is already the next day in UTC: the Lima date counts.
    expect(dateTarget(lima("2027-03-01", "23:30"), "before", 1, LIMA)).toBe("2027-03-02");
  });
  it("measures waits", () => {
    expect(waitMs(2, "days")).toBe(172_800_000);
    expect(waitMs(90, "minutes")).toBe(5_400_000);
  });
});
