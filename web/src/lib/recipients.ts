/**
 * Words and tones of a campaign's per-recipient detail: the filters in their order on screen, a
 * delivery's status as a badge (with its bounce), an event kind, a machine rule, a device. Codes
 * the dashboard does not know yet are shown as they come rather than hidden.
 */
import { hasKey, t, type MessageKey } from "../i18n";
import type { RecipientFilter, RecipientOut, TimelineEvent } from "./api";

export const FILTERS: readonly RecipientFilter[] = ["all", "opened", "not_opened", "clicked", "bounced", "unsubscribed", "complained"];

/** A key of the catalogue, or the code itself when the catalogue has no word for it. */
function word(prefix: string, code: string | null): string {
  if (code === null) return "";
  const key = `${prefix}.${code}`;
  return hasKey(key) ? t(key) : code;
}

/** E-mail clients and browsers are brand names, the same in every language. */
const CLIENTS: Record<string, string> = { gmail: "Gmail", yahoo: "Yahoo", apple_mail: "Apple Mail", outlook: "Outlook", thunderbird: "Thunderbird", chrome: "Chrome", safari: "Safari", firefox: "Firefox", edge: "Edge" };

/** @example filterLabel("not_opened") // "No abrieron" */
export const filterLabel = (f: RecipientFilter) => t(`recip.filter.${f}` as MessageKey);

/**
 * What the status badge says and how it looks: a bounce names its kind, a sent message is calm.
 * @example statusBadge({ status: "bounced", bounce: "hard" }) // { text: "Rebote duro", tone: "badge-bad" }
 */
export function statusBadge(r: Pick<RecipientOut, "status" | "bounce">): { text: string; tone: string } {
  if (r.bounce) return { text: t(`recip.bounce.${r.bounce}`), tone: r.bounce === "hard" ? "badge-bad" : "badge-warn" };
  const tone = r.status === "sent" ? "badge-ok" : r.status === "failed" || r.status === "unknown" ? "badge-warn" : "badge-off";
  return { text: word("recip.status", r.status), tone };
}

/** @example kindLabel("bounce_soft") // "Rebote blando" */
export const kindLabel = (kind: TimelineEvent["kind"]) => word("recip.kind", kind);

/** @example ruleLabel("apple_mpp") // "Apple Mail Privacy Protection" */
export const ruleLabel = (rule: string) => word("recip.rule", rule);

/**
 * The detail column of a timeline event: the link of a click, what an unsubscribe covered, a
 * bounce's status and text, the device and client of an open.
 * @example eventDetail({ kind: "click", url: "https://gob.pe", … }) // "https://gob.pe"
 */
export function eventDetail(e: TimelineEvent): string {
  if (e.kind === "click" && e.url) return e.url;
  if (e.kind === "unsubscribe") return e.detail === "all" || e.detail === "list" ? t(`recip.unsubscribe.${e.detail}`) : (e.detail ?? "");
  if (e.kind === "rejected" || e.kind === "bounce_hard" || e.kind === "bounce_soft" || e.kind === "complaint") return [e.status, e.detail].filter(Boolean).join(" · ");
  if (e.kind === "open" || e.kind === "view") return [e.device ? word("recip.device", e.device) : null, e.client && e.client !== "other" ? (CLIENTS[e.client] ?? e.client) : null].filter(Boolean).join(" · ");
  return "";
}
