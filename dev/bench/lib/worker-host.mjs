/**
 * Hosts the Worker for a benchmark: wrangler's programmatic dev server (the same runtime as
 * `wrangler dev`: Miniflare with D1, R2, Queues and Durable Objects) WITHOUT file watching.
 * `wrangler dev` reloads the runtime whenever a file of the project changes, which throws away
 * an import in flight (the local queue's message is lost with it); a benchmark must not depend
 * on nobody saving a file for a few minutes.
 *
 * Run it in its own process group (spawnGroup): workerd is its child, and stopping the group
 * stops both. SIGTERM disposes the worker cleanly.
 *
 *   node worker-host.mjs <root> <port> <persistDir> KEY=VALUE…
 *
 * With BENCH_INSPECTOR_PORT=<port> in its environment the V8 inspector listens there (for a CPU
 * profile of the Worker); it is off otherwise.
 */
import { join } from "node:path";
import { unstable_startWorker } from "wrangler";

const [root, port, persist, ...pairs] = process.argv.slice(2);
const bindings = {};
for (const pair of pairs) {
  const eq = pair.indexOf("=");
  bindings[pair.slice(0, eq)] = { type: "plain_text", value: pair.slice(eq + 1) };
}
process.chdir(root);
const worker = await unstable_startWorker({
  config: join(root, "wrangler.toml"),
  bindings,
  dev: {
    server: { hostname: "127.0.0.1", port: Number(port) },
    inspector: process.env.BENCH_INSPECTOR_PORT ? { hostname: "127.0.0.1", port: Number(process.env.BENCH_INSPECTOR_PORT) } : false,
    persist,
    watch: false,
  },
});
await worker.ready;
console.error(`worker-host: ready on ${(await worker.url).origin}`);

let disposing = false;
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(sig, async () => {
    if (disposing) process.exit(1);
    disposing = true;
    await worker.dispose().catch(() => undefined);
    process.exit(0);
  });
}
