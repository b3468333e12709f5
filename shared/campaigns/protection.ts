/**
 * Sender-reputation guards (E5, B6): a campaign pauses itself, with the reason shown, when its
 * hard-bounce rate passes 5% after 500 sends, or its complaint rate passes 0.1%. Mailbox
 * providers judge senders on exactly these rates, so stopping early protects every later send.
 */

export const BOUNCE_LIMIT = { minSends: 500, rate: 0.05 } as const;
export const COMPLAINT_LIMIT = { minSends: 500, rate: 0.001 } as const;

export type PauseReason = `bounce_rate:${string}` | `complaint_rate:${string}`;

/**
 * The reason to pause, or null while the rates are acceptable.
 * @example pauseReason({ sent: 600, bounced: 40, complaints: 0 }) // "bounce_rate:6.25"
 */
export function pauseReason(x: { sent: number; bounced: number; complaints: number }): PauseReason | null {
  const attempted = x.sent + x.bounced;
  if (attempted >= BOUNCE_LIMIT.minSends && x.bounced / attempted > BOUNCE_LIMIT.rate) return `bounce_rate:${((x.bounced / attempted) * 100).toFixed(2)}`;
  if (x.sent >= COMPLAINT_LIMIT.minSends && x.complaints / x.sent > COMPLAINT_LIMIT.rate) return `complaint_rate:${((x.complaints / x.sent) * 100).toFixed(2)}`;
  return null;
}
