/**
 * What travels on the events Queue (EVENTS) and what CampaignLive is told. Producers: the
 * recipient endpoints (/t/o, /t/c, /u, /v), the email consumer (sent, per batch), the bounce and
 * complaint parsers (DSN / ARF through the `email` handler, relay webhooks). One consumer
 * (workers/queues/events.ts) writes them to D1 idempotently (by `id`) and then tells the
 * campaign's CampaignLive the increments of what was new.
 */

export type EventKind =
  | "sent" // accepted by the relay (the email consumer, one event per recipient)
  | "rejected" // refused by the relay at once with a 5xx (the email consumer): a hard bounce at send time, never also "sent"
  | "open"
  | "click"
  | "view" // web version opened
  | "unsubscribe"
  | "bounce_hard"
  | "bounce_soft"
  | "complaint"
  // SMS campaigns: no `deliveries` row; the consumer looks up the `sms_messages` row.
  | "sms_sent" // the provider accepted the message; status = operator, detail = segments
  | "sms_delivered" // final receipt: delivered; status = final status, detail = operator
  | "sms_failed" // final receipt: failed, expired or rejected; status = final status, detail = operator
  | "sms_reply"; // an inbound message linked to the campaign (the latest campaign SMS to that number within 7 days)

export type TrackEvent = {
  /** Unique per real-world event (a random id made where it happened): a redelivery counts once. */
  id: string;
  kind: EventKind;
  accountId: string;
  campaignId: string;
  /** 0 for test sends (never counted). */
  contactId: number;
  /** ms since the epoch. */
  at: number;
  /** Clicks: the original URL. */
  url?: string;
  /** Opens and clicks: the request's User-Agent, and a salted hash of its IP (never the IP itself). */
  userAgent?: string;
  ipHash?: string;
  /** Machine opens and clicks (B5): the rule that decided it, e.g. "apple_mpp", "scanner_fast_click"; absent for humans. */
  machine?: string;
  /** Bounces and complaints: SMTP or DSN status, diagnostic text, where it came from ("smtp", "dsn", "arf", "ses", …). */
  status?: string;
  detail?: string;
  source?: string;
};

export type EventsMessage = { type: "events"; events: TrackEvent[] };

/** Counters CampaignLive keeps per campaign and pushes to its sockets. */
export type LiveCounters = {
  sent: number;
  opened: number;
  openedUnique: number;
  machineOpens: number;
  clicked: number;
  clickedUnique: number;
  machineClicks: number;
  bouncedHard: number;
  bouncedSoft: number;
  unsubscribed: number;
  complaints: number;
  /** SMS campaigns: messages with a final "delivered" receipt, with any other final status, and replies. */
  delivered: number;
  failed: number;
  replies: number;
  /** Clicks per original URL. */
  links: Record<string, number>;
};

/** Increments for one batch of new events; `key` makes a retried batch count once. */
export type LiveIncrement = { key: string; at: number; delta: Partial<Omit<LiveCounters, "links">> & { links?: Record<string, number> } };
