/**
 * The public archive's pure builders (W6): slugs, share URLs, the RSS and Atom feeds (parsed
 * back with a real XML parser, hostile text included), the share-preview tags, the summary and
 * image taken from an email, the decorated campaign page, the widget and the publishing rule.
 */
import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { slugFrom, slugProblem } from "../../shared/archive/slug";
import { archiveUrls, shareFields, shareLinks } from "../../shared/archive/urls";
import { atomFeed, rssFeed, type Feed } from "../../shared/archive/feeds";
import { escapeXml, xmlSafe } from "../../shared/archive/xml";
import { firstImage, metaTags, summaryOf } from "../../shared/archive/meta";
import { campaignPageHtml, decorateEmail } from "../../shared/archive/campaign-page";
import { archiveIndexHtml, notFoundHtml } from "../../shared/archive/pages";
import { widgetCount, widgetHtml, widgetScript } from "../../shared/archive/embed";
import { publishRefusal } from "../../shared/archive/publish";
import { publicCopy } from "../../shared/archive/render";

const HOSTILE = `<script>alert("x")</script> Tom & Jerry's \u0001\u0008\uFFFE "fin" ]]> ñ 😀`;
const feed = (items: Feed["items"]): Feed => ({
  title: "Avisos & <Comunicados>", description: "", url: "https://p.pe/archivo/muni", selfUrl: "https://p.pe/archivo/muni/rss.xml", updatedAt: Date.UTC(2026, 10, 29, 12), items,
});
const item = (i: number, title = `Aviso ${i}`) => ({
  id: `c${i}`, title, url: `https://p.pe/archivo/muni/c${i}?a=1&b=2`, summary: `Resumen ${i} <b>`, publishedAt: Date.UTC(2026, 10, i + 1), sentAt: Date.UTC(2026, 10, i + 1) - 3_600_000,
});
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

describe("slugs", () => {
  it("accepts 3–40 of a-z, 0-9 and inner single hyphens only", () => {
    expect(slugProblem("mi-muni-2026")).toBeNull();
    expect(slugProblem("abc")).toBeNull();
    expect(slugProblem("a".repeat(40))).toBeNull();
    expect(slugProblem("ab")).toBe("must be 3 to 40 characters long");
    expect(slugProblem("a".repeat(41))).toBe("must be 3 to 40 characters long");
    expect(slugProblem("Mi-Muni")).toBe("use only lowercase letters a-z, digits and hyphens");
    expect(slugProblem("muñi")).toBe("use only lowercase letters a-z, digits and hyphens");
    expect(slugProblem("-muni")).toBe("must not start or end with a hyphen");
    expect(slugProblem("mu--ni")).toBe("must not contain two hyphens in a row");
  });
  it("derives a valid slug from any account name", () => {
    expect(slugFrom("Municipalidad de Miraflores")).toBe("municipalidad-de-miraflores");
    expect(slugFrom("  Ñandú & Cía. S.A.C. ")).toBe("nandu-cia-s-a-c");
    expect(slugFrom("東京")).toBe("archivo");
    expect(slugFrom("X")).toBe("x-archivo");
    const long = slugFrom("Superintendencia Nacional de Aduanas y de Administración Tributaria");
    expect(long.length).toBeLessThanOrEqual(40);
    expect(slugProblem(long)).toBeNull();
    for (const name of ["a-", "--a--", "Á É Í Ó Ú", "a".repeat(39) + "-b"]) expect(slugProblem(slugFrom(name)), name).toBeNull();
  });
});

describe("URLs and share links", () => {
  it("builds the archive's addresses under the base", () => {
    const u = archiveUrls("https://p.pe/", "muni");
    expect([u.index, u.rss, u.atom, u.widget, u.widgetScript, u.campaign("c 1")]).toEqual([
      "https://p.pe/archivo/muni", "https://p.pe/archivo/muni/rss.xml", "https://p.pe/archivo/muni/atom.xml", "https://p.pe/embed/muni/latest", "https://p.pe/embed/muni/latest.js", "https://p.pe/archivo/muni/c%201",
    ]);
  });
  it("encodes the URL and the title into each network's share endpoint", () => {
    const s = shareLinks("https://p.pe/archivo/muni/c1?x=1&y=2", "Feria & más #1");
    expect(s).toEqual({
      facebook: "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fp.pe%2Farchivo%2Fmuni%2Fc1%3Fx%3D1%26y%3D2",
      x: "https://twitter.com/intent/tweet?url=https%3A%2F%2Fp.pe%2Farchivo%2Fmuni%2Fc1%3Fx%3D1%26y%3D2&text=Feria%20%26%20m%C3%A1s%20%231",
      linkedin: "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fp.pe%2Farchivo%2Fmuni%2Fc1%3Fx%3D1%26y%3D2",
      email: "mailto:?subject=Feria%20%26%20m%C3%A1s%20%231&body=https%3A%2F%2Fp.pe%2Farchivo%2Fmuni%2Fc1%3Fx%3D1%26y%3D2",
    });
    expect(new URL(s.x).searchParams.get("text")).toBe("Feria & más #1");
    expect(Object.keys(shareFields("https://p.pe/v/t", "x"))).toEqual(["enlace_archivo", "compartir_facebook", "compartir_x", "compartir_linkedin", "compartir_correo"]);
  });
});

describe("feeds", () => {
  it("escapes and drops what XML forbids", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(xmlSafe("a\u0000b\u000Bc\uD800d\uDC00e\uFFFFf\t\n😀")).toBe("abcdef\t\n😀");
  });

  it("RSS 2.0 parses back with the exact texts, hostile ones included, latest 20 only", () => {
    const items = [item(0, HOSTILE), ...Array.from({ length: 24 }, (_, i) => item(i + 1))];
    const xml = rssFeed(feed(items));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { rss: { "@version": string; channel: Record<string, unknown> & { item: Record<string, unknown>[] } } };
    expect(doc.rss["@version"]).toBe("2.0");
    const ch = doc.rss.channel;
    expect(ch.title).toBe("Avisos & <Comunicados>");
    expect(ch.link).toBe("https://p.pe/archivo/muni");
    expect(ch.language).toBe("es-pe");
    expect(ch.lastBuildDate).toBe("Sun, 29 Nov 2026 12:00:00 GMT");
    expect(ch.item).toHaveLength(20);
    const first = ch.item[0]!;
    expect(first.title).toBe(`<script>alert("x")</script> Tom & Jerry's  "fin" ]]> ñ 😀`);
    expect(first.link).toBe("https://p.pe/archivo/muni/c0?a=1&b=2");
    expect(first.guid).toEqual({ "#text": "https://p.pe/archivo/muni/c0?a=1&b=2", "@isPermaLink": "true" });
    expect(first.pubDate).toBe("Sat, 31 Oct 2026 23:00:00 GMT");
    expect(first.description).toBe("Resumen 0 <b>");
  });

  it("Atom 1.0 parses back with ids, dates, links and summaries", () => {
    const xml = atomFeed(feed([item(0, HOSTILE), item(1)]));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml) as { feed: Record<string, unknown> & { entry: Record<string, unknown>[]; link: { "@rel": string; "@href": string }[] } };
    expect(doc.feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(doc.feed.id).toBe("https://p.pe/archivo/muni");
    expect(doc.feed.updated).toBe("2026-11-29T12:00:00.000Z");
    expect(doc.feed.link.map((l) => [l["@rel"], l["@href"]])).toEqual([["alternate", "https://p.pe/archivo/muni"], ["self", "https://p.pe/archivo/muni/rss.xml"]]);
    expect(doc.feed.entry).toHaveLength(2);
    const e = doc.feed.entry[0] as { id: string; title: { "#text": string }; link: { "@href": string }; published: string; updated: string; summary: { "#text": string } };
    expect(e.id).toBe("https://p.pe/archivo/muni/c0?a=1&b=2");
    expect(e.title["#text"]).toBe(`<script>alert("x")</script> Tom & Jerry's  "fin" ]]> ñ 😀`);
    expect(e.link["@href"]).toBe("https://p.pe/archivo/muni/c0?a=1&b=2");
    expect([e.published, e.updated]).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-01T00:00:00.000Z"]);
    expect(e.summary["#text"]).toBe("Resumen 0 <b>");
  });

  it("an empty archive still gives valid feeds", () => {
    for (const xml of [rssFeed(feed([])), atomFeed(feed([]))]) expect(XMLValidator.validate(xml)).toBe(true);
  });
});

describe("share previews", () => {
  it("summarises with the preheader, else the text, cut at a word", () => {
    expect(summaryOf("  Feria el sábado ", "ignored")).toBe("Feria el sábado");
    expect(summaryOf(null, "Estimado proveedor:\n\nLe recordamos que su registro vence pronto.", 30)).toBe("Estimado proveedor: Le…");
    expect(summaryOf("", "corto")).toBe("corto");
    expect(summaryOf(null, "a".repeat(300)).length).toBe(200);
  });
  it("takes the first real image, skipping pixels and relative sources", () => {
    expect(firstImage('<img src="/rel.png"><img src="https://x.pe/t.gif" width="1" height="1"><img alt="" src=\'https://x.pe/a.png?x=1&amp;y=2\'>')).toBe("https://x.pe/a.png?x=1&y=2");
    expect(firstImage("<p>sin imagen</p>")).toBeNull();
  });
  it("writes Open Graph and Twitter Card tags, escaped, large image only with an image", () => {
    const base = { title: `"Aviso" <b>&`, description: "Texto", url: "https://p.pe/archivo/m/1", siteName: "Muni", publishedAt: Date.UTC(2026, 10, 1) };
    const withImage = metaTags({ ...base, image: "https://x.pe/a.png?x=1&y=2" });
    expect(withImage).toContain('<meta property="og:title" content="&quot;Aviso&quot; &lt;b&gt;&amp;">');
    expect(withImage).toContain('<meta property="og:image" content="https://x.pe/a.png?x=1&amp;y=2">');
    expect(withImage).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(withImage).toContain('<meta property="og:locale" content="es_PE">');
    expect(withImage).toContain('<meta property="article:published_time" content="2026-11-01T00:00:00.000Z">');
    const without = metaTags({ ...base, image: null });
    expect(without).toContain('<meta name="twitter:card" content="summary">');
    expect(without).not.toContain("og:image");
  });
});

describe("pages", () => {
  const page = { title: "Aviso", description: "D", url: "https://p.pe/archivo/m/1", image: null, siteName: "Muni", publishedAt: null, archiveTitle: "Muni <Avisos>", archiveUrl: "https://p.pe/archivo/m" };
  it("decorates an email document: lang es, our title instead of its own, the bar first in the body", () => {
    const html = campaignPageHtml('<!doctype html><html xmlns="http://www.w3.org/1999/xhtml" lang="und"><head><title>old</title></head><body style="x"><p>Hola</p></body></html>', page);
    expect(html).toMatch(/^<!doctype html><html xmlns="http:\/\/www.w3.org\/1999\/xhtml" lang="es">/);
    expect(html).not.toContain("<title>old</title>");
    expect(html).toContain("<title>Aviso</title>");
    expect(html).toMatch(/<body style="x"><nav aria-label="Compartir este comunicado"/);
    expect(html).toContain("← Muni &lt;Avisos&gt;");
    expect(html.indexOf("<nav")).toBeLessThan(html.indexOf("<p>Hola</p>"));
  });
  it("wraps a fragment into a whole document, keeping $ patterns in titles literal", () => {
    const html = decorateEmail("<p>Hola</p>", "<title>$& $1</title>", "<nav></nav>");
    expect(html).toContain("<title>$& $1</title>");
    expect(html).toMatch(/<body style="margin:0"><nav><\/nav><p>Hola<\/p><\/body><\/html>$/);
    expect(decorateEmail("<html><body><p>x</p></body></html>", "<title>$&</title>", "")).toBe('<html lang="es"><head><title>$&</title></head><body><p>x</p></body></html>');
  });
  it("lists entries with dates in Lima, feeds linked, pager links, and an empty state", () => {
    const a = { title: "Avisos", description: null, url: "https://p.pe/archivo/m", rssUrl: "https://p.pe/archivo/m/rss.xml", atomUrl: "https://p.pe/archivo/m/atom.xml", page: 2, hasMore: true };
    const html = archiveIndexHtml({ ...a, entries: [{ title: "<i>A</i>", url: "https://p.pe/archivo/m/1", summary: "S", date: Date.UTC(2026, 10, 30, 3) }] });
    expect(html).toContain('<h2><a href="https://p.pe/archivo/m/1">&lt;i&gt;A&lt;/i&gt;</a></h2><time datetime="2026-11-30T03:00:00.000Z">29 de noviembre de 2026</time>');
    expect(html).toContain('<a href="https://p.pe/archivo/m" rel="prev">');
    expect(html).toContain('<a href="https://p.pe/archivo/m?pagina=3" rel="next">');
    expect(html).toContain("<title>Avisos (página 2)</title>");
    expect(archiveIndexHtml({ ...a, page: 1, hasMore: false, entries: [] })).toContain("Todavía no hay comunicados publicados.");
    expect(notFoundHtml()).toContain('<html lang="es">');
  });
});

describe("widget", () => {
  it("reads n leniently and renders in Spanish or English with links to new tabs", () => {
    expect([widgetCount(undefined), widgetCount("3"), widgetCount("0"), widgetCount("-2"), widgetCount("99"), widgetCount("abc")]).toEqual([5, 3, 5, 5, 20, 5]);
    const entries = [{ title: `<b>"x"</b>`, url: "https://p.pe/archivo/m/1", summary: "", date: Date.UTC(2026, 10, 30, 3) }];
    const es = widgetHtml({ title: "Muni", archiveUrl: "https://p.pe/archivo/m", entries, lang: "es" });
    expect(es).toContain('<html lang="es">');
    expect(es).toContain('<a href="https://p.pe/archivo/m/1" target="_blank" rel="noopener">&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(es).toContain("29 de noviembre de 2026");
    const en = widgetHtml({ title: "Muni", archiveUrl: "https://p.pe/archivo/m", entries, lang: "en" });
    expect(en).toContain("Latest news");
    expect(en).toContain("Nov 29, 2026");
  });
  it("the loader is plain JavaScript that inserts one iframe of the widget URL", () => {
    const js = widgetScript("https://p.pe/embed/m/latest", 'Muni "*/ alert(1) /*"');
    expect(() => new Function(js)).not.toThrow();
    expect(js).toContain('var src = "https://p.pe/embed/m/latest"');
    // The title cannot close the header comment early (inside the iframe's title string it is inert).
    expect(js.split("\n")[0]).toBe('/* Pregón: últimos comunicados de Muni \\"* / alert(1) /*\\" */');
  });
});

describe("publishing rule and the contact-less copy", () => {
  it("publishes only email that went out", () => {
    expect(publishRefusal({ channel: "email", status: "sent", started_at: 1 })).toBeNull();
    expect(publishRefusal({ channel: "email", status: "sending", started_at: 1 })).toBeNull();
    expect(publishRefusal({ channel: "email", status: "paused", started_at: 1 })).toBeNull();
    expect(publishRefusal({ channel: "email", status: "cancelled", started_at: 1 })).toBeNull();
    for (const status of ["draft", "scheduled", "failed", "automation"]) expect(publishRefusal({ channel: "email", status, started_at: null })?.code).toBe("not_sent");
    expect(publishRefusal({ channel: "email", status: "paused", started_at: null })?.field).toBe("status");
    expect(publishRefusal({ channel: "sms", status: "sent", started_at: 1 })).toMatchObject({ code: "not_email", field: "channel" });
  });
  it("renders with blank contact data, template defaults, share links to the page and no tracking", () => {
    const copy = publicCopy(
      { subject: "Hola {{nombre | \"vecino\"}}", preheader: null, html: '<a href="{{compartir_x}}">X</a> {{nombre}}|{{empresa}} <a href="{{ver_en_web}}">web</a> <a href="{{enlace_baja}}">baja</a>', text: "Texto {{nombre | \"vecino\"}}", ab: null, ab_result: null, sent_at: 0 },
      "https://p.pe/archivo/m/1",
    );
    expect(copy.title).toBe("Hola vecino");
    expect(copy.summary).toBe("Texto vecino");
    expect(copy.html).toBe('<a href="https://twitter.com/intent/tweet?url=https%3A%2F%2Fp.pe%2Farchivo%2Fm%2F1&amp;text=Hola%20vecino">X</a> | <a href="https://p.pe/archivo/m/1">web</a> <a href="#">baja</a>');
  });
  it("shows the A/B winner's content", () => {
    const ab = JSON.stringify({ kind: "content", htmlB: "<p>B</p>", textB: "B" });
    const c = { subject: "S", preheader: null, html: "<p>A</p>", text: "A", ab, sent_at: 0 };
    expect(publicCopy({ ...c, ab_result: JSON.stringify({ winner: "B" }) }, "u").html).toBe("<p>B</p>");
    expect(publicCopy({ ...c, ab_result: null }, "u").html).toBe("<p>A</p>");
  });
});
