/**
 * Email address cleaning for imports: one pass per address that strips the usual spreadsheet
 * junk, checks syntax and lengths, normalises to one form (so duplicates collapse) and flags
 * what makes an address risky (role mailbox, disposable domain, likely typo). It runs for up to
 * a million rows per import, so it uses precompiled regexes and Set lookups, allocates little
 * and keeps no cache. DNS checks are separate (see dns.ts): they are per domain, not per row.
 */
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";
import { isRoleAccount } from "./roles";
import { suggestDomain } from "./typos";
import type { Reason } from "./verdict";

export { isRoleAccount } from "./roles";

export type EmailCheck = {
  /**
   * Normalised address, or null when unusable: trimmed, junk removed, domain lower-cased and
   * punycoded (IDN), and the local part lower-cased as well. RFC 5321 lets the local part be
   * case-sensitive, but practically every mailbox provider ignores case, and deduplication
   * needs exactly one form per mailbox.
   */
  email: string | null;
  /** Punycoded, lower-case domain, or null when the address is unusable. */
  domain: string | null;
  /** Empty for a clean address; in the order email_typo, email_disposable, email_role. */
  reasons: Reason[];
  /** The address with the likely-meant domain ("ana@gmail.com" for "ana@gmial.com"); never applied. */
  suggestion: string | null;
};

// Built once. The package's own isDisposableEmailDomain() rebuilds this ~9,000-entry Set on
// every call, which would cap an import at a few thousand rows per second.
const DISPOSABLE: ReadonlySet<string> = disposableEmailBlocklistSet();

// Dot-atom local part (RFC 5322 §3.2.3), tested after lower-casing. Quoted local parts
// ("ana perez"@x.pe) are legal but for campaigns they are almost always pasting mistakes, and
// many senders and relays mishandle them, so they fail here as email_syntax. Non-ASCII (SMTPUTF8,
// RFC 6531) fails too: relays along the way often refuse it, and the bounce comes back late.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Host name with at least one dot; the top-level label is letters or an IDN ("xn--…"). IP
// literals (ana@[10.0.0.1]) and bare IPs therefore fail: no list address legitimately uses one.
const DOMAIN = /^(?:[a-z0-9]+(?:-+[a-z0-9]+)*\.)+(?:[a-z]{2,63}|xn--[a-z0-9]+(?:-+[a-z0-9]+)*)$/;
// What may reach the URL parser for IDNA conversion; anything else (%, /, :, spaces) would be
// reinterpreted by it instead of rejected.
const IDN_CANDIDATE = /^(?:[a-z0-9.-]|[^\x00-\x7f])+$/;
const NON_ASCII = /[^\x00-\x7f]/;
const LONG_LABEL = /[^.]{64}/;
const MAILTO = /^mailto:/i;

/** A guard, far above the 254-octet limit, that keeps huge cells from reaching the regexes. */
const MAX_INPUT = 512;

function unusable(reason: Reason): EmailCheck {
  return { email: null, domain: null, reasons: [reason], suggestion: null };
}

/**
 * Remove what spreadsheets and copy-paste add around an address: surrounding spaces, trailing
 * commas and semicolons (list separators), a display name with angle brackets, "mailto:", and
 * one trailing dot (sentence end, or the root in "gmail.com."). Anything odder is left in place
 * for the syntax check to reject, rather than guessed at.
 */
function unwrap(raw: string): string {
  let s = raw.trim();
  let end = s.length;
  for (let c = s.charCodeAt(end - 1); c === 44 || c === 59 || c === 32 || c === 9; ) {
    c = s.charCodeAt(--end - 1);
  }
  if (end < s.length) s = s.slice(0, end);
  if (s.charCodeAt(s.length - 1) === 62 /* > */) {
    // "Ana Pérez <ana@x.pe>": keep what is between the first "<" and the final ">". With two
    // addresses in one cell ("<a@x.pe>, <b@y.pe>") that span holds brackets and fails the
    // syntax check, as it should: we cannot know which one is meant.
    const open = s.indexOf("<");
    if (open >= 0) {
      s = s.slice(open + 1, -1).trim();
    }
  }
  if (MAILTO.test(s)) s = s.slice(7);
  if (s.charCodeAt(s.length - 1) === 46 /* . */) s = s.slice(0, -1);
  return s;
}

/** Lower-case ASCII form of an internationalised domain ("ñandú.pe" → "xn--and-6ma2c.pe"), or null. */
function toAsciiDomain(domain: string): string | null {
  if (!NON_ASCII.test(domain) || !IDN_CANDIDATE.test(domain)) return null;
  try {
    // The WHATWG URL parser applies UTS #46 (IDNA) mapping and punycode in every runtime we use.
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}

/** Whether the domain or one of its parents is a known disposable-mail domain. */
function isDisposable(domain: string): boolean {
  let d = domain;
  for (;;) {
    if (DISPOSABLE.has(d)) return true;
    const dot = d.indexOf(".");
    // Stop before a bare TLD: "x.mailinator.com" checks itself and "mailinator.com" only.
    if (d.indexOf(".", dot + 1) < 0) return false;
    d = d.slice(dot + 1);
  }
}

/**
 * Clean and check one address as typed in an import.
 * @example checkEmail(" ANA@GMAIL.COM ") // { email: "ana@gmail.com", domain: "gmail.com", reasons: [], suggestion: null }
 * @example checkEmail("Ventas <ventas@gmial.com>;").reasons // ["email_typo", "email_role"]
 * @example checkEmail("josé@x.pe").reasons // ["email_syntax"]
 */
export function checkEmail(raw: string): EmailCheck {
  if (raw.length > MAX_INPUT) return unusable("email_too_long");
  // Lower-case first and find "@" afterwards: lower-casing a few non-ASCII letters changes length.
  const lower = unwrap(raw).toLowerCase();
  const at = lower.indexOf("@");
  if (at <= 0 || lower.indexOf("@", at + 1) >= 0) return unusable("email_syntax");
  const local = lower.slice(0, at);
  if (!LOCAL.test(local)) return unusable("email_syntax");
  let domain = lower.slice(at + 1);
  let email = lower;
  if (!DOMAIN.test(domain)) {
    const ascii = toAsciiDomain(domain);
    if (ascii === null || !DOMAIN.test(ascii)) return unusable("email_syntax");
    domain = ascii;
    email = `${local}@${domain}`;
  }
  // RFC 5321 §4.5.3.1: local part ≤ 64 octets, domain ≤ 255 (253 without the root dot),
  // labels ≤ 63, and a path of 256 octets leaves 254 for the address between its brackets.
  if (local.length > 64 || domain.length > 253 || email.length > 254 || LONG_LABEL.test(domain)) {
    return unusable("email_too_long");
  }

  const reasons: Reason[] = [];
  const suggested = suggestDomain(domain);
  if (suggested !== null) reasons.push("email_typo");
  if (isDisposable(domain)) reasons.push("email_disposable");
  if (isRoleAccount(local)) reasons.push("email_role");
  return { email, domain, reasons, suggestion: suggested === null ? null : `${local}@${suggested}` };
}
