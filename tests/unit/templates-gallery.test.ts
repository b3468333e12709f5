// The gallery compiled for real with mjml-browser: strict validation, size, the links the law
// requires, merge tags intact, and a readable text version.
import { registerHooks } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { MjmlResult } from "mjml-browser";
import { compileTemplate } from "../../shared/email/merge";
import { applyBranding, DEFAULT_BRANDING, GALLERY, galleryTemplate, type Branding } from "../../shared/templates/gallery/index";
import { htmlToText } from "../../shared/templates/text";

// mjml-browser 5.4.1 requires "cheerio" at load time without depending on it; point it at the
// stub the Worker's bundle uses (wrangler.toml [alias], shared/templates/cheerio-stub.cjs).
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "cheerio" ? { url: new URL("../../shared/templates/cheerio-stub.cjs", import.meta.url).href, shortCircuit: true } : next(specifier, context),
});
let mjml2html: (typeof import("mjml-browser"))["default"];
beforeAll(async () => {
  mjml2html = (await import("mjml-browser")).default;
});

const WITH_LOGO: Branding = {
  logoUrl: "https://cdn.ejemplo.gob.pe/logo.png",
  primaryColor: "#0b6e4f",
  secondaryColor: "#c2410c",
  organisation: "Registro Nacional de Proveedores",
  address: "Av. Ejemplo 456, San Isidro, Lima",
  website: "https://www.ejemplo.gob.pe/",
};

const compile = (t: (typeof GALLERY)[number], b: Branding): Promise<MjmlResult> => mjml2html(applyBranding(t.mjml, b), { validationLevel: "strict" });

describe("the gallery", () => {
  it("has the six templates, in Spanish, each with its subject and preheader", () => {
    expect(GALLERY.map((t) => t.key)).toEqual(["newsletter", "announcement", "event", "deadline", "notice", "letter"]);
    expect(GALLERY.map((t) => t.name)).toEqual(["Boletín", "Comunicado", "Invitación a evento", "Recordatorio de plazo", "Aviso institucional", "Carta"]);
    for (const t of GALLERY) {
      expect(t.description).not.toContain("\n");
      expect(t.subject.length).toBeLessThanOrEqual(80);
      expect(t.preheader.length).toBeGreaterThan(40);
      expect(t.mjml).toContain(`<mj-preview>${t.preheader}</mj-preview>`);
      expect(t.mjml).toContain('<mjml lang="es" dir="ltr">');
    }
    expect(galleryTemplate("deadline")?.mjml).toContain("vence el <span");
    expect(galleryTemplate("nope")).toBeNull();
  });

  it("uses merge fields naturally", () => {
    const all = GALLERY.map((t) => t.mjml).join("");
    expect(all).toContain('{{nombre | "estimado proveedor"}}');
    expect(all).toContain('{{empresa | "su empresa"}}');
    expect(galleryTemplate("deadline")?.mjml).toContain("{{vence | fecha}}");
    expect(galleryTemplate("deadline")?.subject).toBe("Recordatorio: su inscripción en el registro vence el {{vence | fecha}}");
  });

  it("speaks the merge engine's language: every tag parses, and only expected fields are used", () => {
    const used = new Set<string>();
    for (const t of GALLERY) {
      for (const source of [t.mjml, t.subject, t.preheader]) {
        const c = compileTemplate(source);
        expect(c.ok, `${t.key}: ${c.ok ? "" : c.error.message}`).toBe(true);
        if (c.ok) for (const f of c.template.fields) used.add(f);
      }
    }
    expect([...used].sort()).toEqual(["compartir_correo", "compartir_facebook", "compartir_linkedin", "compartir_x", "empresa", "enlace_baja", "fecha_envio", "nombre", "ruc", "vence", "ver_en_web"]);
  });

  for (const t of GALLERY) {
    describe(t.key, () => {
      it("compiles with no errors at strict validation, with and without a logo, in 10–40 KB", async () => {
        for (const b of [DEFAULT_BRANDING, WITH_LOGO]) {
          const r = await compile(t, b);
          expect(r.errors).toEqual([]);
          expect(r.html.length).toBeGreaterThan(10_000);
          expect(r.html.length).toBeLessThan(40_000);
          expect(r.html).not.toMatch(/\[\[|<\/?mj-/); // every token, marker and MJML tag is gone
          expect(r.html).toContain('<html lang="es" dir="ltr"');
          expect(r.html).not.toContain("fonts.googleapis.com");
        }
      });

      it("carries the sender's identity, the opt-out and the web version, with merge tags intact", async () => {
        const r = await compile(t, WITH_LOGO);
        expect(r.html).toContain('href="{{enlace_baja}}"');
        expect(r.html).toContain('href="{{ver_en_web}}"');
        // W6: the footer's share links, filled per message with the archive page or the web version.
        for (const f of ["compartir_facebook", "compartir_x", "compartir_linkedin", "compartir_correo"]) expect(r.html).toContain(`href="{{${f}}}"`);
        expect(r.html).toContain("Registro Nacional de Proveedores");
        expect(r.html).toContain("Av. Ejemplo 456, San Isidro, Lima");
        expect(r.html).toContain('href="https://www.ejemplo.gob.pe/"');
        expect(r.html).toMatch(/<img\s+alt="Registro Nacional de Proveedores" src="https:\/\/cdn.ejemplo.gob.pe\/logo.png"/);
        const tags = (s: string) => [...s.matchAll(/\{\{[^}]*\}\}/g)].map((m) => m[0]).sort();
        expect(tags(r.html)).toEqual(tags(applyBranding(t.mjml, WITH_LOGO)));
        expect(r.html).toContain(t.preheader);
      });

      it("without a logo, shows the organisation's name as the header", async () => {
        const r = await compile(t, DEFAULT_BRANDING);
        expect(r.html).not.toContain("<img");
        expect(r.html).toMatch(/color:#1d4e89;"\s*>Mi organización<\/div>/);
        expect(r.html).not.toContain("www.ejemplo.gob.pe/\""); // no website, no website link
      });

      it("gives a readable text version with the links listed", async () => {
        const text = htmlToText((await compile(t, WITH_LOGO)).html);
        expect(text).not.toMatch(/<[a-z/!]|&[a-z]+;|&#\d+;/i);
        expect(text).not.toContain(t.preheader); // hidden preheader dropped
        expect(text).toContain("Ver este correo en el navegador ({{ver_en_web}})");
        expect(text).toContain("Darse de baja de estos correos ({{enlace_baja}})");
        expect(text).toContain("Registro Nacional de Proveedores\nAv. Ejemplo 456, San Isidro, Lima\nhttps://www.ejemplo.gob.pe/");
        expect(text).toMatch(/[áéíóúñ]/);
        for (const line of text.split("\n")) if (!/https?:\/\/|\{\{/.test(line)) expect(line.length).toBeLessThanOrEqual(78);
        expect(text).not.toMatch(/\n\n\n/);
      });
    });
  }

  it("mjml-browser 5 compiles asynchronously, and <mj-html-attributes> meets the cheerio stub", async () => {
    const pending = mjml2html('<mjml lang="es"><mj-body><mj-section><mj-column><mj-text>{{nombre}}</mj-text></mj-column></mj-section></mj-body></mjml>');
    expect(pending).toBeInstanceOf(Promise);
    expect((await pending).html).toContain("{{nombre}}");
    const withAttributes = '<mjml><mj-head><mj-html-attributes><mj-selector path="p"><mj-html-attribute name="x">y</mj-html-attribute></mj-selector></mj-html-attributes></mj-head><mj-body></mj-body></mjml>';
    await expect(mjml2html(withAttributes)).rejects.toThrow("<mj-html-attributes> is not supported");
  });

  it("keeps quoted hrefs and merge tags when minified", async () => {
    const t = galleryTemplate("newsletter")!;
    const r = await mjml2html(applyBranding(t.mjml, WITH_LOGO), { validationLevel: "strict", minify: true });
    expect(r.html).toContain('href="{{ver_en_web}}"');
    expect(r.html).toContain('href="{{enlace_baja}}"');
    expect(r.html).toContain('{{nombre | "estimado proveedor"}}');
    expect(htmlToText(r.html)).toBe(htmlToText((await compile(t, WITH_LOGO)).html));
  });

  it("keeps a hostile organisation name inert through compilation", async () => {
    const evil: Branding = { ...WITH_LOGO, organisation: '<script>alert("x")</script> {{email}}', primaryColor: "red;background:url(x)" };
    const r = await compile(galleryTemplate("announcement")!, evil);
    expect(r.errors).toEqual([]);
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#123;&#123;email&#125;&#125;");
    expect(r.html).not.toContain("{{email}}");
    expect(r.html).not.toContain("url(x)");
    expect(r.html).toContain("border-top:6px solid #1d4e89"); // the bad colour fell back to the default
  });

  it("puts the text version's links on their own readable lines (event)", async () => {
    const text = htmlToText((await compile(galleryTemplate("event")!, DEFAULT_BRANDING)).html);
    expect(text).toContain("Fecha: Jueves 11 de diciembre de 2026\nHora: De 10:00 a 12:00 (hora de Lima)\n");
    expect(text).toContain("- Cómo encontrar las convocatorias de su rubro.\n- Qué documentos preparar");
    expect(text).toContain("Inscribirme en el taller\n(https://www.ejemplo.gob.pe/eventos/taller-contrataciones)");
    expect(text.startsWith("Mi organización\n\nInvitación\n\nTaller: cómo participar")).toBe(true);
  });
});
