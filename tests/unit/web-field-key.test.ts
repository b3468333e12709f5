/** The key a custom field gets from its label (web/src/lib/field-key.ts), always one the API accepts. */
import { describe, expect, it } from "vitest";
import { fieldKeyFrom } from "../../web/src/lib/field-key";

const API_KEY = /^[a-z][a-z0-9_]{0,39}$/;

describe("fieldKeyFrom", () => {
  it("turns Spanish labels into merge-field keys", () => {
    expect(fieldKeyFrom("Vencimiento del registro")).toBe("vencimiento_del_registro");
    expect(fieldKeyFrom("Fecha de vencimiento (RNP)")).toBe("fecha_de_vencimiento_rnp");
    expect(fieldKeyFrom("Año de inscripción")).toBe("ano_de_inscripcion");
    expect(fieldKeyFrom("  RUC  ")).toBe("ruc");
    expect(fieldKeyFrom("2do teléfono")).toBe("do_telefono");
  });
  it("gives a key the API accepts, or nothing when the label has no letters", () => {
    for (const label of ["Vencimiento del registro", "Ñandú çà", "x".repeat(80), "a-b-c", "Ünïcödé ÑAME"]) expect(fieldKeyFrom(label)).toMatch(API_KEY);
    expect(fieldKeyFrom("1234")).toBe("");
    expect(fieldKeyFrom("¿?")).toBe("");
  });
});
