/**
 * Starts Pregón for the browser test: applies the D1 migrations to a fresh temporary state
 * directory with `wrangler d1 migrations apply --local --persist-to`, then starts the Worker
 * with `unstable_startWorker` persisting to that same directory (so the database has its
 * tables but no rows), on a free port, with ADMIN_EMAIL / ADMIN_PASSWORD given as bindings:
 * the Worker creates the owner and the default credit bags on its first request. Nothing of
 * the developer's own .wrangler/state is touched.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { unstable_startWorker } from "wrangler";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

export type Pregon = { url: string; dispose: () => Promise<void> };

/**
 * `vars` override plain-text variables of wrangler.toml for this run, e.g. `{ MX_CHECKS: "off" }`
 * so list cleaning never goes to the network and its counts are exact. `opts.port` fixes the
 * port (default: any free one), for a test that must put the Worker's own URL in its vars
 * (PUBLIC_URL, which callback URLs given to a provider are built from).
 * @example const app = await startPregon({ email: "admin@pregon.local", password: "…" });
 */
export async function startPregon(admin: { email: string; password: string }, vars: Record<string, string> = {}, opts: { port?: number } = {}): Promise<Pregon> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  process.env.WRANGLER_SEND_METRICS = "false";
  const state = mkdtempSync(join(tmpdir(), "pregon-e2e-state-"));
  await run(join(root, "node_modules", ".bin", "wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: root,
    env: { ...process.env, CI: "1" },
  });
  const previous = process.cwd();
  process.chdir(root);
  const worker = await unstable_startWorker({
    config: join(root, "wrangler.toml"),
    bindings: {
      ADMIN_EMAIL: { type: "plain_text", value: admin.email },
      ADMIN_PASSWORD: { type: "plain_text", value: admin.password },
      // Local receivers, carriers and SMTP servers live on 127.0.0.1 (a deployment refuses such targets).
      ALLOW_PRIVATE_TARGETS: { type: "plain_text", value: "true" },
      ...Object.fromEntries(Object.entries(vars).map(([k, value]) => [k, { type: "plain_text" as const, value }])),
    },
    dev: { server: { hostname: "127.0.0.1", port: opts.port ?? 0 }, inspector: false, persist: state, watch: false },
  });
  process.chdir(previous);
  await worker.ready;
  const url = (await worker.url).origin;
  const health = await fetch(`${url}/api/v1/health`);
  if (!health.ok) throw new Error(`the Worker answered /api/v1/health with ${health.status}`);
  return {
    url,
    dispose: async () => {
      await worker.dispose();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
