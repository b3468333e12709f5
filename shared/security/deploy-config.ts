/**
 * Fail fast on unsafe configuration. A deployment (PUBLIC_URL over https on a host that is not
 * this machine) must never sign recipient links with a missing or development LINK_SECRET: the
 * fallback "dev-only-link-secret" is public, in this repository, so anyone could forge
 * unsubscribe, click and web-version tokens. Local development and tests (PUBLIC_URL unset or
 * http://127.0.0.1) keep the fallback. Pure: the Worker reads env and calls these.
 */

/** The secret local development signs links with when LINK_SECRET is unset. Public: never in production. */
export const DEV_LINK_SECRET = "dev-only-link-secret";
/** Shortest LINK_SECRET accepted in a deployment (`openssl rand -hex 32` gives 64). */
export const MIN_SECRET_LENGTH = 16;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);

/**
 * True when `publicUrl` names a real deployment: https and a host that is not loopback.
 * @example isDeployment("https://correo.muni.gob.pe") // true
 * @example isDeployment("http://127.0.0.1:8787") // false
 */
export function isDeployment(publicUrl: string | undefined): boolean {
  if (!publicUrl || !URL.canParse(publicUrl)) return false;
  const url = new URL(publicUrl);
  if (url.protocol !== "https:") return false;
  return !LOCAL_HOSTS.has(url.hostname) && !url.hostname.endsWith(".localhost");
}

export type ConfigProblem = { setting: "LINK_SECRET"; message: string };

/**
 * What is unsafe in this configuration, or null. Only a deployment is checked.
 * @example configProblem({ PUBLIC_URL: "https://correo.muni.gob.pe" }) // { setting: "LINK_SECRET", … }
 * @example configProblem({ PUBLIC_URL: "http://127.0.0.1:8787" }) // null
 */
export function configProblem(env: { PUBLIC_URL?: string; LINK_SECRET?: string }): ConfigProblem | null {
  if (!isDeployment(env.PUBLIC_URL)) return null;
  const secret = env.LINK_SECRET ?? "";
  if (secret === "") return { setting: "LINK_SECRET", message: "LINK_SECRET is not set: set it with `wrangler secret put LINK_SECRET` (e.g. the output of `openssl rand -hex 32`)" };
  if (secret.startsWith("dev-only") || secret.includes("change-me")) return { setting: "LINK_SECRET", message: "LINK_SECRET is a development default: set a random one with `wrangler secret put LINK_SECRET`" };
  if (secret.length < MIN_SECRET_LENGTH) return { setting: "LINK_SECRET", message: `LINK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters: set a random one with \`wrangler secret put LINK_SECRET\`` };
  return null;
}

/**
 * The secret to sign links with: LINK_SECRET, the development fallback locally, and an error in a
 * deployment whose configuration is unsafe (callers in queues retry until it is fixed).
 * @example linkSecret({}) // "dev-only-link-secret"
 */
export function linkSecret(env: { PUBLIC_URL?: string; LINK_SECRET?: string }): string {
  const problem = configProblem(env);
  if (problem) throw new Error(problem.message);
  return env.LINK_SECRET || DEV_LINK_SECRET;
}
