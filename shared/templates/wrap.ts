/**
 * Line wrapping for the text/plain part: cut at spaces only, so a URL is never broken and a
 * `{{merge tag}}` (which may hold spaces, as in {{nombre | "estimado proveedor"}}) stays whole;
 * continuation lines hang under the text of a list item or a quote. Widths count UTF-16 units,
 * which is exact for Spanish text.
 */

/** Lines are wrapped at this width; a longer word (a URL, a merge tag) keeps its own line. */
export const WRAP = 78;

// A word: merge tags count as part of the word around them.
const WORD = /(?:\{\{[\s\S]*?\}\}|[^\s{]|\{)+/g;

/**
 * Text with trailing spaces off, at most one blank line in a row, no blank lines at either end,
 * and lines longer than WRAP wrapped.
 * @example tidyLines("a  \n\n\n\nb\n") // "a\n\nb"
 */
export function tidyLines(out: string): string {
  const lines: string[] = [];
  let blank = 0;
  for (const raw of out.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    if (line === "") {
      if (++blank === 1 && lines.length > 0) lines.push("");
      continue;
    }
    blank = 0;
    lines.push(...wrap(line));
  }
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/**
 * `line` cut at spaces into lines of at most WRAP columns; continuation lines hang under the
 * text of a list item or quote.
 */
function wrap(line: string): string[] {
  if (line.length <= WRAP) return [line];
  const lead = /^((?:> )*[ ]*(?:- |\d+\. )?)/.exec(line)?.[1] ?? "";
  const hang = lead.replace(/[^> ]/g, " ");
  const words = line.slice(lead.length).match(WORD) ?? [];
  const lines: string[] = [];
  let cur = lead;
  let empty = true;
  for (const w of words) {
    if (!empty && cur.length + 1 + w.length > WRAP) {
      lines.push(cur);
      cur = hang;
      empty = true;
    }
    cur += empty ? w : ` ${w}`;
    empty = false;
  }
  lines.push(cur);
  return lines;
}
