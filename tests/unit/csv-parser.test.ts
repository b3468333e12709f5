import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvParser, DEFAULT_LIMITS, type CsvLimits, type CsvRecord } from "../../shared/import/csv-parser";
import type { Delimiter } from "../../shared/import/detect";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");
const fixture = (name: string, encoding = "utf-8") => new TextDecoder(encoding).decode(readFileSync(path.join(FIXTURES, name)));

/** Parse `text` pushed as the given chunks (default: one chunk). */
function parse(text: string | string[], delimiter: Delimiter = ",", limits: Partial<CsvLimits> = {}): CsvRecord[] {
  const p = new CsvParser(delimiter, limits);
  const out: CsvRecord[] = [];
  for (const chunk of typeof text === "string" ? [text] : text) out.push(...p.push(chunk));
  return [...out, ...p.end()];
}

/** Deterministic PRNG (mulberry32) so random splits are reproducible. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every way of cutting `text` in two, every char its own chunk, and 50 seeded random cuttings. */
function splits(text: string): string[][] {
  const out: string[][] = [];
  for (let k = 0; k <= text.length; k++) out.push([text.slice(0, k), text.slice(k)]);
  out.push([...text]);
  const rand = rng(4180);
  for (let n = 0; n < 50; n++) {
    const parts: string[] = [];
    let at = 0;
    while (at < text.length) {
      const len = Math.floor(rand() * 7);
      parts.push(text.slice(at, at + len));
      at += len;
    }
    out.push(parts);
  }
  return out;
}

describe("CsvParser: records and line numbers", () => {
  it("parses LF, CRLF and lone CR line ends and counts physical lines", () => {
    expect(parse("a,b\nc,d\r\ne,f\rg,h")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
      { line: 3, fields: ["e", "f"] },
      { line: 4, fields: ["g", "h"] },
    ]);
  });
  it("skips empty and blank lines but still counts them", () => {
    expect(parse("\n\r\ncorreo\n\n   \n\t\nana@x.pe\r\n\r\n")).toEqual([
      { line: 3, fields: ["correo"] },
      { line: 7, fields: ["ana@x.pe"] },
    ]);
  });
  it("keeps a line of empty fields and a line holding only an empty quoted field", () => {
    expect(parse(",,\n\"\"\n")).toEqual([
      { line: 1, fields: ["", "", ""] },
      { line: 2, fields: [""] },
    ]);
  });
  it("trims unquoted fields and nothing inside quotes", () => {
    expect(parse('  Ana  ,  " Quispe, Mamani "  ,\tLima \n')).toEqual([
      { line: 1, fields: ["Ana", " Quispe, Mamani ", "Lima"] },
    ]);
  });
  it("returns empty fields for doubled and trailing delimiters", () => {
    expect(parse("a,,b,\n,x")).toEqual([
      { line: 1, fields: ["a", "", "b", ""] },
      { line: 2, fields: ["", "x"] },
    ]);
  });
  it("unescapes doubled quotes and keeps delimiters inside quotes", () => {
    expect(parse('"Bodega ""Don Lucho""","a,b;c",""""\n')).toEqual([{ line: 1, fields: ['Bodega "Don Lucho"', "a,b;c", '"'] }]);
  });
  it("keeps newlines inside quotes and numbers later records by physical line", () => {
    expect(parse('x,"uno\ndos\r\ntres\rcuatro",y\nz\n')).toEqual([
      { line: 1, fields: ["x", "uno\ndos\r\ntres\rcuatro", "y"] },
      { line: 5, fields: ["z"] },
    ]);
  });
  it("keeps a quote inside an unquoted field literally, without error", () => {
    expect(parse('Pulpería "La Esquina",5" x 3"\n')).toEqual([{ line: 1, fields: ['Pulpería "La Esquina"', '5" x 3"'] }]);
  });
  it("flags text after a closing quote as stray_quote and keeps it as Excel does", () => {
    expect(parse('"Vidal" Chávez,x\n"a"b"c,y\nok,"fine"  \n')).toEqual([
      { line: 1, fields: ["Vidal Chávez", "x"], error: "stray_quote" },
      { line: 2, fields: ['ab"c', "y"], error: "stray_quote" },
      { line: 3, fields: ["ok", "fine"] },
    ]);
  });
  it("treats spaces before an opening quote as outside the field", () => {
    expect(parse('a,  "b,c"\n')).toEqual([{ line: 1, fields: ["a", "b,c"] }]);
  });
  it("uses the delimiter it was given", () => {
    expect(parse("a;b,c\td\n", ";")).toEqual([{ line: 1, fields: ["a", "b,c\td"] }]);
    expect(parse("a;b,c\td\n", "\t")).toEqual([{ line: 1, fields: ["a;b,c", "d"] }]);
    expect(parse("a;b,c\td\n", ",")).toEqual([{ line: 1, fields: ["a;b", "c\td"] }]);
  });
  it("drops a BOM at the start only", () => {
    expect(parse(["\uFEFF", "correo\n"])).toEqual([{ line: 1, fields: ["correo"] }]);
    expect(parse('\uFEFF"x"\n')).toEqual([{ line: 1, fields: ["x"] }]);
  });
  it("returns nothing for empty input and flushes a last line without a line end", () => {
    expect(parse("")).toEqual([]);
    expect(parse(["a,b\nc,", "d"])).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
    ]);
    expect(parse('x,"q"')).toEqual([{ line: 1, fields: ["x", "q"] }]);
    expect(parse("x,")).toEqual([{ line: 1, fields: ["x", ""] }]);
  });
  it("returns each record from the push that completes it", () => {
    const p = new CsvParser(",");
    expect(p.push("a,b\nc")).toEqual([{ line: 1, fields: ["a", "b"] }]);
    expect(p.push(",d\r")).toEqual([{ line: 2, fields: ["c", "d"] }]);
    expect(p.push("\ne")).toEqual([]);
    expect(p.end()).toEqual([{ line: 3, fields: ["e"] }]);
  });
});

describe("CsvParser: unterminated quotes", () => {
  it("reports an unclosed quote at end of input on its line and parses the lines after it", () => {
    expect(parse('correo,empresa\nana@x.pe,"Consorcio Vial\nluis@x.pe,Minera\n\nrosa@x.pe,Agro')).toEqual([
      { line: 1, fields: ["correo", "empresa"] },
      { line: 2, fields: ["ana@x.pe", "Consorcio Vial"], error: "unterminated_quote" },
      { line: 3, fields: ["luis@x.pe", "Minera"] },
      { line: 5, fields: ["rosa@x.pe", "Agro"] },
    ]);
  });
  it("reports a record that began lines earlier on the line it began", () => {
    expect(parse('a,"multi\nline",b,"open\nnext,row\n')).toEqual([
      { line: 1, fields: ["a", "multi\nline", "b", "open"], error: "unterminated_quote" },
      { line: 3, fields: ["next", "row"] },
    ]);
  });
  it("pairs a later quote with an open one, as RFC 4180 says, and flags what follows it", () => {
    expect(parse('x,"one\ny,"two\nz\n')).toEqual([
      { line: 1, fields: ["x", "one\ny,two"], error: "stray_quote" },
      { line: 3, fields: ["z"] },
    ]);
  });
  it("recovers again when the replayed lines hold another open quote", () => {
    expect(parse('a,"one\nb\nc,"two\nd\n', ",", { maxQuotedLines: 2 })).toEqual([
      { line: 1, fields: ["a", "one"], error: "unterminated_quote" },
      { line: 2, fields: ["b"] },
      { line: 3, fields: ["c", "two"], error: "unterminated_quote" },
      { line: 4, fields: ["d"] },
    ]);
  });
  it("gives up on a quoted field spanning more than 100 lines and resyncs on the next line", () => {
    const body = Array.from({ length: 150 }, (_, k) => `p${k + 3}@x.pe,P${k + 3}`).join("\n");
    const records = parse(`correo,nombre\nabel@x.pe,"Transportes\n${body}\n"cierre"\n`);
    expect(records[1]).toEqual({ line: 2, fields: ["abel@x.pe", "Transportes"], error: "unterminated_quote" });
    expect(records.slice(2, 4)).toEqual([
      { line: 3, fields: ["p3@x.pe", "P3"] },
      { line: 4, fields: ["p4@x.pe", "P4"] },
    ]);
    expect(records.at(-2)).toEqual({ line: 152, fields: ["p152@x.pe", "P152"] });
    expect(records.at(-1)).toEqual({ line: 153, fields: ["cierre"] });
    expect(records).toHaveLength(153);
  });
  it("accepts a quoted field of exactly 100 lines", () => {
    const field = Array.from({ length: 100 }, (_, k) => `l${k}`).join("\n");
    expect(parse(`"${field}",end\nnext\n`)).toEqual([
      { line: 1, fields: [field, "end"] },
      { line: 101, fields: ["next"] },
    ]);
  });
  it("rejects a quoted field of 101 lines, rewinding to its second line", () => {
    const field = Array.from({ length: 101 }, (_, k) => `l${k}`).join("\n");
    const records = parse(`"${field}",end\nnext\n`);
    expect(records[0]).toEqual({ line: 1, fields: ["l0"], error: "unterminated_quote" });
    expect(records[1]).toEqual({ line: 2, fields: ["l1"] });
    expect(records.at(-2)).toEqual({ line: 101, fields: ["l100\"", "end"] });
    expect(records.at(-1)).toEqual({ line: 102, fields: ["next"] });
  });
  it("gives up on a quoted field reaching maxQuotedChars", () => {
    const limits = { maxQuotedChars: 8 };
    expect(parse('"1234567",a\n"12345678",b\nc\n', ",", limits)).toEqual([
      { line: 1, fields: ["1234567", "a"] },
      { line: 2, fields: ["12345678"], error: "unterminated_quote" },
      { line: 3, fields: ["c"] },
    ]);
    // With a line break inside, it rewinds to the next line instead of skipping.
    expect(parse('a,"12\n3456789\nb\n', ",", limits)).toEqual([
      { line: 1, fields: ["a", "12"], error: "unterminated_quote" },
      { line: 2, fields: ["3456789"] },
      { line: 3, fields: ["b"] },
    ]);
  });
  it("uses the documented default limits", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxQuotedChars: 65_536, maxQuotedLines: 100, maxRecordChars: 1_048_576 });
    const big = "x".repeat(65_536);
    expect(parse(`"${big.slice(1)}",ok\n"${big}",bad\nnext\n`).map((r) => [r.line, r.error, r.fields.length])).toEqual([
      [1, undefined, 2],
      [2, "unterminated_quote", 1],
      [3, undefined, 1],
    ]);
  });
});

describe("CsvParser: record_too_long", () => {
  it("drops the fields of an overlong record and carries on", () => {
    const limits = { maxRecordChars: 12 };
    expect(parse('abc,def,gh\nabc,defgh,ijkl\n"0123456789abc"\nok\n', ",", limits)).toEqual([
      { line: 1, fields: ["abc", "def", "gh"] },
      { line: 2, fields: [], error: "record_too_long" },
      { line: 3, fields: [], error: "record_too_long" },
      { line: 4, fields: ["ok"] },
    ]);
  });
  it("bounds memory on a huge line without line breaks", () => {
    const p = new CsvParser(",");
    const chunk = "y".repeat(65_536);
    for (let k = 0; k < 32; k++) expect(p.push(chunk)).toEqual([]);
    expect(p.push("\nnext")).toEqual([{ line: 1, fields: [], error: "record_too_long" }]);
    expect(p.end()).toEqual([{ line: 2, fields: ["next"] }]);
  });
});

describe("CsvParser: chunk boundaries", () => {
  const cases: [string, string, Delimiter, Partial<CsvLimits>][] = [
    ["line ends", "a,b\r\nc,d\re,f\n\r\n\rg\r", ",", {}],
    ["quotes", '"a""b",c\r\n"x\r\ny",  "z"  \n"",""""\n"end"', ",", {}],
    ["stray and literal quotes", 'a"b,"c"d, "e" f\n"g" \n', ",", {}],
    ["blank lines and spaces", "  \n \r\n x ; y \n;\n", ";", {}],
    ["tabs", "a\tb\t\n\t\"c\td\"\n", "\t", {}],
    ["unterminated at end", 'h\n1,"open\r\n2,two\r\n3,"three\n4', ",", {}],
    ["line cap", 'a,"x\ny\r\nz\rw\nb\n"c"\n', ",", { maxQuotedLines: 3 }],
    ["line cap at a CRLF", 'a,"x\r\nb\r\n"c\r\nd\n', ",", { maxQuotedLines: 1 }],
    ["char cap with break", 'a,"1234\n56\r\n"ok"\n', ",", { maxQuotedChars: 6 }],
    ["char cap without break", '"123""4567",z\r\nnext\n', ",", { maxQuotedChars: 6 }],
    ["record cap", "abcd,efgh,ij\nk,l\n\"mnopqrstuvwxyz\"\n", ",", { maxRecordChars: 10 }],
    ["bom", '\uFEFF"a",b\n', ",", {}],
  ];
  for (const [name, text, delimiter, limits] of cases) {
    it(`gives the same records however the text is cut: ${name}`, () => {
      const whole = parse(text, delimiter, limits);
      expect(whole.length).toBeGreaterThan(0);
      for (const chunks of splits(text)) expect(parse(chunks, delimiter, limits)).toEqual(whole);
    });
  }
  it("gives the same records for a fixture cut at random", () => {
    const text = fixture("mixed-good-bad.csv") + fixture("multiline-quoted.csv") + fixture("stray-quote.csv");
    const whole = parse(text);
    const rand = rng(7);
    for (let n = 0; n < 200; n++) {
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const len = 1 + Math.floor(rand() * 40);
        chunks.push(text.slice(at, at + len));
        at += len;
      }
      expect(parse(chunks)).toEqual(whole);
    }
  });
});

describe("CsvParser: fixtures", () => {
  const lines = (name: string, delimiter: Delimiter = ",", encoding = "utf-8") =>
    parse(fixture(name, encoding), delimiter).map((r) => [r.line, r.fields.length, r.error ?? null]);
  it("reads the Windows-1252 semicolon file with its quoted semicolon", () => {
    const records = parse(fixture("win1252-semicolon.csv", "windows-1252"), ";");
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(records[2]?.fields[4]).toBe("Jefa – Área de Imagen");
    expect(records[4]?.fields[5]).toBe("Consorcio Educa; Puno");
  });
  it("reads the BOM, tab, lone-CR and multiline files on the documented lines", () => {
    expect(parse(fixture("bom-utf8.csv"))[0]?.fields[0]).toBe("correo");
    expect(lines("tabs.tsv", "\t")).toEqual([[1, 5, null], [2, 5, null], [3, 5, null], [4, 5, null]]);
    expect(lines("lone-cr.csv")).toEqual([[1, 2, null], [2, 2, null], [4, 2, null]]);
    expect(lines("multiline-quoted.csv")).toEqual([[1, 3, null], [2, 3, null], [4, 3, null], [5, 3, null], [8, 3, null]]);
  });
  it("finds the bad lines the fixtures README lists", () => {
    expect(lines("ragged-columns.csv").map(([l, n]) => [l, n])).toEqual([[1, 4], [2, 4], [3, 3], [4, 6], [5, 4], [6, 1], [7, 5], [8, 4]]);
    expect(lines("mixed-good-bad.csv").filter(([, , e]) => e !== null)).toEqual([[8, 5, "stray_quote"], [13, 5, "unterminated_quote"]]);
    expect(lines("mixed-good-bad.csv").map(([l]) => l)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14]);
    expect(lines("unterminated-quote.csv")).toEqual([[1, 3, null], [2, 3, "unterminated_quote"], [3, 3, null], [4, 3, null]]);
    expect(lines("stray-quote.csv")).toEqual([[1, 3, null], [2, 3, "stray_quote"], [3, 3, null], [4, 3, null], [5, 3, null]]);
    const runaway = lines("runaway-quote.csv");
    expect(runaway).toHaveLength(152);
    expect(runaway[1]).toEqual([2, 3, "unterminated_quote"]);
    expect(runaway.slice(2).every(([, n, e], k) => n === 3 && e === null && runaway[k + 2]?.[0] === k + 3)).toBe(true);
    expect(parse(fixture("duplicates.csv")).map((r) => r.fields[0])).toEqual([
      "correo", "juan.perez@ejemplo.pe", "maria.lopez@ejemplo.pe", "Juan.Perez@Ejemplo.PE", "pedro.ramos@ejemplo.pe",
      "juan.perez@ejemplo.pe", "", "maria.lopez@ejemplo.pe", "", "sara.campos@ejemplo.pe",
    ]);
    expect(lines("header-only.csv")).toEqual([[1, 4, null]]);
    expect(lines("empty.csv")).toEqual([]);
  });
});
