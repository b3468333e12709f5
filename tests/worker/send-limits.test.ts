/**
 * The send-limits API (GET/PUT /sending/limits): defaults, a round trip, bad input refused with
 * the field named, and nothing stored then; and the window accounting in D1: concurrent claims
 * never exceed a limit together, and the cron forgets old windows.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { claimWindows, pruneSendWindows } from "../../workers/email/send-windows";
import { api, errorOf, seedAccount } from "./helpers";

const put = (key: string, body: unknown) => api("/sending/limits", { method: "PUT", key, body });

describe("GET/PUT /sending/limits", () => {
  it("has no limits until set, then returns what was saved, absent providers as null", async () => {
    const s = await seedAccount();
    const none = await (await api("/sending/limits", { key: s.users.viewer.key })).json();
    expect(none).toEqual({
      perProviderPerHour: { gmail: null, outlook: null, yahoo: null, other: null },
      warmup: null,
      relayPerMinute: null,
      usage: { thisHour: { gmail: 0, outlook: 0, yahoo: 0, other: 0 }, today: 0, todayCap: null, warmupDay: null },
      updatedAt: null,
    });
    const res = await put(s.users.admin.key, { perProviderPerHour: { gmail: 1000, outlook: 500, yahoo: null }, warmup: { startDate: "2020-01-01", dailyCaps: [50, 100, 100, 400] } });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Record<string, unknown>;
    expect(saved).toMatchObject({
      perProviderPerHour: { gmail: 1000, outlook: 500, yahoo: null, other: null },
      warmup: { startDate: "2020-01-01", dailyCaps: [50, 100, 100, 400] },
      usage: { today: 0, todayCap: 400 },
    });
    expect((saved.usage as { warmupDay: number }).warmupDay).toBeGreaterThan(4);
    expect(await (await api("/sending/limits", { key: s.users.viewer.key })).json()).toEqual(saved);
    // Another account sees none of it.
    const other = await seedAccount();
    expect(((await (await api("/sending/limits", { key: other.users.owner.key })).json()) as { warmup: unknown }).warmup).toBeNull();
  });

  it.each([
    [{ perProviderPerHour: { gmail: -5 } }, "perProviderPerHour.gmail"],
    [{ perProviderPerHour: { other: 0 } }, "perProviderPerHour.other"],
    [{ perProviderPerHour: { yahoo: 1.5 } }, "perProviderPerHour.yahoo"],
    [{ perProviderPerHour: {}, warmup: { startDate: "2026-12-01", dailyCaps: [100, 300, 200] } }, "warmup.dailyCaps.2"],
    [{ perProviderPerHour: {}, warmup: { startDate: "2026-02-30", dailyCaps: [100] } }, "warmup.startDate"],
    [{ perProviderPerHour: {}, warmup: { startDate: "1/12/2026", dailyCaps: [100] } }, "warmup.startDate"],
    [{ perProviderPerHour: {}, warmup: { startDate: "2026-12-01", dailyCaps: [] } }, "warmup.dailyCaps"],
    [{ perProviderPerHour: {}, warmup: { startDate: "2026-12-01", dailyCaps: [100, -1] } }, "warmup.dailyCaps.1"],
  ])("refuses %j naming %s, storing nothing", async (body, field) => {
    const s = await seedAccount();
    const res = await put(s.users.owner.key, body);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`${field}: `)).toBe(true);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM send_settings WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
  });

  it("refuses an unknown provider by name", async () => {
    const s = await seedAccount();
    const err = await errorOf(await put(s.users.owner.key, { perProviderPerHour: { hotmail: 10 } }));
    expect(err).toMatchObject({ code: "unknown_field", field: "perProviderPerHour.hotmail" });
  });

  it("answers 404 for the throttle of a campaign not in the account", async () => {
    const s = await seedAccount();
    expect((await api("/campaigns/nope/throttle", { key: s.users.viewer.key })).status).toBe(404);
  });
});

describe("window accounting", () => {
  it("grants concurrent claims no more than the limit together, and gives the excess back", async () => {
    const claim = [{ scope: `acc:t${crypto.randomUUID()}:gmail:h`, window: 3_600_000, limit: 10 }];
    const granted = await Promise.all([claimWindows(env.DB, claim, 7), claimWindows(env.DB, claim, 7), claimWindows(env.DB, claim, 7)]);
    expect(granted.reduce((a, b) => a + b, 0)).toBe(10);
    expect(await env.DB.prepare(`SELECT n FROM send_windows WHERE scope = ? AND "window" = ?`).bind(claim[0]!.scope, claim[0]!.window).first("n")).toBe(10);
    expect(await claimWindows(env.DB, claim, 1)).toBe(0);
  });

  it("grants the smallest room of several windows and returns the rest to each", async () => {
    const id = crypto.randomUUID();
    const hour = { scope: `acc:${id}:yahoo:h`, window: 0, limit: 100 };
    const day = { scope: `acc:${id}:warmup:d`, window: 0, limit: 4 };
    expect(await claimWindows(env.DB, [hour, day], 6)).toBe(4);
    const rows = await env.DB.prepare(`SELECT scope, n FROM send_windows WHERE scope IN (?, ?) ORDER BY scope`).bind(hour.scope, day.scope).all();
    expect(rows.results).toEqual([
      { scope: day.scope, n: 4 },
      { scope: hour.scope, n: 4 },
    ]);
  });

  it("forgets windows older than two days", async () => {
    const now = Date.UTC(2026, 11, 10, 12);
    const scope = `acc:${crypto.randomUUID()}:other:h`;
    await env.DB.batch([3 * 86_400_000, 86_400_000].map((age) => env.DB.prepare(`INSERT INTO send_windows (scope, "window", n) VALUES (?, ?, 1)`).bind(scope, now - age)));
    await pruneSendWindows(env.DB, now);
    expect((await env.DB.prepare(`SELECT "window" AS w FROM send_windows WHERE scope = ?`).bind(scope).all()).results).toEqual([{ w: now - 86_400_000 }]);
  });
});
