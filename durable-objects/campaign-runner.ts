/**
 * CampaignRunner: one per campaign, the send state machine (scheduled → validating → sending →
 * paused/cancelled → done), woken by alarms. A skeleton until the email campaigns capability:
 * it holds its state and answers it, nothing more.
 */
import { DurableObject } from "cloudflare:workers";

export type RunnerState = "idle" | "scheduled" | "validating" | "sending" | "paused" | "cancelled" | "done";

export class CampaignRunner extends DurableObject<Env> {
  async state(): Promise<RunnerState> {
    return (await this.ctx.storage.get<RunnerState>("state")) ?? "idle";
  }
}
