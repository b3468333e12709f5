/**
 * A fingerprint of everything one account holds in D1, for the tenancy matrix: per table, the
 * count and a hash of the account's rows, so any write another account's request caused to them
 * shows up as a changed entry.
 */
import { env } from "cloudflare:workers";
import { sha256Hex } from "../../shared/auth/crypto";

/** Row counts and a hash of every row of an account (its tables by account_id, their children by its resources' ids). */
export async function snapshotOf(accountId: string, ids: string[]): Promise<Record<string, string>> {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' ORDER BY name").all<{ name: string }>();
  const out: Record<string, string> = {};
  const mine = JSON.stringify([accountId, ...ids]);
  for (const { name } of tables.results) {
    const cols = (await env.DB.prepare(`PRAGMA table_info("${name}")`).all<{ name: string }>()).results.map((c) => c.name);
    let rows: unknown[];
    if (name === "accounts") rows = (await env.DB.prepare("SELECT * FROM accounts WHERE id = ?").bind(accountId).all()).results;
    else if (cols.includes("account_id")) rows = (await env.DB.prepare(`SELECT * FROM "${name}" WHERE account_id = ? ORDER BY rowid`).bind(accountId).all()).results;
    else {
      // A child table: the rows that point at one of the account's resources through any *_id column.
      const refs = cols.filter((c) => c.endsWith("_id"));
      if (refs.length === 0) continue;
      const where = refs.map((c) => `CAST("${c}" AS TEXT) IN (SELECT value FROM json_each(?))`).join(" OR ");
      rows = (await env.DB.prepare(`SELECT * FROM "${name}" WHERE ${where} ORDER BY rowid`).bind(...refs.map(() => mine)).all()).results;
    }
    out[name] = `${rows.length}:${await sha256Hex(JSON.stringify(rows))}`;
  }
  return out;
}

/** Waits until the account's background work (queued SMS, the export, …) is done: two equal snapshots in a row. */
export async function settledSnapshot(accountId: string, ids: string[]): Promise<Record<string, string>> {
  let last = await snapshotOf(accountId, ids);
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const next = await snapshotOf(accountId, ids);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  throw new Error("the account's data never settled");
}
