/**
 * Turning a template's MJML into what a campaign sends: branding applied, MJML compiled (errors
 * reported at their line), the text alternative derived, and the merge fields it uses listed so
 * an unknown one is refused when the template or campaign is saved, never at send time.
 * mjml-browser is 2.5 MB: it is imported on first use, so it does not weigh on every request.
 */
import { applyBranding, type Branding } from "../../shared/templates/gallery/index";
import { htmlToText } from "../../shared/templates/text";
import { compileTemplate } from "../../shared/email/merge";

export type Compiled = { ok: true; html: string; text: string; fields: string[] } | { ok: false; line: number; message: string };

/** MJML limit: a template far beyond any real email is refused before the compiler sees it. */
export const MAX_SOURCE = 512 * 1024;

/**
 * mjml-browser's webpack runtime finds the global object with `(function(){return this})()`,
 * which is undefined in the strict-mode bundle wrangler builds, then `new Function("return
 * this")`, which workerd forbids, and last `window`: without one its Buffer shim fails while the
 * module initialises ("reading 'TYPED_ARRAY_SUPPORT'"), under `wrangler dev` and deployed (the
 * vitest runtime allows `new Function`, so the tests never saw it). `window` stands for the
 * global object only while the module evaluates (synchronously, inside the import).
 */
let mjml: Promise<(typeof import("mjml-browser"))["default"]> | null = null;
function loadMjml() {
  mjml ??= (async () => {
    const g = globalThis as { window?: unknown };
    const had = "window" in g;
    if (!had) g.window = globalThis;
    try {
      return (await import("mjml-browser")).default;
    } finally {
      if (!had) delete g.window;
    }
  })().catch((err: unknown) => {
    mjml = null;
    throw err;
  });
  return mjml;
}

export async function compileMjml(source: string, brand: Branding): Promise<Compiled> {
  if (source.length > MAX_SOURCE) return { ok: false, line: 1, message: "The template is larger than 512 KB" };
  // Merge syntax is checked on the source first, so an error points at the line the user wrote.
  const pre = compileTemplate(source);
  if (!pre.ok) return { ok: false, line: pre.error.line, message: pre.error.message };
  const mjml2html = await loadMjml();
  let result;
  try {
    result = await mjml2html(applyBranding(source, brand), { validationLevel: "strict", minify: false });
  } catch (err) {
    // In strict mode MJML throws a ValidationError carrying the same error list.
    const first = (err as { errors?: { line: number; message: string }[] }).errors?.[0];
    if (first) return { ok: false, line: first.line, message: first.message };
    return { ok: false, line: 1, message: err instanceof Error ? err.message : String(err) };
  }
  const first = result.errors[0];
  if (first) return { ok: false, line: first.line, message: first.message };
  const merge = compileTemplate(result.html);
  if (!merge.ok) return { ok: false, line: merge.error.line, message: merge.error.message };
  return { ok: true, html: result.html, text: htmlToText(result.html), fields: merge.template.fields };
}
