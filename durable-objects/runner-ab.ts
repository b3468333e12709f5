/**
 * The CampaignRunner's A/B test stages (B3). In the test stage the audience walk sends only the
 * sample, each member with its version (stored on its delivery row); the runner then waits until
 * `waitHours` after the start, picks the winner from each version's opens or clicks, and walks
 * the audience again in the rest stage, sending the winner to everyone outside the sample. The
 * sample comes from a hash (shared/campaigns/ab.ts), so both walks agree on who is in it.
 */
import { abDecideAt, abVariant, decideWinner, parseAb, type AbCounts, type Variant } from "../shared/campaigns/ab";
import { openDeliveries, type CampaignRow } from "../workers/email/campaign-store";
import type { RecipientGroup } from "./runner-groups";

export type AbStage = "test" | "rest";
type Recipient = { id: number; email: string };
type Picked = { rows: (Recipient & { variant: Variant | null })[]; groups: RecipientGroup[] };

/**
 * The recipients of a page that this stage sends: delivery rows to write (with the version for a
 * sample member, null otherwise) and the groups to enqueue (by the version they are rendered with).
 * @example abPick(campaign, "test", page) // the sample members of the page, as an A group and a B group
 */
export function abPick(c: CampaignRow, stage: AbStage | undefined, page: Recipient[]): Picked {
  const ab = stage ? parseAb(c.ab) : null;
  if (!ab) return { rows: page.map((r) => ({ ...r, variant: null })), groups: [{ ids: page.map((r) => r.id) }] };
  if (stage === "test") {
    const rows = page.flatMap((r) => {
      const variant = abVariant(c.id, r.id, ab.testPercent);
      return variant ? [{ ...r, variant }] : [];
    });
    const ids = (v: Variant) => rows.filter((r) => r.variant === v).map((r) => r.id);
    return { rows, groups: [{ variant: "A", ids: ids("A") }, { variant: "B", ids: ids("B") }] };
  }
  // The rest: everyone outside the sample gets the winner. Their rows keep variant null, so each
  // version's counts stay those of the test sample.
  const rows = page.filter((r) => abVariant(c.id, r.id, ab.testPercent) === null).map((r) => ({ ...r, variant: null }));
  return { rows, groups: [{ variant: (c.ab_winner as Variant | null) ?? "A", ids: rows.map((r) => r.id) }] };
}

/**
 * In the test stage's wait: the time to wake up next, or null once the winner is stored (the
 * rest stage can start). Polls while the sample is still being sent (so stale claims are
 * noticed), then sleeps until the decision time.
 * @example const next = await abTestWait(db, campaign, Date.now(), 2000)
 */
export async function abTestWait(db: D1Database, c: CampaignRow, now: number, pollMs: number): Promise<number | null> {
  const ab = parseAb(c.ab);
  if (!ab || c.ab_winner) return null;
  const decideAt = abDecideAt(c.started_at ?? now, ab.waitHours);
  if (now < decideAt) return (await openDeliveries(db, c.id)) > 0 ? Math.min(decideAt, now + pollMs) : decideAt;
  const rows = await db
    .prepare(
      `SELECT variant, COUNT(CASE WHEN status = 'sent' THEN 1 END) AS sent, COUNT(opened_at) AS opens, COUNT(clicked_at) AS clicks
       FROM deliveries WHERE campaign_id = ? AND variant IS NOT NULL GROUP BY variant`,
    )
    .bind(c.id)
    .all<AbCounts & { variant: Variant }>();
  const counts: Record<Variant, AbCounts> = { A: { sent: 0, opens: 0, clicks: 0 }, B: { sent: 0, opens: 0, clicks: 0 } };
  for (const r of rows.results) counts[r.variant] = { sent: r.sent, opens: r.opens, clicks: r.clicks };
  const result = decideWinner(ab.metric, counts, new Date(now));
  // Once only: a repeated alarm keeps the first decision.
  await db.prepare("UPDATE campaigns SET ab_winner = ?, ab_result = ?, updated_at = ? WHERE id = ? AND ab_winner IS NULL").bind(result.winner, JSON.stringify(result), now, c.id).run();
  return null;
}
