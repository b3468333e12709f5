// Export schedules through the Worker's own fetch and its scheduled handler: the next run in
// Lima time, who sees which, exactly one export per due time even when crons overlap (and none
// for a schedule deleted while a run was reading it), the month a scheduled report is about,
// and bad input naming the field.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { nextRunAt } from "../../shared/exports/cadence";
import { runDueSchedules } from "../../workers/reports/schedules";
import { api, errorOf } from "./helpers";
import type { Sent } from "./tracking-helpers";
import { addUser, campaignWithActivity, download, runCron, settled, type User } from "./export-helpers";

const MIN = 60_000;
let s: Sent;
let owner: User;
let viewer: User;

beforeAll(async () => {
  s = await campaignWithActivity(Date.UTC(2026, 9, 5, 15, 1));
  owner = await addUser(s.accountId, "owner");
  viewer = await addUser(s.accountId, "viewer");
});

describe("export schedules", () => {
  type Schedule = { id: string; nextRunAt: string; lastRunAt: string | null; createdAt: string; params: Record<string, string>; cadence: string; hour: number; timezone: string };
  const create = async (key: string, body: unknown) => {
    const res = await api("/export-schedules", { key, body });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Schedule;
  };
  const exportsOf = async (scheduleId: string) =>
    (await env.DB.prepare("SELECT id, params FROM exports WHERE schedule_id = ? ORDER BY id").bind(scheduleId).all<{ id: string; params: string }>()).results;

  it("starts at the next Lima run, and is listed and deleted by whoever may see it", async () => {
    const sched = await create(viewer.key, { kind: "monthly-report", format: "pdf", cadence: "weekly", hour: 7 });
    expect(sched).toMatchObject({ cadence: "weekly", hour: 7, timezone: "America/Lima", lastRunAt: null, params: { userId: viewer.id } });
    expect(Date.parse(sched.nextRunAt)).toBe(nextRunAt("weekly", 7, Date.parse(sched.createdAt)));
    const ids = async (key: string) => ((await (await api("/export-schedules", { key })).json()) as { schedules: { id: string }[] }).schedules.map((x) => x.id);
    expect(await ids(owner.key)).toContain(sched.id);
    expect(await ids(viewer.key)).toEqual([sched.id]);
    const ownerSched = await create(owner.key, { kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId }, cadence: "daily", hour: 0 });
    expect((await api(`/export-schedules/${ownerSched.id}`, { method: "DELETE", key: viewer.key })).status).toBe(404);
    expect((await api(`/export-schedules/${sched.id}`, { method: "DELETE", key: owner.key })).status).toBe(200);
    expect(await ids(viewer.key)).toEqual([]);
    expect((await api(`/export-schedules/${ownerSched.id}`, { method: "DELETE", key: owner.key })).status).toBe(200);
  });

  it("produces exactly one export per due time, even when two crons overlap", async () => {
    const sched = await create(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId }, cadence: "daily", hour: 6 });
    const due = Date.now() - MIN;
    await env.DB.prepare("UPDATE export_schedules SET next_run_at = ? WHERE id = ?").bind(due, sched.id).run();
    const now = Date.now();
    await Promise.all([runCron("* * * * *", now), runCron("* * * * *", now)]);
    await runCron("* * * * *", now + 1_000);
    const made = await exportsOf(sched.id);
    expect(made.map((e) => e.id)).toEqual([`exp_${sched.id}_${due.toString(36)}`]);
    const row = await env.DB.prepare("SELECT next_run_at, last_run_at FROM export_schedules WHERE id = ?").bind(sched.id).first<{ next_run_at: number; last_run_at: number }>();
    expect(row).toEqual({ next_run_at: nextRunAt("daily", 6, now), last_run_at: now });
    const out = await settled(owner.key, made[0]!.id);
    expect(out).toMatchObject({ status: "ready", rows: 3, scheduleId: sched.id, createdBy: owner.id, kind: "campaign-recipients" });
    expect((await download(out.url!)).status).toBe(200);
  });

  it("lets only one of two racing runs claim a due time, and none claim a schedule deleted meanwhile", async () => {
    const body = { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId }, cadence: "weekly", hour: 9 };
    const sched = await create(owner.key, body);
    const due = Date.now() - MIN;
    await env.DB.prepare("UPDATE export_schedules SET next_run_at = ? WHERE id = ?").bind(due, sched.id).run();
    const now = Date.now();
    const [a, b] = await Promise.all([runDueSchedules(env, now), runDueSchedules(env, now)]);
    expect([...a, ...b].filter((id) => id.includes(sched.id))).toEqual([`exp_${sched.id}_${due.toString(36)}`]);

    // A run that read the schedule before it was deleted must not produce an export for it.
    const gone = await create(owner.key, body);
    await env.DB.prepare("UPDATE export_schedules SET next_run_at = ? WHERE id = ?").bind(due, gone.id).run();
    const stale = (await env.DB.prepare("SELECT * FROM export_schedules WHERE id = ?").bind(gone.id).all()).results;
    expect((await api(`/export-schedules/${gone.id}`, { method: "DELETE", key: owner.key })).status).toBe(200);
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare")
          return (sql: string) => (sql.startsWith("SELECT * FROM export_schedules WHERE active = 1") ? { bind: () => ({ all: async () => ({ results: stale }) }) } : target.prepare(sql));
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    expect(await runDueSchedules({ ...env, DB: db } as Env, now)).toEqual([]);
    expect(await exportsOf(gone.id)).toEqual([]);
  });

  it("reports on the Lima month before the due time, for the sub-user who scheduled it", async () => {
    const sched = await create(viewer.key, { kind: "monthly-report", format: "csv", cadence: "monthly", hour: 0 });
    // Due at 00:00 Lima on 1 November 2026: the report is October's.
    const due = Date.UTC(2026, 10, 1, 5);
    await env.DB.prepare("UPDATE export_schedules SET next_run_at = ? WHERE id = ?").bind(due, sched.id).run();
    await runCron("* * * * *", Date.now());
    const made = await exportsOf(sched.id);
    expect(made).toHaveLength(1);
    expect(JSON.parse(made[0]!.params)).toEqual({ userId: viewer.id, month: "2026-10" });
    expect((await settled(viewer.key, made[0]!.id)).status).toBe("ready");
  });

  it("refuses bad schedules, naming the field", async () => {
    const cases: [unknown, number, string][] = [
      [{ kind: "monthly-report", format: "csv", cadence: "hourly", hour: 6 }, 400, "cadence"],
      [{ kind: "monthly-report", format: "csv", cadence: "daily", hour: 24 }, 400, "hour"],
      [{ kind: "monthly-report", format: "csv", cadence: "daily", hour: 6.5 }, 400, "hour"],
      [{ kind: "monthly-report", format: "csv", cadence: "daily", params: { month: "2026-10" } }, 400, "params.month"],
      [{ kind: "campaign-events", format: "pdf", cadence: "daily", params: { campaignId: s.campaignId } }, 400, "format"],
      [{ kind: "campaign-events", format: "csv", cadence: "daily", params: { campaignId: "cmp_otra" } }, 404, "params.campaignId"],
      [{ kind: "monthly-report", format: "csv", cadence: "daily", timezone: "Europe/Madrid" }, 400, "timezone"],
    ];
    for (const [body, status, field] of cases) {
      const res = await api("/export-schedules", { key: owner.key, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await errorOf(res)).field, JSON.stringify(body)).toBe(field);
    }
    const res = await api("/export-schedules", { key: viewer.key, body: { kind: "monthly-report", format: "csv", cadence: "daily", params: { userId: owner.id } } });
    expect(res.status).toBe(403);
  });
});
