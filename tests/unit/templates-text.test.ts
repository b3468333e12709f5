// htmlToText: the text/plain alternative, from small pieces of HTML with exact expected text.
import { describe, expect, it } from "vitest";
import { decodeEntities } from "../../shared/templates/entities";
import { htmlToText, WRAP } from "../../shared/templates/text";

describe("htmlToText", () => {
  it("separates paragraphs by one blank line and keeps headings as lines", () => {
    expect(htmlToText("<h1>Título</h1><p>Uno</p><p>Dos <b>tres</b>.</p><div>Cuatro</div><div>Cinco</div>")).toBe("Título\n\nUno\n\nDos tres.\n\nCuatro\nCinco");
  });

  it("drops the head, styles, scripts and conditional comments", () => {
    const html = `<!doctype html><html><head><title>T</title><style>p { color: red }</style><!--[if mso]><xml>x</xml><![endif]--></head>
      <body><script>document.write("<p>no</p>")</script><!--[if mso | IE]><table><tr><td>Outlook</td></tr></table><![endif]-->
      <p>Todos</p><!--[if !mso]><!--><p>No Outlook</p><!--<![endif]--></body></html>`;
    expect(htmlToText(html)).toBe("Todos\n\nNo Outlook");
  });

  it("drops hidden preheaders and tracking pixels", () => {
    const html = `<div style="display:none;font-size:1px;max-height:0px;overflow:hidden;">Preheader &zwnj;&nbsp;</div>
      <span style="display: none !important; mso-hide: all">oculto</span><div hidden><div>a</div>b</div>
      <p>Cuerpo</p><img src="https://t.x.pe/o.gif" width="1" height="1" alt="" /><p style="overflow: hidden">Visible</p>`;
    expect(htmlToText(html)).toBe("Cuerpo\n\nVisible");
  });

  it("lists links as label (url), without repeating a url or an address", () => {
    expect(htmlToText('<p><a href="https://x.pe/a?b=1&amp;c=2">Ver</a> y <a href="https://x.pe/">https://x.pe/</a></p>')).toBe("Ver (https://x.pe/a?b=1&c=2) y https://x.pe/");
    expect(htmlToText('<a href="https://www.x.pe/">www.x.pe</a>')).toBe("https://www.x.pe/");
    expect(htmlToText('<a href="mailto:ayuda@x.pe">ayuda@x.pe</a> <a href="mailto:ayuda@x.pe?subject=Hola">Escríbanos</a>')).toBe("ayuda@x.pe Escríbanos (ayuda@x.pe)");
    expect(htmlToText('<a href="#arriba">Arriba</a> <a href="javascript:void(0)">Nada</a>')).toBe("Arriba Nada");
    expect(htmlToText('<a href="https://x.pe"><img src="l.png" alt="Logo"></a> <a href="https://x.pe/b"><img src="b.png"></a>')).toBe("Logo (https://x.pe) https://x.pe/b");
    expect(htmlToText('<a href="{{enlace_baja}}">Darse de baja</a>')).toBe("Darse de baja ({{enlace_baja}})");
  });

  it("writes lists as dashes and numbers, nested lists indented", () => {
    expect(htmlToText("<p>Antes</p><ul><li>Uno</li><li>Dos</li></ul><ol><li>A</li><li>B<ul><li>c</li></ul></li></ol><p>Después</p>")).toBe(
      "Antes\n\n- Uno\n- Dos\n\n1. A\n2. B\n  - c\n\nDespués",
    );
  });

  it("flattens tables into one line a row", () => {
    const html = "<table><tr><th>Fecha:</th><td>Lunes</td></tr><tr><td>Producto</td><td>Precio</td></tr><tr><td><table><tr><td>Anidada</td></tr></table></td></tr></table>";
    expect(htmlToText(html)).toBe("Fecha: Lunes\nProducto | Precio\nAnidada");
  });

  it("decodes entities and collapses whitespace", () => {
    expect(htmlToText("<p>  Se&ntilde;or &amp; se&#241;ora&nbsp;&aacute;&#xE9;\n   &lt;b&gt; &bogus; a&nbsp;&nbsp;b &mdash; &laquo;c&raquo;</p>")).toBe("Señor & señora áé <b> &bogus; a b — «c»");
    expect(decodeEntities("&#0; &#x110000; &#xD800;")).toBe("\ufffd \ufffd \ufffd");
  });

  it("turns <br> into line breaks, two of them into a blank line", () => {
    expect(htmlToText("<p>Línea 1<br>Línea 2<br /><br/>Línea 3</p>")).toBe("Línea 1\nLínea 2\n\nLínea 3");
  });

  it("leaves merge tags untouched", () => {
    const html = '<p>Estimado(a) {{nombre | "estimado proveedor"}}: vence el {{vence | fecha}}.</p>';
    expect(htmlToText(html)).toBe('Estimado(a) {{nombre | "estimado proveedor"}}: vence el {{vence | fecha}}.');
  });

  it("wraps at 78 columns without breaking URLs or merge tags, list items hanging", () => {
    const url = `https://www.ejemplo.gob.pe/${"a".repeat(90)}`;
    const words = "palabra ".repeat(8);
    const text = htmlToText(`<p>${words}{{nombre | "estimado proveedor"}} ${words}<a href="${url}">enlace</a> fin</p><ul><li>${"elemento ".repeat(12)}</li></ul>`);
    const lines = text.split("\n");
    for (const l of lines) if (!l.includes(url)) expect(l.length).toBeLessThanOrEqual(WRAP);
    expect(lines.some((l) => l.includes('{{nombre | "estimado proveedor"}}'))).toBe(true);
    expect(lines).toContain(`(${url})`);
    expect(lines.slice(-2)).toEqual([`- ${"elemento ".repeat(8).trim()}`, `  ${"elemento ".repeat(4).trim()}`]);
  });

  it("quotes blockquotes and handles the empty and the broken", () => {
    expect(htmlToText("<blockquote><p>Cita</p></blockquote><p>Fin</p>")).toBe("> Cita\n\nFin");
    expect(htmlToText("")).toBe("");
    expect(htmlToText("a < b y c > d <p")).toBe("a < b y c > d <p");
    expect(htmlToText("<hr><p>x</p>")).toBe("----------\n\nx");
  });
});
