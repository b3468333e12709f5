/**
 * What the events consumer adds to a batch of events before writing them: the account (always
 * the campaign's, never the producer's word), the recipient's mailbox provider, device and
 * client from the User-Agent, and the machine rule (B5) for opens and clicks, now that the
 * delivery time and earlier opens are known. Test sends (contact 0) and events of unknown
 * deliveries are dropped. An SMS campaign's recipient has no mailbox (`email` null): no
 * provider, and a click there has no open to come after (only the fast-click rule applies).
 */
import type { TrackEvent } from "./types";
import { machineRule } from "./machine";
import { clientOf, deviceOf } from "./user-agent";
import { providerOf } from "../campaigns/providers";

/** `email` is null for an SMS message (facts read from `sms_messages`). */
export type DeliveryFacts = { accountId: string; email: string | null; sentAt: number | null; openedAt: number | null };
export type EventRow = TrackEvent & { provider: string | null; device: string | null; client: string | null };

/** The key of a (campaign, contact) pair in the facts map. */
export const pairKey = (campaignId: string, contactId: number) => `${campaignId}:${contactId}`;

/**
 * @example enrichEvents([{ id: "e1", kind: "open", accountId: "", campaignId: "c", contactId: 1, at: 9, userAgent: "… GoogleImageProxy" }], new Map([["c:1", { accountId: "a", email: "x@gmail.com", sentAt: 0, openedAt: null }]]))
 * // [{ …, accountId: "a", provider: "gmail", device: "unknown", client: "gmail", machine: "google_image_proxy" }]
 */
export function enrichEvents(events: readonly TrackEvent[], facts: ReadonlyMap<string, DeliveryFacts>): EventRow[] {
  const out: EventRow[] = [];
  // Human opens in this batch, per pair: a click after one of them is not "before any open".
  const opens = new Map<string, number>();
  const tracked = events.map((e) => {
    const f = e.contactId > 0 ? facts.get(pairKey(e.campaignId, e.contactId)) : undefined;
    if (f && e.kind === "open") {
      const machine = e.machine ?? machineRule({ kind: "open", userAgent: e.userAgent, at: e.at, sentAt: f.sentAt });
      if (!machine) opens.set(pairKey(e.campaignId, e.contactId), Math.min(opens.get(pairKey(e.campaignId, e.contactId)) ?? Infinity, e.at));
      return { e, f, machine };
    }
    return { e, f, machine: e.machine ?? null };
  });
  for (const { e, f, machine: known } of tracked) {
    if (!f) continue;
    let machine = known;
    if (e.kind === "click" && !machine) {
      const firstOpen = Math.min(f.openedAt ?? Infinity, opens.get(pairKey(e.campaignId, e.contactId)) ?? Infinity);
      machine = machineRule({ kind: "click", userAgent: e.userAgent, at: e.at, sentAt: f.sentAt, opened: f.email === null || firstOpen <= e.at });
    }
    const engagement = e.kind === "open" || e.kind === "click";
    const row: EventRow = { ...e, accountId: f.accountId, provider: f.email === null ? null : providerOf(f.email), device: engagement ? deviceOf(e.userAgent) : null, client: engagement ? clientOf(e.userAgent) : null };
    if (machine) row.machine = machine;
    else delete row.machine;
    out.push(row);
  }
  return out;
}
