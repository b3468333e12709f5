import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvParser } from "../../shared/import/csv-parser";
import { detectDelimiter, detectEncoding, looksLikeHeader, sniffBinary } from "../../shared/import/detect";

const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const cp1252 = (s: string) => new Uint8Array(Buffer.from(s, "latin1")); // the test strings stay inside Latin-1

/** The fixture's records, decoded and parsed the way the importer does it. */
function records(name: string): string[][] {
  const b = bytes(name);
  const text = new TextDecoder(detectEncoding(b).encoding).decode(b);
  const p = new CsvParser(detectDelimiter(text).delimiter);
  return [...p.push(text), ...p.end()].map((r) => r.fields);
}

describe("detectEncoding", () => {
  it("reads a UTF-8 BOM", () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: "utf-8", bom: true });
    expect(detectEncoding(bytes("bom-utf8.csv"))).toEqual({ encoding: "utf-8", bom: true });
  });
  it("calls ASCII and valid UTF-8 utf-8", () => {
    expect(detectEncoding(utf8("correo,nombre\n"))).toEqual({ encoding: "utf-8", bom: false });
    expect(detectEncoding(utf8("Ñañez;Zúñiga;Jefa – Área;€;😀"))).toEqual({ encoding: "utf-8", bom: false });
    expect(detectEncoding(new Uint8Array())).toEqual({ encoding: "utf-8", bom: false });
  });
  it("calls Spanish text saved by Excel on Windows windows-1252", () => {
    expect(detectEncoding(cp1252("Ñañez;Pérez\r\n"))).toEqual({ encoding: "windows-1252", bom: false });
    expect(detectEncoding(cp1252("Gutiérrez"))).toEqual({ encoding: "windows-1252", bom: false });
    expect(detectEncoding(bytes("win1252-semicolon.csv"))).toEqual({ encoding: "windows-1252", bom: false });
    // 0x96 (an en dash in Windows-1252) alone is a stray continuation byte in UTF-8.
    expect(detectEncoding(new Uint8Array([0x41, 0x96, 0x42])).encoding).toBe("windows-1252");
  });
  it("does not hold a character cut by the end of the sample against it", () => {
    const text = utf8("Ñ".repeat(10) + "–" + "😀");
    for (let end = 1; end <= text.length; end++) expect(detectEncoding(text.subarray(0, end)).encoding).toBe("utf-8");
  });
  it("still rejects a cut character whose bytes so far are already wrong", () => {
    expect(detectEncoding(new Uint8Array([0x61, 0xe2, 0x41])).encoding).toBe("windows-1252");
    expect(detectEncoding(new Uint8Array([0x61, 0xf0, 0x80])).encoding).toBe("windows-1252"); // overlong 4-byte start
  });
  it("rejects overlongs, surrogates and bytes UTF-8 never uses", () => {
    for (const bad of [[0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xff]]) {
      expect(detectEncoding(new Uint8Array([0x61, ...bad, 0x62])).encoding).toBe("windows-1252");
    }
    expect(detectEncoding(new Uint8Array([0xed, 0x9f, 0xbf, 0xf4, 0x8f, 0xbf, 0xbf])).encoding).toBe("utf-8"); // U+D7FF, U+10FFFF
  });
  it("answers utf-8 for every UTF-8 fixture", () => {
    for (const name of ["multiline-quoted.csv", "tabs.tsv", "mixed-good-bad.csv", "duplicates.csv", "header-only.csv", "empty.csv"]) {
      expect(detectEncoding(bytes(name)), name).toEqual({ encoding: "utf-8", bom: false });
    }
  });
});

describe("sniffBinary", () => {
  it("recognises spreadsheets so the UI can say 'save as CSV'", () => {
    expect(sniffBinary(bytes("workbook.xlsx"))).toBe("xlsx");
    expect(sniffBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe("xlsx");
  });
  it("recognises other binary files by magic number or by content", () => {
    expect(sniffBinary(bytes("not-csv.bin"))).toBe("binary");
    expect(sniffBinary(bytes("not-csv.pdf"))).toBe("binary");
    expect(sniffBinary(utf8("GIF89a…"))).toBe("binary");
    expect(sniffBinary(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBe("binary");
    expect(sniffBinary(new Uint8Array([0x1f, 0x8b, 0x08]))).toBe("binary");
    expect(sniffBinary(bytes("utf16le-unicode-text.txt"))).toBe("binary");
    expect(sniffBinary(utf8("correo\0nombre\n"))).toBe("binary");
  });
  it("counts control characters: a few are text, many are binary", () => {
    const text = "ana@x.pe,Ana\n".repeat(10); // 130 bytes
    expect(sniffBinary(utf8(text + "\x01\x02"))).toBeNull();
    expect(sniffBinary(utf8(text + "\x01\x02\x03"))).toBe("binary");
    expect(sniffBinary(utf8("a\n\x1a"))).toBeNull(); // one DOS end-of-file mark in a tiny file
    expect(sniffBinary(utf8("a\n\x1a\x1a"))).toBe("binary");
    expect(sniffBinary(utf8(text + "\x7f\x7f\x7f"))).toBe("binary");
    expect(sniffBinary(utf8("a\tb\r\n\fc"))).toBeNull();
  });
  it("lets every CSV fixture through, and the empty file too", () => {
    const csvs = readdirSync(FIXTURES).filter((f) => /\.(csv|tsv)$/.test(f));
    expect(csvs.length).toBeGreaterThanOrEqual(16);
    for (const name of csvs) expect(sniffBinary(bytes(name)), name).toBeNull();
  });
});

describe("detectDelimiter", () => {
  it("finds the delimiter of each fixture", () => {
    const cases: [string, string][] = [
      ["win1252-semicolon.csv", ";"],
      ["bom-utf8.csv", ","],
      ["tabs.tsv", "\t"],
      ["multiline-quoted.csv", ","],
      ["mixed-good-bad.csv", ","],
      ["ragged-columns.csv", ","],
      ["lone-cr.csv", ","],
    ];
    for (const [name, delimiter] of cases) {
      const b = bytes(name);
      const text = new TextDecoder(detectEncoding(b).encoding).decode(b);
      expect(detectDelimiter(text), name).toEqual({ delimiter, singleColumn: false });
    }
  });
  it("flags a single-column file and an empty sample", () => {
    expect(detectDelimiter(new TextDecoder().decode(bytes("single-column.csv")))).toEqual({ delimiter: ",", singleColumn: true });
    expect(detectDelimiter("")).toEqual({ delimiter: ",", singleColumn: true });
  });
  it("ignores delimiters inside quoted fields, multi-line ones included", () => {
    expect(detectDelimiter('"a;b;c",d\n"e;f\ng;h;i",j\n"k;l;m",n\n').delimiter).toBe(",");
    expect(detectDelimiter('"Quispe, Ana";x\n"Mamani, Luis";y\n').delimiter).toBe(";");
  });
  it("lets ';' win a tie when the sample has decimal commas, ',' otherwise", () => {
    expect(detectDelimiter("Ana;1,5\nLuis;2,75\n").delimiter).toBe(";");
    expect(detectDelimiter("a;b,c\nd;e,f\n").delimiter).toBe(",");
    expect(detectDelimiter("a;1,000\nd;2,000\n").delimiter).toBe(","); // thousands, not decimals
  });
  it("prefers the most consistent count, then the larger one", () => {
    expect(detectDelimiter("nombre;monto\nAna;1,5\nLuis;2,5\nRosa;3\n").delimiter).toBe(";");
    expect(detectDelimiter("a;b,c;d\ne;f,g;h\n").delimiter).toBe(";");
  });
  it("does not let a line cut off at the end of the sample vote", () => {
    expect(detectDelimiter("a;b,c;d\ne;f,g;h\ni,j").delimiter).toBe(";");
  });
});

describe("looksLikeHeader", () => {
  it("takes known Spanish and English labels as a header", () => {
    for (const name of ["win1252-semicolon.csv", "bom-utf8.csv", "tabs.tsv", "mixed-good-bad.csv", "duplicates.csv", "single-column.csv"]) {
      const [first = [], ...rest] = records(name);
      expect(looksLikeHeader(first, rest), name).toBe(true);
    }
    expect(looksLikeHeader(["N°", "Apellidos y nombres", "DNI", "Correo"], [["1", "Quispe Ana", "40123456", "ana@x.pe"]])).toBe(true);
  });
  it("takes a header-only file's labels as a header", () => {
    expect(looksLikeHeader(records("header-only.csv")[0] ?? [], [])).toBe(true);
  });
  it("never takes a row holding an email, a phone or a number as a header", () => {
    const [first = [], ...rest] = records("no-header.csv");
    expect(looksLikeHeader(first, rest)).toBe(false);
    expect(looksLikeHeader(["Correo", "Nombre", "2024"], [["a@x.pe", "Ana", "1"]])).toBe(false);
    expect(looksLikeHeader(["Correo", "+51 987 654 321"], [["a@x.pe", "987654321"]])).toBe(false);
  });
  it("takes unknown but distinct labels as a header only when data follows", () => {
    expect(looksLikeHeader(["Contacto", "Persona"], [["ana@x.pe", "Ana"]])).toBe(true);
    expect(looksLikeHeader(["Contacto", "Persona"], [["Lima", "Ana"]])).toBe(false);
    expect(looksLikeHeader(["Juan", "Juan"], [["ana@x.pe", "Ana"]])).toBe(false);
  });
  it("never takes a blank row as a header", () => {
    expect(looksLikeHeader(["", " "], [["ana@x.pe", "Ana"]])).toBe(false);
    expect(looksLikeHeader([], [])).toBe(false);
  });
});
