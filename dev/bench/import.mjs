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
 *      processes every 250 ms
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
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { spawnGroup, stopAll, killAllNow } from "../lib/proc.mjs";
import { waitForHttp } from "../lib/net.mjs";
import { GENERATOR_VERSION, writeSuppliersCsv } from "./lib/suppliers.mjs";
import { sampleGroupRss } from "./lib/rss.mjs";
import { uploadFile } from "./lib/upload.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "bench@pregon.local", password: "bench-import-2026" };
const UA = { "User-Agent": "pregon-bench" };
const log = (msg) => process.stderr.write(`${msg}\n`);

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

const since = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen({ host: "127.0.0.1", port: 0 }, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const ANSI = /\x1b\[[0-9;]*m/g;
/** wrangler's output to stderr, without its per-request lines (the polling would flood it). */
function workerLine(line) {
  const text = line.replace(ANSI, "");
  if (/^\[wrangler:info\] (GET|POST|PUT|PATCH|DELETE|HEAD) /.test(text) || text.trim() === "") return;
  log(`[worker] ${text}`);
}

/** Apply the migrations to `dir`; wrangler's output is shown only if it fails. */
async function migrate(dir) {
  const lines = [];
  const h = spawnGroup("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], {
    env: { ...process.env, CI: "1" },
    onLine: (l) => lines.push(l),
  });
  const { code, signal, error } = await h.exited;
  await h.stop();
  if (error || code !== 0) {
    for (const l of lines) log(`[migrations] ${l}`);
    throw new Error(`applying the migrations failed (${error?.message ?? signal ?? `exit code ${code}`})`);
  }
}

async function api(url, path, { method = "GET", body, headers = {} } = {}) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...UA, ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // keep null
  }
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { res, json };
}

async function main() {
  const { file, meta } = await dataset();

  let t = performance.now();
  state = mkdtempSync(join(tmpdir(), "pregon-bench-state-"));
  await migrate(state);
  log(`✓ Migrations applied to ${state} (${since(t)})`);

  t = performance.now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // wrangler's programmatic dev server without file watching (see lib/worker-host.mjs).
  const worker = spawnGroup(
    process.execPath,
    [
      join(root, "dev", "bench", "lib", "worker-host.mjs"), root, String(port), state,
      `ADMIN_EMAIL=${ADMIN.email}`, `ADMIN_PASSWORD=${ADMIN.password}`,
      // No network here: skip the MX lookups the cleaning step would start after the import.
      "MX_CHECKS=off",
    ],
    { onLine: workerLine },
  );
  let exited = null;
  worker.exited.then((e) => (exited = e));
  await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 120_000, exited: worker.exited });
  log(`✓ Worker on ${url} (wrangler's dev server, no file watching), process group ${worker.pid} (${since(t)})`);

  const login = await api(url, "/auth/login", { method: "POST", body: ADMIN });
  const cookie = (login.res.headers.get("set-cookie") ?? "").split(";")[0];
  const key = await api(url, "/api-keys", {
    method: "POST",
    body: { name: "bench:import", role: "admin" },
    headers: { Cookie: cookie, "X-CSRF-Token": login.json.csrfToken },
  });
  const auth = { Authorization: `Bearer ${key.json.secret}` };
  const list = await api(url, "/lists", { method: "POST", body: { name: `Proveedores (bench ${ROWS})` }, headers: auth });
  const listId = list.json.id;

  const rss = sampleGroupRss(worker.pid);
  log(`  runtime RSS before the upload: ${rss.peek().currentMb.toFixed(0)} MB`);
  log(`→ Uploading ${(meta.bytes / 1e6).toFixed(1)} MB (${ROWS} rows) to list ${listId}…`);
  const t0 = performance.now();
  const wall0 = Date.now();
  const up = await uploadFile(`${url}/api/v1/lists/${listId}/imports`, file, { headers: { ...UA, ...auth } });
  const uploadS = (performance.now() - t0) / 1000;
  if (up.status !== 202) throw new Error(`the upload answered ${up.status}: ${JSON.stringify(up.body).slice(0, 500)}`);
  const importId = up.body.importId;
  log(`✓ Uploaded in ${uploadS.toFixed(1)} s: import ${importId}, mapping ${JSON.stringify(up.body.import?.mapping)}`);

  let imp;
  let lastLog = 0;
  let lastRows = -1;
  let lastChange = performance.now();
  for (;;) {
    if (exited) throw new Error(`the Worker's dev server exited (${exited.signal ?? `exit code ${exited.code}`}) during the import`);
    imp = (await api(url, `/imports/${importId}`, { headers: auth })).json;
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
    await new Promise((r) => setTimeout(r, 250));
  }
  const clientS = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  // The Worker's own finish time is sharper than the 250 ms polling (same machine, same clock).
  const finished = imp.finishedAt ? Date.parse(imp.finishedAt) : NaN;
  const seconds = Number.isFinite(finished) && finished > wall0 ? (finished - wall0) / 1000 : clientS;
  const started = imp.startedAt ? Date.parse(imp.startedAt) : NaN;
  const created = Date.parse(imp.createdAt);
  log(`  phases: upload ${uploadS.toFixed(1)} s (server stored it ${((created - wall0) / 1000).toFixed(1)} s in), queue wait ${((started - created) / 1000).toFixed(1)} s, processing ${((finished - started) / 1000).toFixed(1)} s`);
  log(`  runtime memory: peak ${mem.peakMb.toFixed(0)} MB (${mem.samples} samples); per workerd process: ${mem.perPid.map((p) => `pid ${p.pid} VmHWM ${p.hwmMb.toFixed(0)} MB`).join(", ")}`);
  log(`  counts ${JSON.stringify(imp.counts)}, verdicts ${JSON.stringify(imp.verdicts)}`);

  if (imp.status === "failed") {
    log(`✗ The import failed: ${imp.error}`);
    return 1;
  }
  const expected = { rowsRead: ROWS, inserted: meta.good, updated: 0, skipped: 0, rejected: meta.bad };
  const differ = Object.entries(expected).filter(([k, v]) => imp.counts[k] !== v);
  process.stdout.write(
    `import rows=${ROWS} seconds=${seconds.toFixed(1)} rows_per_s=${Math.round(ROWS / seconds)} peak_rss_mb=${Math.round(mem.peakMb)} rejected=${imp.counts.rejected}\n`,
  );
  if (differ.length) {
    for (const [k, v] of differ) log(`✗ ${k}: the import reports ${imp.counts[k]}, the generated file has ${v}`);
    log(`  bad rows generated, by kind: ${JSON.stringify(meta.kinds)}`);
    return 1;
  }
  return 0;
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
