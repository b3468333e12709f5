// Reason severities, labels and the verdict they add up to, including through the real checkers.
import { describe, expect, it } from "vitest";
import { mxReasons } from "../../shared/audience/dns";
import { checkEmail } from "../../shared/audience/email";
import { checkPhone } from "../../shared/audience/phone";
import { type Reason, REASON_CHANNEL, REASON_LABELS, REASON_SEVERITY, verdictOf } from "../../shared/audience/verdict";

describe("REASON_SEVERITY", () => {
  it("makes unreachable contacts invalid and doubtful ones risky", () => {
    expect(REASON_SEVERITY).toEqual({
      email_syntax: "invalid", email_too_long: "invalid", email_typo: "risky", email_disposable: "risky",
      email_role: "risky", mx_none: "invalid", mx_null: "invalid", domain_missing: "invalid", dns_unknown: "risky",
      phone_invalid: "invalid", phone_not_mobile: "invalid", phone_foreign: "risky", suppressed: "invalid", phone_suppressed: "invalid",
    });
  });
});

describe("REASON_LABELS", () => {
  it("labels every reason in Spanish and English, each label distinct", () => {
    const reasons = Object.keys(REASON_SEVERITY) as Reason[];
    expect(Object.keys(REASON_LABELS).sort()).toEqual([...reasons].sort());
    for (const lang of ["es", "en"] as const) {
      const labels = reasons.map((r) => REASON_LABELS[r][lang]);
      expect(new Set(labels).size).toBe(reasons.length);
      for (const label of labels) expect(label.trim().length).toBeGreaterThan(5);
    }
    expect(REASON_LABELS.email_typo).toEqual({ es: "Posible error de escritura en el dominio", en: "Possible typo in the domain" });
  });
});

describe("verdictOf", () => {
  it("is valid with no reasons, risky with only risky ones, invalid as soon as one is invalid", () => {
    expect(verdictOf([], true)).toBe("valid");
    expect(verdictOf([], false)).toBe("valid");
    expect(verdictOf(["email_role"], true)).toBe("risky");
    expect(verdictOf(["email_role", "email_disposable", "dns_unknown"], true)).toBe("risky");
    expect(verdictOf(["suppressed"], true)).toBe("invalid");
    expect(verdictOf(["email_role", "mx_none"], true)).toBe("invalid");
    expect(verdictOf(["mx_none", "email_role"], true)).toBe("invalid");
  });
  it("adds up the checkers' reasons", () => {
    expect(verdictOf(checkEmail("ana.quispe@sunat.gob.pe").reasons, true)).toBe("valid");
    expect(verdictOf(checkEmail("ana@gmial.com").reasons, true)).toBe("risky");
    expect(verdictOf(checkEmail("josé@x.pe").reasons, false)).toBe("invalid");
    expect(verdictOf([...checkEmail("ventas@x.pe").reasons, ...mxReasons("nxdomain")], true)).toBe("invalid");
    expect(verdictOf(checkPhone("987 654 321").reasons, false)).toBe("valid");
    expect(verdictOf(checkPhone("+34 612 345 678").reasons, false)).toBe("risky");
    expect(verdictOf(checkPhone("01 4117000").reasons, false)).toBe("invalid");
  });
});

describe("REASON_CHANNEL", () => {
  it("puts every reason on one channel: the phone ones and phone_suppressed on sms, the rest on email", () => {
    const sms = (Object.keys(REASON_CHANNEL) as Reason[]).filter((r) => REASON_CHANNEL[r] === "sms").sort();
    expect(sms).toEqual(["phone_foreign", "phone_invalid", "phone_not_mobile", "phone_suppressed"]);
    expect(Object.keys(REASON_CHANNEL).sort()).toEqual(Object.keys(REASON_SEVERITY).sort());
  });
});

describe("verdictOf per channel (Ley 32323: an opt-out stops one channel)", () => {
  it("judges a contact with an email on its email alone: a phone suppression or a landline does not make it invalid", () => {
    expect(verdictOf(["phone_suppressed"], true)).toBe("valid");
    expect(verdictOf(["phone_not_mobile", "phone_suppressed"], true)).toBe("valid");
    expect(verdictOf(["phone_foreign"], true)).toBe("valid");
    expect(verdictOf(["email_role", "phone_suppressed"], true)).toBe("risky");
    expect(verdictOf(["phone_suppressed", "suppressed"], true)).toBe("invalid");
  });
  it("judges a contact with only a phone on everything known about it", () => {
    expect(verdictOf(["phone_suppressed"], false)).toBe("invalid");
    expect(verdictOf(["phone_foreign"], false)).toBe("risky");
    expect(verdictOf(["email_syntax"], false)).toBe("invalid");
  });
});
