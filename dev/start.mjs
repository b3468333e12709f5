/**
 * `npm start`: all of Pregón on this machine, no Cloudflare account needed.
 *
 *   1. checks that the ports are free (fails fast, with a clear message)
 *   2. builds the dashboard (`npm run build:web` → web/dist)
 *   3. creates .dev.vars from .dev.vars.example when it is missing
 *   4. applies the D1 migrations to the local database (.wrangler/state)
 *   5. starts the services of dev/services/index.mjs (today: the Worker under `wrangler dev`),
 *      waits for /api/v1/health (which bootstraps an empty database) and prints URL and login
 *   6. on Ctrl-C / SIGTERM stops every service's whole process group (wrangler and workerd)
 *
 * Options (after `npm start --`): --port <n> (default 8787, or $PREGON_PORT), --host <ip>
 * (default 127.0.0.1), --skip-build (reuse web/dist as it is).
 * Plain Node ESM with built-ins only; `npm start` runs it on the project's Node 24.
 */
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { run, stopAll, killAllNow } from "./lib/proc.mjs";
import { assertPortFree } from "./lib/net.mjs";
import { ensureDevVars } from "./lib/devvars.mjs";
import { services } from "./services/index.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const started = performance.now();
const running = [];
let stopping = false;

const USAGE = "usage: npm start [-- --port <n>] [--host <ip>] [--skip-build]";
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: "string", default: process.env.PREGON_PORT ?? "8787" },
      host: { type: "string", default: "127.0.0.1" },
      "skip-build": { type: "boolean", default: false },
    },
  }));
} catch (err) {
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const opts = { root, host: args.host, port: Number(args.port) };
if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535) {
  console.error(`--port must be a port number, not "${args.port}"\n${USAGE}`);
  process.exit(2);
}

if (Number(process.versions.node.split(".")[0]) < 22) {
  console.error(`This needs Node 24 (found ${process.version}). Run it as \`npm start\`, which uses the project's Node.`);
  process.exit(1);
}
process.chdir(root);
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false"; // wrangler offline: no calls to Cloudflare
process.env.WRANGLER_SEND_METRICS = "false";
process.env.PATH = `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`;

const seconds = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function step(label, fn) {
  const t = performance.now();
  console.log(`\n→ ${label}`);
  const result = await fn();
  console.log(`✓ ${label} (${seconds(t)})`);
  return result;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (code === 0) console.log("\nStopping…");
  for (const r of running.reverse()) await r.stop();
  await stopAll(); // anything still starting, or a build in progress
  process.exit(code);
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    if (stopping) {
      killAllNow(); // second Ctrl-C: no more waiting
      process.exit(1);
    }
    shutdown(0);
  });
}
process.on("exit", killAllNow);
// `kill <npm pid>` reaches npm and its `sh -c`, not this process: when the parent goes away
// (this process is re-parented), stop as if signalled.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && shutdown(0), 500).unref();

try {
  for (const s of services) for (const p of s.ports(opts)) await assertPortFree(opts.host, p, s.title ?? s.name);

  if (args["skip-build"]) console.log("\n(skipping the dashboard build: --skip-build)");
  else await step("Building the dashboard (npm run build:web → web/dist)", () => run("npm", ["run", "build:web"]));
  if (!existsSync(join(root, "web", "dist", "index.html"))) {
    throw new Error("web/dist/index.html is missing: the dashboard is not built (run `npm run build:web`).");
  }

  const devVars = ensureDevVars(root);
  console.log(devVars.created ? "\n✓ Created .dev.vars from .dev.vars.example" : "\n✓ Using .dev.vars");

  await step("Applying D1 migrations to the local database (.wrangler/state)", () =>
    run("wrangler", ["d1", "migrations", "apply", "DB", "--local"]),
  );

  const vars = {};
  const banner = [];
  const warnings = [];
  for (const s of services) {
    const r = await step(`Starting ${s.name}`, () => s.start({ ...opts, vars: { ...vars }, devVars: devVars.values }));
    running.push(r);
    Object.assign(vars, r.vars);
    banner.push(...(r.banner ?? []));
    warnings.push(...(r.warnings ?? []));
    r.exited?.then((e) => {
      if (stopping) return;
      console.error(`\n✗ ${s.name} stopped on its own (${e.signal ?? `exit code ${e.code}`}); stopping the rest.`);
      shutdown(1);
    });
  }

  const width = Math.max(...banner.map(([label]) => label.length));
  console.log(`\n  Pregón is running (ready in ${seconds(started)})\n`);
  for (const [label, value] of banner) console.log(`    ${label.padEnd(width)}  ${value}`);
  for (const w of warnings) console.log(`\n  ! ${w}`);
  console.log("\n  Local data: .wrangler/state (delete it to start from an empty database).");
  console.log("  Press Ctrl-C to stop.\n");
} catch (err) {
  console.error(`\n✗ ${err.message}`);
  await shutdown(1);
}
