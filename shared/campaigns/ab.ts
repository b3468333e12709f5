/**
 * A/B tests of a campaign (B3): a test share of the audience gets version A or B (of the subject
 * or of the content), the winner by opens or clicks after N hours gets the rest. Pure: the
 * rules a test must satisfy, which contacts are in the sample and with which version (a hash of
 * campaign and contact, so the sample is spread over the whole audience, not its first ids), and
 * the winner from each version's counts. The runner and the API do the I/O around it.
 */

export type AbKind = "subject" | "content";
export type AbMetric = "opens" | "clicks";
export type Variant = "A" | "B";
export const AB_KINDS = ["subject", "content"] as const;
export const AB_METRICS = ["opens", "clicks"] as const;
export const VARIANTS = ["A", "B"] as const;
export const AB_LIMITS = { testPercent: { min: 10, max: 50 }, waitHours: { min: 1, max: 72 } } as const;

/** What the API accepts. */
export type AbInput = { kind: AbKind; subjectB?: string | null; templateIdB?: string | null; testPercent: number; metric: AbMetric; waitHours: number };

/** What a campaign stores (campaigns.ab): the input plus B's compiled content for a content test. */
export type AbTest = {
  kind: AbKind;
  subjectB: string | null;
  templateIdB: string | null;
  htmlB: string | null;
  textB: string | null;
  testPercent: number;
  metric: AbMetric;
  waitHours: number;
};

export type AbCounts = { sent: number; opens: number; clicks: number };
/** Stored in campaigns.ab_result when the winner is picked. */
export type AbResult = { metric: AbMetric; winner: Variant; decidedAt: number; A: AbCounts & { rate: number }; B: AbCounts & { rate: number } };

export type AbProblem = { field: string; message: string };

const inRange = (n: number, r: { min: number; max: number }) => Number.isInteger(n) && n >= r.min && n <= r.max;

/**
 * The first thing wrong with a test, naming its field, or null.
 * @example abProblem({ kind: "subject", testPercent: 20, metric: "opens", waitHours: 4 }, { subject: "Hola", templateId: "t1" })
 * // { field: "ab.subjectB", message: "ab.subjectB: a subject test needs the subject of version B" }
 */
export function abProblem(ab: AbInput, a: { subject: string; templateId: string | null }): AbProblem | null {
  const fail = (field: string, message: string): AbProblem => ({ field: `ab.${field}`, message: `ab.${field}: ${message}` });
  const { testPercent: tp, waitHours: wh } = AB_LIMITS;
  if (!inRange(ab.testPercent, tp)) return fail("testPercent", `must be a whole number from ${tp.min} to ${tp.max}`);
  if (!inRange(ab.waitHours, wh)) return fail("waitHours", `must be a whole number of hours from ${wh.min} to ${wh.max}`);
  if (ab.kind === "subject") {
    const b = ab.subjectB?.trim() ?? "";
    if (!b) return fail("subjectB", "a subject test needs the subject of version B");
    if (b.length > 200) return fail("subjectB", "must be at most 200 characters");
    if (b === a.subject.trim()) return fail("subjectB", "must differ from the subject of version A");
  } else {
    if (!ab.templateIdB) return fail("templateIdB", "a content test needs the template of version B");
    if (ab.templateIdB === a.templateId) return fail("templateIdB", "must be a different template from version A's");
  }
  return null;
}

/** A stored test, or null for a plain campaign. */
export function parseAb(json: string | null | undefined): AbTest | null {
  return json ? (JSON.parse(json) as AbTest) : null;
}

/** FNV-1a, then murmur3's finaliser so that neighbouring ids land far apart. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The version a contact gets in the test, or null when it is not in the sample (it gets the
 * winner later). Deterministic: a resumed or repeated walk picks the same people. Each version
 * gets half of the test share.
 * @example abVariant("c-1", 42, 20) // "A", "B" or null; the same answer every time
 */
export function abVariant(seed: string, contactId: number, testPercent: number): Variant | null {
  const bucket = hash32(`${seed}:${contactId}`) % 10_000;
  if (bucket >= testPercent * 100) return null;
  return bucket < testPercent * 50 ? "A" : "B";
}

/**
 * When the winner is picked: `waitHours` after the test started.
 * @example abDecideAt(0, 2) // 7_200_000
 */
export function abDecideAt(startedAt: number, waitHours: number): number {
  return startedAt + waitHours * 3_600_000;
}

/**
 * The winner by the rate of the metric over messages accepted; a tie (even none at all) goes
 * to A, the version the campaign was written with.
 * @example decideWinner("opens", { A: { sent: 10, opens: 2, clicks: 0 }, B: { sent: 10, opens: 3, clicks: 0 } }, new Date(0)).winner // "B"
 */
export function decideWinner(metric: AbMetric, counts: Record<Variant, AbCounts>, now: Date): AbResult {
  const { A, B } = counts;
  const hits = (c: AbCounts) => c[metric];
  const rate = (c: AbCounts) => (c.sent > 0 ? hits(c) / c.sent : 0);
  // Compared by cross-multiplication so that equal rates are exactly equal.
  const bBetter = A.sent > 0 && B.sent > 0 ? hits(B) * A.sent > hits(A) * B.sent : rate(B) > rate(A);
  return { metric, winner: bBetter ? "B" : "A", decidedAt: now.getTime(), A: { ...A, rate: rate(A) }, B: { ...B, rate: rate(B) } };
}

/**
 * The subject and content a version is sent with. Outside a test, or for version A, the
 * campaign's own.
 * @example variantSource({ subject: "Hola", html, text, ab }, "B").subject // ab.subjectB for a subject test
 */
export function variantSource(c: { subject: string; html: string; text: string; ab?: string | null }, variant: Variant | null | undefined): { subject: string; html: string; text: string } {
  const ab = variant === "B" ? parseAb(c.ab) : null;
  if (!ab) return { subject: c.subject, html: c.html, text: c.text };
  if (ab.kind === "subject") return { subject: ab.subjectB ?? c.subject, html: c.html, text: c.text };
  return { subject: c.subject, html: ab.htmlB ?? c.html, text: ab.textB ?? c.text };
}
