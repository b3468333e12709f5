/**
 * The parser of the merge-field language (merge.ts has the language and the renderer). One scan
 * of the source splits it into literal text and `{{ name | step | … }}` / `{{{ … }}}` tags; a
 * step is a filter name or a quoted default ("…", '…' or the “…” Word and phones type). Any
 * error carries the 1-based line and column where it was found so the editor can point at it.
 * There is no escape for a literal "{{": nothing in an email needs one.
 */
import { FILTERS } from "./merge-format";
import type { FilterName } from "./merge-format";
import type { MergeStep } from "./merge";

export type ParsedField = { name: string; raw: boolean; steps: MergeStep[] };
type ParseResult = { ok: true; parts: (string | ParsedField)[] } | { ok: false; error: { message: string; line: number; column: number } };

const FILTER_SET: ReadonlySet<string> = new Set(FILTERS);
const NAME_START = /[\p{L}_]/u;
const NAME_CHAR = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;
const CLOSE_QUOTE: Readonly<Record<string, string>> = { '"': '"', "'": "'", "“": "”", "”": "”" };

class ParseError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
  }
}

/**
 * Field names compare without case or accents.
 * @example canonicalName("Teléfono") // "telefono"
 */
export function canonicalName(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Split a template into literal strings and fields.
 * @example parseTemplate("Hola {{nombre}}") // { ok: true, parts: ["Hola ", { name: "nombre", raw: false, steps: [] }] }
 */
export function parseTemplate(source: string): ParseResult {
  const parts: (string | ParsedField)[] = [];
  let pos = 0;
  try {
    for (;;) {
      const open = source.indexOf("{{", pos);
      if (open < 0) break;
      parts.push(source.slice(pos, open));
      const raw = source.startsWith("{{{", open);
      const closer = raw ? "}}}" : "}}";
      const start = open + closer.length;
      const close = source.indexOf(closer, start);
      const nextOpen = source.indexOf("{{", start);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) throw new ParseError(`"${closer.replaceAll("}", "{")}" is not closed with "${closer}"`, open);
      parts.push(parseExpression(source, start, close, raw));
      pos = close + closer.length;
    }
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ok: false, error: { message: e.message, ...lineColumn(source, e.at) } };
  }
  parts.push(source.slice(pos));
  return { ok: true, parts };
}

function parseExpression(src: string, start: number, end: number, raw: boolean): ParsedField {
  let i = skipSpace(src, start, end);
  if (i >= end) throw new ParseError("Empty merge field: write a field name, as in {{nombre}}", start);
  const [name, afterName] = readName(src, i, end, "a field name");
  const steps: MergeStep[] = [];
  i = skipSpace(src, afterName, end);
  while (i < end) {
    if (src[i] !== "|") throw new ParseError(`Unexpected "${src[i]}" after "${src.slice(start, i).trim()}": separate steps with "|"`, i);
    i = skipSpace(src, i + 1, end);
    if (i >= end) throw new ParseError('Nothing after "|": write a filter or a "default"', i);
    const ch = src[i]!;
    const closeQuote = CLOSE_QUOTE[ch];
    if (closeQuote !== undefined) {
      const [text, after] = readString(src, i, end, closeQuote);
      steps.push({ kind: "default", text });
      i = after;
    } else {
      const [filter, after] = readName(src, i, end, "a filter or a quoted default");
      if (!FILTER_SET.has(filter)) throw new ParseError(`Unknown filter "${src.slice(i, after)}" (filters: ${FILTERS.join(", ")})`, i);
      steps.push({ kind: "filter", filter: filter as FilterName });
      i = after;
    }
    i = skipSpace(src, i, end);
  }
  return { name, raw, steps };
}

function readName(src: string, i: number, end: number, what: string): [string, number] {
  if (!NAME_START.test(src[i]!)) throw new ParseError(`Expected ${what} but found "${src[i]}"`, i);
  let j = i + 1;
  while (j < end && NAME_CHAR.test(src[j]!)) j++;
  return [canonicalName(src.slice(i, j)), j];
}

function readString(src: string, i: number, end: number, closeQuote: string): [string, number] {
  let text = "";
  for (let j = i + 1; j < end; j++) {
    const c = src[j]!;
    if (c === closeQuote) return [text, j + 1];
    if (c === "\\" && j + 1 < end) text += src[++j];
    else text += c;
  }
  throw new ParseError(`Unterminated default: close it with ${closeQuote}`, i);
}

function skipSpace(src: string, i: number, end: number): number {
  while (i < end && SPACE.test(src[i]!)) i++;
  return i;
}

function lineColumn(src: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}
