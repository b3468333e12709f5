import { describe, expect, it } from "vitest";
import { checkSmsText, DEFAULT_SEGMENT_POLICY, MAX_SEGMENTS } from "../../shared/sms/send-checks";
import { isHeaderRow, portabilityRow } from "../../shared/sms/portability";
import { toBold } from "../../shared/sms/bold";

const verdict = (r: ReturnType<typeof checkSmsText>) => (r.ok ? ["ok", r.analysis.segments] : [r.code, r.reason]);

describe("checkSmsText", () => {
  it("takes one segment under every policy", () => {
    for (const policy of ["enforce", "confirm", "allow"] as const) expect(verdict(checkSmsText("x".repeat(160), policy, false))).toEqual(["ok", 1]);
  });
  it("applies the policy past one segment, counting as the splitter does", () => {
    const bold = toBold("Convocatoria ") + "x".repeat(50);
    expect(verdict(checkSmsText(bold, "enforce", true))).toEqual(["single_segment_only", "is 2 segments (UCS-2); this account sends single-segment messages only (70 characters)"]);
    expect(verdict(checkSmsText(bold, "confirm", false))).toEqual(["confirm_segments", "is 2 segments: confirm sending more than one (confirmMultipart: true)"]);
    expect(verdict(checkSmsText(bold, "confirm", true))).toEqual(["ok", 2]);
    expect(verdict(checkSmsText(bold, "allow", false))).toEqual(["ok", 2]);
    expect(DEFAULT_SEGMENT_POLICY).toBe("confirm");
  });
  it("caps at MAX_SEGMENTS and refuses empty text", () => {
    expect(MAX_SEGMENTS).toBe(10);
    expect(verdict(checkSmsText("a".repeat(1530), "allow", false))).toEqual(["ok", 10]);
    expect(verdict(checkSmsText("a".repeat(1531), "allow", false))).toEqual(["too_many_segments", "is 11 segments (GSM-7); at most 10 are allowed"]);
    expect(verdict(checkSmsText(" \n ", "allow", false))).toEqual(["empty_text", "must not be empty"]);
    expect(verdict(checkSmsText("", "allow", false))).toEqual(["empty_text", "must not be empty"]);
  });
});

describe("portabilityRow", () => {
  it("normalises the number and the operator", () => {
    expect(portabilityRow(["987 654 321", "Claro"])).toEqual({ ok: true, number: "+51987654321", operator: "claro" });
    expect(portabilityRow(["0051-912-345-678", " telefonica ", "extra"])).toEqual({ ok: true, number: "+51912345678", operator: "movistar" });
  });
  it("says why a row is refused", () => {
    expect(portabilityRow(["", "claro"])).toEqual({ ok: false, reason: "number missing" });
    expect(portabilityRow(["987654321"])).toEqual({ ok: false, reason: "operator missing" });
    expect(portabilityRow(["(01) 411-7000", "movistar"])).toEqual({ ok: false, reason: "not a mobile number: (01) 411-7000" });
    expect(portabilityRow(["+1 202 555 0142", "claro"])).toEqual({ ok: false, reason: "not a Peruvian number: +1 202 555 0142" });
    expect(portabilityRow(["abc", "claro"])).toEqual({ ok: false, reason: "not a phone number: abc" });
    expect(portabilityRow(["987654321", "Tigo"])).toEqual({ ok: false, reason: "unknown operator: Tigo (use claro, movistar, entel, bitel or other)" });
  });
  it("tells a header from data", () => {
    expect(isHeaderRow(["Número", "Operador"])).toBe(true);
    expect(isHeaderRow(["number", "operator"])).toBe(true);
    expect(isHeaderRow(["987654321", "claro"])).toBe(false);
    expect(isHeaderRow(["", "claro"])).toBe(false);
  });
});
