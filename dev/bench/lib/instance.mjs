/**
 * A fresh local instance of the Worker for a benchmark, shared by bench:import and bench:send:
 * the D1 migrations applied to a new temporary state directory, wrangler's programmatic dev
 * server (worker-host.mjs, no file watching) started on a free loopback port in its own process
 * group, and an admin API key of the bootstrapped owner.
 *
 * @example
 *   const inst = await startInstance({ root, admin, vars: ["MX_CHECKS=off"] });
 *   const { json } = await api(inst.url, "/lists", { method: "POST", body: { name: "x" }, headers: inst.auth });
 *   await inst.stop(); // the process group; the state directory goes with cleanupState()
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnGroup } from "../../lib/proc.mjs";
import { waitForHttp } from "../../lib/net.mjs";

export const UA = { "User-Agent": "pregon-bench" };
export const log = (msg) => process.stderr.write(`${msg}\n`);
export const since = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
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
/** A line of wrangler's output without its colours. */
export const plain = (line) => line.replace(ANSI, "");
/** wrangler's output to stderr, without its per-request lines (the polling would flood it). */
export function workerLine(line) {
  const text = plain(line);
  if (/^\[wrangler:info\] (GET|POST|PUT|PATCH|DELETE|HEAD) /.test(text) || text.trim() === "") return;
  log(`[worker] ${text}`);
}

/** Apply the migrations to `dir`; wrangler's output is shown only if it fails. */
export async function migrate(dir) {
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

/** A JSON API call; throws with the answer's text on a non-2xx status. */
export async function api(url, path, { method = "GET", body, headers = {} } = {}) {
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

/**
 * Migrations into a new state directory, then the Worker on a free port with `vars`
 * ("KEY=VALUE" strings, plain-text bindings over wrangler.toml's), then an admin API key.
 * Resolves to `{ url, state, worker, auth, exited() }`; `worker` is the spawnGroup handle (pid =
 * process group). The caller stops it (or stopAll) and removes `state`.
 * `onState(dir)` is called as soon as the directory exists, so a Ctrl-C can remove it;
 * `onLine(line)` receives the Worker's output (default: workerLine). `port` (default: a free
 * one) lets a caller know the URL before the start, e.g. for PUBLIC_URL in `vars`.
 */
export async function startInstance({ root, admin, vars = [], keyName = "bench", onState = () => {}, onLine = workerLine, port: wantedPort }) {
  let t = performance.now();
  const state = mkdtempSync(join(tmpdir(), "pregon-bench-state-"));
  onState(state);
  await migrate(state);
  log(`✓ Migrations applied to ${state} (${since(t)})`);

  t = performance.now();
  const port = wantedPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const worker = spawnGroup(
    process.execPath,
    [join(root, "dev", "bench", "lib", "worker-host.mjs"), root, String(port), state, `ADMIN_EMAIL=${admin.email}`, `ADMIN_PASSWORD=${admin.password}`, ...vars],
    { onLine },
  );
  let exited = null;
  worker.exited.then((e) => (exited = e));
  await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 120_000, exited: worker.exited });
  log(`✓ Worker on ${url} (wrangler's dev server, no file watching), process group ${worker.pid} (${since(t)})`);

  const login = await api(url, "/auth/login", { method: "POST", body: admin });
  const cookie = (login.res.headers.get("set-cookie") ?? "").split(";")[0];
  const key = await api(url, "/api-keys", {
    method: "POST",
    body: { name: keyName, role: "admin" },
    headers: { Cookie: cookie, "X-CSRF-Token": login.json.csrfToken },
  });
  return { url, state, worker, auth: { Authorization: `Bearer ${key.json.secret}` }, exited: () => exited };
}

/** Remove a state directory made by startInstance (after the Worker is stopped). */
export function removeState(state) {
  if (state) rmSync(state, { recursive: true, force: true });
}
