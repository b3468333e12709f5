/**
 * The key a custom field gets from its label: lower-case ASCII letters, digits and "_", starting
 * with a letter, at most 40 (what the API accepts), so "Vencimiento del registro" becomes
 * "vencimiento_del_registro" and can be used as {{vencimiento_del_registro}}.
 * @example fieldKeyFrom("Fecha de vencimiento (RNP)") // "fecha_de_vencimiento_rnp"
 */
export function fieldKeyFrom(label: string): string {
  const key = label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .replace(/_+$/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return key;
}
