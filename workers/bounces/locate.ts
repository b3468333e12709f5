/**
 * Which delivery a bounce or complaint is about. In order of trust: the VERP address (its MAC
 * checked against the full campaign id), our Message-ID matched to the stored delivery's own
 * (so an unauthenticated report cannot name an arbitrary contact), and, for relay webhooks that
 * are authenticated by their provider and say only the address, the latest delivery to it.
 */
import { decodeVerp, ourMessageId, verifyVerp } from "../../shared/bounces/verp";
import type { Clues } from "../../shared/bounces/types";

export type Target = { accountId: string; campaignId: string; contactId: number; email: string };

type Row = { account_id: string; campaign_id: string; contact_id: number; email: string };
const SELECT = "SELECT c.account_id, d.campaign_id, d.contact_id, d.email FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id";
const target = (r: Row): Target => ({ accountId: r.account_id, campaignId: r.campaign_id, contactId: r.contact_id, email: r.email });

/** A forged VERP (a MAC that does not verify) is refused outright, whatever else the report says. */
export type Located = { ok: true; target: Target } | { ok: false; reason: "forged_verp" | "unknown" };

/**
 * @example const where = await locate(env.DB, linkKey, feedback.clues, { trustEmail: feedback.email })
 */
export async function locate(db: D1Database, linkKey: CryptoKey, clues: Clues, opts: { trustEmail?: string | null } = {}): Promise<Located> {
  const verp = decodeVerp(clues.verp);
  if (verp) {
    const rows = await db
      .prepare(`${SELECT} WHERE d.campaign_id >= ?1 AND d.campaign_id < ?1 || '~' AND d.contact_id = ?2 LIMIT 5`)
      .bind(verp.campaignPrefix, verp.contactId)
      .all<Row>();
    for (const r of rows.results) if (await verifyVerp(linkKey, verp, r.campaign_id)) return { ok: true, target: target(r) };
    return { ok: false, reason: rows.results.length ? "forged_verp" : "unknown" };
  }
  const ours = ourMessageId(clues.messageId);
  if (ours && (!clues.campaignId || clues.campaignId.toLowerCase() === ours.campaignId)) {
    const r = await db.prepare(`${SELECT} WHERE d.campaign_id = ? AND d.contact_id = ? AND d.message_id = ?`).bind(ours.campaignId, ours.contactId, clues.messageId!.trim()).first<Row>();
    if (r) return { ok: true, target: target(r) };
  }
  if (opts.trustEmail) {
    const r = await db
      .prepare(`${SELECT} WHERE d.email = ? AND d.status IN ('sent', 'bounced') ORDER BY d.sent_at DESC LIMIT 1`)
      .bind(opts.trustEmail.toLowerCase())
      .first<Row>();
    if (r) return { ok: true, target: target(r) };
  }
  return { ok: false, reason: "unknown" };
}
