/**
 * `npm run bench:import`: how fast the real import pipeline takes a large supplier file.
 *
 *   1. generates (once, cached in dev/bench/.cache) a deterministic CSV of 1,000,000 Peruvian
 *      supplier rows, about 2% of them bad in ways the importer rejects, counted exactly
 *   2. applies the D1 migrations to a fresh temporary state directory and starts the Worker on
 *      127.0.0.1 with wrangler's dev server (`unstable_startWorker`, in a child process in its own
 *      process group, file watching off), with its real Queue consumer
 *   3. logs in as the bootstrapped owner, creates an admin API key and a list, and uploads the
 *      file through the API as multipart, streamed from disk
 *   4. polls GET /api/v1/imports/:id until done, sampling the RSS of the instance's workerd
 *      processes every 250 ms; peak_rss_mb is the high-water mark (VmHWM) of the one running the
 *      Worker with D1, R2 and the Queues (stderr also shows it together with wrangler's proxy)
 *   5. prints one line on stdout:
 *        import rows=N seconds=S rows_per_s=R peak_rss_mb=M rejected=N
 *      and exits 1 if the import failed or its counts differ from what was generated
 *
 * Everything else goes to stderr. The instance is stopped (its whole process group) at the end,
 * on errors and on Ctrl-C. Options (after `npm run bench:import --`): --rows <n> (default
 * 1000000; e.g. 20000 for a quick run), --seed <n>, --keep-state (leave the temporary database).
 * Target on the reference machine: rows_per_s >= 25000 and peak_rss_mb < 512.
 * Plain Node ESM with built-ins only.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stopAll, killAllNow } from "../lib/proc.mjs";
import { GENERATOR_VERSION, writeSuppliersCsv } from "./lib/suppliers.mjs";
import { sampleGroupRss } from "./lib/rss.mjs";
import { uploadFile } from "./lib/upload.mjs";
import { cpuDelta, groupCpu, groupSched } from "./lib/cpu.mjs";
import { UA, api, log, since, startInstance } from "./lib/instance.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "bench@pregon.local", password: "bench-import-2026" };

const USAGE = "usage: npm run bench:import [-- --rows <n>] [--seed <n>] [--keep-state]";
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      seed: { type: "string", default: "20261129" },
      "keep-state": { type: "boolean", default: false },
    },
  }));
} catch (err) {
  log(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const ROWS = Number(args.rows);
const SEED = Number(args.seed);
if (!Number.isInteger(ROWS) || ROWS < 1 || !Number.isInteger(SEED)) {
  log(`--rows and --seed must be whole numbers (rows >= 1)\n${USAGE}`);
  process.exit(2);
}
if (Number(process.versions.node.split(".")[0]) < 22) {
  log(`This needs Node 24 (found ${process.version}). Run it as \`npm run bench:import\`, which uses the project's Node.`);
  process.exit(1);
}
process.chdir(root);
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
process.env.PATH = `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`;

let state = null;
let stopping = false;
async function cleanup() {
  await stopAll();
  if (state && !args["keep-state"]) rmSync(state, { recursive: true, force: true });
  else if (state) log(`(kept the database in ${state})`);
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    if (stopping) {
      killAllNow();
      process.exit(130);
    }
    stopping = true;
    log(`\n${sig}: stopping the instance…`);
    await cleanup();
    process.exit(130);
  });
}
process.on("exit", killAllNow);

/** The generated file and what its import must report, generated once per (rows, seed, version). */
async function dataset() {
  mkdirSync(CACHE, { recursive: true });
  const ignore = join(CACHE, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# generated benchmark data\n*\n");
  const base = join(CACHE, `suppliers-${ROWS}-s${SEED}-v${GENERATOR_VERSION}`);
  const file = `${base}.csv`;
  const metaFile = `${base}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    log(`✓ Reusing ${file.slice(root.length)} (${(meta.bytes / 1e6).toFixed(1)} MB, ${meta.bad} bad rows)`);
    return { file, meta };
  }
  const t = performance.now();
  log(`→ Generating ${ROWS} rows into ${file.slice(root.length)}…`);
  const partial = `${base}.partial`;
  const meta = await writeSuppliersCsv(partial, { rows: ROWS, seed: SEED });
  renameSync(partial, file);
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  log(`✓ Generated ${(meta.bytes / 1e6).toFixed(1)} MB, ${meta.bad} bad rows ${JSON.stringify(meta.kinds)} (${since(t)})`);
  return { file, meta };
}

async function main() {
  const { file, meta } = await dataset();

  // wrangler's programmatic dev server without file watching (see lib/worker-host.mjs).
  // No network here: MX_CHECKS=off skips the MX lookups the cleaning step would start after the import.
  const inst = await startInstance({ root, admin: ADMIN, vars: ["MX_CHECKS=off"], keyName: "bench:import", onState: (dir) => (state = dir) });
  const { url, worker, auth } = inst;
  const list = await api(url, "/lists", { method: "POST", body: { name: `Proveedores (bench ${ROWS})` }, headers: auth });
  const listId = list.json.id;

  const rss = sampleGroupRss(worker.pid);
  log(`  runtime RSS before the upload: ${rss.peek().currentMb.toFixed(0)} MB, both workerd processes`);
  log(`→ Uploading ${(meta.bytes / 1e6).toFixed(1)} MB (${ROWS} rows) to list ${listId}…`);
  const t0 = performance.now();
  const wall0 = Date.now();
  const cpu0 = groupCpu(worker.pid);
  const sched0 = groupSched(worker.pid);
  const up = await uploadFile(`${url}/api/v1/lists/${listId}/imports`, file, { headers: { ...UA, ...auth } });
  const uploadS = (performance.now() - t0) / 1000;
  if (up.status !== 202) throw new Error(`the upload answered ${up.status}: ${JSON.stringify(up.body).slice(0, 500)}`);
  const importId = up.body.importId;
  log(`✓ Uploaded in ${uploadS.toFixed(1)} s: import ${importId}, mapping ${JSON.stringify(up.body.import?.mapping)}`);
  log(`  runtime RSS after the upload: ${rss.peek().currentMb.toFixed(0)} MB, both workerd processes (Worker's peak so far ${rss.peek().processPeakMb.toFixed(0)} MB)`);

  let imp;
  let lastLog = 0;
  let lastRows = -1;
  let lastChange = performance.now();
  for (;;) {
    const exited = inst.exited();
    if (exited) throw new Error(`the Worker's dev server exited (${exited.signal ?? `exit code ${exited.code}`}) during the import`);
    try {
      imp = (await api(url, `/imports/${importId}`, { headers: auth })).json;
    } catch (err) {
      // A poll that times out while the Worker is busy is not a failed import: ask again.
      log(`  (polling: ${err.message}${err.cause ? ` — ${err.cause.message ?? err.cause}` : ""})`);
      continue;
    }
    if (imp.status === "done" || imp.status === "failed") break;
    const now = performance.now();
    if (imp.counts.rowsRead !== lastRows) {
      lastRows = imp.counts.rowsRead;
      lastChange = now;
    } else if (now - lastChange > 300_000) throw new Error(`the import made no progress for 5 minutes (status ${imp.status})`);
    if (now - lastLog > 5000) {
      lastLog = now;
      const el = (now - t0) / 1000;
      log(`  ${el.toFixed(0).padStart(4)} s  ${imp.status.padEnd(7)} ${String(imp.counts.rowsRead).padStart(8)} rows  ${(imp.progress * 100).toFixed(0).padStart(3)}%  runtime RSS ${rss.peek().currentMb.toFixed(0)} MB`);
    }
    // Once a second, about what the dashboard's progress bar does; the time taken comes from the
    // import's own finishedAt, so the polling interval does not blur it.
    await new Promise((r) => setTimeout(r, 1000));
  }
  const clientS = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  // CPU time says more than wall time on a shared machine: the same work, whatever else ran.
  const cpu = cpuDelta(cpu0, groupCpu(worker.pid));
  const sched1 = groupSched(worker.pid);
  const [topThread, topCpu] = cpu.top[0] ?? ["none", 0];
  const waited = sched1.get(topThread) && sched0.get(topThread) ? sched1.get(topThread).wait - sched0.get(topThread).wait : NaN;
  log(`  runtime CPU during upload + import: ${cpu.total.toFixed(1)} s in all; busiest thread ${topThread} ${topCpu.toFixed(1)} s (${((topCpu * 1e6) / ROWS).toFixed(1)} µs a row), ${waited.toFixed(1)} s waiting for a CPU`);
  // The Worker's own finish time is sharper than the 250 ms polling (same machine, same clock).
  const finished = imp.finishedAt ? Date.parse(imp.finishedAt) : NaN;
  const seconds = Number.isFinite(finished) && finished > wall0 ? (finished - wall0) / 1000 : clientS;
  const started = imp.startedAt ? Date.parse(imp.startedAt) : NaN;
  const created = Date.parse(imp.createdAt);
  log(`  phases: upload ${uploadS.toFixed(1)} s (server stored it ${((created - wall0) / 1000).toFixed(1)} s in), queue wait ${((started - created) / 1000).toFixed(1)} s, processing ${((finished - started) / 1000).toFixed(1)} s`);
  log(`  runtime memory: peak ${mem.processPeakMb.toFixed(0)} MB (the Worker's workerd; with wrangler's proxy workerd ${mem.peakMb.toFixed(0)} MB together, ${mem.samples} samples); per workerd process: ${mem.perPid.map((p) => `pid ${p.pid} VmHWM ${p.hwmMb.toFixed(0)} MB (at its largest sample ${p.anonMb.toFixed(0)} MB anonymous, ${p.fileMb.toFixed(0)} MB file-backed)`).join(", ")}`);
  const busiest = mem.perPid.reduce((a, b) => ((b.writtenMb ?? 0) > (a?.writtenMb ?? 0) ? b : a), null);
  if (busiest?.writtenMb != null) {
    log(`  runtime I/O during the import (pid ${busiest.pid}): read ${(busiest.readMb / 1000).toFixed(1)} GB, wrote ${(busiest.writtenMb / 1000).toFixed(1)} GB (${(busiest.diskMb / 1000).toFixed(1)} GB to disk)`);
  }
  log(`  counts ${JSON.stringify(imp.counts)}, verdicts ${JSON.stringify(imp.verdicts)}`);

  if (imp.status === "failed") {
    log(`✗ The import failed: ${imp.error}`);
    return 1;
  }
  await measurePaging(url, auth, listId);
  const expected = { rowsRead: ROWS, inserted: meta.good, updated: 0, skipped: 0, rejected: meta.bad };
  const differ = Object.entries(expected).filter(([k, v]) => imp.counts[k] !== v);
  process.stdout.write(
    `import rows=${ROWS} seconds=${seconds.toFixed(1)} rows_per_s=${Math.round(ROWS / seconds)} peak_rss_mb=${Math.round(mem.processPeakMb)} rejected=${imp.counts.rejected}\n`,
  );
  if (differ.length) {
    for (const [k, v] of differ) log(`✗ ${k}: the import reports ${imp.counts[k]}, the generated file has ${v}`);
    log(`  bad rows generated, by kind: ${JSON.stringify(meta.kinds)}`);
    return 1;
  }
  return 0;
}

/**
 * The contacts table's paging on the imported account (what the dashboard asks for), on stderr:
 * the first page, 20 pages walked by keyset cursor, the same in the list, a deep page, and
 * prefix searches. Each call timed from the client, median of its repetitions.
 */
async function measurePaging(url, auth, listId) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const timed = async (path) => {
    const t = performance.now();
    const res = await api(url, path, { headers: auth });
    return { ms: performance.now() - t, json: res.json };
  };
  const walk = async (base) => {
    const times = [];
    let cursor = null;
    for (let i = 0; i < 20; i++) {
      const r = await timed(`${base}${cursor ? `&cursor=${cursor}` : ""}`);
      times.push(r.ms);
      cursor = r.json.nextCursor;
      if (!cursor) break;
    }
    return { median: median(times), max: Math.max(...times), last: cursor };
  };
  const all = await walk("/contacts?limit=50");
  const inList = await walk(`/contacts?limit=50&listId=${listId}`);
  const deep = await timed(`/contacts?limit=50&cursor=${Math.floor(Number(all.last ?? 0) / 2)}`);
  const searches = [];
  for (const q of ["quispe", "ana", "ferreteria", "+51987"]) searches.push([q, (await timed(`/contacts?limit=50&q=${encodeURIComponent(q)}`)).ms]);
  const risky = await timed("/contacts?limit=50&verdict=risky");
  log(
    `  contacts paging (50 a page): first 20 pages median ${all.median.toFixed(0)} ms (max ${all.max.toFixed(0)}); in the list median ${inList.median.toFixed(0)} ms (max ${inList.max.toFixed(0)}); a page in the middle ${deep.ms.toFixed(0)} ms; ` +
      `search ${searches.map(([q, ms]) => `"${q}" ${ms.toFixed(0)} ms`).join(", ")}; verdict=risky ${risky.ms.toFixed(0)} ms`,
  );
}

let code = 1;
try {
  code = await main();
} catch (err) {
  log(`✗ ${err.message}`);
  code = 1;
}
if (!stopping) {
  stopping = true;
  await cleanup();
  process.exit(code);
}
