/**
 * Send limits through the real pipeline (runner alarm → Queue → consumer → loopback SMTP) on a
 * controlled clock: a provider's hourly limit releases exactly that many an hour while the other
 * providers go at once; a warm-up's daily cap holds across two campaigns of the account; the
 * relay's per-minute rate holds; and in the end every recipient was mailed exactly once.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, seedAccount } from "./helpers";
import { campaignTo, clockAt, drive, receivedBy, statusOf, step, throttleOf } from "./throttle-helpers";

const MIN = 60_000;
const HOUR = 60 * MIN;
const setLimits = async (key: string, body: unknown) => expect((await api("/sending/limits", { method: "PUT", key, body })).status).toBe(200);

afterEach(() => {
  vi.useRealTimers();
});

describe("send limits in the runner", () => {
  it("sends every non-Gmail recipient at once and exactly N Gmail recipients per hour", async () => {
    const t0 = Date.UTC(2026, 11, 3, 15, 30); // 3 Dec, 10:30 in Lima
    clockAt(t0);
    const s = await seedAccount({ email: 100 });
    await setLimits(s.users.admin.key, { perProviderPerHour: { gmail: 2 } });
    const tag = `g${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const gmail = [1, 2, 3, 4, 5].map((i) => `ana${i}.${tag}@gmail.com`);
    const others = [`beto.${tag}@hotmail.com`, `carla.${tag}@yahoo.es`, `dora.${tag}@empresa.pe`, `eva.${tag}@sunat.gob.pe`];
    const id = await campaignTo(s, [...gmail, ...others]);
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);

    const first = await step(id, tag);
    expect(first).toEqual([...gmail.slice(0, 2), ...others].sort());
    const hold = await throttleOf(s, id);
    expect(hold).toEqual({ throttled: true, holds: [{ provider: "gmail", limitedBy: "provider", limit: 2, nextAt: new Date(t0 + 30 * MIN).toISOString() }] });

    clockAt(t0 + 29 * MIN); // same hour: nothing more
    expect(await step(id, tag)).toHaveLength(6);

    clockAt(t0 + 30 * MIN); // 11:00
    expect(await step(id, tag)).toEqual([...gmail.slice(0, 4), ...others].sort());
    clockAt(t0 + 30 * MIN + HOUR); // 12:00: the last one, and the walk ends
    expect(await step(id, tag)).toEqual([...gmail, ...others].sort());
    const usage = (await (await api("/sending/limits", { key: s.users.viewer.key })).json()) as { usage: { thisHour: Record<string, number> } };
    expect(usage.usage.thisHour).toEqual({ gmail: 1, outlook: 0, yahoo: 0, other: 0 });

    clockAt(t0 + 30 * MIN + HOUR + 5000);
    await drive(id);
    const done = await statusOf(s, id);
    expect(done).toMatchObject({ status: "sent", progress: { sent: 9, total: 9 } });
    expect(await throttleOf(s, id)).toEqual({ throttled: false, holds: [] });
  });

  it("holds a warm-up's daily cap across two campaigns of the account, then lifts it the next Lima day", async () => {
    const t0 = Date.UTC(2026, 11, 5, 14); // 5 Dec, 09:00 in Lima
    const nextDay = Date.UTC(2026, 11, 6, 5); // 6 Dec, 00:00 in Lima
    clockAt(t0);
    const s = await seedAccount({ email: 100 });
    await setLimits(s.users.owner.key, { perProviderPerHour: {}, warmup: { startDate: "2026-12-05", dailyCaps: [3, 10] } });
    const tag = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const a = [`a1.${tag}@empresa.pe`, `a2.${tag}@gmail.com`];
    const b = [1, 2, 3, 4].map((i) => `b${i}.${tag}@empresa.pe`);
    const first = await campaignTo(s, a);
    const second = await campaignTo(s, b);
    expect((await api(`/campaigns/${first}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    expect(await step(first, tag)).toEqual([...a].sort());
    expect((await api(`/campaigns/${second}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    await step(second, tag);
    expect((await receivedBy(tag)).filter((r) => r.startsWith("b"))).toEqual([b[0]]);
    expect((await throttleOf(s, second)).holds).toEqual([{ provider: "other", limitedBy: "warmup", limit: 3, nextAt: new Date(nextDay).toISOString() }]);

    clockAt(nextDay - 1000); // 23:59:59 in Lima: still day one
    await step(second, tag);
    expect((await receivedBy(tag)).filter((r) => r.startsWith("b"))).toHaveLength(1);

    clockAt(nextDay + 30_000);
    expect(await step(second, tag)).toEqual([...a, ...b].sort());
    clockAt(nextDay + 40_000);
    await drive(first);
    await drive(second);
    expect(await statusOf(s, first)).toMatchObject({ status: "sent", progress: { sent: 2 } });
    expect(await statusOf(s, second)).toMatchObject({ status: "sent", progress: { sent: 4 } });
  });

  it("keeps to the relay's per-minute rate (SMTP_RATE_PER_MINUTE) without account limits", async () => {
    const t0 = Date.UTC(2026, 11, 7, 13, 0, 10); // 7 Dec, 08:00:10 in Lima
    clockAt(t0);
    // A binding set on `env` here is seen by the runner, which runs in this same isolate.
    const before = (env as Env).SMTP_RATE_PER_MINUTE;
    Object.assign(env, { SMTP_RATE_PER_MINUTE: "3" });
    try {
      const s = await seedAccount({ email: 100 });
      const tag = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const all = [1, 2, 3, 4, 5, 6, 7].map((i) => `p${i}.${tag}@empresa.pe`);
      const id = await campaignTo(s, all);
      expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
      expect(await step(id, tag)).toEqual(all.slice(0, 3));
      expect((await throttleOf(s, id)).holds).toEqual([{ provider: "other", limitedBy: "relay", limit: 3, nextAt: new Date(t0 - 10_000 + MIN).toISOString() }]);
      clockAt(t0 + 50_000); // 08:01:00
      expect(await step(id, tag)).toEqual(all.slice(0, 6));
      clockAt(t0 + 50_000 + MIN);
      expect(await step(id, tag)).toEqual(all);
      clockAt(t0 + 50_000 + MIN + 5000);
      await drive(id);
      expect(await statusOf(s, id)).toMatchObject({ status: "sent", progress: { sent: 7, total: 7 } });
    } finally {
      Object.assign(env, { SMTP_RATE_PER_MINUTE: before });
    }
  });
});
