/**
 * Domain typo suggestions ("ana@gmial.com" → did you mean "ana@gmail.com"?). Peruvian lists are
 * dominated by a handful of webmail providers, and most bounces from hand-typed addresses are a
 * slip in one of them, so we compare only against those. A suggestion is never applied: the
 * import flags the row as risky and shows the guess, because an unknown corporate domain that
 * happens to look like "gmail.com" is still somebody's real address.
 */

/** Providers we suggest, most used first so that ties go to the likelier one. */
const PROVIDERS = [
  "gmail.com",
  "hotmail.com",
  "outlook.com",
  "yahoo.com",
  "yahoo.es",
  "hotmail.es",
  "outlook.es",
  "live.com",
  "icloud.com",
  "msn.com",
] as const;

/**
 * Real domains that sit within a typo's distance of a provider; never "corrected". Only domains
 * whose first label is not a provider's need listing: "hotmail.fr"-style country domains are
 * covered by the ccTLD rule in `suggestDomain`.
 */
const KNOWN = new Set<string>([
  ...PROVIDERS,
  "ymail.com", "mail.com", "email.com", "gmx.com", "aol.com", "me.com", "mac.com", "cloud.com",
  "love.com", "life.com", "lime.com", "line.com", "zoho.com", "proton.me", "protonmail.com",
  "googlemail.com", "rocketmail.com", "yandex.com",
]);

/** First labels of providers; "gmail" is special, as Gmail has no other domain. */
const PROVIDER_NAMES = new Set(["gmail", "hotmail", "outlook", "yahoo", "live", "icloud", "msn"]);

/** Slips for "com" after a provider's name: "gmail.con", "hotmail.cmo", "yahoo.co". */
const COM_SLIPS = new Set(["con", "cmo", "om", "co", "cm", "comm", "coom", "cpm", "vom", "xom", "ocm", "cim", "c"]);

const CCTLD = /^[a-z]{2}$/;

// Scratch rows for the distance table, reused so the hot path allocates nothing. Candidates are
// at most 11 characters and the length filter keeps inputs within 2 of that, so 16 cells do.
const MAX_LEN = 16;
let rowPrev2 = new Int32Array(MAX_LEN + 1);
let rowPrev = new Int32Array(MAX_LEN + 1);
let rowCur = new Int32Array(MAX_LEN + 1);

/**
 * Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count one) between `a`
 * and `b`, or `max + 1` as soon as it is known to exceed `max`.
 * @example boundedDistance("gmial.com", "gmail.com", 2) // 1
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n > MAX_LEN || m > MAX_LEN) return max + 1;
  for (let j = 0; j <= m; j++) rowPrev[j] = j;
  for (let i = 1; i <= n; i++) {
    rowCur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let d = Math.min(rowPrev[j]! + 1, rowCur[j - 1]! + 1, rowPrev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        d = Math.min(d, rowPrev2[j - 2]! + 1);
      }
      rowCur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell is at least this row's minimum, so nothing better can come.
    if (rowMin > max) return max + 1;
    const spare = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = spare;
  }
  const d = rowPrev[m]!;
  return d > max ? max + 1 : d;
}

/**
 * The provider domain `domain` was probably meant to be, or null if it is a known domain or
 * not close to one. `domain` is lower-case (punycode for IDNs).
 * @example suggestDomain("gmial.com") // "gmail.com"
 * @example suggestDomain("gmail.com.pe") // "gmail.com"
 * @example suggestDomain("sunat.gob.pe") // null
 */
export function suggestDomain(domain: string): string | null {
  if (KNOWN.has(domain)) return null;
  const dot = domain.indexOf(".");
  if (dot > 0) {
    const name = domain.slice(0, dot);
    if (PROVIDER_NAMES.has(name)) {
      const rest = domain.slice(dot + 1);
      if (COM_SLIPS.has(rest)) return `${name}.com`;
      if (name === "gmail") return "gmail.com";
      // "hotmail.fr", "live.cl", "yahoo.de": a provider's name spelled right under a country
      // code is most likely one of its many real country domains, so leave it alone.
      if (CCTLD.test(rest)) return null;
    }
  }
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of PROVIDERS) {
    // Short names ("msn", "live") are one slip away from real words; allow only one.
    const max = candidate.length <= 8 ? 1 : 2;
    const limit = Math.min(max, bestDistance - 1);
    if (limit < 1) break;
    const d = boundedDistance(domain, candidate, limit);
    if (d <= limit) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
