/**
 * Outgoing webhooks (B1), the pure part: which event names an account can subscribe to, which
 * recorded event kind becomes which webhook event, and when a failed delivery is tried again.
 * The events consumer maps kinds in SQL (workers/webhooks/store.ts builds its CASE from
 * KIND_TO_EVENT, so the two cannot drift apart); the signature is the SMS keyword webhook's
 * scheme (shared/sms/keyword-webhook.ts signWebhook), one scheme for every call we make.
 *
 * Email "delivered": there is no delivery signal for email (the relay accepting a message is
 * "sent"; a later bounce may still come), so `delivered` is accepted as a subscription but fires
 * for nothing yet. It is not mapped to "sent" on purpose: a receiver would count the same
 * message twice and believe something we do not know.
 */
import type { EventKind } from "../events/types";

export const WEBHOOK_EVENTS = ["sent", "delivered", "opened", "clicked", "bounced", "unsubscribed", "sms_delivered", "sms_received"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event a test call (`POST /webhooks/:id/test`) sends; never subscribed to. */
export const PING_EVENT = "ping";

/**
 * Recorded kind → webhook event, and whether only human (non-machine) events count. Kinds not
 * here (view, complaint, sms_sent, sms_failed, sms_reply) fire nothing; sms_received comes from
 * the inbound SMS path, not from the events Queue.
 */
export const KIND_TO_EVENT: Readonly<Partial<Record<EventKind, { event: WebhookEvent; humanOnly: boolean }>>> = {
  sent: { event: "sent", humanOnly: false },
  open: { event: "opened", humanOnly: true },
  click: { event: "clicked", humanOnly: true },
  bounce_hard: { event: "bounced", humanOnly: false },
  bounce_soft: { event: "bounced", humanOnly: false },
  rejected: { event: "bounced", humanOnly: false },
  unsubscribe: { event: "unsubscribed", humanOnly: false },
  sms_delivered: { event: "sms_delivered", humanOnly: false },
};

/**
 * The webhook event of a recorded event, or null when it fires none.
 * @example webhookEventOf("open", null) // "opened"
 * @example webhookEventOf("open", "apple_mpp") // null
 */
export function webhookEventOf(kind: EventKind, machine: string | null | undefined): WebhookEvent | null {
  const m = KIND_TO_EVENT[kind];
  if (!m || (m.humanOnly && machine)) return null;
  return m.event;
}

/** Seconds to wait after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h; then the delivery fails. */
export const RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200, 21600] as const;

/**
 * When to try again after `attempts` attempts all failed (ms since the epoch), or null when the
 * delivery has used its retries and is failed.
 * @example nextAttemptAt(1, 0) // 60_000
 * @example nextAttemptAt(6, 0) // null
 */
export function nextAttemptAt(attempts: number, now: number): number | null {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  return delay === undefined ? null : now + delay * 1000;
}

/**
 * Problems with a subscription's event list, or null: it must be non-empty and name known events.
 * @example eventsProblem(["opened", "paid"]) // 'unknown event "paid" (known: sent, delivered, …)'
 */
export function eventsProblem(events: readonly string[]): string | null {
  if (events.length === 0) return "must name at least one event";
  const unknown = events.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  return unknown === undefined ? null : `unknown event "${unknown}" (known: ${WEBHOOK_EVENTS.join(", ")})`;
}

/** The JSON body of a delivery: the same envelope for every event; `data` depends on the event. */
export type WebhookPayload = { id: string; event: WebhookEvent | typeof PING_EVENT; occurredAt: string; accountId: string; data: Record<string, unknown> };
