/**
 * The automations API's shapes as the dashboard uses them (W4, S6): type-only aliases of the
 * Worker's zod schemas (shared/api/schemas-automations.ts, shared/automations/definition.ts), so
 * zod stays out of the bundle and a change of the API breaks the type check here. Re-exported by
 * api.ts; the pure builder model (automation-builder.ts) imports it directly.
 */
import type { z } from "zod";
import type * as AU from "../../../shared/api/schemas-automations";
import type { Step, StepCondition, Trigger } from "../../../shared/automations/definition";

export type { Step as AutomationStep, StepCondition as AutomationCondition, Trigger as AutomationTrigger };
export type AutomationOut = z.infer<typeof AU.AutomationOut>;
export type AutomationSummary = z.infer<typeof AU.AutomationList>["automations"][number];
export type AutomationStatus = AutomationOut["status"];
export type AutomationStats = z.infer<typeof AU.AutomationStats>;
export type AutomationStepStats = z.infer<typeof AU.StepStats>;
export type AutomationRun = z.infer<typeof AU.RunOut>;
export type AutomationRunPage = z.infer<typeof AU.RunPage>;
/** What POST /automations takes (PATCH takes the same fields, each optional). */
export type AutomationBody = { name: string; trigger: Trigger; steps: Step[] };
