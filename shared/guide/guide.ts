/**
 * The usage guide for new sub-users (W5) as structured content: a title, an introduction and
 * sections of paragraphs, lists and term/definition pairs, in Spanish and English. One source
 * feeds every rendering — the public page `/guia` (guide-html.ts), the PDF `/guia.pdf` attached
 * to the welcome mail (guide-pdf.ts) — so they cannot say different things. The words follow
 * UI.md (section names, roles) and what the code enforces (shared/auth/roles.ts).
 */
import { GUIDE_ES } from "./guide-es";
import { GUIDE_EN } from "./guide-en";

export type GuideLang = "es" | "en";
export type GuideBlock =
  | { kind: "p"; text: string }
  | { kind: "list"; items: readonly string[] }
  /** A term and what it means: a section of the dashboard, a role. */
  | { kind: "terms"; items: readonly (readonly [string, string])[] };
export type GuideSection = { id: string; title: string; blocks: readonly GuideBlock[] };
export type Guide = { lang: GuideLang; title: string; subtitle: string; intro: string; sections: readonly GuideSection[] };

/**
 * The guide in `lang` (Spanish unless English is asked for).
 * @example guide("es").sections.map((s) => s.id) // ["what", "login", "sections", "roles", "credits", "campaign", "sms", "help"]
 */
export function guide(lang: GuideLang = "es"): Guide {
  return lang === "en" ? GUIDE_EN : GUIDE_ES;
}

/**
 * Every piece of text of the guide in reading order (headings, paragraphs, list items, terms),
 * for tests and for a plain-text rendering.
 * @example guideText(guide("es"))[0] // "Guía de uso de Pregón"
 */
export function guideText(g: Guide): string[] {
  const out = [g.title, g.subtitle, g.intro];
  for (const s of g.sections) {
    out.push(s.title);
    for (const b of s.blocks) {
      if (b.kind === "p") out.push(b.text);
      else if (b.kind === "list") out.push(...b.items);
      else for (const [term, text] of b.items) out.push(`${term}: ${text}`);
    }
  }
  return out;
}
