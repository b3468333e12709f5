/**
 * Words of the sending-domains page: a record's state as a badge (word and tone, never colour
 * alone), and what a check found as a sentence — why it fails, or that it is right.
 */
import { hasKey, t } from "../i18n";
import type { DomainOut, RecordCheck } from "./api";

type Kind = "spf" | "dkim" | "dmarc";
export type RecordStatus = DomainOut["spf"];

/** @example domainStatusLabel("missing") // "No encontrado" */
export function domainStatusLabel(s: RecordStatus): string {
  return t(`dom.status.${s}`);
}

/** Badge tone of a record state. */
export function domainStatusTone(s: RecordStatus): string {
  if (s === "ok") return "badge-ok";
  if (s === "missing" || s === "wrong") return "badge-bad";
  if (s === "error") return "badge-warn";
  return "badge-off";
}

/**
 * One sentence on a record's check: why it fails (reason code) or what is right.
 * @example checkSentence("spf", { status: "missing", reason: "spf_none", … }, "muni.gob.pe") // "No hay un registro SPF … en muni.gob.pe."
 */
export function checkSentence(kind: Kind, c: RecordCheck, host: string): string {
  if (c.status === "ok") return t(`dom.ok.${kind}`, { policy: c.policy ?? "" });
  const key = `dom.reason.${c.reason ?? "dns_error"}`;
  return hasKey(key) ? t(key, { host }) : (c.reason ?? "");
}

/** The warnings of a check, in words (unknown codes as they came). */
export function warningTexts(c: RecordCheck): string[] {
  return c.warnings.map((w) => (hasKey(`dom.warn.${w}`) ? t(`dom.warn.${w}` as "dom.warn.spf_pass_all") : w));
}
