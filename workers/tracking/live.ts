/**
 * How the events consumer tells a campaign's CampaignLive what changed: `apply(inc)` over RPC,
 * idempotent by `inc.key`. A CampaignLive without `apply` (an older deployment) is logged and
 * skipped, so counting never waits on it; any other failure is thrown and the batch is retried.
 */
import type { LiveIncrement } from "../../shared/events/types";

type LiveApplier = { apply(inc: LiveIncrement): Promise<void> };

/**
 * @example await tellLive(env, "cmp_1", { key: "k", at: Date.now(), delta: { opened: 1 } }) // "applied"
 */
export async function tellLive(env: Env, campaignId: string, inc: LiveIncrement): Promise<"applied" | "unavailable"> {
  const stub = env.CAMPAIGN_LIVE.get(env.CAMPAIGN_LIVE.idFromName(campaignId)) as unknown as LiveApplier;
  try {
    await stub.apply(inc);
    return "applied";
  } catch (err) {
    if (/does not implement|not a function|no such method|not implemented/i.test(String(err))) {
      console.warn(`CampaignLive of ${campaignId} has no apply(); live counters not told`);
      return "unavailable";
    }
    throw err;
  }
}
