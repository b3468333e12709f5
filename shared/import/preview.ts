/**
 * What the start of an uploaded file says about it: whether it is a CSV at all, its encoding,
 * delimiter, header and first rows. The upload answers from this at once (an empty file, a
 * spreadsheet or a binary file is refused there and then), and the mapping step shows it.
 */
import { CsvParser } from "./csv-parser";
import { detectDelimiter, detectEncoding, looksLikeHeader, sniffBinary, type Delimiter, type Encoding } from "./detect";

export const SNIFF_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 10;

export type Preview = {
  encoding: Encoding;
  delimiter: Delimiter;
  hasHeader: boolean;
  header: string[] | null;
  rows: string[][];
  columns: number;
};
export type PreviewResult = { ok: true; preview: Preview } | { ok: false; code: "empty_file" | "not_csv" | "xlsx" | "no_rows"; message: string };

/**
 * Look at the first bytes of a file (`whole`: they are the whole file).
 * @example previewFile(new TextEncoder().encode("email\nana@x.pe\n"), true) // { ok: true, preview: { hasHeader: true, … } }
 */
export function previewFile(sample: Uint8Array, whole: boolean): PreviewResult {
  if (sample.length === 0) return { ok: false, code: "empty_file", message: "The file is empty" };
  const binary = sniffBinary(sample);
  if (binary === "xlsx") return { ok: false, code: "xlsx", message: "This is an Excel (XLSX) file: save it as CSV, or upload it from the dashboard, which converts it" };
  if (binary) return { ok: false, code: "not_csv", message: "This is not a CSV text file" };
  const { encoding } = detectEncoding(sample);
  // Cut the sample at its last line break so a partial last line is not previewed.
  let bytes = sample;
  if (!whole) {
    const nl = sample.lastIndexOf(0x0a);
    if (nl > 0) bytes = sample.subarray(0, nl + 1);
  }
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.trim() === "") return { ok: false, code: "empty_file", message: "The file has no rows" };
  const { delimiter } = detectDelimiter(text);
  const parser = new CsvParser(delimiter);
  const records = [...parser.push(text), ...(whole ? parser.end() : [])].filter((r) => !r.error).slice(0, PREVIEW_ROWS + 1);
  const first = records[0];
  if (!first) return { ok: false, code: "empty_file", message: "The file has no rows" };
  const rest = records.slice(1).map((r) => r.fields);
  const hasHeader = looksLikeHeader(first.fields, rest);
  const rows = hasHeader ? rest : records.map((r) => r.fields).slice(0, PREVIEW_ROWS);
  if (rows.length === 0) return { ok: false, code: "no_rows", message: "The file has a header row but no data rows" };
  return { ok: true, preview: { encoding, delimiter, hasHeader, header: hasHeader ? first.fields : null, rows, columns: first.fields.length } };
}
