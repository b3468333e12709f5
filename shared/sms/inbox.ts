/**
 * The inbox's pure pieces: the keyset cursor of the thread list (last activity, then number,
 * both descending, so a page never repeats or skips a thread when new ones arrive), the name a
 * contact is shown with, and one thread's incoming and outgoing rows merged into time order.
 */
import type { ThreadMessage, ThreadStatus } from "../api/schemas-sms-inbox";

export type ThreadCursor = { at: number; number: string };

/**
 * The opaque cursor after the thread last active at `at` with `number`.
 * @example encodeThreadCursor({ at: 1790000000000, number: "+51987654321" }) // "1790000000000~+51987654321" base64url-encoded
 */
export function encodeThreadCursor(c: ThreadCursor): string {
  return btoa(`${c.at}~${c.number}`).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The cursor back, or null when it is not one of ours.
 * @example decodeThreadCursor(encodeThreadCursor({ at: 5, number: "+51987654321" })) // { at: 5, number: "+51987654321" }
 * @example decodeThreadCursor("nope") // null
 */
export function decodeThreadCursor(raw: string): ThreadCursor | null {
  let text: string;
  try {
    text = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const m = /^(\d{1,15})~(\+\d{6,15})$/.exec(text);
  return m === null ? null : { at: Number(m[1]), number: m[2]! };
}

/**
 * How a contact is named in the inbox: first and last name, else the email, else the phone.
 * @example contactName({ first_name: "Ana", last_name: null, email: "ana@x.pe", phone: "+51987654321" }) // "Ana"
 */
export function contactName(c: { first_name: string | null; last_name: string | null; email: string | null; phone: string | null }): string {
  const name = [c.first_name, c.last_name].filter((s) => s !== null && s.trim() !== "").join(" ").trim();
  return name || c.email || c.phone || "";
}

export type InboundRow = { id: string; text: string; received_at: number; keyword: string | null; action: string | null; campaign_id: string | null };
export type OutboundRow = { id: string; text: string; created_at: number; status: string; campaign_id: string | null };

/**
 * Incoming and outgoing rows of one number as one conversation, oldest first, the newest
 * `limit` kept. At the same millisecond the incoming message goes first (a reply is never
 * shown before what it answers when both carry the same stamp).
 * @example mergeThread([{ id: "mo_1", text: "Hola", received_at: 2, keyword: null, action: null, campaign_id: null }], [{ id: "m1", text: "Aviso", created_at: 1, status: "delivered", campaign_id: "c1" }]).map((m) => m.direction) // ["out", "in"]
 */
export function mergeThread(inbound: readonly InboundRow[], outbound: readonly OutboundRow[], limit = 200): ThreadMessage[] {
  const all: Array<ThreadMessage & { ms: number }> = [
    ...inbound.map((r) => ({ id: r.id, direction: "in" as const, text: r.text, ms: r.received_at, at: new Date(r.received_at).toISOString(), status: "received" as const, keyword: r.keyword, action: actionOf(r.action), campaignId: r.campaign_id })),
    ...outbound.map((r) => ({ id: r.id, direction: "out" as const, text: r.text, ms: r.created_at, at: new Date(r.created_at).toISOString(), status: r.status as ThreadStatus, keyword: null, action: null, campaignId: r.campaign_id })),
  ];
  all.sort((a, b) => a.ms - b.ms || (a.direction === b.direction ? a.id.localeCompare(b.id) : a.direction === "in" ? -1 : 1));
  return all.slice(-limit).map(({ ms: _ms, ...m }) => m);
}

function actionOf(action: string | null): "optout" | "keyword" | null {
  return action === "optout" || action === "keyword" ? action : null;
}
