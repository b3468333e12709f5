/**
 * The vocabulary of audience cleaning. Each check (email syntax, DNS, phone, suppression) says
 * what is wrong with a contact as a list of `Reason`s; a reason has one severity and one channel,
 * and a contact's verdict is the worst severity among the reasons that count for it: a contact
 * with an email is judged on its email side alone (the verdict gates email sending and the email
 * counts; SMS reachability is decided by the phone itself, sms_status and the suppression list),
 * a contact with only a phone on everything known about it. So a landline or an SMS opt-out
 * never stops email (Ley 32323: an opt-out is per channel). Keeping the verdict derived, never
 * stored apart, means a report can always explain it, and a new check only has to name its reasons.
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
  /** The email address or its domain is on the suppression list. */
  | "suppressed"
  /** The phone is on the suppression list (an SMS opt-out, a manual or imported suppression). */
  | "phone_suppressed";

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
  phone_suppressed: "invalid",
};

/** The channel a reason is about: email reasons judge a contact with an email, phone ones do not. */
export const REASON_CHANNEL: Record<Reason, "email" | "sms"> = {
  email_syntax: "email",
  email_too_long: "email",
  email_typo: "email",
  email_disposable: "email",
  email_role: "email",
  mx_none: "email",
  mx_null: "email",
  domain_missing: "email",
  dns_unknown: "email",
  phone_invalid: "sms",
  phone_not_mobile: "sms",
  phone_foreign: "sms",
  suppressed: "email",
  phone_suppressed: "sms",
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
  suppressed: { es: "Correo en la lista de supresión", en: "Email on the suppression list" },
  phone_suppressed: { es: "Celular en la lista de supresión", en: "Mobile on the suppression list" },
};

/**
 * The verdict for a contact: the worst severity among the reasons that count for it, "valid" if
 * there are none. With an email (`hasEmail`) only email reasons count; without one, all do.
 * @example verdictOf(["email_role", "mx_none"], true) // "invalid"
 * @example verdictOf(["email_role"], true) // "risky"
 * @example verdictOf(["phone_suppressed"], true) // "valid": the email still reaches them
 * @example verdictOf(["phone_suppressed"], false) // "invalid"
 * @example verdictOf([], false) // "valid"
 */
export function verdictOf(reasons: readonly Reason[], hasEmail: boolean): Verdict {
  let verdict: Verdict = "valid";
  for (const reason of reasons) {
    if (hasEmail && REASON_CHANNEL[reason] !== "email") continue;
    if (REASON_SEVERITY[reason] === "invalid") return "invalid";
    verdict = "risky";
  }
  return verdict;
}
