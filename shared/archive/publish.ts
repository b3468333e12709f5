/**
 * Which campaigns may go into the public archive (W6): email campaigns whose mail went out.
 * A campaign is out once it started sending: `sending`, `paused` after it started, `sent`, or
 * `cancelled` after it started (what was sent before the cancel is public already). A draft or
 * a scheduled campaign is refused, so nothing is published before its recipients have it; an
 * SMS campaign has no web page to publish.
 */

export type PublishRefusal = { code: "not_email" | "not_sent"; message: string; field: "channel" | "status" };

/**
 * Null when the campaign may be published, else why not.
 * @example publishRefusal({ channel: "email", status: "sent", started_at: 1 }) // null
 * @example publishRefusal({ channel: "email", status: "draft", started_at: null })?.code // "not_sent"
 */
export function publishRefusal(c: { channel: string | null; status: string; started_at: number | null }): PublishRefusal | null {
  if (c.channel === "sms") return { code: "not_email", message: "Only email campaigns can be published to the archive; this one is an SMS campaign", field: "channel" };
  const out = c.status === "sending" || c.status === "sent" || ((c.status === "paused" || c.status === "cancelled") && c.started_at !== null);
  if (!out) return { code: "not_sent", message: `The campaign is ${c.status}: only a campaign that has been sent can be published`, field: "status" };
  return null;
}
