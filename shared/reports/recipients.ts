/**
 * Per-recipient detail of a campaign (items 4 and 8): who got it, who opened and when,
 * how many times (people and machines apart, B5), who clicked, bounced, left or complained. The
 * filters' meanings, the row the store reads from D1 (a `deliveries` row plus its events counted
 * per page) and the presenters that turn rows into the API's shape live here, pure, so the API,
 * the CSV streams and the dashboard agree on one definition of "abrió" or "rebotó".
 */

/**
 * The filters of the recipients list and CSV. Opens and clicks are people's only (machine opens,
 * e.g. Apple Mail Privacy Protection, never make a recipient "opened"); "not_opened" is a
 * delivered message (sent, not bounced) with no human open; "bounced" is a hard bounce (at send
 * time or by DSN) or a soft one (DSN or relay).
 */
export const RECIPIENT_FILTERS = ["all", "opened", "not_opened", "clicked", "bounced", "unsubscribed", "complained"] as const;
export type RecipientFilter = (typeof RECIPIENT_FILTERS)[number];

/** Statuses a delivery row goes through (see shared/db/schema.ts `deliveries`). */
export const DELIVERY_STATUSES = ["queued", "sending", "sent", "deferred", "bounced", "failed", "unknown", "cancelled"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Event kinds a recipient's timeline can hold (shared/events/types.ts `EventKind`). */
export const EVENT_KINDS = ["sent", "rejected", "open", "click", "view", "unsubscribe", "bounce_hard", "bounce_soft", "complaint"] as const;

/** What the store reads for one recipient: the delivery, the contact's name, and its events counted. */
export type RecipientRow = {
  contact_id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  status: string;
  sent_at: number | null;
  code: number | null;
  detail: string | null;
  opened_at: number | null;
  clicked_at: number | null;
  opens: number;
  machine_opens: number;
  clicks: number;
  machine_clicks: number;
  unsubscribed_at: number | null;
  complained_at: number | null;
};

/** One recipient as the API answers it; times are ISO 8601 UTC. */
export type Recipient = {
  contactId: number;
  email: string;
  name: string | null;
  status: DeliveryStatus;
  sentAt: string | null;
  /** "hard" once the delivery bounced for good, "soft" after a temporary bounce report. */
  bounce: "hard" | "soft" | null;
  code: number | null;
  detail: string | null;
  firstOpenAt: string | null;
  opens: number;
  machineOpens: number;
  firstClickAt: string | null;
  clicks: number;
  machineClicks: number;
  unsubscribedAt: string | null;
  complainedAt: string | null;
};

/** The raw event row of a timeline or of the events CSV. */
export type EventRow = {
  id: string;
  at: number;
  kind: string;
  url: string | null;
  machine: string | null;
  provider: string | null;
  device: string | null;
  client: string | null;
  status: string | null;
  detail: string | null;
  source: string | null;
};

export type TimelineEvent = {
  id: string;
  at: string;
  kind: (typeof EVENT_KINDS)[number];
  url: string | null;
  /** The machine rule (B5) that decided it, or null for a person. */
  machine: string | null;
  provider: string | null;
  device: string | null;
  client: string | null;
  status: string | null;
  detail: string | null;
  source: string | null;
};

/** A soft bounce leaves the delivery `sent` and marks its detail (workers/bounces/apply.ts). */
export const SOFT_BOUNCE_PREFIX = "soft_bounce ";

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * Hard, soft or no bounce, from the delivery row alone.
 * @example bounceOf("sent", "soft_bounce dsn 4.2.2: mailbox full") // "soft"
 */
export function bounceOf(status: string, detail: string | null): "hard" | "soft" | null {
  if (status === "bounced") return "hard";
  return detail?.startsWith(SOFT_BOUNCE_PREFIX) ? "soft" : null;
}

/**
 * "Ana Quispe", or null when the contact has no name (or was erased).
 * @example fullName("Ana", null) // "Ana"
 */
export function fullName(first: string | null, last: string | null): string | null {
  const name = [first, last].map((s) => s?.trim() ?? "").filter(Boolean).join(" ");
  return name || null;
}

/**
 * The API's shape of one recipient.
 * @example presentRecipient(row).opens // human opens; row.machine_opens stays apart
 */
export function presentRecipient(r: RecipientRow): Recipient {
  return {
    contactId: r.contact_id,
    email: r.email,
    name: fullName(r.first_name, r.last_name),
    status: r.status as DeliveryStatus,
    sentAt: iso(r.sent_at),
    bounce: bounceOf(r.status, r.detail),
    code: r.code,
    detail: r.detail,
    firstOpenAt: iso(r.opened_at),
    opens: r.opens,
    machineOpens: r.machine_opens,
    firstClickAt: iso(r.clicked_at),
    clicks: r.clicks,
    machineClicks: r.machine_clicks,
    unsubscribedAt: iso(r.unsubscribed_at),
    complainedAt: iso(r.complained_at),
  };
}

/** @example presentEvent({ id: "e1", at: 0, kind: "open", … }).at // "1970-01-01T00:00:00.000Z" */
export function presentEvent(e: EventRow): TimelineEvent {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    kind: e.kind as TimelineEvent["kind"],
    url: e.url,
    machine: e.machine,
    provider: e.provider,
    device: e.device,
    client: e.client,
    status: e.status,
    detail: e.detail,
    source: e.source,
  };
}
