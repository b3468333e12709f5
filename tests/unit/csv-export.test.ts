import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../shared/import/csv-export";
import { CsvParser } from "../../shared/import/csv-parser";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");

function parse(text: string): string[][] {
  const p = new CsvParser(",");
  return [...p.push(text), ...p.end()].map((r) => r.fields);
}

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Quispe Mamani")).toBe("Quispe Mamani");
    expect(csvCell("Ñañez Zúñiga")).toBe("Ñañez Zúñiga");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(3.5)).toBe("3.5");
    expect(csvCell("ana@x.pe")).toBe("ana@x.pe");
    expect(csvCell("Ortiz-Vega")).toBe("Ortiz-Vega");
  });
  it("writes null and undefined as empty cells, booleans as words", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(false)).toBe("false");
  });
  it("quotes cells holding a delimiter, a quote, a line break or edge spaces", () => {
    expect(csvCell("Quispe, Ana")).toBe('"Quispe, Ana"');
    expect(csvCell("Educa; Puno")).toBe('"Educa; Puno"');
    expect(csvCell('Bodega "Don Lucho"')).toBe('"Bodega ""Don Lucho"""');
    expect(csvCell("uno\ndos")).toBe('"uno\ndos"');
    expect(csvCell("uno\r\ndos")).toBe('"uno\r\ndos"');
    expect(csvCell("a\tb")).toBe('"a\tb"');
    expect(csvCell(" Lima")).toBe('" Lima"');
    expect(csvCell("Lima ")).toBe('"Lima "');
  });
  it("defuses cells that spreadsheets would run as formulas", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(1+1)")).toBe("'@SUM(1+1)");
    expect(csvCell("\t=1+2")).toBe("\"'\t=1+2\"");
    expect(csvCell("\r=1+2")).toBe("\"'\r=1+2\"");
    expect(csvCell('=HYPERLINK("http://x.example","clic")')).toBe('"\'=HYPERLINK(""http://x.example"",""clic"")"');
  });
  it("defuses negative numbers too, and documents it", () => {
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell(-0.25)).toBe("'-0.25");
    expect(csvCell("+51 987 654 321")).toBe("'+51 987 654 321");
  });
});

describe("csvLine", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvLine(["línea", 7, null, "Quispe, Ana"])).toBe('línea,7,,"Quispe, Ana"\r\n');
    expect(csvLine([])).toBe("\r\n");
  });
  it("reads back through CsvParser as the same cells (formulas with their apostrophe)", () => {
    const cells = ["a", " b ", 'c "d"', "e,f;g", "h\ni\r\nj", "", "=k", "-1", "@l", "\tm", "ñ"];
    expect(parse(csvLine(cells))).toEqual([cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c))]);
  });
  it("defuses every dangerous cell of formulas.csv and nothing else", () => {
    const text = new TextDecoder().decode(readFileSync(path.join(FIXTURES, "formulas.csv")));
    const rows = parse(text);
    const defused = rows.flatMap((row, r) => row.map((cell, c) => [r + 1, c + 1, csvCell(cell)] as const)).filter(([, , out]) => /^"?'/.test(out));
    expect(defused.map(([line, column]) => [line, column])).toEqual([[2, 2], [3, 4], [4, 4], [5, 2], [6, 4], [7, 4]]);
    expect(parse(rows.map((row) => csvLine(row)).join(""))[5]).toEqual(["elsa.nieto@ejemplo.pe", "Elsa", "Nieto", "'\t=1+2"]);
  });
});
