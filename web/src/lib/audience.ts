/**
 * Words and small formats of the audience section: verdict and status labels with their badge
 * tone (a badge always carries its word, never colour alone), cleaning reasons in the reader's
 * language (shared/audience/verdict.ts's REASON_LABELS), file sizes ("2,4 MB"), percentages,
 * consent proof as a sentence, and the server's English field errors turned into Spanish.
 */
import { REASON_LABELS, type Reason } from "../../../shared/audience/verdict";
import { hasKey, locale, t } from "../i18n";
import { ApiError, type ContactDetail, type ContactOut, type Verdict } from "./api";
import { errorText } from "./errors";

export const VERDICTS: readonly Verdict[] = ["valid", "risky", "invalid"];
export const CONTACT_STATUSES = ["subscribed", "unsubscribed", "bounced", "complained", "invalid"] as const;

/** Badge class for a verdict: green, amber, red; the label says it in words. */
export function verdictTone(v: string): string {
  return v === "valid" ? "badge-ok" : v === "risky" ? "badge-warn" : "badge-bad";
}

/** @example verdictLabel("risky") // "Riesgoso" */
export function verdictLabel(v: string): string {
  const key = `verdict.${v}`;
  return hasKey(key) ? t(key) : v;
}

/** Contact channel status or list membership status: "Suscrito", "Desuscrito", "Pendiente de confirmar"… */
export function statusLabel(s: string): string {
  const key = `status.${s}`;
  return hasKey(key) ? t(key) : s;
}

export function statusTone(s: string): string {
  return s === "subscribed" ? "badge-ok" : s === "pending" ? "badge-warn" : s === "unsubscribed" ? "badge-off" : "badge-bad";
}

/** A cleaning reason code in words. @example reasonLabel("email_typo") // "Posible error de escritura en el dominio" */
export function reasonLabel(code: string): string {
  // UI.md's word is "supresión"; the shared label says "lista de exclusión".
  if (code === "suppressed") return t("reason.suppressed");
  const labels = REASON_LABELS[code as Reason];
  if (!labels) return code;
  return locale() === "en" ? labels.en : labels.es;
}

/** The person's name, or their address when they have none. */
export function contactName(c: Pick<ContactOut, "firstName" | "lastName" | "email" | "phone">): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ").trim();
  return name || c.email || c.phone || t("contacts.noName");
}

/**
 * The suggested address in full (from the contact's own local part when the server gives only a
 * domain), shown only while the typo is still a reason: once the address is corrected the
 * reason goes, even if the stored suggestion stays.
 */
export function suggestedAddress(c: Pick<ContactOut, "email" | "suggestion" | "reasons">): string | null {
  if (!c.suggestion || !c.reasons.includes("email_typo")) return null;
  if (c.suggestion.includes("@")) return c.suggestion;
  const local = c.email?.split("@")[0];
  return local ? `${local}@${c.suggestion}` : c.suggestion;
}

/** @example formatBytes(2_400_000) // "2,4 MB" */
export function formatBytes(n: number): string {
  const loc = locale() === "en" ? "en" : "es";
  const units = ["B", "KB", "MB", "GB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(loc, { maximumFractionDigits: digits, minimumFractionDigits: unit === 0 ? 0 : digits }).format(value)} ${units[unit]}`;
}

/** @example formatPercent(0.125) // "12,5 %" */
export function formatPercent(fraction: number, digits = 1): string {
  const loc = locale() === "en" ? "en" : "es";
  return new Intl.NumberFormat(loc, { style: "percent", maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(Number.isFinite(fraction) ? fraction : 0);
}

type Consent = ContactDetail["consents"][number];

/**
 * The proof of one consent record as a sentence: the file and line of an import, the form (by
 * its list's name) and IP of a subscription, the IP and user of a change in the dashboard (and
 * whether it lifted an SMS opt-out).
 */
export function proofText(c: Consent, listName: (id: string) => string | undefined, userName: (id: string) => string | undefined): string {
  const p = c.proof;
  const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : null);
  const parts: string[] = [];
  if (str(p.file) !== null) parts.push(t("consent.proof.file", { file: str(p.file)!, line: str(p.line) ?? "?" }));
  if (str(p.formId) !== null) parts.push(t("consent.proof.form", { list: listName(str(p.formId)!) ?? str(p.formId)! }));
  if (p.confirmed === true) parts.push(t("consent.proof.confirmed"));
  if (str(p.ip) !== null) parts.push(t("consent.proof.ip", { ip: str(p.ip)! }));
  if (str(p.userId) !== null) parts.push(t("consent.proof.user", { user: userName(str(p.userId)!) ?? str(p.userId)!.slice(0, 8) }));
  if (str(p.apiKeyId) !== null) parts.push(t("consent.proof.apiKey"));
  if (c.source === "sms" && str(p.keyword) !== null) parts.push(t("consent.proof.sms", { keyword: str(p.keyword)! }));
  // A resubscription to SMS that lifted a BAJA's phone suppression (workers/sms/resubscribe.ts).
  if (typeof p.lifted === "object" && p.lifted !== null) parts.push(t("consent.proof.liftedOptOut"));
  if (str(p.userAgent) !== null) parts.push(t("consent.proof.browser", { agent: str(p.userAgent)!.slice(0, 60) }));
  return parts.length ? parts.join(" · ") : t("common.none");
}

/**
 * A server error about one field, in the reader's words: the API speaks English ("email: is not
 * a usable address (email_syntax)"); reason codes in parentheses become their labels.
 */
export function fieldErrorText(err: unknown): string {
  if (!(err instanceof ApiError) || !err.field || err.code !== "invalid_field") return errorText(err);
  const codes = /\(([a-z_, ]+)\)\s*$/.exec(err.message)?.[1];
  if (codes) return codes.split(/,\s*/).map(reasonLabel).join("; ");
  return errorText(err);
}
