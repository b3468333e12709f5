// Generated cases in this file: 5 properties × CONTACT_RUNS (500) = 2,500 per run.
/**
 * Property-based fuzzing (fast-check) of the checks every imported or submitted phone number and
 * address goes through (audience/phone.ts, audience/email.ts): any cell gives a verdict without
 * throwing, the verdict keeps its documented shape (a normalised value and its reasons, or null
 * with exactly one unusable reason), and a normalised value checks again to itself.
 */
import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { checkEmail } from "../../shared/audience/email";
import { checkPhone, peruvianMobileFastPath } from "../../shared/audience/phone";

/** Runs per property; docs/reliability.md quotes it. */
export const CONTACT_RUNS = 500;

const phoneLike = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.stringMatching(/^(\+?51|0051)?[ .-]?9\d{2}[ .-]?\d{3}[ .-]?\d{3}$/),
  fc.stringMatching(/^\+?[0-9 ().-]{4,20}$/),
  fc.stringMatching(/^\(0\d\) ?\d{3}-?\d{4}$/),
);
const LOCAL_CHARS = "abcXYZ019.!#$%&'*+/=?^_`{|}~-";
const emailLike = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.tuple(
    fc.string({ unit: fc.constantFrom(...LOCAL_CHARS), minLength: 1, maxLength: 20 }),
    fc.array(fc.string({ unit: fc.constantFrom(..."abcñú09-"), minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("pe", "com", "gob.pe", "xn--p1ai", "c"),
    fc.constantFrom("", " ", ";", ",", ".", ">"),
    fc.constantFrom("", "Ana <", "mailto:", " ", "<"),
  ).map(([l, labels, tld, tail, head]) => `${head}${l}@${labels.join(".")}.${tld}${tail}`),
  fc.emailAddress(),
);

describe("fuzz: phone numbers", () => {
  it("checkPhone never throws: E.164 with its reasons, or null with phone_invalid alone", () => {
    fc.assert(
      fc.property(phoneLike, (raw) => {
        const c = checkPhone(raw);
        if (c.phone === null) {
          expect(c).toEqual({ phone: null, type: null, reasons: ["phone_invalid"] });
          return;
        }
        expect(c.phone).toMatch(/^\+[1-9]\d{5,14}$/);
        expect(["MOBILE", "FIXED_LINE", "OTHER"]).toContain(c.type);
        expect(c.reasons.every((r) => r === "phone_foreign" || r === "phone_not_mobile")).toBe(true);
        // The normalised number checks again to itself.
        expect(checkPhone(c.phone).phone).toBe(c.phone);
      }),
      { numRuns: CONTACT_RUNS },
    );
  });

  it("the Peruvian mobile fast path agrees with libphonenumber on every number it accepts", () => {
    fc.assert(
      fc.property(phoneLike, (raw) => {
        const fast = peruvianMobileFastPath(raw);
        if (fast === null) return;
        const full = parsePhoneNumberFromString(raw, "PE");
        expect(full?.number).toBe(fast);
      }),
      { numRuns: CONTACT_RUNS },
    );
  });
});

describe("fuzz: email addresses", () => {
  it("checkEmail never throws: a normalised address and domain, or null with one unusable reason", () => {
    fc.assert(
      fc.property(emailLike, (raw) => {
        const c = checkEmail(raw);
        if (c.email === null) {
          expect(c.domain).toBeNull();
          expect(c.suggestion).toBeNull();
          expect(c.reasons.length).toBe(1);
          expect(["email_syntax", "email_too_long"]).toContain(c.reasons[0]);
          return;
        }
        expect(c.email).toBe(c.email.toLowerCase());
        expect(c.email).toMatch(/^[\x21-\x7e]+$/);
        expect(c.email.split("@").length).toBe(2);
        expect(c.email.endsWith(`@${c.domain}`)).toBe(true);
        expect(c.email.length).toBeLessThanOrEqual(254);
        expect(c.reasons.every((r) => ["email_typo", "email_disposable", "email_role"].includes(r))).toBe(true);
      }),
      { numRuns: CONTACT_RUNS },
    );
  });

  it("a normalised address checks again to itself, with the same reasons", () => {
    fc.assert(
      fc.property(emailLike, (raw) => {
        const c = checkEmail(raw);
        if (c.email === null) return;
        expect(checkEmail(c.email)).toEqual(c);
      }),
      { numRuns: CONTACT_RUNS },
    );
  });

  it("wrapping a valid address as spreadsheets do (spaces, list separators, display name, mailto:) changes nothing", () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.constantFrom("", " ", "  "), fc.constantFrom("", ";", ",", " ,", "."), fc.boolean(), fc.boolean(), (addr, pad, tail, named, mailto) => {
        const c = checkEmail(addr);
        // A sentence-end dot is removed from a bare address only: "Ana <a@x.pe>." stays a syntax error.
        if (c.email === null || (named && tail === ".")) return;
        const inner = `${mailto ? "mailto:" : ""}${addr}`;
        const wrapped = named ? `${pad}Ana Pérez <${inner}>${tail}` : `${pad}${inner}${tail}`;
        expect(checkEmail(wrapped).email).toBe(c.email);
      }),
      { numRuns: CONTACT_RUNS },
    );
  });
});
