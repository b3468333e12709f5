/**
 * A campaign's HTML compiled once with its links found once, then each recipient's copy made
 * by concatenation: merge values, click tokens and the open pixel go into precomputed holes.
 * Links are found in the template itself, with each merge tag stood in for by one private-use
 * character, so a tag inside an href (`https://x.pe/pago?ruc={{ruc}}`) makes that URL a small
 * template rendered per recipient (as text: values are not URL-encoded), while
 * `href="{{enlace_baja}}"` is not an http(s) literal and stays untracked. Links that arrive
 * inside a `{{{raw}}}` value are not tracked.
 */
import { compileTemplate, renderTemplate } from "./merge";
import type { CompileError, CompiledTemplate, MergeData, TemplatePart } from "./merge";
import { applyLinks, prepareLinks } from "./link-scan";
import { signLinks } from "./links";
import type { LinkBase } from "./links";

export type TrackedHtml = {
  /** The whole template, for `fields` and `unknownFields`. */
  template: CompiledTemplate;
  segments: CompiledTemplate[];
  holes: number[];
  /** Per link: the URL when it has no merge tags, else its template. */
  links: (string | CompiledTemplate)[];
};

/**
 * Compile an HTML template with its tracked links located (literal links under `ownBaseUrl`'s
 * tracking paths excepted). Errors are those of compileTemplate, positioned in `source`.
 * @example const r = compileTrackedHtml('<a href="https://x.pe/?id={{ruc}}">Hola {{nombre}}</a>'); r.ok && r.tracked.links.length // 1
 */
export function compileTrackedHtml(source: string, ownBaseUrl?: string): { ok: true; tracked: TrackedHtml } | { ok: false; error: CompileError } {
  const compiled = compileTemplate(source);
  if (!compiled.ok) return compiled;
  const template = compiled.template;
  const marker = unusedPrivateUseChar(source);
  const fieldParts = template.parts.filter((p) => p.kind === "field");
  const flat = template.parts.map((p) => (p.kind === "literal" ? p.text : marker)).join("");
  const prepared = prepareLinks(flat, ownBaseUrl);
  let next = 0;
  const rebuild = (text: string): CompiledTemplate => {
    const parts: TemplatePart[] = [];
    text.split(marker).forEach((literal, i) => {
      if (i > 0) parts.push(fieldParts[next++]!);
      if (literal !== "") parts.push({ kind: "literal", text: literal });
    });
    const fields = [...new Set(parts.flatMap((p) => (p.kind === "field" ? [p.name] : [])))];
    return { parts, fields };
  };
  // Fields are consumed in document order: segment, hole, segment, hole, …
  const segments: CompiledTemplate[] = [rebuild(prepared.segments[0]!)];
  const links: (string | CompiledTemplate)[] = new Array(prepared.links.length);
  prepared.holes.forEach((hole, k) => {
    if (hole >= 0) {
      const url = prepared.links[hole]!;
      links[hole] = url.includes(marker) ? rebuild(url) : url;
    }
    segments.push(rebuild(prepared.segments[k + 1]!));
  });
  return { ok: true, tracked: { template, segments, holes: prepared.holes, links } };
}

/**
 * One recipient's HTML with merge values, signed click links and the open pixel, and the click
 * targets in link order (for per-link stats).
 * @example await renderTrackedHtml(tracked, data, linkKey, { baseUrl: "https://t.pregon.pe", campaignId: "cmp_1", contactId: 42 })
 */
export async function renderTrackedHtml(t: TrackedHtml, data: MergeData, key: CryptoKey, base: LinkBase): Promise<{ html: string; links: string[] }> {
  const urls = t.links.map((l) => (typeof l === "string" ? l : renderTemplate(l, data, "text").trim()));
  const tokens = await signLinks(key, urls, base);
  const segments = t.segments.map((s) => renderTemplate(s, data, "html"));
  return { html: applyLinks({ segments, holes: t.holes, links: urls }, tokens, base.baseUrl), links: urls };
}

/** A private-use character absent from `source`, to stand for merge tags while links are found. */
function unusedPrivateUseChar(source: string): string {
  for (let cp = 0xe000; cp <= 0xf8ff; cp++) {
    const c = String.fromCodePoint(cp);
    if (!source.includes(c)) return c;
  }
  throw new RangeError("Template uses every private-use character");
}
