/**
 * The HTTP calls that publish a post (W6), built and read without doing I/O so they are unit
 * tested: Facebook `POST {base}/{page-id}/feed` (form: message, link, access_token), LinkedIn
 * `POST {base}/rest/posts` (Bearer, LinkedIn-Version, JSON with the organisation as author and
 * the link as an article), X `POST {base}/2/tweets` (Bearer, `{text}`). An answer is read as
 * posted (with the post's id and address), failed for good (4xx: the network's own message, e.g.
 * an expired token) or worth retrying (5xx, 429, no answer).
 */
import type { SocialPost } from "./post";

/** The LinkedIn API version (YYYYMM) our calls are written against. */
export const LINKEDIN_VERSION = "202411";

export type SocialRequest = { url: string; method: "POST"; headers: Record<string, string>; body: string };
export type SocialOutcome =
  | { kind: "posted"; remoteId: string; url: string | null }
  | { kind: "failed"; error: string }
  | { kind: "retry"; error: string };

const trimBase = (base: string) => base.replace(/\/+$/, "");

/**
 * The request that publishes `post` to `target` with `token`, against the network's `base` URL.
 * @example socialRequest({ network: "x", text: "Hola https://…" }, "12345", "tok", "https://api.x.com").url // "https://api.x.com/2/tweets"
 */
export function socialRequest(post: SocialPost, target: string, token: string, base: string): SocialRequest {
  switch (post.network) {
    case "facebook":
      return {
        url: `${trimBase(base)}/${encodeURIComponent(target)}/feed`,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ message: post.message, link: post.link, access_token: token }).toString(),
      };
    case "linkedin":
      return {
        url: `${trimBase(base)}/rest/posts`,
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "LinkedIn-Version": LINKEDIN_VERSION, "X-Restli-Protocol-Version": "2.0.0" },
        body: JSON.stringify({
          author: target,
          commentary: post.commentary,
          visibility: "PUBLIC",
          distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
          content: { article: { source: post.link, title: post.title } },
          lifecycleState: "PUBLISHED",
          isReshareDisabledByAuthor: false,
        }),
      };
    case "x":
      return {
        url: `${trimBase(base)}/2/tweets`,
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: post.text }),
      };
  }
}

const parse = (text: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** The network's own words for a refusal: Graph's error.message, LinkedIn's message, X's detail or title. */
function messageOf(network: SocialPost["network"], body: Record<string, unknown>): string | null {
  if (network === "facebook") return str(obj(body.error).message);
  if (network === "linkedin") return str(body.message);
  const first = Array.isArray(body.errors) ? obj(body.errors[0]) : {};
  return str(body.detail) ?? str(body.title) ?? str(first.message);
}

/**
 * What an answer means. `restliId` is LinkedIn's `x-restli-id` header (the new post's URN).
 * @example readAnswer("x", 201, '{"data":{"id":"1799"}}', null) // { kind: "posted", remoteId: "1799", url: "https://x.com/i/web/status/1799" }
 * @example readAnswer("facebook", 400, '{"error":{"message":"Session has expired"}}', null) // { kind: "failed", error: "HTTP 400: Session has expired" }
 */
export function readAnswer(network: SocialPost["network"], status: number, text: string, restliId: string | null): SocialOutcome {
  const body = parse(text);
  if (status >= 200 && status < 300) {
    if (network === "facebook") {
      const id = str(body.id);
      if (id) return { kind: "posted", remoteId: id, url: `https://www.facebook.com/${id.includes("_") ? id.replace("_", "/posts/") : id}` };
    } else if (network === "linkedin") {
      const id = str(restliId) ?? str(body.id);
      if (id) return { kind: "posted", remoteId: id, url: `https://www.linkedin.com/feed/update/${id}/` };
    } else {
      const id = str(obj(body.data).id);
      if (id) return { kind: "posted", remoteId: id, url: `https://x.com/i/web/status/${id}` };
    }
    // Accepted but without the id we expect: it was posted, we cannot link to it.
    return { kind: "posted", remoteId: "", url: null };
  }
  const error = `HTTP ${status}${messageOf(network, body) ? `: ${messageOf(network, body)}` : ""}`.slice(0, 500);
  return status >= 500 || status === 429 || status === 408 ? { kind: "retry", error } : { kind: "failed", error };
}
