/**
 * Streaming CSV parser (RFC 4180, lenient where Excel is). The importer decodes the upload in
 * chunks and pushes them here; records come back as soon as they are complete, so memory holds
 * one chunk plus one partial record, never the file. Every record carries the physical line it
 * starts on, which is what the import report shows. Malformed input costs one record, not the
 * rest of the file: an unclosed quote is reported on its line and parsing resumes on the next.
 * The scan works on char codes and slices (no per-character string building): it is the hot
 * loop of an import of a million rows.
 */
import type { Delimiter } from "./detect";
import { RecordBuilder, type CsvRecord } from "./csv-record";

export type { CsvRecord };

/** Bounds that keep one bad quote or one giant line from eating the file or the memory. */
export type CsvLimits = {
  /** A quoted field whose raw text reaches this many characters is unterminated. */
  maxQuotedChars: number;
  /** A quoted field may span at most this many physical lines. */
  maxQuotedLines: number;
  /** A record with more raw characters than this is reported as record_too_long. */
  maxRecordChars: number;
};
export const DEFAULT_LIMITS: CsvLimits = { maxQuotedChars: 65_536, maxQuotedLines: 100, maxRecordChars: 1_048_576 };

const QUOTE = 34, LF = 10, CR = 13, SPACE = 32;
/** States between characters; every one survives a chunk boundary. */
const START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_AT_END = 3, AFTER_QUOTED = 4, SKIP_LINE = 5;

/**
 * Push decoded text chunks of any size, get back the records they complete; `end()` flushes the
 * last one. Line ends may be CRLF, LF or a lone CR; empty and blank lines are skipped but counted;
 * unquoted fields are trimmed, quoted ones kept verbatim; a quote inside an unquoted field (ab"c)
 * is literal. A leading BOM is dropped.
 * @example
 * const p = new CsvParser(";");
 * p.push('correo;nombre\r\nana@x.pe;"Quispe; Ana"'); // [{ line: 1, fields: ["correo", "nombre"] }]
 * p.end(); // [{ line: 2, fields: ["ana@x.pe", "Quispe; Ana"] }]
 */
export class CsvParser {
  private readonly d: number;
  private readonly limits: CsvLimits;
  private readonly rec: RecordBuilder;
  private state = START;
  private line = 1; // physical line of the scan position
  private recordLine = 1;
  private qRaw = ""; // open quoted field's raw text (escapes still doubled) from earlier chunks
  private qStart = 0; // where the open quoted field's text starts in the current chunk
  private qLine = 1; // line of the opening quote
  private qBreaks = 0;
  private qFirstBreak = -1; // offset in the raw field of its first line break
  private qValue = ""; // a closed quoted field, until its delimiter or line end is seen
  private spaces = 0; // spaces after a closing quote, kept if stray text follows
  private skipLF = false; // the last chunk ended in CR: a leading LF belongs to it
  private started = false;

  constructor(delimiter: Delimiter, limits: Partial<CsvLimits> = {}) {
    this.d = delimiter.charCodeAt(0);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.rec = new RecordBuilder(this.limits.maxRecordChars);
  }

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let text: string | null = chunk;
    while (text !== null) text = this.scan(text, out);
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (;;) {
      const s = this.state;
      const p = this.rec.partial;
      if (s === START && this.rec.started) this.finish("", 0, false, out);
      else if (s === UNQUOTED) this.finish(p.trim(), p.length, false, out);
      else if (s === QUOTE_AT_END) this.finish(unescape(this.qRaw), this.qRaw.length, true, out);
      else if (s === AFTER_QUOTED) this.finish(this.qValue, this.qValue.length, true, out);
      else if (s === QUOTED) {
        let text: string | null = this.abandonQuote(this.qRaw, out);
        while (text !== null) text = this.scan(text, out);
        continue; // the replayed lines may end in any state, another open quote included
      }
      break;
    }
    this.state = START;
    return out;
  }

  /** Scan one chunk; returns text to scan again when an abandoned quote rewinds, else null. */
  private scan(text: string, out: CsvRecord[]): string | null {
    const n = text.length, d = this.d, rec = this.rec;
    let i = 0;
    this.qStart = 0;
    if (this.skipLF && n > 0) {
      this.skipLF = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      const state = this.state;
      if (state === START) {
        const c = text.charCodeAt(i);
        if (c === SPACE) i++;
        else if (c === QUOTE) this.openQuote(++i);
        else if (c === d) { rec.push("", 0); i++; }
        else if (c === LF || c === CR) i = this.endRecord("", 0, false, text, i, out);
        else this.state = UNQUOTED;
      } else if (state === UNQUOTED) {
        let j = i, c = 0;
        for (; j < n; j++) {
          c = text.charCodeAt(j);
          // Delimiters and line breaks are all below ";" (59): one comparison for most characters.
          if (c <= 59 && (c === d || c === LF || c === CR)) break;
        }
        if (j === n) { rec.carry(text.slice(i)); return null; }
        const p = rec.partial;
        const value = p === "" ? text.slice(i, j).trim() : (p + text.slice(i, j)).trim();
        rec.partial = "";
        if (c === d) { rec.push(value, p.length + j - i); this.state = START; i = j + 1; }
        else i = this.endRecord(value, p.length + j - i, false, text, j, out);
      } else if (state === QUOTED) {
        // Scan to the closing quote, counting line breaks, but not past the length limit.
        const stop = Math.min(n, this.qStart + this.limits.maxQuotedChars - this.qRaw.length);
        let j = i, closed = false;
        while (j < stop) {
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            if (j + 1 === n) {
              this.qRaw += text.slice(this.qStart, j);
              this.state = QUOTE_AT_END;
              return null;
            }
            if (text.charCodeAt(j + 1) === QUOTE) { j += 2; continue; }
            this.qValue = unescape(this.qRaw + text.slice(this.qStart, j));
            this.qRaw = "";
            this.state = AFTER_QUOTED;
            closed = true;
            break;
          }
          if (c <= CR && (c === CR || (c === LF && (j > 0 ? text.charCodeAt(j - 1) : this.qRaw.charCodeAt(this.qRaw.length - 1)) !== CR))) {
            this.line++;
            if (this.qFirstBreak < 0) this.qFirstBreak = this.qRaw.length + j - this.qStart;
            if (++this.qBreaks >= this.limits.maxQuotedLines) return this.abandonQuote(this.qRaw + text.slice(this.qStart), out);
          }
          j++;
        }
        if (closed) i = j + 1;
        else if (this.qRaw.length + j - this.qStart < this.limits.maxQuotedChars) {
          this.qRaw += text.slice(this.qStart);
          return null;
        } else {
          const replay = this.abandonQuote(this.qRaw + text.slice(this.qStart), out);
          if (replay !== null) return replay;
          i = j; // no line break inside: the rest of this overlong line is skipped
        }
      } else if (state === QUOTE_AT_END) {
        // The last chunk ended on a quote: a second quote makes it an escape, anything else closes.
        if (text.charCodeAt(i) === QUOTE) {
          this.qRaw += '""';
          this.qStart = ++i;
          this.state = QUOTED;
        } else {
          this.qValue = unescape(this.qRaw);
          this.qRaw = "";
          this.state = AFTER_QUOTED;
        }
      } else if (state === AFTER_QUOTED) {
        const c = text.charCodeAt(i);
        if (c === d) { rec.push(this.qValue, this.qValue.length); this.state = START; i++; }
        else if (c === LF || c === CR) i = this.endRecord(this.qValue, this.qValue.length, true, text, i, out);
        else if (c === SPACE) { this.spaces++; i++; }
        else {
          // "abc"def: Excel reads abcdef. Keep that, but flag the record.
          rec.stray = true;
          rec.carry(this.qValue + " ".repeat(this.spaces));
          this.state = UNQUOTED;
        }
      } else {
        let j = i;
        while (j < n && text.charCodeAt(j) !== LF && text.charCodeAt(j) !== CR) j++;
        if (j === n) return null;
        i = this.lineBreak(text, j);
      }
    }
    return null;
  }

  private openQuote(at: number): void {
    this.state = QUOTED;
    this.qStart = at;
    this.qRaw = "";
    this.qLine = this.line;
    this.qBreaks = 0;
    this.qFirstBreak = -1;
    this.spaces = 0;
  }

  /**
   * Give up on an open quoted field (`full` is its raw text so far): report the record with the
   * field's text up to its first line break, then rewind to the line after the opening quote and
   * return the text from there to scan again. Without a line break there is nothing to rewind
   * to: the rest of the line is skipped.
   */
  private abandonQuote(full: string, out: CsvRecord[]): string | null {
    const brk = this.qFirstBreak;
    out.push(this.rec.abandon(full.slice(0, brk < 0 ? this.limits.maxQuotedChars : brk), this.recordLine));
    this.qRaw = "";
    if (brk < 0) {
      this.state = SKIP_LINE;
      return null;
    }
    this.state = START;
    this.line = this.qLine + 1;
    this.recordLine = this.line;
    let k = brk + 1;
    if (full.charCodeAt(brk) === CR) {
      if (k === full.length) this.skipLF = true;
      else if (full.charCodeAt(k) === LF) k++;
    }
    return full.slice(k);
  }

  /** The record ends at the line break at `j`: emit it and return the index past the break. */
  private endRecord(value: string, raw: number, quoted: boolean, text: string, j: number, out: CsvRecord[]): number {
    this.finish(value, raw, quoted, out);
    return this.lineBreak(text, j);
  }

  private finish(value: string, raw: number, quoted: boolean, out: CsvRecord[]): void {
    const record = this.rec.finish(value, raw, quoted, this.recordLine);
    if (record) out.push(record);
    this.spaces = 0;
    this.state = START;
  }

  /** Step past the line break at `j` (CRLF counts once, even split across chunks). */
  private lineBreak(text: string, j: number): number {
    this.line++;
    this.recordLine = this.line;
    this.state = START;
    this.rec.reset();
    if (text.charCodeAt(j) === CR) {
      if (j + 1 === text.length) this.skipLF = true;
      else if (text.charCodeAt(j + 1) === LF) return j + 2;
    }
    return j + 1;
  }
}

const unescape = (raw: string): string => (raw.includes('"') ? raw.replaceAll('""', '"') : raw);
