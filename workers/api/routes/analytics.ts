/**
 * Engagement analytics (W3, R1f): reads the hourly `event_buckets` rows of dimension `all`
 * (opens and clicks, human and machine) and hands them to shared/analytics/engagement.ts, which
 * builds the timelines, the Lima heatmap and the peak hours. Another account's campaign is a 404.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { accountEngagement, campaignAnalytics, type BucketRow } from "../../../shared/analytics/engagement";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";

/** Mounted under /campaigns beside the campaign routes. */
export const campaignAnalyticsRoutes = new Hono<AppEnv>().get("/:id/analytics", guard("campaignAnalytics", operations.campaignAnalytics), async (c) => {
  const id = c.req.param("id");
  const campaign = await c.env.DB.prepare("SELECT started_at FROM campaigns WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<{ started_at: number | null }>();
  if (!campaign) throw notFound("Campaign");
  const { results } = await c.env.DB.prepare(
    `SELECT hour, kind, machine, sum(n) AS n FROM event_buckets
     WHERE campaign_id = ? AND account_id = ? AND dim = 'all' AND kind IN ('open', 'click') GROUP BY hour, kind, machine`,
  )
    .bind(id, c.var.actor.accountId)
    .all<BucketRow>();
  return c.json(campaignAnalytics(results, campaign.started_at));
});

/** Mounted under /analytics. */
export const analytics = new Hono<AppEnv>().get("/engagement", guard("accountEngagement", operations.accountEngagement), async (c) => {
  // Human opens only; summed per hour across campaigns so the rows stay few (≤ one per hour).
  const { results } = await c.env.DB.prepare(
    `SELECT hour, 'open' AS kind, 0 AS machine, sum(n) AS n FROM event_buckets
     WHERE account_id = ? AND dim = 'all' AND kind = 'open' AND machine = 0 GROUP BY hour`,
  )
    .bind(c.var.actor.accountId)
    .all<BucketRow>();
  return c.json(accountEngagement(results));
});
