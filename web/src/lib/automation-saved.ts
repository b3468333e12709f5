/**
 * A saved automation back into the builder's state (automation-builder.ts), and where a server
 * error on it belongs in the form. The builder is linear; an automation whose steps link
 * otherwise (written through the API) is not shown as a form: `fromAutomation` answers null and
 * the page shows it read-only.
 */
import type { AutomationOut, AutomationStep, AutomationTrigger } from "./automations-types";
import { newStep, newTrigger, type BuilderState, type StepDraft, type TriggerDraft } from "./automation-builder";
import { toDraft } from "./segments";

/** Whether the steps link as the builder would link them (each to the next; conditions' "no" ends). */
export function isLinear(steps: readonly AutomationStep[]): boolean {
  return steps.every((s, i) => {
    const following = steps[i + 1]?.id ?? null;
    if (s.type === "condition") return s.yes === following && s.no === null;
    return s.next === undefined || s.next === following;
  });
}

function triggerDraft(t: AutomationTrigger): TriggerDraft {
  const d = newTrigger(t.type);
  switch (t.type) {
    case "subscribed":
    case "optin_confirmed":
      return { ...d, listId: t.listId ?? "" };
    case "date":
      return { ...d, field: t.field, direction: t.direction, days: String(t.days), at: t.at };
    case "segment":
      return { ...d, segmentId: t.segmentId };
    case "event":
      return { ...d, name: t.name };
    case "sms_keyword":
      return { ...d, keyword: t.keyword };
    case "engagement":
      return { ...d, campaignId: t.campaignId, on: t.on, days: t.days === undefined ? d.days : String(t.days) };
  }
}

function stepDraft(s: AutomationStep): StepDraft {
  const d = newStep(s.type, s.id);
  switch (s.type) {
    case "email":
      return { ...d, templateId: s.templateId, subject: s.subject, fromName: s.fromName, fromAddress: s.fromAddress, preheader: s.preheader ?? null, replyTo: s.replyTo ?? null };
    case "sms":
      return { ...d, text: s.text };
    case "wait":
      return { ...d, amount: String(s.amount), unit: s.unit };
    case "condition":
      return s.condition.type === "step_engagement"
        ? { ...d, conditionKind: "step", engagementStep: s.condition.stepId, engagementEvent: s.condition.event }
        : { ...d, conditionKind: "contact", condition: toDraft(s.condition) };
    case "tag":
    case "untag":
      return { ...d, tag: s.tag };
    case "webhook":
      return { ...d, url: s.url };
  }
}

/** The builder's state of a saved automation, or null when its steps branch in ways the builder cannot show. */
export function fromAutomation(a: Pick<AutomationOut, "name" | "trigger" | "steps">): BuilderState | null {
  if (!isLinear(a.steps)) return null;
  return { name: a.name, trigger: triggerDraft(a.trigger), steps: a.steps.map(stepDraft) };
}

/**
 * Where a server error belongs in the form: "name", "trigger.<input>", "steps.<n>.<input>"
 * (deeper paths fold into their input: `steps.2.condition.listId` → "steps.2.condition"), or
 * "general" when it names no input of the form.
 * @example errorSlot("steps.1.templateId") // "steps.1.templateId"
 */
export function errorSlot(field: string | undefined): string {
  if (!field) return "general";
  const parts = field.split(".");
  if (parts[0] === "name" && parts.length === 1) return "name";
  if (parts[0] === "trigger" && parts[1]) return `trigger.${parts[1]}`;
  if (parts[0] === "steps" && parts[1] !== undefined && /^\d+$/.test(parts[1]) && parts[2]) {
    const key = parts[2] === "yes" || parts[2] === "no" || parts[2] === "next" || parts[2] === "id" ? "general" : parts[2];
    return `steps.${parts[1]}.${key}`;
  }
  return "general";
}
