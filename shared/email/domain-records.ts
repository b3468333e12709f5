/**
 * What an account must publish in DNS to send from its own domain: the DKIM key at
 * `<selector>._domainkey.<domain>`, an SPF record that lets the relay send for the domain, and a
 * DMARC policy at `_dmarc.<domain>`. Also the rules for a domain name people type in and the
 * selector a new key gets. Pure: the caller passes the clock and the configuration.
 */

export type RecordKind = "spf" | "dkim" | "dmarc";
/** Why a record reads the way it does, for the dashboard to explain. */
export type RecordNote = "spf_merge" | "spf_relay_unknown" | "spf_bounce_domain" | "dmarc_rua_mailbox";
export type PublishRecord = {
  kind: RecordKind;
  type: "TXT";
  /** Fully qualified name, without the root dot. */
  host: string;
  /** The exact TXT value; null when it cannot be known here (SPF without SPF_INCLUDE). */
  value: string | null;
  /** DKIM and SPF decide whether the domain is verified; DMARC is recommended. */
  required: boolean;
  note: RecordNote | null;
};

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Whether `name` is a host name mail can come from: at least two labels of letters, digits and
 * hyphens (punycode for international names), an alphabetic top-level label, 253 characters
 * at most. Addresses, URLs and IP addresses are not domain names.
 * @example isDomainName("avisos.muni.gob.pe") // true
 * @example isDomainName("https://muni.gob.pe") // false
 */
export function isDomainName(name: string): boolean {
  if (name.length > 253) return false;
  const labels = name.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1]!);
}

/**
 * A domain as typed, trimmed, lower-cased, without a root dot, international names in punycode;
 * null when it is not a domain name.
 * @example normalizeDomain(" Muni.Gob.PE. ") // "muni.gob.pe"
 * @example normalizeDomain("münchen.de") // "xn--mnchen-3ya.de"
 */
export function normalizeDomain(input: string): string | null {
  let name = input.trim().toLowerCase().replace(/\.$/, "");
  if (!name || /[\s/@:?#[\]\\]/.test(name)) return null;
  if (/[^\x00-\x7f]/.test(name)) {
    try {
      name = new URL(`http://${name}`).hostname;
    } catch {
      return null;
    }
  }
  return isDomainName(name) ? name : null;
}

/**
 * The selector of a key made at `now`: "pregon" and the year and month (UTC), so a rotated key
 * gets a new name and both can be published during the change.
 * @example selectorFor(new Date("2026-11-29T10:00:00Z")) // "pregon202611"
 */
export function selectorFor(now: Date): string {
  return `pregon${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * An SPF record with `include:<include>` added before its `all` (or `redirect=`), so mail from
 * the relay passes while everything the domain already allowed still does.
 * @example mergeSpfInclude("v=spf1 include:_spf.google.com ~all", "spf.relay.pe") // "v=spf1 include:_spf.google.com include:spf.relay.pe ~all"
 */
export function mergeSpfInclude(existing: string, include: string): string {
  const terms = existing.trim().split(/\s+/);
  const at = terms.findIndex((t, i) => i > 0 && (/^[+\-~?]?all$/i.test(t) || /^redirect=/i.test(t)));
  terms.splice(at === -1 ? terms.length : at, 0, `include:${include}`);
  return terms.join(" ");
}

export type PublishInput = {
  domain: string;
  selector: string;
  /** Base64 SubjectPublicKeyInfo of the RSA key. */
  publicKey: string;
  /** The relay's SPF domain (env SPF_INCLUDE), or null when it is not configured. */
  spfInclude: string | null;
  /** The one SPF record the domain has now, if the last check found exactly one. */
  currentSpf?: string | null;
  /** The deployment's bounce domain (env BOUNCE_DOMAIN), or null when bounces use the From domain. */
  bounceDomain?: string | null;
};

/**
 * Whether receivers judge SPF somewhere else than the sending domain: the envelope sender
 * (Return-Path) is at the deployment's bounce domain, so the sending domain's SPF record is not
 * looked at and its mail authenticates (and aligns for DMARC) through DKIM.
 * @example spfElsewhere("muni.gob.pe", "rebotes.pregon.pe") // true
 */
export function spfElsewhere(domain: string, bounceDomain: string | null | undefined): boolean {
  return !!bounceDomain && bounceDomain !== domain;
}

/**
 * The records to publish, in the order a person should add them: DKIM, SPF, DMARC. When the
 * domain already has an SPF record, the SPF value is that record with the relay added (a domain
 * must have exactly one); without SPF_INCLUDE the SPF value is unknown here and the note says
 * to include the relay's SPF as its provider documents. With a bounce domain of the deployment's
 * own (BOUNCE_DOMAIN), receivers check SPF there: the SPF record is then only recommended.
 * @example recordsToPublish({ domain: "muni.gob.pe", selector: "pregon202611", publicKey: "MIIB…", spfInclude: "spf.relay.pe" })[0].host // "pregon202611._domainkey.muni.gob.pe"
 */
export function recordsToPublish(input: PublishInput): PublishRecord[] {
  const { domain, spfInclude } = input;
  const current = input.currentSpf?.trim() || null;
  let spf: Pick<PublishRecord, "value" | "note">;
  if (!spfInclude) spf = { value: null, note: "spf_relay_unknown" };
  else if (current && !hasInclude(current, spfInclude)) spf = { value: mergeSpfInclude(current, spfInclude), note: "spf_merge" };
  else spf = { value: current ?? `v=spf1 include:${spfInclude} ~all`, note: null };
  const elsewhere = spfElsewhere(domain, input.bounceDomain);
  if (elsewhere) spf = { ...spf, note: "spf_bounce_domain" };
  return [
    { kind: "dkim", type: "TXT", host: `${input.selector}._domainkey.${domain}`, value: `v=DKIM1; k=rsa; p=${input.publicKey}`, required: true, note: null },
    { kind: "spf", type: "TXT", host: domain, ...spf, required: !elsewhere },
    { kind: "dmarc", type: "TXT", host: `_dmarc.${domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc@${domain}`, required: false, note: "dmarc_rua_mailbox" },
  ];
}

/**
 * Whether an SPF record includes (or redirects to) `include`, in any letter case.
 * @example hasInclude("v=spf1 +include:SPF.relay.pe -all", "spf.relay.pe") // true
 */
export function hasInclude(spf: string, include: string): boolean {
  const want = include.toLowerCase().replace(/\.$/, "");
  return spf
    .split(/\s+/)
    .some((t) => {
      const m = /^(?:[+]?include:|redirect=)(.+)$/i.exec(t);
      return m !== null && m[1]!.toLowerCase().replace(/\.$/, "") === want;
    });
}
