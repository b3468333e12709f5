/**
 * One post sent to its network (W6): the request built by shared/social/calls.ts, sent with a
 * timeout, its answer read. Never throws: no answer (timeout, refused connection) is an outcome
 * worth retrying. Base URLs come from FACEBOOK_API_URL, LINKEDIN_API_URL and X_API_URL, so tests
 * and the local product talk to stand-ins.
 */
import { readAnswer, socialRequest, type SocialOutcome } from "../../shared/social/calls";
import type { SocialPost } from "../../shared/social/post";
import type { SocialNetwork } from "../../shared/social/networks";

export const SOCIAL_TIMEOUT_MS = 10_000;

/** The real APIs, used when the variables are unset. */
export const DEFAULT_BASES: Record<SocialNetwork, string> = {
  facebook: "https://graph.facebook.com/v21.0",
  linkedin: "https://api.linkedin.com",
  x: "https://api.x.com",
};

export type SocialBaseEnv = { FACEBOOK_API_URL?: string; LINKEDIN_API_URL?: string; X_API_URL?: string };

/** The base URL of `network` in this deployment. */
export function baseOf(env: SocialBaseEnv, network: SocialNetwork): string {
  const set = { facebook: env.FACEBOOK_API_URL, linkedin: env.LINKEDIN_API_URL, x: env.X_API_URL }[network];
  return set || DEFAULT_BASES[network];
}

/**
 * Publish `post` to `target` with `token`.
 * @example await sendPost(env, buildPost("x", "Aviso", url), "12345", token) // { kind: "posted", remoteId: "…", url: "https://x.com/i/web/status/…" }
 */
export async function sendPost(env: SocialBaseEnv, post: SocialPost, target: string, token: string, timeoutMs = SOCIAL_TIMEOUT_MS): Promise<SocialOutcome> {
  const req = socialRequest(post, target, token, baseOf(env, post.network));
  try {
    const res = await fetch(req.url, { method: req.method, headers: { ...req.headers, "User-Agent": "Pregon-Social/1" }, body: req.body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    return readAnswer(post.network, res.status, await res.text(), res.headers.get("x-restli-id"));
  } catch (e) {
    return { kind: "retry", error: (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500) };
  }
}
