/**
 * The sub-users' usage guide (W5): its content (the twelve dashboard sections as UI.md names
 * them, the five roles, both languages alike), the HTML page (structure, escaping, PDF link), the
 * PDF (laid out within the margins over a few pages, every word present, the bytes read back by
 * pdf-lib) and the welcome mail's words with and without a set-password link.
 */
import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { guide, guideText, type Guide } from "../../shared/guide/guide";
import { guideHtml } from "../../shared/guide/guide-html";
import { guidePdf, layoutGuide } from "../../shared/guide/guide-pdf";
import { welcomeMailContent } from "../../shared/guide/welcome-mail";
import { helveticaMeasure } from "../../shared/reports/monthly-pdf";
import { A4, MARGIN, type Page } from "../../shared/reports/pdf-flow";
import { winAnsi } from "../../shared/reports/pdf-text";
import { setPasswordUrl, tokenState, WELCOME_TOKEN_TTL_MS } from "../../shared/auth/password-token";

const UI_SECTIONS = ["Inicio", "Campañas", "SMS", "Contactos", "Plantillas", "Automatizaciones", "Reportes", "Bandeja SMS", "Usuarios", "Créditos", "Configuración", "Auditoría"];
const terms = (g: Guide, id: string) => {
  const block = g.sections.find((s) => s.id === id)!.blocks.find((b) => b.kind === "terms");
  return block && block.kind === "terms" ? block.items.map(([t]) => t) : [];
};
/** The text of each page, its text operations joined by spaces. */
const pageTexts = (pages: Page[]) => pages.map((p) => p.ops.flatMap((o) => (o.kind === "text" ? [o.text] : [])).join(" "));

describe("guide content", () => {
  it("names the twelve sections of the dashboard as UI.md does, in order", () => {
    expect(terms(guide("es"), "sections")).toEqual(UI_SECTIONS);
  });

  it("explains each of the five roles with the dashboard's names", () => {
    expect(terms(guide("es"), "roles")).toEqual(["Propietario", "Administrador", "Remitente", "Editor", "Lector"]);
    expect(terms(guide("en"), "roles")).toEqual(["Owner", "Administrator", "Sender", "Editor", "Viewer"]);
  });

  it("has the same sections and the same number of items in Spanish and English", () => {
    const shape = (g: Guide) => g.sections.map((s) => [s.id, s.blocks.map((b) => (b.kind === "p" ? "p" : `${b.kind}:${b.items.length}`))]);
    expect(shape(guide("en"))).toEqual(shape(guide("es")));
    expect(guide("es").sections.map((s) => s.id)).toEqual(["what", "login", "sections", "roles", "credits", "campaign", "sms", "help"]);
  });

  it("is Spanish by default and says how long the link lives", () => {
    expect(guide().lang).toBe("es");
    expect(guideText(guide()).join("\n")).toContain("vale 72 horas y se usa una sola vez");
  });
});

describe("guideHtml", () => {
  const html = guideHtml(guide("es"), "/guia.pdf");

  it("is one accessible Spanish page with a heading per section and a table of contents", () => {
    expect(html.startsWith('<!doctype html><html lang="es">')).toBe(true);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const s of guide("es").sections) {
      expect(html).toContain(`<h2 id="${s.id}">${s.title}</h2>`);
      expect(html).toContain(`<li><a href="#${s.id}">${s.title}</a></li>`);
    }
    expect(html).toContain('<a class="pdf" href="/guia.pdf">Descargar la guía en PDF</a>');
    expect(html).toContain("<dt>Bandeja SMS</dt>");
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it("escapes the text it writes", () => {
    const g: Guide = { ...guide("es"), title: "A <b>&</b>", sections: [{ id: "x", title: "T", blocks: [{ kind: "p", text: '<img src=x onerror="1">' }] }] };
    const out = guideHtml(g, "/guia.pdf");
    expect(out).toContain("<h1>A &lt;b&gt;&amp;&lt;/b&gt;</h1>");
    expect(out).toContain("<p>&lt;img src=x onerror=&quot;1&quot;&gt;</p>");
    expect(out).not.toContain("<img");
  });
});

describe("guide PDF", () => {
  it("lays every word out on two to five pages, inside the margins, with numbered footers", async () => {
    const measure = await helveticaMeasure();
    const pages = layoutGuide(guide("es"), measure);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(5);
    const texts = pageTexts(pages);
    texts.forEach((t, i) => expect(t).toContain(`Guía de uso de Pregón · Página ${i + 1} de ${pages.length}`));
    const all = texts.join(" ").replace(/\s+/g, " ");
    // Every word of the guide is somewhere (wrapping only moves words between lines).
    for (const piece of guideText(guide("es"))) for (const word of winAnsi(piece).split(/[\s:]+/).filter(Boolean)) expect(all, piece).toContain(word);
    for (const p of pages)
      for (const op of p.ops) {
        if (op.kind !== "text") continue;
        expect(op.x).toBeGreaterThanOrEqual(MARGIN.left);
        expect(op.x + measure(op.text, op.size, op.bold)).toBeLessThanOrEqual(A4.width - MARGIN.right + 0.01);
        expect(op.y).toBeGreaterThanOrEqual(MARGIN.bottom - 24);
      }
  });

  it("never leaves a heading or a term alone at the bottom of a page", async () => {
    const pages = layoutGuide(guide("es"), await helveticaMeasure());
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      // Headings and terms are the only bold lines; the last line above the footer is never one.
      const body = p.ops.filter((o) => o.kind === "text").slice(0, -1);
      expect(body[body.length - 1]).toMatchObject({ bold: false });
    }
  });

  it("writes a real PDF that pdf-lib reads back, with its title and page count", async () => {
    const bytes = await guidePdf(guide("es"), new Date(Date.UTC(2026, 10, 29)));
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(layoutGuide(guide("es"), await helveticaMeasure()).length);
    expect(doc.getTitle()).toBe("Guía de uso de Pregón");
    // The same guide at the same time gives the same bytes.
    expect(await guidePdf(guide("es"), new Date(Date.UTC(2026, 10, 29)))).toEqual(bytes);
    const en = await PDFDocument.load(await guidePdf(guide("en"), new Date(0)));
    expect(en.getTitle()).toBe("Pregón user guide");
  });
});

describe("welcome mail content", () => {
  const base = { name: "Ana Quispe", email: "ana@muni.gob.pe", role: "sender" as const, accountName: "Municipalidad de Lima", createdByName: "Rosa Huamán", publicUrl: "https://pregon.gob.pe/" };

  it("with a link: asks to choose a password within 72 hours and links the guide", () => {
    const url = setPasswordUrl(base.publicUrl, "tok+/=");
    expect(url).toBe("https://pregon.gob.pe/definir-clave?token=tok%2B%2F%3D");
    const m = welcomeMailContent({ ...base, setPasswordUrl: url });
    expect(m.subject).toBe("Bienvenida a Pregón · Municipalidad de Lima");
    expect(m.text).toContain("Hola Ana Quispe:\n\nRosa Huamán te creó una cuenta de remitente en Pregón");
    expect(m.text).toContain(`Vale 72 horas y se puede usar una sola vez:\n${url}\n`);
    expect(m.text).toContain("También puedes leerla en línea: https://pregon.gob.pe/guia");
    expect(m.html).toContain(`<a href="${url}" style=`);
    expect(m.html).toContain(">Elegir mi contraseña</a>");
  });

  it("without a link: no set-password words, and names are escaped in the HTML", () => {
    const m = welcomeMailContent({ ...base, name: "<Ana>", createdByName: null, setPasswordUrl: null, publicUrl: null });
    expect(m.text).not.toContain("definir-clave");
    expect(m.text).toContain("Se te creó una cuenta de remitente");
    expect(m.text).toContain("Tu administrador te comunicará la contraseña inicial");
    expect(m.html).toContain("Hola &lt;Ana&gt;:");
    expect(m.html).not.toContain("Elegir mi contraseña");
  });
});

describe("tokenState", () => {
  it("is valid until it expires or is used, unknown when missing", () => {
    const now = 1_000_000;
    expect(tokenState(null, now)).toBe("unknown");
    expect(tokenState({ expiresAt: now + WELCOME_TOKEN_TTL_MS, usedAt: null }, now)).toBe("valid");
    expect(tokenState({ expiresAt: now, usedAt: null }, now)).toBe("gone");
    expect(tokenState({ expiresAt: now + 1, usedAt: now - 5 }, now)).toBe("gone");
    expect(WELCOME_TOKEN_TTL_MS).toBe(72 * 3600 * 1000);
  });
});
