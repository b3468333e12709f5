/**
 * The recent-messages table of the SMS page, without the DOM: which statuses are still moving
 * (so the page polls every 5 s while one is), how a fresh first page is folded into the rows
 * already shown (in place, so "Cargar más" pages stay), the tone of each status badge and a short
 * excerpt of the text. Pure, unit-tested.
 */
import type { SmsMessageOut, SmsStatus } from "./sms-types";

/** Every message status, in the order a message moves through them. */
export const SMS_STATUSES: readonly SmsStatus[] = ["queued", "sending", "accepted", "delivered", "failed", "expired", "rejected", "cancelled"];

/**
 * An accepted message waits for its receipt, but a provider that sends none would keep the page
 * polling forever; after this long an accepted message no longer counts as pending.
 */
export const RECEIPT_WAIT_MS = 30 * 60_000;

/**
 * Whether `m` may still change by itself (queued, sending, or accepted less than RECEIPT_WAIT_MS ago).
 * @example isPending({ status: "accepted", sentAt: "2026-11-29T14:00:00Z", createdAt: "…" }, new Date("2026-11-29T14:10:00Z")) // true
 */
export function isPending(m: Pick<SmsMessageOut, "status" | "sentAt" | "createdAt">, now: Date): boolean {
  if (m.status === "queued" || m.status === "sending") return true;
  if (m.status !== "accepted") return false;
  const since = Date.parse(m.sentAt ?? m.createdAt);
  return Number.isNaN(since) || now.getTime() - since < RECEIPT_WAIT_MS;
}

/**
 * The rows shown after a poll: rows of `fresh` (the newest page) that are new go on top in
 * their order, rows already shown are replaced in place by their fresh version, the rest stay.
 * @example mergeMessages([b, a], [c, b2]) // [c, b2, a]
 */
export function mergeMessages<T extends { id: string }>(current: readonly T[], fresh: readonly T[]): T[] {
  const byId = new Map(fresh.map((m) => [m.id, m]));
  const shown = new Set(current.map((m) => m.id));
  const added = fresh.filter((m) => !shown.has(m.id));
  return [...added, ...current.map((m) => byId.get(m.id) ?? m)];
}

export type Tone = "badge-ok" | "badge-bad" | "badge-warn" | "badge-info" | "badge-off";

/**
 * The badge colour of a status; the word always goes with it (colour never carries meaning alone).
 * @example statusTone("delivered") // "badge-ok"
 */
export function statusTone(status: string): Tone {
  switch (status) {
    case "delivered":
      return "badge-ok";
    case "failed":
    case "rejected":
      return "badge-bad";
    case "expired":
      return "badge-warn";
    case "cancelled":
      return "badge-off";
    default:
      return "badge-info";
  }
}

/**
 * At most `max` characters of `text` on one line, cut at a character (never inside a surrogate
 * pair, so bold letters and emoji stay whole) and ended with "…".
 * @example excerpt("Hola 𝐀𝐧𝐚, tu cita es mañana", 8) // "Hola 𝐀𝐧𝐚…"
 */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max).join("").trimEnd()}…`;
}
