import { describe, expect, it } from "vitest";
import { dedupeKey, rowToContact } from "../../shared/import/rows";
import { rejectReasonEs } from "../../shared/import/reasons";
import type { Mapping } from "../../shared/import/mapping";

const mapping: Mapping = ["email", "phone", "firstName", "custom:ruc", null];

describe("rowToContact", () => {
  it("cleans a good row into a candidate with its custom fields", () => {
    const r = rowToContact({ line: 2, fields: [" Ana@Gmail.com ", "987 654 321", "Ana", "20123456789", "ignorado"] }, mapping, 5);
    expect(r).toEqual({
      ok: true,
      contact: expect.objectContaining({ line: 2, email: "ana@gmail.com", domain: "gmail.com", phone: "+51987654321", firstName: "Ana", fields: { ruc: "20123456789" }, verdict: "valid", reasons: [] }),
    });
  });
  it("keeps a row whose email is bad but whose phone is good, without the email", () => {
    const r = rowToContact({ line: 3, fields: ["no-es-correo", "987654321", "", "", ""] }, mapping, 5);
    expect(r).toMatchObject({ ok: true, contact: { email: null, phone: "+51987654321", reasons: ["email_syntax"], verdict: "invalid" } });
  });
  it("judges a row with a good email on its email: a landline or a bad phone is recorded but keeps it valid", () => {
    const landline = rowToContact({ line: 4, fields: ["ana@gmail.com", "(01) 411-7000", "", "", ""] }, mapping, 5);
    expect(landline).toMatchObject({ ok: true, contact: { email: "ana@gmail.com", phone: "+5114117000", reasons: ["phone_not_mobile"], verdict: "valid" } });
    const bad = rowToContact({ line: 5, fields: ["ventas@empresa.pe", "12", "", "", ""] }, mapping, 5);
    expect(bad).toMatchObject({ ok: true, contact: { phone: null, reasons: ["email_role", "phone_invalid"], verdict: "risky" } });
  });
  it("rejects rows with nothing reachable, the wrong width, or a broken quote", () => {
    expect(rowToContact({ line: 4, fields: ["", "", "Ana", "", ""] }, mapping, 5)).toEqual({ ok: false, line: 4, reason: "no email or phone" });
    expect(rowToContact({ line: 5, fields: ["x@y.pe"] }, mapping, 5)).toEqual({ ok: false, line: 5, reason: "expected 5 columns, found 1" });
    expect(rowToContact({ line: 6, fields: ["mal", "12", "", "", ""] }, mapping, 5)).toEqual({ ok: false, line: 6, reason: "invalid email (email_syntax, phone_invalid)" });
    expect(rowToContact({ line: 7, fields: [], error: "unterminated_quote" }, mapping, 5)).toEqual({ ok: false, line: 7, reason: "unterminated quoted field" });
  });
  it("dedupes by email, or by phone when there is no email", () => {
    expect(dedupeKey({ email: "a@b.pe", phone: "+51987654321" })).toBe("a@b.pe");
    expect(dedupeKey({ email: null, phone: "+51987654321" })).toBe("tel:+51987654321");
  });
});

describe("rejectReasonEs", () => {
  it("speaks Spanish to the people who download the report", () => {
    expect(rejectReasonEs("expected 5 columns, found 1")).toBe("se esperaban 5 columnas y la fila tiene 1");
    expect(rejectReasonEs("duplicate of line 12")).toBe("duplicado de la línea 12");
    expect(rejectReasonEs("invalid email (email_syntax, phone_invalid)")).toBe("correo no válido (Dirección de correo mal escrita, Número de teléfono no válido)");
    expect(rejectReasonEs("something new")).toBe("something new");
  });
});
