/**
 * The local instance's D1 database, opened read-only with Node's own SQLite (node:sqlite) next
 * to the running Worker, for a benchmark to count what was written.
 * @example const db = await openD1(state); db.prepare("SELECT COUNT(*) AS n FROM deliveries").get().n
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The Worker's local D1 file under the state directory (the one with a campaigns table). */
export async function openD1(dir) {
  const { DatabaseSync } = await import("node:sqlite");
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(".sqlite")) files.push(join(d, e.name));
    }
  };
  walk(dir);
  for (const f of files) {
    const db = new DatabaseSync(f, { readOnly: true });
    try {
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'campaigns'").get()) return db;
    } catch {
      // not a D1 file
    }
    db.close();
  }
  throw new Error(`no D1 database found under ${dir}`);
}
