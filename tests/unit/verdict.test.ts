// Reason severities, labels and the verdict they add up to, including through the real checkers.
import { describe, expect, it } from "vitest";
import { mxReasons } from "../../shared/audience/dns";
import { checkEmail } from "../../shared/audience/email";
import { checkPhone } from "../../shared/audience/phone";
import { type Reason, REASON_LABELS, REASON_SEVERITY, verdictOf } from "../../shared/audience/verdict";

describe("REASON_SEVERITY", () => {
  it("makes unreachable contacts invalid and doubtful ones risky", () => {
    expect(REASON_SEVERITY).toEqual({
      email_syntax: "invalid", email_too_long: "invalid", email_typo: "risky", email_disposable: "risky",
      email_role: "risky", mx_none: "invalid", mx_null: "invalid", domain_missing: "invalid", dns_unknown: "risky",
      phone_invalid: "invalid", phone_not_mobile: "invalid", phone_foreign: "risky", suppressed: "invalid",
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
    expect(verdictOf([])).toBe("valid");
    expect(verdictOf(["email_role"])).toBe("risky");
    expect(verdictOf(["email_role", "email_disposable", "dns_unknown"])).toBe("risky");
    expect(verdictOf(["suppressed"])).toBe("invalid");
    expect(verdictOf(["email_role", "mx_none"])).toBe("invalid");
    expect(verdictOf(["mx_none", "email_role"])).toBe("invalid");
  });
  it("adds up the checkers' reasons", () => {
    expect(verdictOf(checkEmail("ana.quispe@sunat.gob.pe").reasons)).toBe("valid");
    expect(verdictOf(checkEmail("ana@gmial.com").reasons)).toBe("risky");
    expect(verdictOf(checkEmail("josé@x.pe").reasons)).toBe("invalid");
    expect(verdictOf([...checkEmail("ventas@x.pe").reasons, ...mxReasons("nxdomain")])).toBe("invalid");
    expect(verdictOf(checkPhone("987 654 321").reasons)).toBe("valid");
    expect(verdictOf(checkPhone("+34 612 345 678").reasons)).toBe("risky");
    expect(verdictOf(checkPhone("01 4117000").reasons)).toBe("invalid");
  });
});
