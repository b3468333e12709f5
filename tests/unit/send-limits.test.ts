/**
 * Mailbox providers and send limits (shared/campaigns/providers.ts, throttle.ts): which provider
 * a domain belongs to, validation of the limits an account sets, the fixed windows (minute,
 * hour, Lima day), the warm-up cap of a day, and what may be released now.
 */
import { describe, expect, it } from "vitest";
import { KNOWN_DOMAINS, PROVIDER_DOMAINS, providerDomains, providerOf } from "../../shared/campaigns/providers";
import { checkLimits, hasLimits, limaDayStart, nextLook, parseRelayLimit, releaseBudget, warmupCap, warmupDay, windowsAt, type SendLimits } from "../../shared/campaigns/throttle";

/** 29 Nov 2026, 09:30:15 in Lima (14:30:15 UTC). */
const NOW = Date.UTC(2026, 10, 29, 14, 30, 15);
const none = { relay: 0, warmup: 0, hour: {} };

describe("providerOf", () => {
  it("knows Gmail, Outlook/Hotmail, Yahoo and their country domains; the rest is other", () => {
    expect(providerOf("gmail.com")).toBe("gmail");
    expect(providerOf("googlemail.com")).toBe("gmail");
    expect(providerOf("ana@GMAIL.com")).toBe("gmail");
    for (const d of ["outlook.com", "outlook.es", "hotmail.com", "hotmail.es", "hotmail.co.uk", "live.com", "live.com.mx", "msn.com"]) expect(providerOf(d), d).toBe("outlook");
    for (const d of ["yahoo.com", "yahoo.es", "yahoo.com.ar", "ymail.com", "rocketmail.com"]) expect(providerOf(d), d).toBe("yahoo");
    for (const d of ["sunat.gob.pe", "empresa.pe", "gmail.co", "live.unmsm.edu.pe", "mygmail.com", ""]) expect(providerOf(d), d).toBe("other");
  });

  it("lists domains fit for an SQL IN list, each under one provider only", () => {
    expect(PROVIDER_DOMAINS.gmail).toEqual(["gmail.com", "googlemail.com"]);
    for (const d of KNOWN_DOMAINS) expect(d).toMatch(/^[a-z0-9]+(\.[a-z0-9]+)+$/);
    expect(new Set(KNOWN_DOMAINS).size).toBe(KNOWN_DOMAINS.length);
    expect(providerDomains("other")).toEqual({ in: false, domains: KNOWN_DOMAINS });
    expect(providerDomains("yahoo").domains).toContain("yahoo.com");
  });
});

describe("checkLimits", () => {
  const ok: SendLimits = { perProviderPerHour: { gmail: 1000, outlook: null }, warmup: { startDate: "2026-12-01", dailyCaps: [500, 1000, 1000, 5000] } };

  it("accepts limits, nulls and a growing warm-up", () => {
    expect(checkLimits(ok)).toBeNull();
    expect(checkLimits({ perProviderPerHour: {} })).toBeNull();
  });

  it("names the field of a negative, fractional or zero limit", () => {
    expect(checkLimits({ perProviderPerHour: { gmail: -5 } })?.field).toBe("perProviderPerHour.gmail");
    expect(checkLimits({ perProviderPerHour: { yahoo: 2.5 } })?.field).toBe("perProviderPerHour.yahoo");
    expect(checkLimits({ perProviderPerHour: { other: 0 } })?.field).toBe("perProviderPerHour.other");
  });

  it("names the field of a bad date, an empty schedule or a cap lower than the day before", () => {
    expect(checkLimits({ ...ok, warmup: { startDate: "2026-02-30", dailyCaps: [1] } })).toEqual({ field: "warmup.startDate", message: "must be a calendar date written YYYY-MM-DD" });
    expect(checkLimits({ ...ok, warmup: { startDate: "01/12/2026", dailyCaps: [1] } })?.field).toBe("warmup.startDate");
    expect(checkLimits({ ...ok, warmup: { startDate: "2026-12-01", dailyCaps: [] } })?.field).toBe("warmup.dailyCaps");
    expect(checkLimits({ ...ok, warmup: { startDate: "2026-12-01", dailyCaps: [100, 200, 150] } })).toEqual({ field: "warmup.dailyCaps.2", message: "must not be lower than the day before (a warm-up only grows)" });
    expect(checkLimits({ ...ok, warmup: { startDate: "2026-12-01", dailyCaps: [100, -1] } })?.field).toBe("warmup.dailyCaps.1");
  });

  it("tells whether anything is limited", () => {
    expect(hasLimits(null)).toBe(false);
    expect(hasLimits({ perProviderPerHour: { gmail: null } })).toBe(false);
    expect(hasLimits({ perProviderPerHour: { gmail: 5 } })).toBe(true);
    expect(hasLimits({ perProviderPerHour: {}, warmup: { startDate: "2026-12-01", dailyCaps: [1] } })).toBe(true);
  });
});

describe("parseRelayLimit", () => {
  it("reads the operator's setting and refuses nonsense", () => {
    expect(parseRelayLimit(undefined)).toBeNull();
    expect(parseRelayLimit("")).toBeNull();
    expect(parseRelayLimit(" 600 ")).toBe(600);
    expect(() => parseRelayLimit("-3")).toThrow(/SMTP_RATE_PER_MINUTE/);
    expect(() => parseRelayLimit("lots")).toThrow(/SMTP_RATE_PER_MINUTE/);
  });
});

describe("windows", () => {
  it("are the minute, the hour and the Lima calendar day", () => {
    expect(windowsAt(NOW)).toEqual({ minute: Date.UTC(2026, 10, 29, 14, 30), hour: Date.UTC(2026, 10, 29, 14), day: Date.UTC(2026, 10, 29, 5) });
    // 23:59 in Lima is still the 28th there, though it is the 29th in UTC.
    expect(windowsAt(Date.UTC(2026, 10, 29, 4, 59)).day).toBe(Date.UTC(2026, 10, 28, 5));
    expect(limaDayStart("2026-11-29")).toBe(Date.UTC(2026, 10, 29, 5));
    expect(limaDayStart("2026-13-01")).toBeNull();
  });

  it("give the warm-up cap of the day, the first before the start and the last after the end", () => {
    const w = { startDate: "2026-11-29", dailyCaps: [100, 200, 400] };
    expect(warmupCap(w, Date.UTC(2026, 10, 29, 4, 59))).toBe(100); // the 28th in Lima: not started yet
    expect(warmupCap(w, NOW)).toBe(100);
    expect(warmupCap(w, Date.UTC(2026, 10, 30, 4, 59))).toBe(100); // still the 29th in Lima
    expect(warmupCap(w, Date.UTC(2026, 10, 30, 5))).toBe(200);
    expect(warmupCap(w, Date.UTC(2026, 11, 1, 12))).toBe(400);
    expect(warmupCap(w, Date.UTC(2027, 5, 1))).toBe(400);
    expect(warmupDay(w, Date.UTC(2026, 10, 29, 4, 59))).toBe(0);
    expect(warmupDay(w, NOW)).toBe(1);
    expect(warmupDay(w, Date.UTC(2026, 11, 1, 12))).toBe(3);
  });
});

describe("releaseBudget", () => {
  const nextHour = Date.UTC(2026, 10, 29, 15);

  it("leaves everything unlimited without limits", () => {
    const b = releaseBudget({ limits: null, relayPerMinute: null, used: none, now: NOW });
    expect(b.shared.allowed).toBeNull();
    expect(b.providers.gmail).toEqual({ allowed: null, limitedBy: null, limit: null, resetAt: null });
    expect(nextLook(b, ["gmail", "other"], NOW)).toBe(NOW);
  });

  it("holds a provider at its hourly limit until the next hour, the others unlimited", () => {
    const limits = { perProviderPerHour: { gmail: 1000, yahoo: 50 } };
    const b = releaseBudget({ limits, relayPerMinute: null, used: { relay: 0, warmup: 0, hour: { gmail: 1000, yahoo: 20 } }, now: NOW });
    expect(b.providers.gmail).toEqual({ allowed: 0, limitedBy: "provider", limit: 1000, resetAt: nextHour });
    expect(b.providers.yahoo).toEqual({ allowed: 30, limitedBy: "provider", limit: 50, resetAt: nextHour });
    expect(b.providers.outlook.allowed).toBeNull();
    expect(nextLook(b, ["gmail"], NOW)).toBe(nextHour);
    expect(nextLook(b, ["gmail", "yahoo"], NOW)).toBe(NOW);
    expect(nextLook(b, [], NOW)).toBeNull();
  });

  it("shares the relay's minute among every provider", () => {
    const b = releaseBudget({ limits: { perProviderPerHour: { gmail: 1000 } }, relayPerMinute: 600, used: { relay: 590, warmup: 0, hour: { gmail: 10 } }, now: NOW });
    expect(b.shared).toEqual({ allowed: 10, limitedBy: "relay", limit: 600, resetAt: Date.UTC(2026, 10, 29, 14, 31) });
    expect(b.providers.gmail.allowed).toBe(10);
    expect(b.providers.other).toEqual(b.shared);
  });

  it("caps the Lima day by the warm-up, and waits for the later window when two are spent", () => {
    const limits: SendLimits = { perProviderPerHour: { gmail: 100 }, warmup: { startDate: "2026-11-28", dailyCaps: [50, 300] } };
    const b = releaseBudget({ limits, relayPerMinute: null, used: { relay: 0, warmup: 300, hour: { gmail: 100 } }, now: NOW });
    const tomorrow = Date.UTC(2026, 10, 30, 5);
    expect(b.providers.gmail).toEqual({ allowed: 0, limitedBy: "warmup", limit: 300, resetAt: tomorrow });
    expect(b.providers.outlook).toEqual({ allowed: 0, limitedBy: "warmup", limit: 300, resetAt: tomorrow });
    expect(nextLook(b, ["gmail", "outlook"], NOW)).toBe(tomorrow);
  });
});
