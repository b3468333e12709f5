/**
 * The social networks a campaign can be published to (W6) and what each accepts: the target a
 * post goes to (a Facebook Page id, a LinkedIn organisation URN, an X user id) and the length
 * rules of a post. Kept apart from the post builder and the HTTP calls so the API schemas, the
 * builder and the dashboard share one list.
 */

export const SOCIAL_NETWORKS = ["facebook", "linkedin", "x"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** What a target looks like on each network, and the words of the error when it does not. */
const TARGETS: Record<SocialNetwork, { pattern: RegExp; expected: string }> = {
  facebook: { pattern: /^\d{5,20}$/, expected: "a Facebook Page id (digits only)" },
  linkedin: { pattern: /^urn:li:organization:\d{1,20}$/, expected: "a LinkedIn organisation URN (urn:li:organization:<digits>)" },
  x: { pattern: /^\d{1,20}$/, expected: "an X user id (digits only)" },
};

/**
 * Null when `target` is a valid target on `network`, else why not.
 * @example targetProblem("linkedin", "12345") // "must be a LinkedIn organisation URN (urn:li:organization:<digits>)"
 */
export function targetProblem(network: SocialNetwork, target: string): string | null {
  const t = TARGETS[network];
  return t.pattern.test(target) ? null : `must be ${t.expected}`;
}

/**
 * The length rules of each network, in characters (code points). X counts every link as
 * LINK_WEIGHT characters whatever its length (t.co wraps it); Facebook and LinkedIn carry the
 * link apart from the text (a link preview), so it does not count.
 */
export const LIMITS = { facebook: 63_206, linkedin: 3_000, x: 280 } as const satisfies Record<SocialNetwork, number>;
export const LINK_WEIGHT = 23;

/**
 * The visible end of an access token, so people can tell tokens apart without seeing them.
 * @example tokenHint("EAAGm0PX4ZCpsBA1234") // "…1234"
 */
export function tokenHint(token: string): string {
  return `…${[...token].slice(-4).join("")}`;
}
