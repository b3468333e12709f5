/**
 * Merge fields (W7): the template language of subjects, preheaders, HTML and text bodies.
 * `{{nombre}}` inserts a value, HTML-escaped in an HTML context and as-is in a text one;
 * `{{nombre | "estimado proveedor"}}` gives a default; `{{vence | fecha}}` formats (see
 * merge-format.ts for the filters); `{{{campo}}}` inserts raw HTML. Templates are parsed once
 * per campaign into literal and field parts and rendered per recipient by concatenation: no
 * eval or new Function (Workers forbid both), no regex over the document per message. Names are
 * matched without case or accents, so `{{Teléfono}}` is `telefono`. The parser is in
 * merge-parse.ts; this file resolves names and renders.
 */
import { applyFilter, longDateLima, plainText } from "./merge-format";
import type { FilterName } from "./merge-format";
import { parseTemplate } from "./merge-parse";
import type { ParsedField } from "./merge-parse";
import { shareFields } from "../archive/urls";

export type MergeContext = "html" | "text";

export type StandardField = "firstName" | "lastName" | "position" | "company" | "email" | "phone";

/**
 * Spanish names for the standard contact fields. They win over a custom field of the same key.
 * A Map, not an object literal, so names like "constructor" find nothing.
 */
export const STANDARD_ALIASES: ReadonlyMap<string, StandardField> = new Map([
  ["nombre", "firstName"], ["apellido", "lastName"], ["apellidos", "lastName"], ["cargo", "position"], ["empresa", "company"],
  ["correo", "email"], ["email", "email"], ["celular", "phone"], ["telefono", "phone"],
]);

/**
 * Fields the sender fills per message; they win over standard and custom fields. The archive
 * link and the share links (W6) point to the campaign's public archive page, or to its
 * contact-free public address (`/v/p/…`) while it is not published; never to the recipient's
 * own web version, which carries their data and their opt-out link.
 */
export const SYSTEM_FIELDS = ["enlace_baja", "ver_en_web", "fecha_envio", "enlace_archivo", "compartir_facebook", "compartir_x", "compartir_linkedin", "compartir_correo"] as const;
const SYSTEM: ReadonlySet<string> = new Set(SYSTEM_FIELDS);

/** One step after a pipe: a filter, or a default that replaces a value missing at that point. */
export type MergeStep = { kind: "filter"; filter: FilterName } | { kind: "default"; text: string };
export type TemplatePart =
  | { kind: "literal"; text: string }
  | { kind: "field"; name: string; raw: boolean; steps: MergeStep[]; source: "system" | "standard" | "custom"; key: string };
export type CompiledTemplate = { parts: TemplatePart[]; fields: string[] };

export type MergeData = {
  standard: { firstName?: string | null; lastName?: string | null; position?: string | null; company?: string | null; email?: string | null; phone?: string | null };
  custom: Record<string, unknown>;
  system: Record<string, string>;
};

export type CompileError = { message: string; line: number; column: number };

/**
 * Parse a template once; the error names the 1-based line and column of the problem.
 * @example compileTemplate("Hola {{nombre | \"estimado proveedor\"}}") // { ok: true, template: { parts: […], fields: ["nombre"] } }
 * @example compileTemplate("{{vence | fechas}}") // { ok: false, error: { message: 'Unknown filter "fechas" …', line: 1, column: 11 } }
 */
export function compileTemplate(source: string): { ok: true; template: CompiledTemplate } | { ok: false; error: CompileError } {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return parsed;
  const parts: TemplatePart[] = [];
  const fields: string[] = [];
  for (const p of parsed.parts) {
    if (typeof p === "string") {
      const last = parts[parts.length - 1];
      if (last?.kind === "literal") last.text += p;
      else if (p !== "") parts.push({ kind: "literal", text: p });
      continue;
    }
    parts.push(resolveField(p));
    if (!fields.includes(p.name)) fields.push(p.name);
  }
  return { ok: true, template: { parts, fields } };
}

function resolveField(p: ParsedField): TemplatePart {
  const standard = STANDARD_ALIASES.get(p.name);
  const source = SYSTEM.has(p.name) ? "system" : standard !== undefined ? "standard" : "custom";
  return { kind: "field", name: p.name, raw: p.raw, steps: p.steps, source, key: standard ?? p.name };
}

/**
 * Render for one recipient. A value that is missing (absent, null, blank) and has no default
 * renders as "" — the template author decides with a default what shows instead. In the "html"
 * context `{{…}}` values are escaped (& < > " '); `{{{…}}}` is not, in any context, so it must
 * only ever carry HTML the account itself wrote. The "text" context escapes nothing.
 * @example renderTemplate(t, { standard: { firstName: "<b>Ana</b>" }, custom: {}, system: {} }, "html") // "Hola &lt;b&gt;Ana&lt;/b&gt;"
 */
export function renderTemplate(t: CompiledTemplate, data: MergeData, context: MergeContext): string {
  let out = "";
  for (const part of t.parts) {
    if (part.kind === "literal") {
      out += part.text;
      continue;
    }
    const value = evaluate(part, data);
    if (value !== null) out += context === "html" && !part.raw ? escapeHtml(value) : value;
  }
  return out;
}

/**
 * Names referenced that are neither standard, system nor among `customKeys`: the campaign save refuses them.
 * @example unknownFields(compiled("{{nombre}} {{ruc}} {{dni}}"), ["ruc"]) // ["dni"]
 */
export function unknownFields(t: CompiledTemplate, customKeys: readonly string[]): string[] {
  return t.fields.filter((f) => !SYSTEM.has(f) && !STANDARD_ALIASES.has(f) && !customKeys.includes(f));
}

/**
 * The system fields for one message: links the sender signed, the send date in Peru, and the
 * archive and share links to `share.url` (the public archive page, or the campaign's
 * contact-free public address). Without one they are blank: they never fall back to `webUrl`,
 * so a recipient cannot share their personal copy.
 * @example systemFields({ unsubscribeUrl: u, webUrl: w, now, share: { url: p, title: "Aviso" } }) // { enlace_baja: u, ver_en_web: w, fecha_envio: "15 de marzo de 2027", enlace_archivo: p, compartir_facebook: "https://www.facebook.com/sharer/sharer.php?u=…", … }
 */
export function systemFields(o: { unsubscribeUrl: string; webUrl: string; now: Date; share?: { url: string; title: string } }): Record<string, string> {
  const shareUrl = o.share?.url;
  const share = shareUrl ? shareFields(shareUrl, o.share?.title ?? "") : Object.fromEntries(SYSTEM_FIELDS.slice(3).map((f) => [f, ""]));
  return { enlace_baja: o.unsubscribeUrl, ver_en_web: o.webUrl, fecha_envio: longDateLima(o.now), ...share };
}

/** The text a field part produces for `data`, before escaping; null when nothing shows. */
function evaluate(part: Extract<TemplatePart, { kind: "field" }>, data: MergeData): string | null {
  // Own properties only: a field named "constructor" or "__proto__" must not reach Object.prototype.
  const bag: Record<string, unknown> = part.source === "system" ? data.system : part.source === "standard" ? data.standard : data.custom;
  const raw = Object.hasOwn(bag, part.key) ? bag[part.key] : undefined;
  if (part.steps.length === 0) return plainText(raw);
  let value: unknown = raw;
  let text: string | null = plainText(raw);
  for (const step of part.steps) {
    if (step.kind === "default") {
      if (text === null) value = text = step.text;
    } else if (text !== null) {
      text = applyFilter(step.filter, value);
      value = text;
    }
  }
  return text;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_G = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for HTML element content and quoted attribute values.
 * @example escapeHtml(`<script>alert("x")</script>`) // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(s: string): string {
  return HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIAL_G, (c) => ENTITY[c]!) : s;
}
