// applyBranding: tokens, escaping, colour checks and contrast, and the logo/website blocks.
import { describe, expect, it } from "vitest";
import { applyBranding, brandingValues, contrast, DEFAULT_BRANDING, escapeHtml, LIGHT_BACKGROUND, validColour, type Branding } from "../../shared/templates/gallery/branding";

const HEADER = `<!--[[si:logo_url]]--><mj-image src="[[logo_url]]" alt="[[organizacion]]" /><!--[[/si:logo_url]]--><!--[[no:logo_url]]--><mj-text>[[organizacion]]</mj-text><!--[[/no:logo_url]]-->`;
const b = (over: Partial<Branding>): Branding => ({ ...DEFAULT_BRANDING, ...over });

describe("applyBranding", () => {
  it("fills every token, the derived colours and the website's short form", () => {
    const src = "[[color_primario]] [[color_secundario]] [[color_sobre_primario]] [[color_primario_texto]] [[organizacion]] | [[direccion]] | [[sitio_web]] [[sitio_web_texto]]";
    expect(applyBranding(src, b({ website: "https://www.ejemplo.gob.pe/" }))).toBe(
      "#1d4e89 #a34e08 #ffffff #1d4e89 Mi organización | Av. Ejemplo 123, Lima, Perú | https://www.ejemplo.gob.pe/ www.ejemplo.gob.pe",
    );
  });

  it("leaves unknown tokens and merge fields alone", () => {
    expect(applyBranding("[[otro]] {{nombre}} [[organizacion]]", DEFAULT_BRANDING)).toBe("[[otro]] {{nombre}} Mi organización");
  });

  it("escapes a hostile organisation name for text and attributes, merge tags and tokens included", () => {
    const evil = b({ organisation: `<script>alert("x")</script> & 'y' {{email}} [[logo_url]]`, logoUrl: "https://x.pe/l.png" });
    const escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#123;&#123;email&#125;&#125; &#91;&#91;logo_url&#93;&#93;";
    expect(applyBranding(HEADER, evil)).toBe(`<mj-image src="https://x.pe/l.png" alt="${escaped}" />`);
    expect(applyBranding("<p>[[direccion]]</p>", b({ address: "Jr. <b>Uno</b> & Dos" }))).toBe("<p>Jr. &lt;b&gt;Uno&lt;/b&gt; &amp; Dos</p>");
  });

  it("keeps the logo block with a logo and the name block without one", () => {
    expect(applyBranding(HEADER, b({ logoUrl: "https://cdn.x.pe/logo.png?v=1&s=2" }))).toBe('<mj-image src="https://cdn.x.pe/logo.png?v=1&amp;s=2" alt="Mi organización" />');
    expect(applyBranding(HEADER, b({ logoUrl: null }))).toBe("<mj-text>Mi organización</mj-text>");
    expect(applyBranding(HEADER, b({ logoUrl: "  " }))).toBe("<mj-text>Mi organización</mj-text>");
  });

  it("refuses a logo or website that is not an http(s) URL", () => {
    expect(applyBranding(HEADER, b({ logoUrl: "javascript:alert(1)" }))).toBe("<mj-text>Mi organización</mj-text>");
    expect(applyBranding(HEADER, b({ logoUrl: "data:image/png;base64,AAAA" }))).toBe("<mj-text>Mi organización</mj-text>");
    const site = `<p>x<!--[[si:sitio_web]]--><a href="[[sitio_web]]">[[sitio_web_texto]]</a><!--[[/si:sitio_web]]--></p>`;
    expect(applyBranding(site, b({ website: "javascript:alert(1)" }))).toBe("<p>x</p>");
    expect(applyBranding(site, b({ website: null }))).toBe("<p>x</p>");
    expect(applyBranding(site, b({ website: "http://x.pe" }))).toBe('<p>x<a href="http://x.pe">x.pe</a></p>');
  });

  it("uses the default colour for one that is not #rgb or #rrggbb", () => {
    for (const bad of ["red", "#12345", "#gggggg", "#1d4e89;background:url(x)", "rgb(0,0,0)", ""]) {
      expect(applyBranding("[[color_primario]]|[[color_secundario]]", b({ primaryColor: bad, secondaryColor: bad }))).toBe("#1d4e89|#a34e08");
    }
    expect(applyBranding("[[color_primario]]", b({ primaryColor: " #0B6E4F " }))).toBe("#0b6e4f");
    expect(validColour("#ABC", "#000000")).toBe("#aabbcc");
  });

  it("derives readable text colours from any brand colour", () => {
    const yellow = brandingValues(b({ primaryColor: "#ffd23f", secondaryColor: "#ffffff" }));
    expect(yellow.get("color_sobre_primario")).toBe("#1f2937");
    expect(contrast(yellow.get("color_primario_texto")!, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(yellow.get("color_secundario_texto")!, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    const navy = brandingValues(b({ primaryColor: "#001f3f" }));
    expect(navy.get("color_sobre_primario")).toBe("#ffffff");
    expect(navy.get("color_primario_texto")).toBe("#001f3f");
  });

  it("has accessible defaults", () => {
    expect(contrast(DEFAULT_BRANDING.primaryColor, "#ffffff")).toBeGreaterThanOrEqual(7);
    expect(contrast(DEFAULT_BRANDING.primaryColor, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DEFAULT_BRANDING.secondaryColor, LIGHT_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrast("#ffffff", "#000000")).toBe(21);
    expect(DEFAULT_BRANDING.organisation).toBe("Mi organización");
  });

  it("escapeHtml covers text, both quotes, braces and brackets", () => {
    expect(escapeHtml(`<b>"A" & 'B' {{x}} [[y]]</b>`)).toBe("&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39; &#123;&#123;x&#125;&#125; &#91;&#91;y&#93;&#93;&lt;/b&gt;");
  });
});
