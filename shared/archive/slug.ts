/**
 * The public archive's address (W6): `/archivo/{slug}`. A slug is 3–40 characters of a–z, 0–9
 * and inner hyphens, so it reads well in a URL and never needs escaping. Until the account
 * chooses one, a slug is derived from its name ("Municipalidad de Miraflores" →
 * "municipalidad-de-miraflores").
 */

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Why a slug is refused, or null when it is fine.
 * @example slugProblem("mi-muni") // null
 * @example slugProblem("Mi Muni") // "use only lowercase letters a-z, digits and hyphens"
 */
export function slugProblem(slug: string): string | null {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) return `must be ${SLUG_MIN} to ${SLUG_MAX} characters long`;
  if (!/^[a-z0-9-]+$/.test(slug)) return "use only lowercase letters a-z, digits and hyphens";
  if (!SLUG.test(slug)) return "must not start or end with a hyphen";
  if (slug.includes("--")) return "must not contain two hyphens in a row";
  return null;
}

/**
 * A valid slug from any name: accents dropped, other characters become hyphens, cut to 40,
 * padded when too short (a name of one letter, or of no Latin letters at all).
 * @example slugFrom("Municipalidad de Miraflores") // "municipalidad-de-miraflores"
 * @example slugFrom("Ñandú") // "nandu"
 * @example slugFrom("東京") // "archivo"
 */
export function slugFrom(name: string): string {
  let s = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length > SLUG_MAX) s = s.slice(0, SLUG_MAX).replace(/-+$/, "");
  if (s.length === 0) return "archivo";
  if (s.length < SLUG_MIN) s = `${s}-archivo`;
  return s;
}
