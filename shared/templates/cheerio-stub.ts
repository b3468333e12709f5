/**
 * Stands in for `cheerio`, which mjml-browser 5.4.1 requires but does not list as a dependency
 * (its bundle does `require("cheerio")` at load time, so bundlers and Node fail without it). MJML
 * uses cheerio for one feature only, `<mj-html-attributes>`, which the gallery does not use
 * (it sets `lang` on `<mjml>` instead). Alias "cheerio" to this file in the bundler (wrangler
 * `[alias]`, vite `resolve.alias`); a template that does use `<mj-html-attributes>` then fails
 * with a clear message instead of the whole module failing to load.
 */

/**
 * Always throws: see the file header.
 * @example load("<p/>") // throws Error("<mj-html-attributes> is not supported …")
 */
export function load(_html: string, _options?: unknown): never {
  throw new Error("<mj-html-attributes> is not supported: set lang/dir on <mjml> and style elements inline");
}

export default { load };
