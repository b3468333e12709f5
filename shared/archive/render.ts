/**
 * A campaign as the public sees it (W6): rendered without a contact. Standard and custom merge
 * fields are blank (a template's own defaults, `{{nombre | "estimado proveedor"}}`, show), the
 * web-version, archive and share links are the public page itself and the opt-out link goes
 * nowhere. The stored HTML is the template's, before tracking is added at send time, so the page
 * carries no open pixel and no click token: reading it counts for nobody. An A/B test shows the
 * winning version once there is one, else version A.
 */
import { compileTemplate, renderTemplate, systemFields, type MergeData } from "../email/merge";
import { variantSource, type Variant } from "../campaigns/ab";
import { firstImage, summaryOf } from "./meta";

export type PublicSource = { subject: string; preheader: string | null; html: string; text: string; ab: string | null; ab_result: string | null; sent_at: number | null };
export type PublicCopy = { title: string; html: string; summary: string; image: string | null };

function render(source: string, data: MergeData, context: "html" | "text"): string {
  const t = compileTemplate(source);
  // A template that no longer parses shows as written rather than failing the page or the feed.
  return t.ok ? renderTemplate(t.template, data, context) : source;
}

/** One line of plain text: control characters and runs of white space become one space. */
// eslint-disable-next-line no-control-regex
const oneLine = (s: string) => s.replace(/[\u0000-\u001F\u007F\s]+/g, " ").trim();

function winnerOf(abResult: string | null): Variant | null {
  if (!abResult) return null;
  try {
    const w = (JSON.parse(abResult) as { winner?: unknown }).winner;
    return w === "B" ? "B" : "A";
  } catch {
    return null;
  }
}

/**
 * The contact-less copy of a campaign whose public page is `pageUrl`; `withHtml` false skips the
 * body (lists and feeds need only the title and summary).
 * @example publicCopy({ subject: "Hola {{nombre | \"vecino\"}}", preheader: null, html: "<p>x</p>", text: "Texto", ab: null, ab_result: null, sent_at: 0 }, "https://p.pe/archivo/m/1").title // "Hola vecino"
 */
export function publicCopy(c: PublicSource, pageUrl: string, withHtml = true): PublicCopy {
  const src = variantSource(c, winnerOf(c.ab_result));
  const blank: MergeData = { standard: {}, custom: {}, system: systemFields({ unsubscribeUrl: "#", webUrl: pageUrl, now: new Date(c.sent_at ?? Date.now()) }) };
  const title = oneLine(render(src.subject, blank, "text")) || "(sin asunto)";
  const data: MergeData = { ...blank, system: systemFields({ unsubscribeUrl: "#", webUrl: pageUrl, now: new Date(c.sent_at ?? Date.now()), share: { url: pageUrl, title } }) };
  const preheader = c.preheader ? render(c.preheader, data, "text") : null;
  const text = render(src.text, data, "text");
  const html = withHtml ? render(src.html, data, "html") : "";
  return { title, html, summary: oneLine(summaryOf(preheader, text)), image: withHtml ? firstImage(html) : null };
}
