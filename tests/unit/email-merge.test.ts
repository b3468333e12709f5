// The merge-field language: parsing, escaping, defaults, es-PE formats and errors with positions.
import { describe, expect, it } from "vitest";
import { compileTemplate, renderTemplate, systemFields, unknownFields } from "../../shared/email/merge";
import type { CompiledTemplate, MergeData } from "../../shared/email/merge";

function compiled(source: string): CompiledTemplate {
  const r = compileTemplate(source);
  if (!r.ok) throw new Error(`did not compile: ${r.error.message}`);
  return r.template;
}

const ANA: MergeData = {
  standard: { firstName: "Ana María", lastName: "Quispe Ñahui", position: "Gerente", company: "Constructora Los Andes S.A.C.", email: "ana@losandes.pe", phone: "+51987654321" },
  custom: { ruc: "20123456789", monto: 1500.25, vence: "2027-03-15", activo: true, nota: "" },
  system: { enlace_baja: "https://t.pregon.pe/u/abc?x=1&y=2", ver_en_web: "https://t.pregon.pe/v/abc", fecha_envio: "15 de marzo de 2027" },
};
const EMPTY: MergeData = { standard: {}, custom: {}, system: {} };

function html(source: string, data: MergeData = ANA): string {
  return renderTemplate(compiled(source), data, "html");
}
function text(source: string, data: MergeData = ANA): string {
  return renderTemplate(compiled(source), data, "text");
}

describe("renderTemplate: fields", () => {
  it("resolves the Spanish names of the standard fields, with or without spaces", () => {
    expect(text("{{nombre}} {{ apellidos }} · {{cargo}} · {{empresa}} · {{correo}} · {{celular}}")).toBe(
      "Ana María Quispe Ñahui · Gerente · Constructora Los Andes S.A.C. · ana@losandes.pe · +51987654321",
    );
    expect(text("{{apellido}}|{{email}}|{{telefono}}")).toBe("Quispe Ñahui|ana@losandes.pe|+51987654321");
  });
  it("matches names without case or accents", () => {
    expect(text("{{Nombre}} {{TELÉFONO}} {{Teléfono}}")).toBe("Ana María +51987654321 +51987654321");
  });
  it("reads custom fields and the system fields the sender provides", () => {
    expect(text("RUC {{ruc}}, {{activo}}; baja: {{enlace_baja}}; web: {{ver_en_web}}; {{fecha_envio}}")).toBe(
      "RUC 20123456789, sí; baja: https://t.pregon.pe/u/abc?x=1&y=2; web: https://t.pregon.pe/v/abc; 15 de marzo de 2027",
    );
  });
  it("renders a missing value with no default as an empty string", () => {
    expect(text("Hola {{nombre}}!", EMPTY)).toBe("Hola !");
    expect(text("[{{nota}}][{{inexistente}}]")).toBe("[][]");
    expect(text("[{{nombre}}]", { standard: { firstName: "   " }, custom: {}, system: {} })).toBe("[]");
    expect(text("[{{nombre}}]", { standard: { firstName: null }, custom: {}, system: {} })).toBe("[]");
  });
  it("never reads inherited object properties as field values", () => {
    expect(text("[{{constructor}}][{{__proto__}}][{{toString}}]")).toBe("[][][]");
    expect(unknownFields(compiled("{{constructor}} {{hasOwnProperty}}"), [])).toEqual(["constructor", "hasownproperty"]);
  });
  it("keeps literal text, line breaks and lone braces as they are", () => {
    expect(text("a } b {c}\n}} d")).toBe("a } b {c}\n}} d");
    expect(compiled("solo texto").fields).toEqual([]);
  });
  it("lists each referenced field once, in canonical form", () => {
    expect(compiled("{{nombre}} {{Nombre}} {{ ruc | numero }} {{{bloque}}} {{enlace_baja}}").fields).toEqual(["nombre", "ruc", "bloque", "enlace_baja"]);
  });
});

describe("renderTemplate: escaping", () => {
  const evil: MergeData = { standard: { firstName: `<script>alert("x")</script>`, company: "Pérez & Hijos 'SAC'" }, custom: { bloque: "<b>Importante</b>" }, system: {} };
  it("escapes values in the HTML context", () => {
    expect(html("<p>Hola {{nombre}}</p>", evil)).toBe("<p>Hola &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
    expect(html(`<td title="{{empresa}}">`, evil)).toBe(`<td title="Pérez &amp; Hijos &#39;SAC&#39;">`);
  });
  it("escapes defaults too in the HTML context", () => {
    expect(html(`{{nombre | "<Proveedor> & socio"}}`, EMPTY)).toBe("&lt;Proveedor&gt; &amp; socio");
  });
  it("does not escape in the text context (subject, text part)", () => {
    expect(text("Hola {{nombre}}", evil)).toBe(`Hola <script>alert("x")</script>`);
  });
  it("inserts triple-brace fields raw, on purpose", () => {
    expect(html("<div>{{{bloque}}}</div>", evil)).toBe("<div><b>Importante</b></div>");
    expect(html("<div>{{bloque}}</div>", evil)).toBe("<div>&lt;b&gt;Importante&lt;/b&gt;</div>");
  });
  it("leaves the template's own HTML alone", () => {
    expect(html(`<a href="{{enlace_baja}}">Darse de baja</a>`)).toBe(`<a href="https://t.pregon.pe/u/abc?x=1&amp;y=2">Darse de baja</a>`);
  });
});

describe("renderTemplate: defaults and filters", () => {
  it("uses a default only when the value is missing", () => {
    expect(text(`Estimado {{nombre | "estimado proveedor"}}`, EMPTY)).toBe("Estimado estimado proveedor");
    expect(text(`Estimado {{nombre | "estimado proveedor"}}`)).toBe("Estimado Ana María");
    expect(text(`{{nota | 'sin nota'}} {{x | “por definir”}}`)).toBe("sin nota por definir");
    expect(text(`{{x | "dice \\"hola\\""}}`)).toBe(`dice "hola"`);
  });
  it("formats dates the Peruvian way", () => {
    expect(text("{{vence | fecha}}")).toBe("15 de marzo de 2027");
    expect(text("{{vence | fecha_corta}}")).toBe("15/03/2027");
    const d = (v: unknown): MergeData => ({ standard: {}, custom: { d: v }, system: {} });
    expect(text("{{d | fecha}}", d("01/09/2026"))).toBe("1 de septiembre de 2026");
    expect(text("{{d | fecha_corta}}", d("1 de setiembre de 2026"))).toBe("01/09/2026");
    // 02:00 UTC on the 16th is still the 15th in Lima (UTC−5).
    expect(text("{{d | fecha}}", d("2027-03-16T02:00:00Z"))).toBe("15 de marzo de 2027");
    expect(text("{{d | fecha}}", d(new Date("2027-12-31T23:00:00-05:00")))).toBe("31 de diciembre de 2027");
    expect(text("{{fecha_envio | fecha_corta}}")).toBe("15/03/2027");
  });
  it("formats numbers and soles with es-PE separators", () => {
    expect(text("{{monto | numero}}")).toBe("1.500,25");
    expect(text("{{monto | moneda}}")).toBe("S/ 1.500,25");
    const n = (v: unknown): MergeData => ({ standard: {}, custom: { n: v }, system: {} });
    expect(text("{{n | numero}}", n(1234567))).toBe("1.234.567");
    expect(text("{{n | moneda}}", n(1234567))).toBe("S/ 1.234.567,00");
    expect(text("{{n | numero}}", n(0.5))).toBe("0,5");
    expect(text("{{n | moneda}}", n(1.005))).toBe("S/ 1,01");
    expect(text("{{n | moneda}}", n(-2500.5))).toBe("S/ -2.500,50");
    expect(text("{{n | moneda}}", n(-0.001))).toBe("S/ 0,00");
    expect(text("{{n | moneda}}", n("1.500,25"))).toBe("S/ 1.500,25");
    expect(text("{{n | moneda}}", n("1500.25"))).toBe("S/ 1.500,25");
    expect(text("{{n | numero}}", n(0))).toBe("0");
  });
  it("upper-cases, Spanish letters included", () => {
    expect(text("{{apellidos | mayusculas}}")).toBe("QUISPE ÑAHUI");
  });
  it("applies steps left to right: a default after a filter covers unreadable values", () => {
    const bad: MergeData = { standard: {}, custom: { monto: "a consultar", vence: "pronto" }, system: {} };
    expect(text(`{{monto | moneda | "monto por confirmar"}}`, bad)).toBe("monto por confirmar");
    expect(text(`{{vence | fecha}}`, bad)).toBe("");
    expect(text(`{{nombre | "proveedor" | mayusculas}}`, EMPTY)).toBe("PROVEEDOR");
    expect(text(`{{nombre | mayusculas | "Proveedor"}}`, EMPTY)).toBe("Proveedor");
    expect(text(`{{vence | "2027-01-05" | fecha}}`, EMPTY)).toBe("5 de enero de 2027");
  });
  it("rejects impossible dates instead of rolling them over", () => {
    expect(text("{{d | fecha}}", { standard: {}, custom: { d: "2027-02-30" }, system: {} })).toBe("");
  });
});

describe("compileTemplate: errors with line and column", () => {
  function error(source: string): unknown {
    const r = compileTemplate(source);
    return r.ok ? null : r.error;
  }
  it("rejects an unknown filter where it is written", () => {
    expect(error("Hola\n  vence el {{vence | fechas}}")).toEqual({
      message: 'Unknown filter "fechas" (filters: fecha, fecha_corta, numero, moneda, mayusculas)', line: 2, column: 22,
    });
  });
  it("rejects an unclosed tag at its opening", () => {
    expect(error("<p>\n<b>{{nombre</b>")).toMatchObject({ line: 2, column: 4 });
    expect(error("{{nombre {{apellido}}")).toMatchObject({ line: 1, column: 1 });
    expect(error("{{{bloque}}")).toMatchObject({ message: '"{{{" is not closed with "}}}"', line: 1, column: 1 });
  });
  it("rejects empty tags, bad names, stray characters and unterminated defaults", () => {
    expect(error("a {{ }}")).toMatchObject({ line: 1, column: 5 });
    expect(error("{{1nombre}}")).toMatchObject({ message: 'Expected a field name but found "1"', column: 3 });
    expect(error("{{nombre apellido}}")).toMatchObject({ line: 1, column: 10 });
    expect(error(`{{nombre | "sin cerrar}}`)).toMatchObject({ message: "Unterminated default: close it with \"", column: 12 });
    expect(error("{{nombre | }}")).toMatchObject({ column: 12 });
    expect(error("{{nombre | fecha(x)}}")).toMatchObject({ column: 17 });
  });
});

describe("unknownFields and systemFields", () => {
  it("names fields that are neither standard, system nor custom", () => {
    const t = compiled("{{nombre}} {{ruc}} {{dni}} {{enlace_baja}} {{ver_en_web}} {{fecha_envio}} {{Región}}");
    expect(unknownFields(t, ["ruc"])).toEqual(["dni", "region"]);
    expect(unknownFields(t, ["ruc", "dni", "region"])).toEqual([]);
  });
  it("fills the system fields with the Peruvian date of sending", () => {
    expect(systemFields({ unsubscribeUrl: "https://a/u/1", webUrl: "https://a/v/1", now: new Date("2027-03-16T03:00:00Z"), share: { url: "https://a/v/p/k", title: "Aviso" } })).toEqual({
      enlace_baja: "https://a/u/1", ver_en_web: "https://a/v/1", fecha_envio: "15 de marzo de 2027",
      // The archive and share links carry the share URL (W6: the archive page or the campaign's contact-free address).
      enlace_archivo: "https://a/v/p/k",
      compartir_facebook: "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa%2Fv%2Fp%2Fk",
      compartir_x: "https://twitter.com/intent/tweet?url=https%3A%2F%2Fa%2Fv%2Fp%2Fk&text=Aviso",
      compartir_linkedin: "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fa%2Fv%2Fp%2Fk",
      compartir_correo: "mailto:?subject=Aviso&body=https%3A%2F%2Fa%2Fv%2Fp%2Fk",
    });
  });
  it("leaves the share fields blank without a share URL, never falling back to the recipient's web version", () => {
    const f = systemFields({ unsubscribeUrl: "https://a/u/1", webUrl: "https://a/v/1", now: new Date("2027-03-16T03:00:00Z") });
    expect(f).toMatchObject({ ver_en_web: "https://a/v/1", enlace_archivo: "", compartir_facebook: "", compartir_x: "", compartir_linkedin: "", compartir_correo: "" });
  });
});
