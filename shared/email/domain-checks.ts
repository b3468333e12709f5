/**
 * Reads what DNS answered for a sending domain and says, per record, whether it is right: SPF
 * (exactly one `v=spf1` record that lets the relay send), DKIM (the key at the selector is ours)
 * and DMARC (one policy with a valid `p=`). Each result is a status and a reason code the
 * dashboard turns into words, plus the texts found, so a person sees what is there and why it
 * fails. TXT answers arrive already joined (doh-txt.ts); nothing here does I/O.
 */
import { hasInclude } from "./domain-records";

export type CheckStatus = "ok" | "missing" | "wrong" | "error";
export type CheckReason =
  | "dns_error"
  | "spf_none" | "spf_multiple" | "spf_include_missing"
  | "dkim_none" | "dkim_multiple" | "dkim_malformed" | "dkim_key_type" | "dkim_revoked" | "dkim_key_mismatch"
  | "dmarc_none" | "dmarc_multiple" | "dmarc_policy_invalid";
export type CheckWarning = "spf_pass_all" | "spf_too_many_lookups" | "spf_include_unchecked";
export type DmarcPolicy = "none" | "quarantine" | "reject";
export type RecordCheck = {
  status: CheckStatus;
  reason: CheckReason | null;
  /** The TXT texts found at the name (for DKIM and DMARC: the ones of that kind, or all). */
  found: string[];
  warnings: CheckWarning[];
  /** DMARC only: the policy found. */
  policy?: DmarcPolicy;
};
/** A TXT lookup: the records' texts (each one's strings joined), or why there are none. */
export type TxtAnswer = { status: "ok"; records: string[] } | { status: "nxdomain" } | { status: "error" };

/** RFC 7208 §4.6.4: more than 10 DNS-querying terms is a permanent error. */
const MAX_SPF_LOOKUPS = 10;
const LOOKUP_TERM = /^[+\-~?]?(?:include:|a(?:[:/]|$)|mx(?:[:/]|$)|ptr(?::|$)|exists:|redirect=)/i;

const result = (status: CheckStatus, reason: CheckReason | null, found: string[], warnings: CheckWarning[] = []): RecordCheck => ({ status, reason, found, warnings });
const recordsOf = (a: TxtAnswer) => (a.status === "ok" ? a.records : []);

/**
 * SPF at the domain. With `include` (env SPF_INCLUDE) the one record must include it; without,
 * only its presence can be checked (warning spf_include_unchecked). `+all` and more than ten
 * lookup terms in the record itself are warnings.
 * @example checkSpf({ status: "ok", records: ["v=spf1 include:spf.relay.pe ~all"] }, "spf.relay.pe").status // "ok"
 */
export function checkSpf(answer: TxtAnswer, include: string | null): RecordCheck {
  if (answer.status === "error") return result("error", "dns_error", []);
  const spf = recordsOf(answer).filter((r) => /^v=spf1(?:\s|$)/i.test(r.trim()));
  if (spf.length === 0) return result("missing", "spf_none", recordsOf(answer));
  if (spf.length > 1) return result("wrong", "spf_multiple", spf);
  const record = spf[0]!;
  const terms = record.trim().split(/\s+/).slice(1);
  const warnings: CheckWarning[] = [];
  if (terms.some((t) => /^\+?all$/i.test(t))) warnings.push("spf_pass_all");
  if (terms.filter((t) => LOOKUP_TERM.test(t)).length > MAX_SPF_LOOKUPS) warnings.push("spf_too_many_lookups");
  if (!include) return result("ok", null, spf, [...warnings, "spf_include_unchecked"]);
  // Terms are tried left to right: an include after `all` is never reached.
  const allAt = terms.findIndex((t) => /^[+\-~?]?all$/i.test(t));
  const reached = allAt === -1 ? terms : terms.slice(0, allAt);
  if (!hasInclude(reached.join(" "), include)) return result("wrong", "spf_include_missing", spf, warnings);
  return result("ok", null, spf, warnings);
}

/**
 * The DKIM key record at `<selector>._domainkey.<domain>`: one record, RSA, and its `p=` equal
 * to `publicKey` (base64 SPKI; whitespace inside the value is ignored, as verifiers do).
 * @example checkDkim({ status: "ok", records: ["v=DKIM1; k=rsa; p=MIIB"] }, "MIIB").status // "ok"
 */
export function checkDkim(answer: TxtAnswer, publicKey: string): RecordCheck {
  if (answer.status === "error") return result("error", "dns_error", []);
  const records = recordsOf(answer);
  if (records.length === 0) return result("missing", "dkim_none", []);
  if (records.length > 1) return result("wrong", "dkim_multiple", records);
  const tags = parseTags(records[0]!);
  if (tags === null || !tags.has("p") || (tags.has("v") && tags.get("v") !== "DKIM1")) return result("wrong", "dkim_malformed", records);
  if ((tags.get("k") ?? "rsa").toLowerCase() !== "rsa") return result("wrong", "dkim_key_type", records);
  const p = tags.get("p")!.replace(/\s+/g, "");
  if (p === "") return result("wrong", "dkim_revoked", records);
  if (p !== publicKey.replace(/\s+/g, "")) return result("wrong", "dkim_key_mismatch", records);
  return result("ok", null, records);
}

/**
 * The DMARC record at `_dmarc.<domain>`: exactly one `v=DMARC1` record with `p=` none,
 * quarantine or reject.
 * @example checkDmarc({ status: "ok", records: ["v=DMARC1; p=reject"] }).policy // "reject"
 */
export function checkDmarc(answer: TxtAnswer): RecordCheck {
  if (answer.status === "error") return result("error", "dns_error", []);
  const dmarc = recordsOf(answer).filter((r) => /^v\s*=\s*DMARC1\s*(?:;|$)/.test(r.trim()));
  if (dmarc.length === 0) return result("missing", "dmarc_none", recordsOf(answer));
  if (dmarc.length > 1) return result("wrong", "dmarc_multiple", dmarc);
  const p = parseTags(dmarc[0]!)?.get("p")?.toLowerCase();
  if (p !== "none" && p !== "quarantine" && p !== "reject") return result("wrong", "dmarc_policy_invalid", dmarc);
  return { ...result("ok", null, dmarc), policy: p };
}

/**
 * A DKIM/DMARC tag list (RFC 6376 §3.2): `tag=value` pairs split by `;`, names case-sensitive,
 * whitespace around them ignored; null when a tag is malformed or repeated.
 * @example parseTags("v=DKIM1; k=rsa; p=MIIB")?.get("k") // "rsa"
 */
export function parseTags(text: string): Map<string, string> | null {
  const tags = new Map<string, string>();
  for (const part of text.split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq === -1) return null;
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || tags.has(name)) return null;
    tags.set(name, part.slice(eq + 1).trim());
  }
  return tags;
}

/** What a domain's last check found, stored as JSON and shown on its page. */
export type DomainCheck = { spf: RecordCheck; dkim: RecordCheck; dmarc: RecordCheck };

/**
 * All three checks from the three answers; the domain is verified when SPF and DKIM are ok
 * (DMARC is recommended, not required to send). When receivers judge SPF at the deployment's
 * bounce domain instead (`spfElsewhere`, domain-records.ts), DKIM alone verifies it; its SPF is
 * still checked and shown.
 * @example evaluateDomain(answers, key, "spf.relay.pe").verified // true
 */
export function evaluateDomain(answers: { spf: TxtAnswer; dkim: TxtAnswer; dmarc: TxtAnswer }, publicKey: string, spfInclude: string | null, spfElsewhere = false): DomainCheck & { verified: boolean } {
  const check = { spf: checkSpf(answers.spf, spfInclude), dkim: checkDkim(answers.dkim, publicKey), dmarc: checkDmarc(answers.dmarc) };
  return { ...check, verified: (spfElsewhere || check.spf.status === "ok") && check.dkim.status === "ok" };
}
