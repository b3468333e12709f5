// checkPhone on the shapes Peruvian lists hold, and the fast path held to libphonenumber-js.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { checkPhone, peruvianMobileFastPath } from "../../shared/audience/phone";

const MOBILE = { phone: "+51987654321", type: "MOBILE", reasons: [] };
const INVALID = { phone: null, type: null, reasons: ["phone_invalid"] };

describe("checkPhone: Peruvian mobiles", () => {
  it.each([
    "987654321", "987 654 321", "987-654-321", "987.654.321", "+51 987-654-321", "+51987654321",
    "51987654321", "51 987 654 321", "0051987654321", "0051 987 654 321", "(+51) 987 654 321",
    " 987654321 ", "+51 (987) 654-321", "987\u00a0654\u00a0321",
  ])("%j", (raw) => {
    expect(checkPhone(raw)).toEqual(MOBILE);
  });
  it("also takes mobiles in shapes only the full parser understands", () => {
    expect(peruvianMobileFastPath("tel: 987654321")).toBeNull();
    expect(checkPhone("tel: 987654321")).toEqual(MOBILE);
    expect(checkPhone("+51 987654321 anexo 12")).toEqual(MOBILE);
    expect(checkPhone("９８７６５４３２１")).toEqual(MOBILE);
  });
});

describe("checkPhone: not SMS-able, foreign, garbage", () => {
  it("normalises landlines and refuses them for SMS", () => {
    const lima = { phone: "+5114117000", type: "FIXED_LINE", reasons: ["phone_not_mobile"] };
    expect(checkPhone("01 4117000")).toEqual(lima);
    expect(checkPhone("(01) 411-7000")).toEqual(lima);
    expect(checkPhone("+51 1 411 7000")).toEqual(lima);
    expect(checkPhone("(044) 234567")).toEqual({ phone: "+5144234567", type: "FIXED_LINE", reasons: ["phone_not_mobile"] });
  });
  it("refuses toll-free numbers as OTHER", () => {
    expect(checkPhone("0800 12345")).toEqual({ phone: "+5180012345", type: "OTHER", reasons: ["phone_not_mobile"] });
  });
  it("flags valid foreign numbers, and foreign landlines as both", () => {
    // US numbers are FIXED_LINE_OR_MOBILE: not refused, reported as OTHER.
    expect(checkPhone("+1 202 555 0142")).toEqual({ phone: "+12025550142", type: "OTHER", reasons: ["phone_foreign"] });
    expect(checkPhone("+34 612 345 678")).toEqual({ phone: "+34612345678", type: "MOBILE", reasons: ["phone_foreign"] });
    expect(checkPhone("0034 612 345 678")).toEqual({ phone: "+34612345678", type: "MOBILE", reasons: ["phone_foreign"] });
    expect(checkPhone("+44 20 7946 0958")).toEqual({
      phone: "+442079460958", type: "FIXED_LINE", reasons: ["phone_foreign", "phone_not_mobile"],
    });
  });
  it.each([
    "", "abc", "123", "98765432", "9876543210", "12025550142", "987654321 / 912345678", "+51 887 654 321",
    `987654321${" ".repeat(100)}`,
  ])("%j is invalid", (raw) => {
    expect(checkPhone(raw)).toEqual(INVALID);
  });
});

describe("peruvianMobileFastPath agrees with libphonenumber-js", () => {
  // Deterministic generator so a failure can be reproduced.
  let seed = 20_240_501;
  const rnd = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed % n;
  };
  const digits = (n: number) => Array.from({ length: n }, () => String(rnd(10))).join("");
  const prefixes = ["", "", "+51", "+51 ", "51", "51 ", "0051", "0051 ", "(+51) ", "+51-", "(51)"];
  const seps = ["", " ", "-", ".", "  ", " - "];
  const shape = (national: string) => {
    const sep = seps[rnd(seps.length)]!;
    const groups = rnd(2) === 0 ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)] : [national];
    const body = rnd(5) === 0 ? `(${national.slice(0, 3)}) ${national.slice(3)}` : groups.join(sep);
    return `${prefixes[rnd(prefixes.length)]}${body}`;
  };

  it("on 400 generated mobiles: same E.164, and the parser calls each one MOBILE", () => {
    for (let i = 0; i < 400; i++) {
      const raw = shape(`9${digits(8)}`);
      const fast = peruvianMobileFastPath(raw);
      const parsed = parsePhoneNumberFromString(raw, "PE");
      expect(fast, raw).not.toBeNull();
      expect(parsed?.number, raw).toBe(fast);
      expect(parsed?.getType(), raw).toBe("MOBILE");
    }
  });
  it("on 400 generated non-mobiles: the fast path declines them all", () => {
    for (let i = 0; i < 400; i++) {
      const first = String(1 + rnd(8)); // 1–8: landlines, toll-free and unassigned ranges
      const raw = shape(`${first}${digits(rnd(3) + 7)}`);
      expect(peruvianMobileFastPath(raw), raw).toBeNull();
      expect(parsePhoneNumberFromString(raw, "PE")?.getType(), raw).not.toBe("MOBILE");
    }
  });
});
