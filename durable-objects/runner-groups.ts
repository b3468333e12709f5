/**
 * Recipients grouped by the version they are rendered with, and those groups as email Queue
 * messages: PER_MESSAGE recipients a message, each message carrying its A/B version (B3) so the
 * consumer renders B's subject or content; plain campaigns carry none.
 */
import type { Variant } from "../shared/campaigns/ab";

/**
 * Recipients per Queue message: the consumer claims, renders, sends and settles them together,
 * so its fixed cost per message (a handful of D1 statements, one ledger commit) is shared by
 * 200 emails; 50 made that cost a tenth of the work (bench:send, docs/benchmarks.md).
 */
export const PER_MESSAGE = 200;

export type EmailSendMessage = { campaignId: string; contactIds: number[]; variant?: Variant };
export type RecipientGroup = { variant?: Variant; ids: number[] };

/**
 * @example toMessages("c1", [{ variant: "B", ids: [1, 2, 3] }], 2)
 * // [{ body: { campaignId: "c1", contactIds: [1, 2], variant: "B" } }, { body: { campaignId: "c1", contactIds: [3], variant: "B" } }]
 */
export function toMessages(campaignId: string, groups: RecipientGroup[], perMessage: number): { body: EmailSendMessage }[] {
  const messages: { body: EmailSendMessage }[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.ids.length; i += perMessage) {
      messages.push({ body: { campaignId, contactIds: g.ids.slice(i, i + perMessage), ...(g.variant ? { variant: g.variant } : {}) } });
    }
  }
  return messages;
}
