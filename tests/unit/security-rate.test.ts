/**
 * The in-isolate rate limiter: fixed one-minute windows per key with Retry-After, the
 * recipient endpoint families and the limit settings.
 */
import { describe, expect, it } from "vitest";
import { limitSetting, rateWindow, recipientFamily } from "../../shared/security/rate-window";

describe("rateWindow", () => {
  it("allows `limit` requests per key and window, then answers the seconds to the window's end", () => {
    const w = rateWindow(3, 60_000);
    expect([w.take("a", 0), w.take("a", 1000), w.take("a", 2000)]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(w.take("a", 15_000)).toEqual({ allowed: false, retryAfter: 45 });
    expect(w.take("a", 59_999)).toEqual({ allowed: false, retryAfter: 1 });
    expect(w.take("b", 15_000)).toEqual({ allowed: true });
    expect(w.take("a", 60_000)).toEqual({ allowed: true });
  });

  it("stays bounded: past maxKeys the table starts over", () => {
    const w = rateWindow(1, 60_000, 2);
    w.take("a", 0);
    expect(w.take("a", 1)).toEqual({ allowed: false, retryAfter: 60 });
    w.take("b", 2);
    w.take("c", 3); // a third key: the table is emptied
    expect(w.take("a", 4)).toEqual({ allowed: true });
  });
});

describe("recipientFamily", () => {
  it("classifies the recipient paths and leaves the rest unlimited", () => {
    expect(recipientFamily("GET", "/t/o/tok")).toBe("open");
    expect(recipientFamily("HEAD", "/t/c/tok")).toBe("click");
    expect(recipientFamily("GET", "/v/tok")).toBe("view");
    expect(recipientFamily("GET", "/u/tok")).toBe("unsubscribe");
    expect(recipientFamily("POST", "/u/tok")).toBe("unsubscribe");
    expect(recipientFamily("GET", "/s/Ab12")).toBe("short");
    expect(recipientFamily("POST", "/f/tok")).toBe("form");
    expect(recipientFamily("GET", "/f/tok")).toBeNull();
    expect(recipientFamily("GET", "/v/p/tok")).toBeNull();
    expect(recipientFamily("GET", "/t/ping")).toBeNull();
    expect(recipientFamily("GET", "/api/v1/me")).toBeNull();
  });
});

describe("limitSetting", () => {
  it("takes a positive integer and falls back otherwise", () => {
    expect(limitSetting("30", 600)).toBe(30);
    for (const bad of [undefined, "", "0", "-5", "1.5", "lots"]) expect(limitSetting(bad, 600), String(bad)).toBe(600);
  });
});
