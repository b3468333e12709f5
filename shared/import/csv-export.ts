/**
 * Writing CSV for people to open in Excel: rejection reports, suppression lists, contact
 * exports. Cells are quoted per RFC 4180 when needed and defused against formula injection
 * (OWASP "CSV Injection"): a contact named "=HYPERLINK(…)" must arrive in the spreadsheet as
 * text, not as a formula the agency's staff run by opening the file.
 */

/** Characters that make Excel (and LibreOffice, Google Sheets) read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Characters that force quoting. Semicolons too: es-PE Excel splits on them. Leading or
 * trailing spaces too, so that CsvParser (which trims unquoted fields) reads the cell back as is.
 */
const NEEDS_QUOTES = /[",;\r\n\t]|^\s|\s$/;

/**
 * One CSV cell. null and undefined are empty; booleans are "true"/"false". A cell starting with
 * = + - @ TAB or CR gets a leading apostrophe, which spreadsheets show as text. Negative numbers
 * are numbers-as-text too ("-5" → "'-5"): the rule cannot tell -5 from -5+cmd|' /C calc'!A0,
 * and an export is for reading, not for arithmetic.
 * @example csvCell('=HYPERLINK("http://x")') // "\"'=HYPERLINK(\"\"http://x\"\")\""
 * @example csvCell("Quispe, Ana") // "\"Quispe, Ana\""
 * @example csvCell(-5) // "'-5"
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line from cells, comma-separated and CRLF-terminated (RFC 4180). Prefix a file with
 * "\uFEFF" so Excel reads it as UTF-8 and shows the accents.
 * @example csvLine(["línea", 7, null]) // "línea,7,\r\n"
 */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}
