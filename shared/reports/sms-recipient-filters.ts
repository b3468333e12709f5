/**
 * What narrows an SMS campaign's recipients (the CSV export and the exports API): the
 * email recipient filters that mean something for an SMS (every recipient, or those a person
 * clicked a short link of; opens, bounces, unsubscribes and complaints are email facts), and a
 * number typed as a search prefix. Pure, so the route, the export request and the CSV agree.
 */
import type { RecipientFilter } from "./recipients";

/** Filters an SMS campaign's recipients take. */
export const SMS_RECIPIENT_FILTERS = ["all", "clicked"] as const satisfies readonly RecipientFilter[];
export type SmsRecipientFilter = (typeof SMS_RECIPIENT_FILTERS)[number];

/**
 * The SMS filter of a recipients filter, or null when an SMS campaign has no such fact.
 * @example smsFilterOf(undefined) // "all"
 * @example smsFilterOf("opened") // null
 */
export function smsFilterOf(filter: string | undefined): SmsRecipientFilter | null {
  if (filter === undefined) return "all";
  return SMS_RECIPIENT_FILTERS.find((f) => f === filter) ?? null;
}

/**
 * A number prefix as stored (E.164): digits only, with Peru's +51 in front unless typed.
 * @example numberPrefix("987 654") // "+51987654"
 * @example numberPrefix("+51 98") // "+5198"
 * @example numberPrefix("ana") // ""
 */
export function numberPrefix(q: string): string {
  const digits = q.replace(/\D/g, "");
  if (digits === "") return "";
  return digits.startsWith("51") ? `+${digits}` : `+51${digits}`;
}
