/**
 * Peru's mobile operators as the product names them, and the reading of the names people put in
 * a portability file. Number portability makes a number's prefix say nothing reliable about its
 * operator, so the operator only ever comes from the account's own table (number → operator);
 * a number missing from it is "unknown" and goes to connections that serve every operator.
 */

export const OPERATORS = ["claro", "movistar", "entel", "bitel", "other"] as const;
export type Operator = (typeof OPERATORS)[number];

// Brand names, company names and common spellings, after lower-casing and removing accents,
// punctuation and spaces ("Claro Perú" → "claroperu", "Telefónica del Perú" → "telefonicadelperu").
const ALIASES: ReadonlyArray<readonly [RegExp, Operator]> = [
  [/^(claro|claroperu|americamovil|americamovilperu|amx)$/, "claro"],
  [/^(movistar|movistarperu|telefonica|telefonicadelperu|telefonicamoviles)$/, "movistar"],
  [/^(entel|entelperu|nextel|nextelperu)$/, "entel"],
  [/^(bitel|viettel|viettelperu|bitelperu)$/, "bitel"],
  [/^(other|otro|otros|otra|others|virgin|virginmobile|inkacel|guinea|guineamobile|tuenti|flash|mvno)$/, "other"],
];

/**
 * Our name of an operator written any common way, null when it is not recognised.
 * @example normalizeOperator("Telefónica del Perú") // "movistar"
 * @example normalizeOperator(" CLARO ") // "claro"
 * @example normalizeOperator("Tigo") // null
 */
export function normalizeOperator(raw: string): Operator | null {
  const key = raw.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  if (key === "") return null;
  for (const [pattern, operator] of ALIASES) if (pattern.test(key)) return operator;
  return null;
}
