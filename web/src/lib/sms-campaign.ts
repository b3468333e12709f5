/**
 * What the dashboard tells about an SMS campaign before it is sent: how many contacts its
 * audience reaches by SMS (lists' SMS-reachable counts; segments' counts, an upper bound) and
 * the credits that will be deducted (segments of the text with its links as short links, × the
 * contacts; merge fields can lengthen a message, so it is an estimate, "~").
 */
import type { CampaignOut, ListOut, SegmentOut } from "./api";
import { composerStats } from "./sms";

/** The origin campaign short links are made under (the Worker serves /s/ beside the dashboard). */
export const campaignLinkBase = (): string => location.origin;

/**
 * Contacts the audience reaches by SMS, and whether that number is approximate.
 * @example smsReach({ listIds: ["l1"], segmentIds: [] }, [{ id: "l1", counts: { sms: 40 } }], []) // { count: 40, approx: false }
 */
export function smsReach(audience: { listIds: string[]; segmentIds: string[] }, lists: ListOut[], segments: SegmentOut[]): { count: number; approx: boolean } {
  const count = audience.listIds.reduce((n, id) => n + (lists.find((x) => x.id === id)?.counts.sms ?? 0), 0) + audience.segmentIds.reduce((n, id) => n + (segments.find((x) => x.id === id)?.count ?? 0), 0);
  return { count, approx: audience.segmentIds.length > 0 || audience.listIds.length > 1 };
}

/**
 * The confirmation lines of sending an SMS campaign: "Se enviará a N contactos; se descontarán ~M créditos".
 * @example smsSendEstimate(c, 120) // { count: 120, credits: 240 } for a two-segment text
 */
export function smsSendEstimate(c: Pick<CampaignOut, "text">, count: number, base: string = campaignLinkBase()): { count: number; credits: number } {
  return { count, credits: composerStats(c.text ?? "", { linkBase: base, recipients: count }).credits };
}
