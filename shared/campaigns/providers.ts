/**
 * Mailbox providers (E5, B6): which provider hosts an address's domain, so that per-provider send
 * limits can be applied. The domains are an explicit list, not a pattern: the same list decides
 * a single address here and builds the SQL `IN (...)` lists the send pipeline walks the audience
 * with, so both always agree. "live.*" as a pattern would also catch unrelated domains such as
 * a university's "live.example.edu.pe"; a list of the providers' real country domains does not.
 */

export const PROVIDERS = ["gmail", "outlook", "yahoo", "other"] as const;
export type Provider = (typeof PROVIDERS)[number];
export type NamedProvider = Exclude<Provider, "other">;

/** Country endings under which Microsoft and Yahoo hand out consumer addresses. */
const ENDINGS = [
  "com", "es", "fr", "de", "it", "nl", "be", "at", "ch", "pt", "ie", "dk", "se", "no", "fi", "gr", "pl", "cz", "sk", "hu", "ro",
  "co.uk", "ca", "com.au", "co.nz", "jp", "co.jp", "co.kr", "in", "co.in", "co.id", "com.sg", "com.my", "co.th", "com.vn", "com.tr", "co.za", "ru",
  "cl", "co", "com.co", "com.ar", "com.br", "com.mx", "com.pe", "com.ve", "com.ec", "com.uy", "com.py", "com.bo",
];

const brand = (name: string) => ENDINGS.map((e) => `${name}.${e}`);

/** Every domain of each named provider, lowercase; anything else is "other". */
export const PROVIDER_DOMAINS: Readonly<Record<NamedProvider, readonly string[]>> = {
  gmail: ["gmail.com", "googlemail.com"],
  outlook: [...brand("outlook"), ...brand("hotmail"), ...brand("live"), "msn.com", "passport.com", "windowslive.com"],
  yahoo: [...brand("yahoo"), "ymail.com", "rocketmail.com"],
};

const BY_DOMAIN = new Map<string, NamedProvider>(
  (Object.entries(PROVIDER_DOMAINS) as [NamedProvider, readonly string[]][]).flatMap(([p, domains]) => domains.map((d) => [d, p] as const)),
);

/** Every named provider's domains in one list (what "other" excludes). */
export const KNOWN_DOMAINS: readonly string[] = [...BY_DOMAIN.keys()];

/**
 * The provider of an email domain (or of a whole address).
 * @example providerOf("Hotmail.es") // "outlook"
 * @example providerOf("ana@gmail.com") // "gmail"
 * @example providerOf("sunat.gob.pe") // "other"
 */
export function providerOf(domainOrEmail: string): Provider {
  const domain = domainOrEmail.slice(domainOrEmail.lastIndexOf("@") + 1).trim().toLowerCase();
  return BY_DOMAIN.get(domain) ?? "other";
}

/**
 * The domains a provider is matched by: its own list, or for "other" the list it must NOT be in.
 * @example providerDomains("gmail") // { in: true, domains: ["gmail.com", "googlemail.com"] }
 */
export function providerDomains(p: Provider): { in: boolean; domains: readonly string[] } {
  return p === "other" ? { in: false, domains: KNOWN_DOMAINS } : { in: true, domains: PROVIDER_DOMAINS[p] };
}
