/**
 * Runs a sending domain's DNS check: the three TXT lookups over DNS-over-HTTPS (env DOH_URL,
 * Cloudflare's by default) at once, then the pure evaluation of shared/email/domain-checks.ts.
 */
import { evaluateDomain, type DomainCheck } from "../../shared/email/domain-checks";
import { spfElsewhere } from "../../shared/email/domain-records";
import { DohTxtResolver, type TxtResolver } from "../../shared/email/doh-txt";

/** The relay's SPF domain (env SPF_INCLUDE), or null when it is not configured. */
export function spfIncludeOf(env: { SPF_INCLUDE?: string }): string | null {
  return env.SPF_INCLUDE?.trim().toLowerCase() || null;
}

/** The deployment's bounce domain (env BOUNCE_DOMAIN), or null when bounces use each From domain. */
export function bounceDomainOf(env: { BOUNCE_DOMAIN?: string }): string | null {
  return env.BOUNCE_DOMAIN?.trim().toLowerCase() || null;
}

/**
 * Looks up SPF at the domain, DKIM at `<selector>._domainkey.<domain>` and DMARC at `_dmarc.<domain>`.
 * @example const { verified, ...check } = await checkDomainDns(env, row)
 */
export async function checkDomainDns(
  env: { DOH_URL?: string; SPF_INCLUDE?: string; BOUNCE_DOMAIN?: string },
  d: { domain: string; selector: string; public_key: string },
  resolver: TxtResolver = new DohTxtResolver({ endpoint: env.DOH_URL, timeoutMs: 5000 }),
): Promise<DomainCheck & { verified: boolean }> {
  const [spf, dkim, dmarc] = await Promise.all([resolver.txt(d.domain), resolver.txt(`${d.selector}._domainkey.${d.domain}`), resolver.txt(`_dmarc.${d.domain}`)]);
  return evaluateDomain({ spf, dkim, dmarc }, d.public_key, spfIncludeOf(env), spfElsewhere(d.domain, bounceDomainOf(env)));
}
