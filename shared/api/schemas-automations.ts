/**
 * Schemas of automations (W4, S6) and of API events (`POST /events`, a trigger). The trigger and
 * step shapes are in shared/automations/definition.ts; the graph rules (links, cycles,
 * reachability) are checked here so a bad automation is refused with the path of the field.
 */
import { z } from "zod";
import { Steps, Trigger } from "../automations/definition";
import { graphProblems } from "../automations/graph";

const isoDate = z.iso.datetime();

const CheckedSteps = Steps.superRefine((steps, ctx) => {
  for (const p of graphProblems(steps)) ctx.addIssue({ code: "custom", path: p.path.split(".").slice(1).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), message: p.message });
});

export const CreateAutomationBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  trigger: Trigger,
  steps: CheckedSteps,
});

export const UpdateAutomationBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  trigger: Trigger.optional(),
  steps: CheckedSteps.optional(),
});

export const AUTOMATION_STATUSES = ["draft", "active", "paused"] as const;

export const AutomationOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(AUTOMATION_STATUSES),
  trigger: Trigger,
  steps: Steps.describe("Email steps carry `campaignId`: the hidden campaign with their tracking and report"),
  createdAt: isoDate,
  updatedAt: isoDate,
  activatedAt: isoDate.nullable(),
  webhookSecret: z.string().nullable().optional().describe("Signs the calls of its webhook steps (X-Pregon-Signature); null without webhook steps"),
});
export type AutomationOut = z.infer<typeof AutomationOut>;
export const AutomationList = z.object({ automations: z.array(AutomationOut.extend({ enrolled: z.number().int(), inProgress: z.number().int() })) });

export const StepStats = z.object({
  stepId: z.string(),
  type: z.string(),
  /** Runs that went through the step (each once). */
  entered: z.number().int(),
  done: z.number().int(),
  yes: z.number().int(),
  no: z.number().int(),
  skipped: z.number().int().describe("Not sent: the contact has no address or number, opted out, or is suppressed"),
  failed: z.number().int(),
  waiting: z.number().int().describe("Runs waiting at this step now"),
  opened: z.number().int().nullable().describe("Email steps: recipients who opened (human opens)"),
  clicked: z.number().int().nullable(),
});
export const AutomationStats = z.object({
  enrolled: z.number().int(),
  inProgress: z.number().int(),
  completed: z.number().int(),
  exited: z.number().int(),
  failed: z.number().int(),
  steps: z.array(StepStats),
  at: isoDate,
});
export type AutomationStats = z.infer<typeof AutomationStats>;

export const RunOut = z.object({
  id: z.number().int(),
  contactId: z.number().int(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(["waiting", "done", "exited", "failed"]),
  stepId: z.string().nullable(),
  nextAt: isoDate.nullable(),
  enteredAt: isoDate,
  occurrence: z.string(),
});
export const RunPage = z.object({ runs: z.array(RunOut), next: z.number().int().nullable() });
export const RunQuery = z.object({ after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** An event from the agency's systems (e.g. "registro_vencido"): enrols the contact in automations triggered by it. */
export const EventBody = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/, "use lowercase letters, digits, . - _ (up to 60)"),
  contact: z
    .strictObject({ id: z.number().int().positive().optional(), email: z.email().max(254).optional(), phone: z.string().min(6).max(20).optional() })
    .refine((c) => c.id !== undefined || c.email !== undefined || c.phone !== undefined, "give the contact's id, email or phone"),
  id: z.string().min(1).max(100).optional().describe("Your id for this event: the same id twice enrols once"),
  data: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional().describe("Up to 20 values, readable by the automation's webhook step"),
});
export const EventAccepted = z.object({ contactId: z.number().int(), automations: z.array(z.object({ id: z.string(), enrolled: z.boolean() })) });
