/**
 * POST /campaigns/:id/test: the campaign as it stands, with a contact's data, to a few
 * addresses (W9). See workers/email/test-send.ts.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { TestSendBody } from "../../../shared/api/schemas-email";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import type { CampaignRow } from "../../email/campaign-store";
import { mergeDataFor } from "../../email/preview";
import { TEST_SENDS_PER_HOUR, claimTestSends, sendTest } from "../../email/test-send";

export const campaignTests = new Hono<AppEnv>().post("/:id/test", guard("testSendCampaign", operations.testSendCampaign), ...json(TestSendBody), async (c) => {
  const body = c.req.valid("json");
  const row = await c.env.DB.prepare("SELECT * FROM campaigns WHERE id = ? AND account_id = ?").bind(c.req.param("id"), c.var.actor.accountId).first<CampaignRow>();
  if (!row) throw notFound("Campaign");
  const to = [...new Set(body.to.map((a) => a.trim().toLowerCase()))];
  const data = await mergeDataFor(c, body.contactId ?? null);
  c.set("audit", { targetType: "campaign", targetId: row.id, details: { to, contactId: body.contactId ?? null } });
  const left = await claimTestSends(c.env.DB, c.var.actor.accountId, to.length, Date.now());
  if (left === null) throw new ApiError(429, "test_send_limit", `to: at most ${TEST_SENDS_PER_HOUR} test emails an hour per account; try again later`, "to");
  const results = await sendTest(c.env, row, data, to);
  return c.json({ results, remainingThisHour: left });
});
