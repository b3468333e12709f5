/**
 * What a single cell of an imported file looks like: header text normalised for matching
 * ("Correo Electrónico " → "correo electronico"), turned into a custom-field key, or classified
 * as an email, a phone number or a plain number. Header detection (detect.ts) and column mapping
 * (mapping.ts) both ask these questions, so the answers live here once and cannot drift apart.
 */

/**
 * Lower-case, accents stripped, every run of non-alphanumerics one space, trimmed. "Ñ" keeps
 * its letter as "n" because NFD splits it into n + combining tilde.
 * @example normalise("  Teléfono-Móvil (Perú) ") // "telefono movil peru"
 */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A custom-field key: ascii snake_case, starting with a letter, at most 40 characters, so it
 * always matches the key rule of validateMapping. `null` when nothing usable is left ("#", "¿?").
 * @example slug("Fecha de inscripción") // "fecha_de_inscripcion"
 * @example slug("2do apellido") // "f_2do_apellido"
 * @example slug("Observaciones adicionales del área de imagen") // "observaciones_adicionales_del_area_de"
 */
export function slug(text: string): string | null {
  const base = normalise(text).replace(/ /g, "_");
  if (base === "") return null;
  // A leading digit would break the key rule; a fixed prefix keeps the key readable.
  const key = /^[a-z]/.test(base) ? base : `f_${base}`;
  if (key.length <= 40) return key;
  // Cut at a word boundary when one is reasonably close, so the key stays readable.
  const cut = key.lastIndexOf("_", 40);
  return cut >= 20 ? key.slice(0, cut) : key.slice(0, 40).replace(/_+$/, "");
}

/**
 * Loose email shape: something@something.tld, no spaces. The importer validates strictly later;
 * here it only has to tell an email column from a name column.
 * @example looksLikeEmail(" ana.quispe@minsa.gob.pe ") // true
 */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/**
 * A phone number as people type them in Peru: digits with optional +, spaces, dots, dashes and
 * parentheses, 7 to 15 digits ("987 654 321", "+51 987654321", "(01) 315-6000").
 * @example looksLikePhone("+51 987-654-321") // true
 * @example looksLikePhone("20131312955") // true — an 11-digit RUC looks like a phone too
 */
export function looksLikePhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(v)) return false;
  const digits = v.replace(/\D/g, "").length;
  return digits >= 7 && digits <= 15;
}

/**
 * A plain number, with either decimal mark and optional sign ("12", "-3,5", "1.250,00").
 * @example looksLikeNumber("1.250,00") // true
 */
export function looksLikeNumber(value: string): boolean {
  return /^[+-]?\d[\d.,]*$/.test(value.trim());
}

/** Whether a cell holds data rather than a label: an email, a phone or a number. */
export function looksLikeData(value: string): boolean {
  return looksLikeEmail(value) || looksLikePhone(value) || looksLikeNumber(value) || value.includes("@");
}
