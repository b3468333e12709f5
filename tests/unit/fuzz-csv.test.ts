// Generated cases in this file: 7 properties × CSV_RUNS (500) = 3,500 per run.
/**
 * Property-based fuzzing (fast-check) of the CSV import parsers the outside world reaches: the
 * streaming parser (csv-parser.ts, csv-record.ts), the sniffers (detect.ts), the preview that
 * ties them together (preview.ts), the cell classifiers (cells.ts) and the column mapping
 * (mapping.ts). Every property feeds arbitrary or adversarial text and checks: no exception,
 * only the documented result shapes, and the CSV round trip (quote, cut anywhere, parse back).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalise, slug, looksLikeData } from "../../shared/import/cells";
import { CsvParser, type CsvRecord } from "../../shared/import/csv-parser";
import { detectDelimiter, detectEncoding, looksLikeHeader, sniffBinary, type Delimiter } from "../../shared/import/detect";
import { CONTACT_FIELDS, suggestMapping, validateMapping, type Mapping } from "../../shared/import/mapping";
import { PREVIEW_ROWS, previewFile } from "../../shared/import/preview";

/** Runs per property; docs/reliability.md quotes it. */
export const CSV_RUNS = 500;

const DELIMITERS: Delimiter[] = [",", ";", "\t"];
const ERRORS = new Set(["unterminated_quote", "stray_quote", "record_too_long"]);

/** Text made mostly of the characters a CSV parser branches on, plus any other code point. */
const csvText = fc.string({
  unit: fc.oneof(fc.constantFrom('"', ",", ";", "\t", "\r", "\n", " ", "a", "é", "\uFEFF"), fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" })),
  maxLength: 200,
});
const delimiter = fc.constantFrom(...DELIMITERS);
/** Cut points as fractions of the text, so any text can be cut anywhere. */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 });

function chunksOf(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
}

function parse(chunks: string[], d: Delimiter, limits = {}): CsvRecord[] {
  const p = new CsvParser(d, limits);
  const out: CsvRecord[] = [];
  for (const c of chunks) out.push(...p.push(c));
  return [...out, ...p.end()];
}

/** RFC 4180 with every field quoted; returns the text and each record's expected start line. */
function writeCsv(records: string[][], d: Delimiter, eol: string): { text: string; lines: number[] } {
  let text = "";
  let line = 1;
  const lines: number[] = [];
  for (const fields of records) {
    lines.push(line);
    text += fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(d) + eol;
    line += 1 + fields.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  return { text, lines };
}

describe("fuzz: CsvParser", () => {
  it("never throws on any text, and cutting the text into chunks never changes the records", () => {
    fc.assert(
      fc.property(csvText, delimiter, cuts, (text, d, at) => {
        const whole = parse([text], d);
        expect(parse(chunksOf(text, at), d)).toEqual(whole);
        let last = 0;
        for (const r of whole) {
          expect(r.line).toBeGreaterThanOrEqual(Math.max(1, last));
          last = r.line;
          expect(Array.isArray(r.fields)).toBe(true);
          if (r.error !== undefined) expect(ERRORS.has(r.error)).toBe(true);
        }
      }),
      { numRuns: CSV_RUNS },
    );
  });

  it("keeps its bounds under tiny limits: no throw, records over the limit come out as errors", () => {
    fc.assert(
      fc.property(csvText, delimiter, cuts, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 40 }), (text, d, at, maxQuotedChars, maxQuotedLines, maxRecordChars) => {
        const limits = { maxQuotedChars, maxQuotedLines, maxRecordChars };
        const whole = parse([text], d, limits);
        expect(parse(chunksOf(text, at), d, limits)).toEqual(whole);
        for (const r of whole) if (r.error === "record_too_long") expect(r.fields).toEqual([]);
      }),
      { numRuns: CSV_RUNS },
    );
  });

  it("round-trips quoted records (any content, any line ending, cut anywhere) with their line numbers", () => {
    const field = fc.string({ unit: fc.oneof(fc.constantFrom('"', ",", ";", "\t", "\r", "\n", " "), fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" })), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), delimiter, fc.constantFrom("\r\n", "\n", "\r"), cuts, (records, d, eol, at) => {
        const { text, lines } = writeCsv(records, d, eol);
        const parsed = parse(chunksOf(`\uFEFF${text}`, at), d);
        expect(parsed).toEqual(records.map((fields, i) => ({ line: lines[i], fields })));
      }),
      { numRuns: CSV_RUNS },
    );
  });
});

describe("fuzz: sniffing and preview of uploaded bytes", () => {
  it("detectEncoding, sniffBinary and previewFile never throw and answer only documented shapes", () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), csvText.map((s) => new TextEncoder().encode(s)));
    fc.assert(
      fc.property(bytes, fc.boolean(), (sample, whole) => {
        expect(["utf-8", "windows-1252"]).toContain(detectEncoding(sample).encoding);
        expect([null, "xlsx", "binary"]).toContain(sniffBinary(sample));
        const r = previewFile(sample, whole);
        if (!r.ok) {
          expect(["empty_file", "not_csv", "xlsx", "no_rows"]).toContain(r.code);
          expect(r.message).not.toBe("");
          return;
        }
        expect(DELIMITERS).toContain(r.preview.delimiter);
        expect(r.preview.rows.length).toBeGreaterThan(0);
        expect(r.preview.rows.length).toBeLessThanOrEqual(PREVIEW_ROWS);
        if (r.preview.hasHeader) expect(r.preview.header?.length).toBe(r.preview.columns);
        else expect(r.preview.header).toBeNull();
      }),
      { numRuns: CSV_RUNS },
    );
  });

  it("detectDelimiter and looksLikeHeader never throw on any text or rows", () => {
    const rows = fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), { maxLength: 6 });
    fc.assert(
      fc.property(csvText, fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), rows, (text, first, rest) => {
        expect(DELIMITERS).toContain(detectDelimiter(text).delimiter);
        expect(typeof looksLikeHeader(first, rest)).toBe("boolean");
      }),
      { numRuns: CSV_RUNS },
    );
  });
});

describe("fuzz: cells and mapping", () => {
  it("any header gets a mapping validateMapping accepts, short of a missing email or phone column", () => {
    const cell = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom("Correo", "E-mail", "Teléfono", "Celular", "Nombres", "Apellidos", "Empresa", "Cargo", "RUC", "#", "¿?", "2do apellido", ""));
    const rows = fc.array(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("ana@x.pe", "987 654 321", "1.250,00")), { maxLength: 6 }), { maxLength: 6 });
    fc.assert(
      fc.property(fc.option(fc.array(cell, { minLength: 1, maxLength: 8 }), { nil: null }), rows, (header, sample) => {
        const mapping = suggestMapping(header, sample);
        const columns = header ? header.length : (sample[0]?.length ?? 0);
        expect(mapping.length).toBe(columns);
        const problem = validateMapping(mapping, columns);
        expect([null, "no column is mapped to email or phone"]).toContain(problem);
        for (const c of header ?? []) {
          const s = slug(c);
          if (s !== null) expect(s).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
          expect(normalise(c)).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
          expect(typeof looksLikeData(c)).toBe("boolean");
        }
      }),
      { numRuns: CSV_RUNS },
    );
  });

  it("validateMapping answers null or a message for any mapping a client could send", () => {
    const target = fc.oneof(fc.constant(null), fc.constantFrom(...CONTACT_FIELDS), fc.string({ maxLength: 50 }).map((s) => `custom:${s}`), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(target, { maxLength: 10 }), fc.integer({ min: -1, max: 12 }), (mapping, columns) => {
        const r = validateMapping(mapping as Mapping, columns);
        if (r !== null) expect(r).toMatch(/\S/);
      }),
      { numRuns: CSV_RUNS },
    );
  });
});
