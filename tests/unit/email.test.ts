// checkEmail, isRoleAccount and suggestDomain on the addresses Peruvian import files really hold.
import { isDisposableEmailDomain } from "disposable-email-domains-js";
import { describe, expect, it } from "vitest";
import { checkEmail, isRoleAccount } from "../../shared/audience/email";
import { boundedDistance, suggestDomain } from "../../shared/audience/typos";

const SYNTAX = { email: null, domain: null, reasons: ["email_syntax"], suggestion: null };
const TOO_LONG = { email: null, domain: null, reasons: ["email_too_long"], suggestion: null };

describe("checkEmail: normal addresses", () => {
  it("accepts Peruvian public and corporate addresses as they are", () => {
    expect(checkEmail("x@sunat.gob.pe")).toEqual({ email: "x@sunat.gob.pe", domain: "sunat.gob.pe", reasons: [], suggestion: null });
    expect(checkEmail("rosa.quispe@pucp.edu.pe")).toEqual({
      email: "rosa.quispe@pucp.edu.pe", domain: "pucp.edu.pe", reasons: [], suggestion: null,
    });
    expect(checkEmail("j.huaman-rojas+boletin@clinica-san-pablo.com.pe").reasons).toEqual([]);
  });
  it("trims and lower-cases the whole address so duplicates collapse", () => {
    expect(checkEmail("ANA@GMAIL.COM ")).toEqual({ email: "ana@gmail.com", domain: "gmail.com", reasons: [], suggestion: null });
    expect(checkEmail("\tMaria.Flores@Hotmail.com\n").email).toBe("maria.flores@hotmail.com");
  });
  it("accepts every RFC 5322 atext character in the local part", () => {
    expect(checkEmail("a!#$%&'*+/=?^_`{|}~-z@x.pe").email).toBe("a!#$%&'*+/=?^_`{|}~-z@x.pe");
  });
});

describe("checkEmail: spreadsheet junk", () => {
  it("strips mailto:, angle brackets, display names and trailing separators", () => {
    expect(checkEmail("mailto:ana@x.pe").email).toBe("ana@x.pe");
    expect(checkEmail("MAILTO:Ana@X.pe").email).toBe("ana@x.pe");
    expect(checkEmail("<ana@x.pe>").email).toBe("ana@x.pe");
    expect(checkEmail('"Pérez, Ana" <Ana@X.pe>;').email).toBe("ana@x.pe");
    expect(checkEmail("Luis Chávez <mailto:luis@x.pe>").email).toBe("luis@x.pe");
    expect(checkEmail("ana@x.pe,").email).toBe("ana@x.pe");
    expect(checkEmail("ana@x.pe ; ").email).toBe("ana@x.pe");
  });
  it("strips one trailing dot, not two", () => {
    expect(checkEmail("ana@gmail.com.")).toEqual({ email: "ana@gmail.com", domain: "gmail.com", reasons: [], suggestion: null });
    expect(checkEmail("ana@gmail.com..")).toEqual(SYNTAX);
  });
  it("rejects two addresses in one cell rather than picking one", () => {
    expect(checkEmail("<ana@x.pe>, <luis@y.pe>")).toEqual(SYNTAX);
    expect(checkEmail("ana@x.pe luis@y.pe")).toEqual(SYNTAX);
  });
});

describe("checkEmail: syntax", () => {
  it.each([
    [""], ["   "], ["ana"], ["ana@"], ["@x.pe"], ["ana@@x.pe"], ["ana@x@y.pe"],
    ["ana..perez@x.pe"], [".ana@x.pe"], ["ana.@x.pe"], ["ana perez@x.pe"], ["ana@x .pe"],
    ['"ana perez"@x.pe'], ["ana@[190.12.1.1]"], ["ana@190.12.1.1"], ["ana@localhost"],
    ["ana@x.p"], ["ana@x.123"], ["ana@ex_ample.pe"], ["ana@-x.pe"], ["ana@x-.pe"], ["ana@x..pe"],
    ["ana@x.pe/ruta"], ["ana@x%2epe"], ["ana(comentario)@x.pe"], ["<ana@x.pe"],
  ])("rejects %j", (raw) => {
    expect(checkEmail(raw)).toEqual(SYNTAX);
  });
  it("rejects a non-ASCII local part (SMTPUTF8), upper- or lower-case", () => {
    expect(checkEmail("josé@minedu.gob.pe")).toEqual(SYNTAX);
    expect(checkEmail("NÚÑEZ@x.pe")).toEqual(SYNTAX);
  });
});

describe("checkEmail: internationalised domains", () => {
  it("punycodes a Unicode domain as the URL API does", () => {
    const expected = new URL("http://ñandú.pe").hostname;
    expect(expected.startsWith("xn--")).toBe(true);
    expect(checkEmail("ana@ñandú.pe")).toEqual({ email: `ana@${expected}`, domain: expected, reasons: [], suggestion: null });
    expect(checkEmail("Ana@ÑANDÚ.PE").domain).toBe(expected);
  });
  it("accepts an IDN top-level domain and an already-punycoded one", () => {
    expect(checkEmail("ana@пример.рф").domain).toBe(new URL("http://пример.рф").hostname);
    expect(checkEmail("ana@xn--and-6ma2c.pe").domain).toBe("xn--and-6ma2c.pe");
  });
});

describe("checkEmail: lengths", () => {
  const label = (c: string, n: number) => c.repeat(n);
  it("allows a 64-octet local part and refuses 65", () => {
    expect(checkEmail(`${label("a", 64)}@x.pe`).reasons).toEqual([]);
    expect(checkEmail(`${label("a", 65)}@x.pe`)).toEqual(TOO_LONG);
  });
  it("allows a 254-octet address and refuses 255", () => {
    const at254 = `${label("a", 64)}@${label("b", 63)}.${label("c", 63)}.${label("d", 58)}.pe`;
    const at255 = `${label("a", 64)}@${label("b", 63)}.${label("c", 63)}.${label("d", 59)}.pe`;
    expect(at254).toHaveLength(254);
    expect(at255).toHaveLength(255);
    expect(checkEmail(at254).email).toBe(at254);
    expect(checkEmail(at255)).toEqual(TOO_LONG);
  });
  it("refuses a 64-octet domain label and a huge cell", () => {
    expect(checkEmail(`ana@${label("b", 63)}.pe`).reasons).toEqual([]);
    expect(checkEmail(`ana@${label("b", 64)}.pe`)).toEqual(TOO_LONG);
    expect(checkEmail(`ana@x.pe${" ".repeat(600)}`)).toEqual(TOO_LONG);
  });
});

describe("checkEmail: risky addresses", () => {
  it.each([
    ["ana@gmial.com", "ana@gmail.com"],
    ["ana@hotmial.com", "ana@hotmail.com"],
    ["ana@outlok.com", "ana@outlook.com"],
    ["ana@yahooo.es", "ana@yahoo.es"],
    ["ana@gmail.con", "ana@gmail.com"],
    ["ana@gmail.com.pe", "ana@gmail.com"],
    ["ana@hotmial.es", "ana@hotmail.es"],
    ["Ana@GMAIL.CMO", "ana@gmail.com"],
  ])("suggests a fix for %s but keeps what was typed", (raw, suggestion) => {
    const check = checkEmail(raw);
    expect(check.reasons).toContain("email_typo");
    expect(check.suggestion).toBe(suggestion);
    expect(check.email).toBe(raw.toLowerCase());
  });
  it("flags disposable domains from the maintained list, subdomains included", () => {
    expect(isDisposableEmailDomain("mailinator.com")).toBe(true);
    expect(isDisposableEmailDomain("10minutemail.com")).toBe(true);
    expect(checkEmail("ana@mailinator.com").reasons).toEqual(["email_disposable"]);
    expect(checkEmail("ana@10minutemail.com").reasons).toEqual(["email_disposable"]);
    expect(checkEmail("ana@inbox.mailinator.com").reasons).toEqual(["email_disposable"]);
    expect(checkEmail("ana@gmail.com").reasons).toEqual([]);
  });
  it("flags role accounts and combines reasons in a fixed order", () => {
    expect(checkEmail("ventas@empresa.com.pe").reasons).toEqual(["email_role"]);
    expect(checkEmail("Mesa.De.Partes@muniLima.gob.pe").reasons).toEqual(["email_role"]);
    expect(checkEmail("Ventas <info@gmail.con>;")).toEqual({
      email: "info@gmail.con", domain: "gmail.con", reasons: ["email_typo", "email_role"], suggestion: "info@gmail.com",
    });
    expect(checkEmail("admin@mailinator.com").reasons).toEqual(["email_disposable", "email_role"]);
  });
});

describe("isRoleAccount", () => {
  it.each([
    "info", "admin", "ventas", "contacto", "soporte", "rrhh", "facturacion", "webmaster", "postmaster",
    "noreply", "no-reply", "no_reply", "compras", "gerencia", "administracion", "mesadepartes", "mesa.de.partes",
    "tesoreria", "logistica", "contabilidad", "sales", "support", "INFO", "ventas2", "info+web", "transparencia",
  ])("%s is a role", (local) => {
    expect(isRoleAccount(local)).toBe(true);
  });
  it.each(["ana", "ana.perez", "jquispe", "informatica.juan", "ventasana", "rosa.info", "luis2024"])("%s is a person", (local) => {
    expect(isRoleAccount(local)).toBe(false);
  });
});

describe("suggestDomain", () => {
  it.each([
    ["gmial.com", "gmail.com"], ["gamil.com", "gmail.com"], ["gmai.com", "gmail.com"], ["gmial.con", "gmail.com"],
    ["gmail.es", "gmail.com"], ["gmail.co", "gmail.com"], ["hotmail.om", "hotmail.com"], ["yaho.com", "yahoo.com"],
    ["hotmail.ess", "hotmail.es"], ["outlook.con", "outlook.com"], ["icloud.co", "icloud.com"], ["lve.com", "live.com"],
    ["mns.com", "msn.com"],
  ])("%s → %s", (domain, expected) => {
    expect(suggestDomain(domain)).toBe(expected);
  });
  it.each([
    "gmail.com", "hotmail.com", "hotmail.es", "outlook.es", "yahoo.es", "live.com", "msn.com", "ymail.com",
    "mail.com", "love.com", "cloud.com", "hotmail.fr", "live.cl", "yahoo.com.pe", "sunat.gob.pe", "pucp.edu.pe",
    "bcp.com.pe", "upc.pe", "usa.com", "mtv.com",
  ])("leaves %s alone", (domain) => {
    expect(suggestDomain(domain)).toBeNull();
  });
  it("measures adjacent swaps as one edit and stops past the bound", () => {
    expect(boundedDistance("gmial.com", "gmail.com", 2)).toBe(1);
    expect(boundedDistance("gmial.con", "gmail.com", 2)).toBe(2);
    expect(boundedDistance("sunat.gob.pe", "gmail.com", 2)).toBe(3);
    expect(boundedDistance("abc", "abc", 0)).toBe(0);
  });
});
