/**
 * First look at an uploaded file, from a sample of its first bytes (64 KB is plenty): is it text
 * at all (or an Excel workbook someone forgot to save as CSV), which encoding it is in, which
 * delimiter separates its columns, and whether its first record is a header. Spanish text from
 * Excel on Windows arrives as Windows-1252 and semicolon-delimited (es-PE uses the decimal
 * comma), from Google Sheets or LibreOffice as UTF-8 with commas, so every answer is a guess from
 * evidence with a safe default, never a failure.
 */
import { looksLikeData } from "./cells";
import { fieldForHeader } from "./header-words";

export type Encoding = "utf-8" | "windows-1252";
export type Delimiter = "," | ";" | "\t";

/**
 * UTF-8 BOM → utf-8; bytes that are valid UTF-8 → utf-8 (pure ASCII included); otherwise
 * windows-1252. A multi-byte character cut off by the end of the sample is not held against it.
 * @example detectEncoding(new Uint8Array([0x4e, 0xc3, 0xba])) // { encoding: "utf-8", bom: false } ("Nú")
 * @example detectEncoding(new Uint8Array([0x4e, 0xfa, 0x2c])) // { encoding: "windows-1252", bom: false }
 */
export function detectEncoding(sample: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: true };
  return { encoding: isUtf8(sample) ? "utf-8" : "windows-1252", bom: false };
}

/** Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF), truncation at the end allowed. */
function isUtf8(b: Uint8Array): boolean {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes needed, and the range allowed for the first one (RFC 3629 table).
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      if (c === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return false;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return true; // the sample ends inside this character
      const t = b[i + k]!;
      if (t < (k === 1 ? lo : 0x80) || t > (k === 1 ? hi : 0xbf)) return false;
    }
    i += need + 1;
  }
  return true;
}

const MAGIC: readonly (readonly [number[], "xlsx" | "binary"])[] = [
  [[0x50, 0x4b, 0x03, 0x04], "xlsx"], // ZIP: .xlsx, .ods (also .docx; the advice to export CSV still fits)
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "xlsx"], // OLE2: Excel 97-2003 .xls
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "binary"], // PNG
  [[0x25, 0x50, 0x44, 0x46, 0x2d], "binary"], // %PDF-
  [[0x47, 0x49, 0x46, 0x38], "binary"], // GIF8
  [[0xff, 0xd8, 0xff], "binary"], // JPEG
  [[0x1f, 0x8b], "binary"], // gzip
];

/**
 * Whether the sample is not text: a spreadsheet workbook ("xlsx", so the UI can say "save it as
 * CSV"), another known binary format, NUL bytes, or more than 2% control characters. `null` for
 * text, including an empty sample. UTF-16 text (Excel's "Unicode text") has NUL bytes and counts
 * as binary: the importer reads UTF-8 and Windows-1252 only.
 * @example sniffBinary(new TextEncoder().encode("correo,nombre\n")) // null
 * @example sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14])) // "xlsx"
 */
export function sniffBinary(sample: Uint8Array): null | "xlsx" | "binary" {
  for (const [magic, kind] of MAGIC) {
    if (sample.length >= magic.length && magic.every((byte, k) => sample[k] === byte)) return kind;
  }
  let control = 0;
  for (const c of sample) {
    if (c === 0) return "binary";
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) control++;
  }
  // One stray control character (the DOS end-of-file mark 0x1A some exports append) is still text.
  return control > 1 && control * 50 > sample.length ? "binary" : null;
}

/** How many records of the sample the delimiter vote looks at. */
const SAMPLE_RECORDS = 100;

/**
 * Pick the delimiter whose count per record is most consistent (and > 0) over the first
 * records, not counting delimiters inside quoted fields. Ties on consistency go to the higher
 * count, then to "," — or ";" when the sample has decimal commas (1,5), as es-PE Excel writes.
 * A sample where no candidate appears is a single-column file: "," with `singleColumn: true`.
 * @example detectDelimiter("nombre;monto\nAna;1,5\nLuis;2,75\n") // { delimiter: ";", singleColumn: false }
 */
export function detectDelimiter(sampleText: string): { delimiter: Delimiter; singleColumn: boolean } {
  // A sample cut mid-record would give its last record a short count; drop it if we can.
  const cut = /[\r\n]$/.test(sampleText) ? sampleText : sampleText.replace(/[^\r\n]*$/, "");
  const text = /\S/.test(cut) ? cut : sampleText;
  const decimalComma = /(^|[^\d,])\d+,\d{1,2}(?![\d,])/m.test(text);
  const order: Delimiter[] = decimalComma ? [";", ",", "\t"] : [",", ";", "\t"];
  let best: { delimiter: Delimiter; share: number; count: number } | null = null;
  for (const delimiter of order) {
    const counts = countPerRecord(text, delimiter);
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [c, f] of freq) {
      if (f > modeFreq || (f === modeFreq && c > mode)) [mode, modeFreq] = [c, f];
    }
    if (mode === 0 || counts.length === 0) continue;
    const share = modeFreq / counts.length;
    if (!best || share > best.share || (share === best.share && mode > best.count)) best = { delimiter, share, count: mode };
  }
  return best ? { delimiter: best.delimiter, singleColumn: false } : { delimiter: ",", singleColumn: true };
}

/** Delimiters per non-empty record, outside quotes; a quote only opens a field at its start. */
function countPerRecord(text: string, d: Delimiter): number[] {
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let atFieldStart = true;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
    } else if (ch === "\n" || ch === "\r") {
      if (!blank) counts.push(count);
      count = 0;
      atFieldStart = true;
      blank = true;
    } else if (ch === d) {
      count++;
      atFieldStart = true;
      blank = false;
    } else if (ch !== " ") {
      inQuotes = ch === '"' && atFieldStart;
      atFieldStart = false;
      blank = false;
    }
  }
  if (!blank && counts.length < SAMPLE_RECORDS) counts.push(count);
  return counts;
}

/**
 * Whether the first record is a header. Never when one of its cells is data (an email, a phone,
 * a number); yes when most of its non-empty cells are known labels ("Correo", "Nombres"), or
 * when its cells are distinct non-empty text and the later records do hold data in some column.
 * @example looksLikeHeader(["Correo", "Nombres"], [["ana@x.pe", "Ana"]]) // true
 * @example looksLikeHeader(["ana@x.pe", "Ana"], [["luis@x.pe", "Luis"]]) // false
 */
export function looksLikeHeader(first: string[], rest: string[][]): boolean {
  const cells = first.map((c) => c.trim()).filter((c) => c !== "");
  if (cells.length === 0 || cells.some(looksLikeData)) return false;
  const known = cells.filter((c) => fieldForHeader(c) !== null).length;
  if (known * 2 >= cells.length) return true;
  if (new Set(cells.map((c) => c.toLowerCase())).size !== cells.length) return false;
  return first.some((cell, column) => cell.trim() !== "" && rest.some((row) => looksLikeData(row[column] ?? "")));
}
