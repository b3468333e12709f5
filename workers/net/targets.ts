/**
 * The SSRF rule (shared/net/targets.ts) applied with this deployment's setting: loopback and
 * private targets are allowed only where ALLOW_PRIVATE_TARGETS is "true" (local development,
 * `npm start`, the test suites), never by default. Checked when a URL is saved (a 400 naming
 * the field) and again before each call, since the setting can change after it was saved.
 */
import { targetProblem } from "../../shared/net/targets";
import { ApiError } from "../api/errors";

export function privateTargetsAllowed(env: { ALLOW_PRIVATE_TARGETS?: string }): boolean {
  return env.ALLOW_PRIVATE_TARGETS === "true";
}

/** Why the platform must not call `url` now, or null. */
export function callProblem(env: { ALLOW_PRIVATE_TARGETS?: string }, url: string): string | null {
  return targetProblem(url, privateTargetsAllowed(env));
}

/** Throws a 400 naming `field` when `url` may not be called. */
export function checkTarget(env: { ALLOW_PRIVATE_TARGETS?: string }, field: string, url: string): void {
  const problem = callProblem(env, url);
  if (problem) throw new ApiError(400, "forbidden_target", `${field}: ${problem}`, field);
}
