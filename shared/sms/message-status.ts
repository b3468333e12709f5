/**
 * How receipts move an SMS forward (S4): the status of each part, and the status of the message
 * that follows from its parts. Pure; the receipt hook and the send consumer both use it, so a
 * receipt that arrives before the provider's answer is settled ends the same way.
 *
 * A part moves only forward: sending → accepted (the provider or SMSC took it) → buffered (the
 * SMSC is still trying) → one final status (delivered, failed, expired, rejected). A receipt that
 * would move it back, or sideways from one final status to another, changes nothing; so do
 * duplicates. The message is delivered when every part is; failed, expired or rejected as soon
 * as one part is (that part's status; failed before expired before rejected when several
 * are); accepted in between. Part 0 stands for the whole message (providers that split it
 * themselves report it as one) and speaks for every part. A final message status is never
 * changed again.
 */
import type { SmsReceiptStatus } from "./receipt";

export type PartStatus = "sending" | SmsReceiptStatus;
export type MessageStatus = "queued" | "sending" | "accepted" | "delivered" | "failed" | "expired" | "rejected" | "cancelled";

const RANK: Readonly<Record<PartStatus, number>> = { sending: 0, accepted: 1, buffered: 2, delivered: 3, failed: 3, expired: 3, rejected: 3 };
const FAILURES = ["failed", "expired", "rejected"] as const;
const FINAL_MESSAGE: ReadonlySet<MessageStatus> = new Set<MessageStatus>(["delivered", "failed", "expired", "rejected", "cancelled"]);

/**
 * Whether a part in `current` status (null: no row yet) takes `next`.
 * @example partAdvances("accepted", "delivered") // true
 * @example partAdvances("delivered", "buffered") // false
 * @example partAdvances("failed", "delivered") // false (the first final status stays)
 */
export function partAdvances(current: PartStatus | null, next: PartStatus): boolean {
  return current === null || RANK[next] > RANK[current];
}

/**
 * Whether no receipt can change a message in `status` any more.
 * @example isFinalMessage("accepted") // false
 */
export function isFinalMessage(status: MessageStatus): boolean {
  return FINAL_MESSAGE.has(status);
}

/**
 * The status a message of `segments` parts has once it was accepted, from its parts' statuses
 * (part 0: the whole message).
 * @example messageStatusOf([{ part: 1, status: "delivered" }, { part: 2, status: "buffered" }], 2) // "accepted"
 * @example messageStatusOf([{ part: 1, status: "delivered" }, { part: 2, status: "delivered" }], 2) // "delivered"
 * @example messageStatusOf([{ part: 0, status: "expired" }], 3) // "expired"
 */
export function messageStatusOf(parts: ReadonlyArray<{ part: number; status: PartStatus }>, segments: number): "accepted" | "delivered" | "failed" | "expired" | "rejected" {
  for (const failure of FAILURES) if (parts.some((p) => p.status === failure)) return failure;
  if (parts.some((p) => p.part === 0 && p.status === "delivered")) return "delivered";
  const delivered = new Set(parts.filter((p) => p.part >= 1 && p.status === "delivered").map((p) => p.part));
  return segments > 0 && delivered.size >= segments ? "delivered" : "accepted";
}

/**
 * The message status after its parts changed: unchanged when it is final or not yet accepted by
 * the provider (queued, or sending while the send is still being settled); else from its parts.
 * @example nextMessageStatus("accepted", [{ part: 1, status: "delivered" }], 1) // "delivered"
 * @example nextMessageStatus("failed", [{ part: 1, status: "delivered" }], 1) // "failed"
 */
export function nextMessageStatus(current: MessageStatus, parts: ReadonlyArray<{ part: number; status: PartStatus }>, segments: number): MessageStatus {
  if (current !== "accepted") return current;
  return messageStatusOf(parts, segments);
}
