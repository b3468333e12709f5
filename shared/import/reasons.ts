/**
 * Rejection reasons of an import are stored in English (the API speaks English); the report
 * users download is in Spanish. This turns one into the other, reason codes included.
 */
import { REASON_LABELS, type Reason } from "../audience/verdict";

const reasonCodes = (list: string) =>
  list
    .split(", ")
    .map((code) => REASON_LABELS[code as Reason]?.es ?? code)
    .join(", ");

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^expected (\d+) columns, found (\d+)$/, (m) => `se esperaban ${m[1]} columnas y la fila tiene ${m[2]}`],
  [/^duplicate of line (\d+)$/, (m) => `duplicado de la línea ${m[1]}`],
  [/^no email or phone$/, () => "sin correo ni celular"],
  [/^invalid email \((.*)\)$/, (m) => `correo no válido (${reasonCodes(m[1]!)})`],
  [/^invalid phone \((.*)\)$/, (m) => `número no válido (${reasonCodes(m[1]!)})`],
  [/^unterminated quoted field$/, () => "campo entre comillas sin cerrar"],
  [/^stray quote$/, () => "comilla fuera de lugar"],
  [/^row longer than 1 MB$/, () => "fila de más de 1 MB"],
];

/**
 * The Spanish wording of a stored rejection reason.
 * @example rejectReasonEs("duplicate of line 7") // "duplicado de la línea 7"
 */
export function rejectReasonEs(reason: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return reason;
}
