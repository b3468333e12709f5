/**
 * Every statement the events consumer runs per batch reads the tables it touches by key: none may
 * scan contacts, deliveries, events, list_members or sms_messages, whose size grows with the
 * account (a statement that did ran once per contact of the database and took 17 s a batch at
 * 20,000 contacts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { writeStatements } from "../../workers/queues/events-store";

/** The SQL of each statement, caught by a stand-in for D1. */
function sqlOf(): string[] {
  const fake = { prepare: (sql: string) => ({ bind: () => sql }) } as unknown as D1Database;
  return writeStatements(fake, "attempt-1", ["m1"], [], 0) as unknown as string[];
}

describe("the events consumer's statements", () => {
  it("never scan a table that grows with the account", async () => {
    const statements = sqlOf();
    expect(statements.length).toBeGreaterThan(5);
    for (const sql of statements) {
      const n = Math.max(0, ...[...sql.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
      const args = ["attempt-1", "[]", 0].slice(0, n);
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...args).all<{ detail: string }>();
      const scans = plan.results.map((r) => r.detail).filter((d) => /^SCAN (contacts|deliveries|events|list_members|sms_messages|consents)\b/.test(d));
      expect(scans, sql).toEqual([]);
    }
  });
});
