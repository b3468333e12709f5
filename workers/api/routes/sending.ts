/**
 * Send limits (E5, B6): the account's hourly limits per mailbox provider and its warm-up
 * schedule (read by anyone who reads campaigns, set with users.manage), with the relay's rate
 * and what the current windows have used; and, per campaign, what holds it back right now.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { SendLimitsBody } from "../../../shared/api/schemas-sending";
import { PROVIDERS, type Provider } from "../../../shared/campaigns/providers";
import { parseRelayLimit, warmupCap, warmupDay, type SendLimits } from "../../../shared/campaigns/throttle";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { loadLimits, saveLimits, type StoredLimits } from "../../email/send-settings";
import { readUsage } from "../../email/send-windows";

const iso = (ms: number) => new Date(ms).toISOString();
const perProvider = (f: (p: Provider) => number | null) => Object.fromEntries(PROVIDERS.map((p) => [p, f(p)])) as Record<Provider, number | null>;

async function present(env: Env, accountId: string, stored: StoredLimits | null, now: number) {
  const limits: SendLimits = stored?.limits ?? { perProviderPerHour: {} };
  const used = await readUsage(env.DB, accountId, now);
  const warmup = limits.warmup ?? null;
  return {
    perProviderPerHour: perProvider((p) => limits.perProviderPerHour[p] ?? null),
    warmup,
    relayPerMinute: parseRelayLimit(env.SMTP_RATE_PER_MINUTE),
    usage: {
      thisHour: perProvider((p) => used.hour[p] ?? 0),
      today: used.warmup,
      todayCap: warmup ? warmupCap(warmup, now) : null,
      warmupDay: warmup ? Math.max(warmupDay(warmup, now), 0) : null,
    },
    updatedAt: stored ? iso(stored.updatedAt) : null,
  };
}

export const sending = new Hono<AppEnv>()
  .get("/limits", guard("getSendLimits", operations.getSendLimits), async (c) => {
    const accountId = c.var.actor.accountId;
    return c.json(await present(c.env, accountId, await loadLimits(c.env.DB, accountId), Date.now()));
  })
  .put("/limits", guard("updateSendLimits", operations.updateSendLimits), ...json(SendLimitsBody), async (c) => {
    const body = c.req.valid("json");
    const accountId = c.var.actor.accountId;
    // Stored whole and normalised: absent providers and an absent warm-up mean "no limit".
    const limits: SendLimits = { perProviderPerHour: perProvider((p) => body.perProviderPerHour[p] ?? null), warmup: body.warmup ?? null };
    c.set("audit", { targetType: "send_limits", targetId: accountId, details: limits });
    const now = Date.now();
    return c.json(await present(c.env, accountId, await saveLimits(c.env.DB, accountId, limits, now), now));
  });

/** Mounted under /campaigns beside the campaign routes. */
export const campaignThrottle = new Hono<AppEnv>().get("/:id/throttle", guard("campaignThrottle", operations.campaignThrottle), async (c) => {
  const id = c.req.param("id");
  const status = await c.env.DB.prepare("SELECT status FROM campaigns WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).first<string>("status");
  if (!status) throw notFound("Campaign");
  const holds = status === "sending" ? await c.env.CAMPAIGN_RUNNER.get(c.env.CAMPAIGN_RUNNER.idFromName(id)).holds() : [];
  return c.json({ throttled: holds.length > 0, holds: holds.map((h) => ({ ...h, nextAt: iso(h.nextAt) })) });
});
