/**
 * The CampaignLive Durable Object: increments counted once per key, the snapshot, the 24 h key
 * and 72 h series windows, seeding, and its hibernating sockets (snapshot first, coalesced
 * updates, requests for a fresh snapshot, ping answered by the runtime).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import { emptyCounters, HOUR_MS, MINUTE_MS, minuteOf } from "../../shared/live/counters";
import type { LiveIncrement } from "../../shared/events/types";
import type { CampaignLive } from "../../durable-objects/campaign-live";
import { LiveStore } from "../../durable-objects/campaign-live-store";
import { listen, liveStub, sleep, until } from "./live-helpers";

const fresh = () => liveStub(`cmp_${randomToken(8)}`);
const connect = async (stub: ReturnType<typeof fresh>) => listen(await stub.fetch("http://live/", { headers: { Upgrade: "websocket" } }));
const AT = Date.UTC(2026, 10, 29, 14, 15, 30);

describe("CampaignLive counters", () => {
  it("adds increments and reports them in the snapshot, opens and clicks per minute", async () => {
    const live = fresh();
    const now = Date.now();
    expect(await live.apply({ key: "b1", at: now, delta: { sent: 3, opened: 2, openedUnique: 1, machineOpens: 4 } })).toBe(true);
    expect(await live.apply({ key: "b2", at: now, delta: { clicked: 3, clickedUnique: 2, links: { "https://a.gob.pe": 2, "https://b.gob.pe": 1 } } })).toBe(true);
    expect(await live.apply({ key: "b3", at: now - 5 * MINUTE_MS, delta: { opened: 1, bouncedHard: 1, bouncedSoft: 2, unsubscribed: 1, complaints: 1, machineClicks: 5 } })).toBe(true);
    const snap = await live.snapshot();
    expect(snap.counters).toEqual({
      ...emptyCounters(),
      sent: 3,
      opened: 3,
      openedUnique: 1,
      machineOpens: 4,
      clicked: 3,
      clickedUnique: 2,
      machineClicks: 5,
      bouncedHard: 1,
      bouncedSoft: 2,
      unsubscribed: 1,
      complaints: 1,
      links: { "https://a.gob.pe": 2, "https://b.gob.pe": 1 },
    });
    // Machine opens and clicks stay out of the chart.
    expect(snap.series).toEqual([
      { minute: minuteOf(now - 5 * MINUTE_MS), opens: 1, clicks: 0 },
      { minute: minuteOf(now), opens: 2, clicks: 3 },
    ]);
  });

  it("counts a retried key once, also when the copies arrive together", async () => {
    const live = fresh();
    const inc: LiveIncrement = { key: "batch-7", at: Date.now(), delta: { opened: 10, openedUnique: 4, links: { "https://a.gob.pe": 1 } } };
    expect(await live.apply(inc)).toBe(true);
    expect(await live.apply(inc)).toBe(false);
    const results = await Promise.all(Array.from({ length: 5 }, () => live.apply({ ...inc, key: "batch-8" })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const snap = await live.snapshot();
    expect(snap.counters.opened).toBe(20);
    expect(snap.counters.openedUnique).toBe(8);
    expect(snap.counters.links).toEqual({ "https://a.gob.pe": 2 });
    expect(snap.series.reduce((n, p) => n + p.opens, 0)).toBe(20);
  });

  it("refuses a malformed increment without counting anything", async () => {
    const live = fresh();
    expect(await live.apply({ key: "", at: Date.now(), delta: { opened: 1 } })).toBe(false);
    expect(await live.apply({ key: "x", at: Date.now(), delta: { opened: 1.5 } })).toBe(false);
    expect(await live.apply({ key: "y", at: Number.NaN, delta: { opened: 1 } })).toBe(false);
    expect((await live.snapshot()).counters).toEqual(emptyCounters());
  });

  it("remembers keys for 24 h and minutes for 72 h", async () => {
    await runInDurableObject(fresh(), async (_i: CampaignLive, state) => {
      const store = new LiveStore(state.storage.sql, (fn) => state.storage.transactionSync(fn));
      expect(store.apply({ key: "old", at: AT, delta: { opened: 1 } }, AT)).toBe(true);
      expect(store.apply({ key: "old", at: AT, delta: { opened: 1 } }, AT + 23 * HOUR_MS)).toBe(false);
      store.prune(AT + 23 * HOUR_MS);
      expect(store.apply({ key: "old", at: AT, delta: { opened: 1 } }, AT + 23 * HOUR_MS)).toBe(false);
      store.prune(AT + 25 * HOUR_MS);
      // Past 24 h the key is forgotten: a very late copy counts again (the Queue retries within minutes).
      expect(store.apply({ key: "old", at: AT, delta: { opened: 1 } }, AT + 25 * HOUR_MS)).toBe(true);
      expect(store.series(AT + 71 * HOUR_MS)).toEqual([{ minute: minuteOf(AT), opens: 2, clicks: 0 }]);
      store.prune(AT + 73 * HOUR_MS);
      expect(store.series(AT + 73 * HOUR_MS)).toEqual([]);
      // An event older than the window still counts, but not on the chart.
      expect(store.apply({ key: "late", at: AT, delta: { opened: 1 } }, AT + 73 * HOUR_MS)).toBe(true);
      expect(store.counters().opened).toBe(3);
      expect(store.series(AT + 73 * HOUR_MS)).toEqual([]);
    });
  });

  it("seeds starting counters only while empty", async () => {
    const live = fresh();
    expect(await live.seed({ ...emptyCounters(), sent: 100, opened: 40, links: { "https://a.gob.pe": 7 } })).toBe(true);
    expect(await live.seed({ ...emptyCounters(), sent: 1 })).toBe(false);
    await live.apply({ key: "k", at: Date.now(), delta: { sent: 1 } });
    expect((await live.snapshot()).counters).toMatchObject({ sent: 101, opened: 40, links: { "https://a.gob.pe": 7 } });
  });
});

describe("CampaignLive sockets", () => {
  it("sends the snapshot first, then the new counters and changed minutes after an increment", async () => {
    const live = fresh();
    const now = Date.now();
    await live.apply({ key: "before", at: now, delta: { sent: 5, opened: 1 } });
    const l = await connect(live);
    const first = await until("snapshot", () => l.frames[0]);
    expect(first).toMatchObject({ type: "snapshot", counters: { sent: 5, opened: 1 }, series: [{ minute: minuteOf(now), opens: 1, clicks: 0 }] });
    await live.apply({ key: "after", at: now, delta: { opened: 2, clicked: 1, links: { "https://a.gob.pe": 1 } } });
    const update = await until("update", () => l.frames.find((f) => f.type === "update"));
    expect(update).toMatchObject({ type: "update", counters: { sent: 5, opened: 3, clicked: 1, links: { "https://a.gob.pe": 1 } }, points: [{ minute: minuteOf(now), opens: 3, clicks: 1 }] });
    l.ws.close(1000, "bye");
  });

  it("coalesces a burst of increments into a few frames, the last one exact", async () => {
    const live = fresh();
    const a = await connect(live);
    const b = await connect(live);
    const started = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => live.apply({ key: `e${i}`, at: started, delta: { opened: 1, openedUnique: i % 2 } })));
    const elapsed = Date.now() - started;
    for (const l of [a, b]) await until("all 200 opens", () => (l.frames.at(-1)?.counters.opened === 200 ? true : undefined));
    await sleep(400);
    for (const l of [a, b]) {
      const updates = l.frames.filter((f) => f.type === "update");
      // One frame per 250 ms window at most (plus the one that closes the burst), never one per increment.
      expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
      expect(updates.length).toBeLessThan(20);
      expect(updates.at(-1)!.counters).toMatchObject({ opened: 200, openedUnique: 100 });
    }
  });

  it("schedules the broadcast with an alarm within 250 ms, and none when nobody listens", async () => {
    const quiet = fresh();
    await quiet.apply({ key: "q", at: Date.now(), delta: { sent: 1 } });
    expect(await runInDurableObject(quiet, (_i: CampaignLive, state) => state.storage.getAlarm())).toBeNull();
    const live = fresh();
    const l = await connect(live);
    const before = Date.now();
    await live.apply({ key: "w", at: before, delta: { sent: 1 } });
    const alarm = await runInDurableObject(live, (_i: CampaignLive, state) => state.storage.getAlarm());
    if (alarm !== null) expect(alarm).toBeLessThanOrEqual(Date.now() + 250);
    await until("update", () => l.frames.find((f) => f.type === "update"));
    l.ws.close(1000);
  });

  it("answers a snapshot request, lets the runtime answer pings, and keeps no socket list of its own", async () => {
    const live = fresh();
    const l = await connect(live);
    await until("snapshot", () => l.frames[0]);
    await live.apply({ key: "k", at: Date.now(), delta: { complaints: 1 } });
    l.ws.send(JSON.stringify({ type: "snapshot" }));
    l.ws.send("not json");
    l.ws.send("ping");
    await until("second snapshot", () => l.frames.filter((f) => f.type === "snapshot")[1]);
    expect(l.frames.filter((f) => f.type === "snapshot")[1]!.counters.complaints).toBe(1);
    await until("pong", () => (l.texts.includes("pong") ? true : undefined));
    await runInDurableObject(live, (_i: CampaignLive, state) => {
      expect(state.getWebSockets()).toHaveLength(1);
      expect(state.getWebSocketAutoResponse()?.request).toBe("ping");
    });
    l.ws.close(1000, "bye");
    await until("socket gone", () => runInDurableObject(live, (_i: CampaignLive, state) => (state.getWebSockets().length === 0 ? true : undefined)));
  });

  it("refuses a plain request with 426", async () => {
    expect((await fresh().fetch("http://live/")).status).toBe(426);
  });
});
