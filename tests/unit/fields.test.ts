import { describe, expect, it } from "vitest";
import { coerceField } from "../../shared/audience/fields";

describe("coerceField", () => {
  it("reads numbers as es-PE writes them, and plain ones", () => {
    expect(coerceField("number", "1.500,25")).toEqual({ ok: true, value: 1500.25 });
    expect(coerceField("number", "12,5")).toEqual({ ok: true, value: 12.5 });
    expect(coerceField("number", "1500.25")).toEqual({ ok: true, value: 1500.25 });
    expect(coerceField("number", 7)).toEqual({ ok: true, value: 7 });
    expect(coerceField("number", "doce")).toMatchObject({ ok: false });
  });
  it("reads dates as YYYY-MM-DD or DD/MM/YYYY and refuses impossible ones", () => {
    expect(coerceField("date", "2027-03-01")).toEqual({ ok: true, value: "2027-03-01" });
    expect(coerceField("date", "1/3/2027")).toEqual({ ok: true, value: "2027-03-01" });
    expect(coerceField("date", "2027-02-30")).toEqual({ ok: false, message: "is not a real date" });
    expect(coerceField("date", 20270301)).toMatchObject({ ok: false });
  });
  it("reads booleans in Spanish and English, and empties as null", () => {
    expect(coerceField("boolean", "Sí")).toEqual({ ok: true, value: true });
    expect(coerceField("boolean", "no")).toEqual({ ok: true, value: false });
    expect(coerceField("boolean", "quizá")).toMatchObject({ ok: false });
    expect(coerceField("text", "")).toEqual({ ok: true, value: null });
  });
});
