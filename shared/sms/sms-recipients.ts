/**
 * An SMS campaign's recipient as the API shows it: its `sms_messages` row (number,
 * status, operator, times) with the short-link clicks counted from `events`, people and machines
 * apart, and the replies linked to the campaign (`sms_reply` events). Pure: the store reads the row, this presents it (ISO dates, numbers never null).
 */

/** What the store reads per message (times in ms since the epoch). */
export type SmsRecipientRow = {
  id: string;
  contact_id: number;
  to_number: string;
  status: string;
  operator: string | null;
  segments: number;
  sent_at: number | null;
  done_at: number | null;
  error: string | null;
  /** The contact's first and last name, trimmed ("" when it has none; null when it was erased). */
  name: string | null;
  first_click_at: number | null;
  clicks: number | null;
  machine_clicks: number | null;
  /** Replies linked to the campaign from this recipient (`sms_reply` events). */
  replies: number | null;
};

export type SmsRecipient = {
  messageId: string;
  contactId: number;
  /** The contact's name, null when it has none or was erased (the number stands for it). */
  name: string | null;
  number: string;
  status: string;
  operator: string | null;
  segments: number;
  sentAt: string | null;
  doneAt: string | null;
  error: string | null;
  firstClickAt: string | null;
  clicks: number;
  machineClicks: number;
  replies: number;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * @example presentSmsRecipient({ id: "sms_1", contact_id: 7, to_number: "+51987654321", status: "delivered", operator: "claro", segments: 1, sent_at: 0, done_at: 1000, error: null, name: "Ana Soto", first_click_at: null, clicks: null, machine_clicks: null, replies: 1 }).clicks // 0
 */
export function presentSmsRecipient(r: SmsRecipientRow): SmsRecipient {
  return {
    messageId: r.id,
    contactId: r.contact_id,
    name: r.name || null,
    number: r.to_number,
    status: r.status,
    operator: r.operator,
    segments: r.segments,
    sentAt: iso(r.sent_at),
    // While `sending`, done_at is the claim time (workers/sms/send-rows.ts), not a final time.
    doneAt: r.status === "sending" ? null : iso(r.done_at),
    error: r.error,
    firstClickAt: iso(r.first_click_at),
    clicks: r.clicks ?? 0,
    machineClicks: r.machine_clicks ?? 0,
    replies: r.replies ?? 0,
  };
}
