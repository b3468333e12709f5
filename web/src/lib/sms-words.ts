/**
 * Words of the SMS screens: counts with their singular or plural ("1 segmento", "2 segmentos")
 * and es-PE digits, message statuses, the list of characters that force UCS-2 as one sentence
 * ("á (2 veces), 𝐁𝐢𝐞𝐧 (negrita), 👍 (emoji)"), contacts' names and refused sends. The counting
 * itself is in sms.ts.
 */
import { hasKey, t, type MessageKey } from "../i18n";
import { formatNumber } from "./format";
import { formatPhone, type ForcingItem } from "./sms";
import { ApiError, type ContactOut } from "./api";
import { errorText } from "./errors";

type Counted = "characters" | "segments" | "credits";

/**
 * @example countText("segments", 2) // "2 segmentos"
 * @example countText("credits", 1500) // "1.500 créditos"
 */
export function countText(what: Counted, n: number): string {
  return t(`sms.counter.${what}.${n === 1 ? "one" : "other"}` as MessageKey, { n: formatNumber(n) });
}

/** @example smsStatusLabel("delivered") // "Entregado" */
export function smsStatusLabel(status: string): string {
  const key = `sms.status.${status}`;
  return hasKey(key) ? t(key) : status;
}

/** How many items of the UCS-2 list are named before "y N más". */
const LISTED = 12;

/**
 * The characters forcing UCS-2 as one line.
 * @example forcingText([{ shown: "á", kind: "accented", count: 2 }, { shown: "𝐁", kind: "bold", count: 1 }]) // "á (2 veces), 𝐁 (negrita)"
 */
export function forcingText(items: readonly ForcingItem[]): string {
  const named = items.slice(0, LISTED).map((i) => {
    const notes = i.kind === "accented" ? [] : [t(`sms.ucs2.kind.${i.kind}` as MessageKey)];
    if (i.count > 1 && i.kind !== "bold") notes.push(t("sms.ucs2.times", { n: formatNumber(i.count) }));
    return notes.length === 0 ? i.shown : `${i.shown} (${notes.join(", ")})`;
  });
  if (items.length > LISTED) named.push(t("sms.ucs2.more", { n: formatNumber(items.length - LISTED) }));
  return named.join(", ");
}

/**
 * How a contact is named in the SMS screens: the name, else the email, else the mobile.
 * @example contactName({ firstName: "Ana", lastName: "Pérez", … }) // "Ana Pérez"
 */
export function contactName(c: Pick<ContactOut, "firstName" | "lastName" | "email" | "phone">): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ").trim();
  return name || c.email || formatPhone(c.phone ?? "");
}

/**
 * A refused send in the reader's language: the server words a refused number in English
 * ("to: … is a landline, not a mobile number"), so those reasons get a sentence here; every
 * other refusal has its code's sentence (error.<code>) or the server's message.
 * @example smsErrorText(new ApiError(400, "invalid_field", "to: 014117000 is a landline, not a mobile number", "to")) // "Es un teléfono fijo: …"
 */
export function smsErrorText(err: unknown): string {
  if (err instanceof ApiError && err.field === "to" && err.code === "invalid_field") {
    if (/landline/i.test(err.message)) return t("sms.to.landline");
    if (/Peruvian/i.test(err.message)) return t("sms.to.foreign");
    return t("sms.form.toInvalid");
  }
  return errorText(err);
}
