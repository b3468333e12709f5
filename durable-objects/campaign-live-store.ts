/**
 * SQLite storage of one campaign's CampaignLive: the counters, clicks per link, the per-minute
 * series of opens and clicks (72 h), the keys of increments already applied (24 h), and a
 * version that numbers changes to the series so a broadcast sends only the minutes that moved.
 * Synchronous on purpose: each increment is one transaction, so a key and its counts are
 * stored together or not at all.
 */
import type { LiveCounters, LiveIncrement } from "../shared/events/types";
import { COUNTER_NAMES, KEY_TTL_MS, SERIES_WINDOW_MS, emptyCounters, minuteOf, seriesDelta, type SeriesPoint } from "../shared/live/counters";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, clicks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS series (minute INTEGER PRIMARY KEY, opens INTEGER NOT NULL, clicks INTEGER NOT NULL, version INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS series_version ON series (version);
CREATE TABLE IF NOT EXISTS applied (key TEXT PRIMARY KEY, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS applied_at ON applied (at);
`;

type PointRow = { minute: number; opens: number; clicks: number };

export class LiveStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly transaction: <T>(fn: () => T) => T,
  ) {
    sql.exec(SCHEMA);
  }

  /** Applies an increment once: `false` (and no change) when its key was seen before. */
  apply(inc: LiveIncrement, now: number): boolean {
    return this.transaction(() => {
      if (this.sql.exec("SELECT 1 FROM applied WHERE key = ?", inc.key).toArray().length > 0) return false;
      this.sql.exec("INSERT INTO applied (key, at) VALUES (?, ?)", inc.key, now);
      for (const name of COUNTER_NAMES) {
        const n = inc.delta[name];
        if (n) this.sql.exec("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value", name, n);
      }
      for (const [url, n] of Object.entries(inc.delta.links ?? {})) {
        if (n) this.sql.exec("INSERT INTO links (url, clicks) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET clicks = clicks + excluded.clicks", url, n);
      }
      const s = seriesDelta(inc.delta);
      const minute = minuteOf(inc.at);
      if ((s.opens || s.clicks) && minute >= now - SERIES_WINDOW_MS && minute <= now + SERIES_WINDOW_MS) {
        const version = this.bumpVersion();
        this.sql.exec(
          "INSERT INTO series (minute, opens, clicks, version) VALUES (?, ?, ?, ?) ON CONFLICT (minute) DO UPDATE SET opens = opens + excluded.opens, clicks = clicks + excluded.clicks, version = excluded.version",
          minute,
          s.opens,
          s.clicks,
          version,
        );
      }
      return true;
    });
  }

  /** Writes starting counters (e.g. from D1) only while nothing has been counted here. */
  seed(counters: LiveCounters): boolean {
    return this.transaction(() => {
      if (!this.isEmpty()) return false;
      for (const name of COUNTER_NAMES) if (counters[name]) this.sql.exec("INSERT INTO counters (name, value) VALUES (?, ?)", name, counters[name]);
      for (const [url, n] of Object.entries(counters.links)) if (n) this.sql.exec("INSERT INTO links (url, clicks) VALUES (?, ?)", url, n);
      return true;
    });
  }

  isEmpty(): boolean {
    const one = (table: string) => this.sql.exec(`SELECT 1 FROM ${table} LIMIT 1`).toArray().length > 0;
    return !one("counters") && !one("links") && !one("applied");
  }

  counters(): LiveCounters {
    const c = emptyCounters();
    for (const r of this.sql.exec<{ name: string; value: number }>("SELECT name, value FROM counters")) {
      if ((COUNTER_NAMES as readonly string[]).includes(r.name)) c[r.name as (typeof COUNTER_NAMES)[number]] = r.value;
    }
    for (const r of this.sql.exec<{ url: string; clicks: number }>("SELECT url, clicks FROM links ORDER BY clicks DESC, url")) c.links[r.url] = r.clicks;
    return c;
  }

  /** The per-minute series of the last 72 h, oldest first. */
  series(now: number): SeriesPoint[] {
    return this.points(this.sql.exec<PointRow>("SELECT minute, opens, clicks FROM series WHERE minute >= ? ORDER BY minute", minuteOf(now - SERIES_WINDOW_MS)));
  }

  /** Minutes changed after `version`, oldest first, and the version they bring the reader to. */
  changedSince(version: number): { points: SeriesPoint[]; version: number } {
    const points = this.points(this.sql.exec<PointRow>("SELECT minute, opens, clicks FROM series WHERE version > ? ORDER BY minute", version));
    return { points, version: this.meta("version") };
  }

  meta(k: "version" | "sentVersion"): number {
    return this.sql.exec<{ v: number }>("SELECT v FROM meta WHERE k = ?", k).toArray()[0]?.v ?? 0;
  }
  setMeta(k: "version" | "sentVersion", v: number): void {
    this.sql.exec("INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v", k, v);
  }

  /** Forgets keys older than 24 h and minutes older than 72 h. */
  prune(now: number): void {
    this.sql.exec("DELETE FROM applied WHERE at < ?", now - KEY_TTL_MS);
    this.sql.exec("DELETE FROM series WHERE minute < ?", minuteOf(now - SERIES_WINDOW_MS));
  }

  private bumpVersion(): number {
    const v = this.meta("version") + 1;
    this.setMeta("version", v);
    return v;
  }

  private points(cursor: Iterable<PointRow>): SeriesPoint[] {
    return [...cursor].map((r) => ({ minute: r.minute, opens: r.opens, clicks: r.clicks }));
  }
}
