/**
 * The campaign state machine: which action is allowed from which state. The API answers 409
 * with the current state when an action does not fit, and edits are only allowed before sending.
 */

/** "automation": the hidden campaign of an automation's email step (W4); no action applies to it. */
export const CAMPAIGN_STATES = ["draft", "scheduled", "sending", "paused", "cancelled", "sent", "failed", "automation"] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export type CampaignAction = "edit" | "schedule" | "send" | "pause" | "resume" | "cancel";

const ALLOWED: Record<CampaignAction, readonly CampaignState[]> = {
  edit: ["draft", "scheduled"],
  schedule: ["draft", "scheduled"],
  send: ["draft", "scheduled"],
  pause: ["scheduled", "sending"],
  resume: ["paused"],
  cancel: ["scheduled", "sending", "paused"],
};

/**
 * Whether `action` may be taken in `state`.
 * @example canDo("sending", "edit") // false
 */
export function canDo(state: CampaignState, action: CampaignAction): boolean {
  return ALLOWED[action].includes(state);
}
