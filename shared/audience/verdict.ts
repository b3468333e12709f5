/**
 * The vocabulary of audience cleaning. Each check (email syntax, DNS, phone, suppression) says
 * what is wrong with a contact as a list of `Reason`s; a reason has one severity, and a contact's
 * verdict is the worst severity among its reasons. Keeping the verdict derived, never stored
 * apart, means a report can always explain it, and a new check only has to name its reasons.
 */

export type Verdict = "valid" | "risky" | "invalid";

export type Reason =
  | "email_syntax"
  | "email_too_long"
  | "email_typo"
  | "email_disposable"
  | "email_role"
  | "mx_none"
  | "mx_null"
  | "domain_missing"
  | "dns_unknown"
  | "phone_invalid"
  | "phone_not_mobile"
  | "phone_foreign"
  | "suppressed";

/**
 * Invalid reasons make a verdict invalid; risky ones make it risky. "Risky" means the message
 * may well arrive but the sender should decide: a typo is only a guess, a role or disposable
 * mailbox works but rarely reads, a DNS failure may be transient, a foreign number costs more.
 */
export const REASON_SEVERITY: Record<Reason, Exclude<Verdict, "valid">> = {
  email_syntax: "invalid",
  email_too_long: "invalid",
  email_typo: "risky",
  email_disposable: "risky",
  email_role: "risky",
  mx_none: "invalid",
  mx_null: "invalid",
  domain_missing: "invalid",
  dns_unknown: "risky",
  phone_invalid: "invalid",
  // SMS can only reach a mobile; a landline or toll-free number can never receive the message.
  phone_not_mobile: "invalid",
  phone_foreign: "risky",
  suppressed: "invalid",
};

/** Spanish and English labels for each reason, for reports. */
export const REASON_LABELS: Record<Reason, { es: string; en: string }> = {
  email_syntax: { es: "Dirección de correo mal escrita", en: "Malformed email address" },
  email_too_long: { es: "Dirección de correo demasiado larga", en: "Email address too long" },
  email_typo: { es: "Posible error de escritura en el dominio", en: "Possible typo in the domain" },
  email_disposable: { es: "Correo temporal o desechable", en: "Disposable email address" },
  email_role: { es: "Buzón genérico (no personal)", en: "Role account (not a person)" },
  mx_none: { es: "El dominio no recibe correo", en: "Domain has no mail server" },
  mx_null: { es: "El dominio declara que no acepta correo", en: "Domain declares it accepts no mail (null MX)" },
  domain_missing: { es: "El dominio no existe", en: "Domain does not exist" },
  dns_unknown: { es: "No se pudo verificar el dominio", en: "Domain could not be checked" },
  phone_invalid: { es: "Número de teléfono no válido", en: "Invalid phone number" },
  phone_not_mobile: { es: "No es un celular (no recibe SMS)", en: "Not a mobile number (cannot receive SMS)" },
  phone_foreign: { es: "Número extranjero", en: "Foreign number" },
  suppressed: { es: "En la lista de supresión", en: "On the suppression list" },
};

/**
 * The verdict for a contact: the worst severity among its reasons, "valid" if there are none.
 * @example verdictOf(["email_role", "mx_none"]) // "invalid"
 * @example verdictOf(["email_role"]) // "risky"
 * @example verdictOf([]) // "valid"
 */
export function verdictOf(reasons: readonly Reason[]): Verdict {
  let verdict: Verdict = "valid";
  for (const reason of reasons) {
    if (REASON_SEVERITY[reason] === "invalid") return "invalid";
    verdict = "risky";
  }
  return verdict;
}
