// Tracking tokens (any alteration fails), link rewriting, and campaign HTML compiled with its links found once.
import { beforeAll, describe, expect, it } from "vitest";
import { compileTrackedHtml, renderTrackedHtml } from "../../shared/email/compose";
import { applyLinks, importLinkKey, prepareLinks, rewriteLinks, signToken, trackingUrl, verifyToken } from "../../shared/email/links";
import type { LinkClaims } from "../../shared/email/links";
import { compileTemplate, renderTemplate, unknownFields } from "../../shared/email/merge";
import type { MergeData } from "../../shared/email/merge";

const BASE = { baseUrl: "https://t.pregon.pe/", campaignId: "01JQ8Z4K7M3X9Y2V5T6W8R0N1P", contactId: 987654 };
let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  key = await importLinkKey("k3V9pQ2x7Lm4Zr8Ty1Wb6Nc5Hd0Fg3Js");
  otherKey = await importLinkKey("another-secret-of-enough-length!!");
});

describe("signToken / verifyToken", () => {
  const claims: LinkClaims[] = [
    { kind: "click", campaignId: "cmp_1", contactId: 42, url: "https://www.gob.pe/convocatorias?año=2027&tipo=CAS#bases" },
    { kind: "open", campaignId: "cmp_1", contactId: 0 },
    { kind: "unsubscribe", campaignId: BASE.campaignId, contactId: Number.MAX_SAFE_INTEGER },
    { kind: "view", campaignId: "c", contactId: 7 },
  ];
  it("round-trips every kind", async () => {
    for (const c of claims) expect(await verifyToken(key, await signToken(key, c))).toEqual(c);
  });
  it("is compact and URL-safe with a 128-bit MAC", async () => {
    const token = await signToken(key, { kind: "open", campaignId: BASE.campaignId, contactId: BASE.contactId });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(token.length).toBeLessThanOrEqual(72);
    expect(encodeURIComponent(token)).toBe(token);
  });
  it("returns null for every single-character alteration, truncation or extension", async () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.= +/%";
    for (const c of claims) {
      const token = await signToken(key, c);
      for (let i = 0; i < token.length; i++) {
        for (const ch of alphabet) {
          if (ch === token[i]) continue;
          const altered = token.slice(0, i) + ch + token.slice(i + 1);
          expect(await verifyToken(key, altered), `${i}:${ch}`).toBeNull();
        }
        expect(await verifyToken(key, token.slice(0, i) + token.slice(i + 1))).toBeNull();
      }
      expect(await verifyToken(key, `${token}A`)).toBeNull();
      expect(await verifyToken(key, ` ${token}`)).toBeNull();
    }
  }, 60_000);
  it("returns null under another key and for junk", async () => {
    const token = await signToken(key, claims[0]!);
    expect(await verifyToken(otherKey, token)).toBeNull();
    for (const junk of ["", ".", "a.b", "x".repeat(5000), "abc.def.ghi", "💥.AAAAAAAAAAAAAAAAAAAAAA"]) expect(await verifyToken(key, junk)).toBeNull();
  });
  it("refuses claims it could not encode faithfully", async () => {
    await expect(signToken(key, { kind: "open", campaignId: "a\nb", contactId: 1 })).rejects.toThrow(RangeError);
    await expect(signToken(key, { kind: "open", campaignId: "a", contactId: 1.5 })).rejects.toThrow(RangeError);
    await expect(signToken(key, { kind: "click", campaignId: "a", contactId: 1 })).rejects.toThrow(RangeError);
    await expect(signToken(key, { kind: "open", campaignId: "a", contactId: 1, url: "https://x" })).rejects.toThrow(RangeError);
    await expect(importLinkKey("short")).rejects.toThrow(/16 characters/);
  });
  it("builds unsubscribe and view URLs", async () => {
    const url = await trackingUrl(key, "unsubscribe", BASE);
    expect(url.startsWith("https://t.pregon.pe/u/")).toBe(true);
    expect(await verifyToken(key, url.slice("https://t.pregon.pe/u/".length))).toEqual({ kind: "unsubscribe", campaignId: BASE.campaignId, contactId: BASE.contactId });
    expect((await trackingUrl(key, "view", BASE)).startsWith("https://t.pregon.pe/v/")).toBe(true);
  });
});

const HTML = [
  `<html><body>`,
  `<a href="https://www.gob.pe/convocatorias?a=1&amp;b=2">Bases</a>`,
  `<A class="btn" HREF='http://example.pe/x' target=_blank>Antiguo</A>`,
  `<a href=https://sin-comillas.pe/y>sin comillas</a>`,
  `<a title="a > b" href="  https://espacios.pe/z  ">mayor que en un atributo</a>`,
  `<a href="mailto:mesa@muni.gob.pe">correo</a> <a href="tel:+5114567890">tel</a> <a href="#inicio">ancla</a>`,
  `<a href="https://privado.pe" data-pregon-notrack>no rastrear</a>`,
  `<a name="x">sin href</a> <abbr href="https://no-es-enlace.pe">abbr</abbr>`,
  `<area shape="rect" href="https://mapa.pe">`,
  `</body></html>`,
].join("\n");

describe("rewriteLinks", () => {
  it("rewrites tracked http(s) links, skips the rest, and adds the pixel before </body>", async () => {
    const r = await rewriteLinks(HTML, key, BASE);
    expect(r.links).toEqual(["https://www.gob.pe/convocatorias?a=1&b=2", "http://example.pe/x", "https://sin-comillas.pe/y", "https://espacios.pe/z", "https://mapa.pe"]);
    const hrefs = [...r.html.matchAll(/href=["']?([^"'\s>]+)/gi)].map((m) => m[1]!);
    expect(hrefs.filter((h) => h.startsWith("https://t.pregon.pe/t/c/"))).toHaveLength(5);
    expect(hrefs.filter((h) => !h.startsWith("https://t.pregon.pe/t/c/"))).toEqual(["mailto:mesa@muni.gob.pe", "tel:+5114567890", "#inicio", "https://privado.pe", "https://no-es-enlace.pe"]);
    const tracked = hrefs.filter((h) => h.startsWith("https://t.pregon.pe/t/c/"));
    for (const [i, h] of tracked.entries()) {
      expect(await verifyToken(key, h.slice("https://t.pregon.pe/t/c/".length))).toEqual({ kind: "click", campaignId: BASE.campaignId, contactId: BASE.contactId, url: r.links[i] });
    }
    const pixel = /<img src="https:\/\/t\.pregon\.pe\/t\/o\/([^"]+)" width="1" height="1" alt=""[^>]*>\n?<\/body>/.exec(r.html);
    expect(pixel).not.toBeNull();
    expect(await verifyToken(key, pixel![1]!)).toEqual({ kind: "open", campaignId: BASE.campaignId, contactId: BASE.contactId });
    expect(r.html).toContain(`<A class="btn" HREF='https://t.pregon.pe/t/c/`);
  });
  it("appends the pixel when there is no </body>", async () => {
    const r = await rewriteLinks(`<p>hola</p>`, key, BASE);
    expect(r.html).toMatch(/^<p>hola<\/p><img src="https:\/\/t\.pregon\.pe\/t\/o\/[^"]+" width="1" height="1" alt=""/);
    expect(r.links).toEqual([]);
  });
  it("does not track the unsubscribe and web-version links already on the tracking base", async () => {
    const html = `<a href="https://t.pregon.pe/u/TOK">baja</a><a href="https://t.pregon.pe/v/TOK">web</a><a href="https://t.pregon.pe/f/form">formulario</a>`;
    const r = await rewriteLinks(html, key, BASE);
    expect(r.links).toEqual(["https://t.pregon.pe/f/form"]);
    expect(r.html.startsWith(`<a href="https://t.pregon.pe/u/TOK">baja</a><a href="https://t.pregon.pe/v/TOK">web</a><a href="https://t.pregon.pe/t/c/`)).toBe(true);
  });
  it("prepares once and applies by concatenation", () => {
    const p = prepareLinks(`<a href="https://a.pe">a</a><a href="https://b.pe">b</a></body>`);
    expect(applyLinks(p, { clicks: ["T1", "T2"], open: null }, "https://t.pe")).toBe(`<a href="https://t.pe/t/c/T1">a</a><a href="https://t.pe/t/c/T2">b</a></body>`);
    expect(() => applyLinks(p, { clicks: ["T1"], open: null }, "https://t.pe")).toThrow(RangeError);
  });
});

describe("compileTrackedHtml / renderTrackedHtml", () => {
  const source = [
    `<body><p>Hola {{nombre | "proveedor"}},</p>`,
    `<a href="https://www.gob.pe/pagos?ruc={{ruc}}&amp;m=1">Pagar</a>`,
    `<a href="https://www.gob.pe/bases">Bases de {{empresa}}</a>`,
    `<a href="{{enlace_baja}}">Darse de baja</a> <a href="{{ver_en_web}}">Ver en la web</a>`,
    `{{{bloque}}}</body>`,
  ].join("\n");
  const data: MergeData = {
    standard: { firstName: "Ñusta <b>", company: "Los Andes & Cía" },
    custom: { ruc: "20123456789", bloque: "<hr>" },
    system: { enlace_baja: "https://t.pregon.pe/u/TOKEN", ver_en_web: "https://t.pregon.pe/v/TOKEN", fecha_envio: "15 de marzo de 2027" },
  };
  it("renders merge values, tracked links with per-recipient URLs, untracked system links and the pixel", async () => {
    const c = compileTrackedHtml(source);
    if (!c.ok) throw new Error(c.error.message);
    expect(c.tracked.links).toHaveLength(2);
    expect(unknownFields(c.tracked.template, ["ruc", "bloque"])).toEqual([]);
    const r = await renderTrackedHtml(c.tracked, data, key, BASE);
    expect(r.links).toEqual(["https://www.gob.pe/pagos?ruc=20123456789&m=1", "https://www.gob.pe/bases"]);
    const tokens = [...r.html.matchAll(/https:\/\/t\.pregon\.pe\/t\/([co])\/([A-Za-z0-9_.-]+)/g)];
    expect(tokens.map((m) => m[1])).toEqual(["c", "c", "o"]);
    expect(await verifyToken(key, tokens[0]![2]!)).toMatchObject({ kind: "click", url: r.links[0] });
    const expected = source
      .replace(`{{nombre | "proveedor"}}`, "Ñusta &lt;b&gt;")
      .replace(`https://www.gob.pe/pagos?ruc={{ruc}}&amp;m=1`, `https://t.pregon.pe/t/c/${tokens[0]![2]}`)
      .replace(`https://www.gob.pe/bases`, `https://t.pregon.pe/t/c/${tokens[1]![2]}`)
      .replace("{{empresa}}", "Los Andes &amp; Cía")
      .replace("{{enlace_baja}}", "https://t.pregon.pe/u/TOKEN")
      .replace("{{ver_en_web}}", "https://t.pregon.pe/v/TOKEN")
      .replace("{{{bloque}}}</body>", `<hr><img src="https://t.pregon.pe/t/o/${tokens[2]![2]}" width="1" height="1" alt="" style="display:block;border:0"></body>`);
    expect(r.html).toBe(expected);
  });
  it("gives exactly what rendering and then rewriteLinks gives (tokens are deterministic)", async () => {
    const c = compileTrackedHtml(source);
    const plain = compileTemplate(source);
    if (!c.ok || !plain.ok) throw new Error("did not compile");
    const precomputed = await renderTrackedHtml(c.tracked, data, key, BASE);
    const simple = await rewriteLinks(renderTemplate(plain.template, data, "html"), key, BASE);
    expect(precomputed).toEqual(simple);
  });
  it("reports compile errors at their place in the source", () => {
    expect(compileTrackedHtml(`<a href="x">\n{{ruc | monedas}}</a>`)).toEqual({
      ok: false, error: { message: 'Unknown filter "monedas" (filters: fecha, fecha_corta, numero, moneda, mayusculas)', line: 2, column: 9 },
    });
  });
});
