/**
 * The live socket of a campaign (B7): after the guard (session cookie or API key, permission
 * campaigns.read) and the tenancy check, the WebSocket upgrade is handed to the campaign's
 * CampaignLive, which answers it with the snapshot and then pushes updates.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";

/** Mounted under /campaigns beside the campaign routes. */
export const campaignLive = new Hono<AppEnv>().get("/:id/live", guard("campaignLive", operations.campaignLive), async (c) => {
  const id = c.req.param("id");
  const found = await c.env.DB.prepare("SELECT 1 AS x FROM campaigns WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<number>("x");
  if (!found) throw notFound("Campaign");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Connect with a WebSocket (Upgrade: websocket)", undefined, { Upgrade: "websocket" });
  return c.env.CAMPAIGN_LIVE.get(c.env.CAMPAIGN_LIVE.idFromName(id)).fetch(c.req.raw);
});
