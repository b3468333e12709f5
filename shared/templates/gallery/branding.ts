/**
 * An account's branding (logo, two colours, organisation, address, website) and the step that
 * writes it into a gallery template's MJML. Templates carry `[[token]]`s that the account sets
 * once in Configuración; `applyBranding` swaps them for escaped values in one pass, so a value
 * can never inject markup, a merge tag or another token. Colours that would fail WCAG AA are not
 * refused: the text colours derived from them are darkened (or switched to white/near-black)
 * until they pass, so any brand colour still gives readable buttons and links.
 */

export type Branding = {
  logoUrl: string | null;
  primaryColor: string;
  secondaryColor: string;
  organisation: string;
  address: string;
  website: string | null;
};

/** A neutral institutional blue and a warm amber accent, both AA on white as text and as backgrounds for white text. */
export const DEFAULT_BRANDING: Branding = {
  logoUrl: null,
  primaryColor: "#1d4e89",
  secondaryColor: "#a34e08",
  organisation: "Mi organización",
  address: "Av. Ejemplo 123, Lima, Perú",
  website: null,
};

/** The lightest background that coloured text sits on in the templates (footer and boxes). */
export const LIGHT_BACKGROUND = "#f3f4f6";
/** Body text colour: 14.7:1 on white, 13.4:1 on LIGHT_BACKGROUND. */
export const DARK_TEXT = "#1f2937";

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const TOKEN = /\[\[([a-z_]+)\]\]/g;
// A block kept only when the token has a value (`si`) or only when it has none (`no`).
const BLOCK = /<!--\[\[(si|no):([a-z_]+)\]\]-->([\s\S]*?)<!--\[\[\/\1:\2\]\]-->/g;

/**
 * The template with its `[[tokens]]` replaced by the account's branding.
 *
 * Tokens: `[[logo_url]]`, `[[color_primario]]`, `[[color_secundario]]`, `[[organizacion]]`,
 * `[[direccion]]`, `[[sitio_web]]`, and the derived `[[color_sobre_primario]]` /
 * `[[color_sobre_secundario]]` (text on a coloured background), `[[color_primario_texto]]` /
 * `[[color_secundario_texto]]` (the colour as text on white or LIGHT_BACKGROUND) and
 * `[[sitio_web_texto]]` (the website without its scheme). Blocks between
 * `<!--[[si:logo_url]]-->` and `<!--[[/si:logo_url]]-->` are kept only when the token has a
 * value, `<!--[[no:…]]-->` blocks only when it has none; so a missing logo leaves the
 * organisation's name as a text header. Colours must be #rgb or #rrggbb, else the default is
 * used; logo and website must be http(s) URLs, else they count as missing. Unknown tokens are
 * left as they are.
 * @example applyBranding('<mj-text color="[[color_primario]]">[[organizacion]]</mj-text>', { ...DEFAULT_BRANDING, organisation: "A & B" })
 * // '<mj-text color="#1d4e89">A &amp; B</mj-text>'
 */
export function applyBranding(mjml: string, b: Branding): string {
  const values = brandingValues(b);
  const withBlocks = mjml.replace(BLOCK, (_all, kind: string, key: string, body: string) => ((values.get(key) ?? "") !== "") === (kind === "si") ? body : "");
  return withBlocks.replace(TOKEN, (all, key: string) => values.get(key) ?? all);
}

/** Every token's escaped value; exported for the editor's preview of a single colour or name. */
export function brandingValues(b: Branding): Map<string, string> {
  const primary = validColour(b.primaryColor, DEFAULT_BRANDING.primaryColor);
  const secondary = validColour(b.secondaryColor, DEFAULT_BRANDING.secondaryColor);
  const logo = httpUrl(b.logoUrl);
  const website = httpUrl(b.website);
  const organisation = b.organisation.trim() || DEFAULT_BRANDING.organisation;
  return new Map([
    ["logo_url", escapeHtml(logo ?? "")],
    ["color_primario", primary],
    ["color_secundario", secondary],
    ["color_sobre_primario", textOn(primary)],
    ["color_sobre_secundario", textOn(secondary)],
    ["color_primario_texto", readableOn(primary, LIGHT_BACKGROUND)],
    ["color_secundario_texto", readableOn(secondary, LIGHT_BACKGROUND)],
    ["organizacion", escapeHtml(organisation)],
    ["direccion", escapeHtml(b.address.trim())],
    ["sitio_web", escapeHtml(website ?? "")],
    ["sitio_web_texto", escapeHtml(website ? website.replace(/^https?:\/\//i, "").replace(/\/$/, "") : "")],
  ]);
}

/**
 * Text safe in HTML text and in a quoted attribute; braces and brackets too, so a value cannot
 * smuggle a `{{merge tag}}` into every message or a `[[token]]` into a second branding pass.
 * @example escapeHtml('<b>"A" & {{x}}</b>') // '&lt;b&gt;&quot;A&quot; &amp; &#123;&#123;x&#125;&#125;&lt;/b&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'{}[\]]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;" };

/**
 * `c` as lower-case #rrggbb when it is #rgb or #rrggbb, else `fallback`.
 * @example validColour("#ABC", "#000000") // "#aabbcc"
 */
export function validColour(c: string, fallback: string): string {
  const t = c.trim();
  if (!HEX.test(t)) return fallback;
  const h = t.slice(1).toLowerCase();
  return h.length === 3 ? `#${h[0]}${h[0]}${h[1]}${h[1]}${h[2]}${h[2]}` : `#${h}`;
}

/**
 * The WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 to 21.
 * @example contrast("#ffffff", "#000000") // 21
 */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White text on `bg` when it reaches 4.5:1, else whichever of white and DARK_TEXT contrasts more. */
function textOn(bg: string): string {
  if (contrast("#ffffff", bg) >= 4.5) return "#ffffff";
  return contrast(DARK_TEXT, bg) >= contrast("#ffffff", bg) ? DARK_TEXT : "#ffffff";
}

/** `c` darkened in small steps (towards black) until it reads at 4.5:1 on `bg`. */
function readableOn(c: string, bg: string): string {
  let rgb = channels(c);
  for (let i = 0; i < 40 && contrast(hex(rgb), bg) < 4.5; i++) rgb = rgb.map((v) => Math.floor(v * 0.92)) as [number, number, number];
  return hex(rgb);
}

function luminance(c: string): number {
  const [r, g, b] = channels(c).map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function channels(c: string): [number, number, number] {
  const n = Number.parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function httpUrl(u: string | null): string | null {
  const t = u?.trim();
  if (!t || !/^https?:\/\//i.test(t)) return null;
  try {
    new URL(t);
    return t;
  } catch {
    return null;
  }
}
