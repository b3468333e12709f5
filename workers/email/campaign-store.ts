/**
 * D1 access for the send pipeline: the campaign row, its audience walked with a keyset cursor,
 * delivery rows written before enqueueing, and the counts the runner waits on. The audience is
 * the union of the campaign's lists and segments, minus unsubscribed, invalid and suppressed.
 */
import { compileSegment, type SegmentDefinition } from "../../shared/audience/segments";

export type CampaignRow = {
  id: string;
  account_id: string;
  name: string;
  status: string;
  subject: string;
  preheader: string | null;
  from_name: string;
  from_address: string;
  reply_to: string | null;
  commercial: number;
  html: string;
  text: string;
  audience: string;
  scheduled_at: number | null;
  total: number;
  sent: number;
  failed: number;
  reservation_id: string | null;
  sent_by: string | null;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** A/B test (shared/campaigns/ab.ts): the stored test, the winner once picked, its counts. */
  ab: string | null;
  ab_winner: string | null;
  ab_result: string | null;
  /** Re-send round (C1): 0 for the first send. */
  round: number;
  /** "email" or "sms". */
  channel: string;
};

export async function loadCampaign(db: D1Database, id: string): Promise<CampaignRow | null> {
  return db.prepare("SELECT * FROM campaigns WHERE id = ?").bind(id).first<CampaignRow>();
}

export type AudienceSql = { sql: string; params: (string | number)[] };

/** The condition that makes a contact of the account a recipient of `campaign` at `now`. */
export async function audienceSql(db: D1Database, campaign: CampaignRow, now: number): Promise<AudienceSql> {
  const m = await audienceMembership(db, campaign, now);
  if (m.sql === "0") return m;
  const reachable = `c.email IS NOT NULL AND c.email_status = 'subscribed' AND c.verdict != 'invalid'
    AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND (
      (s.kind = 'email' AND s.value = c.email) OR (s.kind = 'domain' AND s.value = c.email_domain)))`;
  return { sql: `${reachable} AND ${m.sql}`, params: m.params };
}

/** Membership alone (the campaign's lists and segments), whatever the channel; SMS adds its own reachability (workers/sms/campaign-audience.ts). */
export async function audienceMembership(db: D1Database, campaign: CampaignRow, now: number): Promise<AudienceSql> {
  const audience = JSON.parse(campaign.audience) as { listIds: string[]; segmentIds: string[] };
  const alternatives: string[] = [];
  const params: (string | number)[] = [];
  if (audience.listIds.length) {
    alternatives.push("EXISTS (SELECT 1 FROM list_members m WHERE m.contact_id = c.id AND m.status = 'subscribed' AND m.list_id IN (SELECT value FROM json_each(?)))");
    params.push(JSON.stringify(audience.listIds));
  }
  if (audience.segmentIds.length) {
    const rows = await db
      .prepare("SELECT definition FROM segments WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))")
      .bind(campaign.account_id, JSON.stringify(audience.segmentIds))
      .all<{ definition: string }>();
    for (const r of rows.results) {
      const seg = compileSegment(JSON.parse(r.definition) as SegmentDefinition, now);
      alternatives.push(seg.sql);
      params.push(...seg.params);
    }
  }
  if (alternatives.length === 0) return { sql: "0", params: [] };
  return { sql: `(${alternatives.join(" OR ")})`, params };
}

export async function countAudience(db: D1Database, accountId: string, a: AudienceSql): Promise<number> {
  return (await db.prepare(`SELECT COUNT(*) AS n FROM contacts c WHERE c.account_id = ? AND ${a.sql}`).bind(accountId, ...a.params).first<number>("n")) ?? 0;
}

/** The next page of recipients after `afterId`, in id order (keyset, resumable). */
export async function recipientsPage(db: D1Database, accountId: string, a: AudienceSql, afterId: number, limit: number): Promise<{ id: number; email: string }[]> {
  const rows = await db
    .prepare(`SELECT c.id, c.email FROM contacts c WHERE c.account_id = ? AND c.id > ? AND ${a.sql} ORDER BY c.id LIMIT ${limit}`)
    .bind(accountId, afterId, ...a.params)
    .all<{ id: number; email: string }>();
  return rows.results;
}

/** Write queued delivery rows, with their A/B version if any (a row that exists stays as it is: idempotent). */
export function queueDeliveries(db: D1Database, campaignId: string, rows: { id: number; email: string; variant?: string | null }[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO deliveries (campaign_id, contact_id, email, status, variant) SELECT ?1, j.value ->> 'id', j.value ->> 'email', 'queued', j.value ->> 'variant' FROM json_each(?2) j WHERE true
       ON CONFLICT DO NOTHING`,
    )
    .bind(campaignId, JSON.stringify(rows));
}

/** Deliveries not settled yet (queued, being sent, or waiting for a retry). */
export async function openDeliveries(db: D1Database, campaignId: string): Promise<number> {
  return (await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status IN ('queued', 'sending', 'deferred')").bind(campaignId).first<number>("n")) ?? 0;
}
