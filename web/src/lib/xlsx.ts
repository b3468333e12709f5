/**
 * Excel (XLSX) to CSV in the browser, before upload: the server imports CSV only, and people
 * mostly have spreadsheets. The reader (read-excel-file, ~25 kB gzip with its unzip and XML
 * parser) is loaded with a dynamic import() the first time a spreadsheet is chosen, so it never
 * weighs on the dashboard's first load. Numbers are kept as written (a phone stays "987654321",
 * never 9.87e8), dates become YYYY-MM-DD, the first sheet is taken.
 */

export type Converted = { file: File; rows: number; sheet: string };

/** Whether a chosen file is an XLSX workbook: by name, or by its ZIP signature ("PK\x03\x04"). */
export async function isXlsx(file: File): Promise<boolean> {
  if (/\.xlsx$/i.test(file.name)) return true;
  if (/\.(csv|txt|tsv)$/i.test(file.name)) return false;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Whether a chosen file is a legacy binary Excel (.xls), which no browser reader handles well. */
export function isLegacyXls(file: File): boolean {
  return /\.xls$/i.test(file.name);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
  }
  return String(value);
}

/** One CSV line (RFC 4180: quotes doubled, fields with comma, quote or line break quoted). */
export function csvLine(cells: unknown[]): string {
  return cells
    .map((c) => {
      const s = cellText(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

/**
 * Convert the first sheet of a workbook to a UTF-8 CSV file named like the workbook.
 * @example const { file, rows } = await xlsxToCsv(chosen); // "Proveedores.xlsx" → "Proveedores.csv"
 */
export async function xlsxToCsv(file: File): Promise<Converted> {
  const { default: readXlsxFile } = await import("read-excel-file/browser");
  const sheets = await readXlsxFile<string>(file, { parseNumber: (s: string) => s, trim: true });
  const first = sheets[0];
  const data = (first?.data ?? []).filter((row) => row.some((c) => c !== null && c !== ""));
  const text = data.map((row) => csvLine(row)).join("\r\n") + (data.length ? "\r\n" : "");
  const name = file.name.replace(/\.xlsx?$/i, "") + ".csv";
  return { file: new File([text], name, { type: "text/csv" }), rows: data.length, sheet: first?.sheet ?? "" };
}
