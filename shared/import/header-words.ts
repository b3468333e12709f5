/**
 * The header words Pregón recognises, Spanish (as written in Peruvian agencies' spreadsheets)
 * and English, and how strongly each one points at a standard contact field. Exact labels win
 * over keywords found inside longer labels, so "Nombre de la empresa" is a company and not a
 * first name, and "Celular" beats a plain "Teléfono" for the phone column because SMS needs a
 * mobile. mapping.ts uses the scores to pick one column per field; detect.ts only asks whether
 * a cell is a known label at all.
 */
import type { ContactField } from "./mapping";
import { normalise } from "./cells";

/** Whole labels (normalised) and the field they name. */
const EXACT: Readonly<Record<string, ContactField>> = {
  correo: "email", "correo electronico": "email", "e mail": "email", email: "email", mail: "email",
  "email address": "email", "direccion de correo": "email", "direccion de correo electronico": "email",
  celular: "phone", telefono: "phone", "telefono movil": "phone", movil: "phone", phone: "phone",
  mobile: "phone", numero: "phone", "phone number": "phone", "mobile phone": "phone", cell: "phone",
  nombre: "firstName", nombres: "firstName", "first name": "firstName", firstname: "firstName",
  name: "firstName", "nombre completo": "firstName", "nombres y apellidos": "firstName",
  "apellidos y nombres": "firstName", "full name": "firstName",
  apellido: "lastName", apellidos: "lastName", "apellido paterno": "lastName", "last name": "lastName",
  lastname: "lastName", surname: "lastName",
  cargo: "position", puesto: "position", position: "position", "job title": "position",
  empresa: "company", "razon social": "company", company: "company", organizacion: "company",
  organization: "company", institucion: "company", entidad: "company",
};

/**
 * Keywords that name a field from inside a longer label, tried in this order: email and phone
 * first ("Correo de la empresa" is an email), position before company ("Cargo en la empresa"),
 * first names last ("Nombre de la institución" is a company).
 */
const KEYWORDS: readonly (readonly [ContactField, readonly string[]])[] = [
  ["email", ["correo", "email", "e mail", "mail"]],
  ["phone", ["celular", "telefono", "movil", "phone", "mobile", "whatsapp", "cel", "tel", "telf", "telef"]],
  ["position", ["cargo", "puesto", "position", "job title", "ocupacion"]],
  ["lastName", ["apellido", "apellidos", "last name", "surname"]],
  ["company", ["empresa", "razon social", "company", "organizacion", "institucion", "entidad", "compania"]],
  ["firstName", ["nombre", "nombres", "first name", "given name"]],
];

/** Labels about documents, dates or addresses: "RUC de la empresa" must stay a custom field. */
const NOT_A_FIELD = ["ruc", "dni", "documento", "codigo", "fecha", "direccion", "id"];

/** Phone labels that promise a mobile number, and ones that promise a landline. */
const MOBILE = ["celular", "movil", "mobile", "whatsapp", "cel", "cell"];
const LANDLINE = ["fijo", "landline", "oficina", "anexo"];

const hasWord = (padded: string, word: string): boolean => padded.includes(` ${word} `);

/**
 * The standard field a header cell names, with a score (higher = surer), or `null`.
 * @example fieldForHeader("Correo electrónico") // { field: "email", score: 3 }
 * @example fieldForHeader("Teléfono celular") // { field: "phone", score: 2.5 }
 * @example fieldForHeader("RUC de la empresa") // null
 */
export function fieldForHeader(cell: string): { field: ContactField; score: number } | null {
  const norm = normalise(cell);
  if (norm === "") return null;
  const padded = ` ${norm} `;
  let found: { field: ContactField; score: number } | null = null;
  const exact = EXACT[norm];
  if (exact !== undefined) found = { field: exact, score: 3 };
  else if (!NOT_A_FIELD.some((w) => hasWord(padded, w))) {
    const rule = KEYWORDS.find(([, words]) => words.some((w) => hasWord(padded, w)));
    if (rule) found = { field: rule[0], score: 2 };
  }
  if (found?.field === "phone") {
    if (MOBILE.some((w) => hasWord(padded, w))) found.score += 0.5;
    if (LANDLINE.some((w) => hasWord(padded, w))) found.score -= 1;
  }
  return found;
}
