/**
 * The Worker under `wrangler dev` (Miniflare: D1, Durable Objects, Queues and R2 on this machine,
 * persisted in .wrangler/state). Waits for /api/v1/health, whose first call also bootstraps an
 * empty database (owner from ADMIN_EMAIL / ADMIN_PASSWORD, default credit bags), then checks that
 * the login from .dev.vars works.
 */
import { spawnGroup } from "../lib/proc.mjs";
import { waitForHttp } from "../lib/net.mjs";

export const worker = {
  name: "worker",
  title: "the Worker (wrangler dev)",
  ports: (opts) => [opts.port],
  async start({ host, port, vars, devVars }) {
    const url = `http://${host}:${port}`;
    const args = ["dev", "--ip", host, "--port", String(port), "--show-interactive-dev-session=false"];
    // Local webhook receivers and SMS carriers are on this machine: allow loopback targets here only.
    args.push("--var", "ALLOW_PRIVATE_TARGETS:true");
    for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
    const proc = spawnGroup("wrangler", args, { prefix: "worker" });
    try {
      await waitForHttp(`${url}/api/v1/health`, { timeoutMs: 120_000, exited: proc.exited });
    } catch (err) {
      await proc.stop();
      throw err;
    }
    const login = await checkLogin(url, devVars.ADMIN_EMAIL, devVars.ADMIN_PASSWORD);
    return {
      exited: proc.exited,
      stop: () => proc.stop(),
      banner: [
        ["Dashboard and API", url],
        ["Log in as", devVars.ADMIN_EMAIL ?? "(ADMIN_EMAIL is not set in .dev.vars)"],
        ["Password", devVars.ADMIN_PASSWORD ?? "(ADMIN_PASSWORD is not set in .dev.vars)"],
        ["OpenAPI", `${url}/api/v1/openapi.json`],
      ],
      warnings: login.ok ? [] : [login.message],
    };
  },
};

/** Logs in and out with the .dev.vars owner, so the banner never shows a login that fails. */
async function checkLogin(url, email, password) {
  const headers = { "Content-Type": "application/json", "User-Agent": "pregon-dev-start" };
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers, body: JSON.stringify({ email, password }) });
  if (!res.ok) {
    return {
      ok: false,
      message:
        `Logging in with ADMIN_EMAIL / ADMIN_PASSWORD from .dev.vars failed (HTTP ${res.status}).\n` +
        `  They only create the owner of an EMPTY database; this one already has an owner (or the\n` +
        `  password was changed in the dashboard). To start over: stop, \`rm -rf .wrangler/state\`, \`npm start\`.`,
    };
  }
  const me = await res.json();
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  await fetch(`${url}/api/v1/auth/logout`, { method: "POST", headers: { ...headers, Cookie: cookie, "X-CSRF-Token": me.csrfToken } });
  return { ok: true };
}
