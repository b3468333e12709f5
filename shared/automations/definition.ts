/**
 * What an automation is (W4, S6): one trigger that enrols contacts, and steps they go through
 * (send an email or an SMS, wait, branch on a condition, tag / untag, call a webhook). Stored as
 * JSON on `automations`; the graph rules (ids, links, no cycles) are in graph.ts, the clock in
 * clock.ts. A step's `next` names the step that follows; left out it is the next one in the
 * array, null ends the run. A condition names both branches (`yes`, `no`).
 */
import { z } from "zod";
import { Condition as SegmentCondition } from "../audience/segments";

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "use 1–40 lowercase letters, digits, - or _");
const Next = Id.nullable().optional().describe("The step that follows (left out: the next in the list; null: the end)");
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM between 00:00 and 23:59");

export const TRIGGER_TYPES = ["subscribed", "optin_confirmed", "date", "segment", "event", "sms_keyword", "engagement"] as const;

export const Trigger = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("subscribed"), listId: z.string().min(1).optional().describe("Only subscriptions to this list (left out: any list)") }),
  z.strictObject({ type: z.literal("optin_confirmed"), listId: z.string().min(1).optional().describe("Only confirmations for this list") }),
  z.strictObject({
    type: z.literal("date"),
    field: z.string().regex(/^custom:[a-z][a-z0-9_]{0,39}$/, "must name a custom date field as custom:key"),
    direction: z.enum(["before", "after", "on"]),
    days: z.number().int().min(0).max(365),
    at: Hhmm.describe("The minute of the day (in the automation's time zone) contacts are enrolled"),
  }),
  z.strictObject({ type: z.literal("segment"), segmentId: z.string().min(1) }),
  z.strictObject({ type: z.literal("event"), name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/, "use lowercase letters, digits, . - _ (up to 60)") }),
  z.strictObject({ type: z.literal("sms_keyword"), keyword: z.string().trim().min(1).max(30).regex(/^[\p{L}\p{N}]+$/u, "one word, letters and digits") }),
  z.strictObject({
    type: z.literal("engagement"),
    campaignId: z.string().min(1),
    on: z.enum(["opened", "clicked", "not_opened"]),
    days: z.number().int().min(1).max(60).optional().describe("not_opened: how many days after the send (required)"),
  }),
]);
export type Trigger = z.infer<typeof Trigger>;

/** A condition: one of a segment's conditions on the contact, or engagement with an earlier email step of this automation. */
export const StepCondition = z.union([
  SegmentCondition,
  z.strictObject({ type: z.literal("step_engagement"), stepId: Id, event: z.enum(["opened", "clicked"]) }),
]);
export type StepCondition = z.infer<typeof StepCondition>;

export const STEP_TYPES = ["email", "sms", "wait", "condition", "tag", "untag", "webhook"] as const;

export const Step = z.discriminatedUnion("type", [
  z.strictObject({
    id: Id,
    type: z.literal("email"),
    templateId: z.string().min(1),
    subject: z.string().trim().min(1).max(200),
    preheader: z.string().max(200).nullable().optional(),
    fromName: z.string().trim().min(1).max(100),
    fromAddress: z.email().max(254),
    replyTo: z.email().max(254).nullable().optional(),
    /** Set by the server: the hidden campaign that carries this email (its tracking, bounces and report). */
    campaignId: z.string().optional(),
    next: Next,
  }),
  z.strictObject({ id: Id, type: z.literal("sms"), text: z.string().trim().min(1).max(1000), next: Next }),
  z.strictObject({ id: Id, type: z.literal("wait"), amount: z.number().int().min(1).max(8760), unit: z.enum(["minutes", "hours", "days"]), next: Next }),
  z.strictObject({ id: Id, type: z.literal("condition"), condition: StepCondition, yes: Id.nullable(), no: Id.nullable() }),
  z.strictObject({ id: Id, type: z.literal("tag"), tag: z.string().trim().min(1).max(100), next: Next }),
  z.strictObject({ id: Id, type: z.literal("untag"), tag: z.string().trim().min(1).max(100), next: Next }),
  z.strictObject({ id: Id, type: z.literal("webhook"), url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000), next: Next }),
]);
export type Step = z.infer<typeof Step>;
export type StepType = Step["type"];

export const Steps = z.array(Step).min(1, "an automation needs at least one step").max(50);

/** The longest wait a step may ask for, in each unit (a year). */
export const WAIT_LIMITS = { minutes: 525_600, hours: 8_760, days: 365 } as const;
