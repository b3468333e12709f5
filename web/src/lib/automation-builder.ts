/**
 * The automation builder's model (W4, S6): what the inputs hold (flat strings, like the segment
 * builder's drafts), turned into the API's body and back. The builder is linear: each step leads
 * to the next one, and a condition goes on to the next step when it holds and ends the run when
 * it does not (`yes` = the next step's id or null when last, `no` = null). Step ids ("paso-1",
 * "paso-2"…) are kept on edit, so the server keeps each email step's hidden campaign and runs stay
 * at their step. Reading a saved automation back into this state is automation-saved.ts.
 */
import type { MessageKey } from "../i18n";
import type { FieldOut } from "./api";
import type { AutomationBody, AutomationCondition, AutomationStep, AutomationTrigger } from "./automations-types";
import { parseWholeNumber } from "./format";
import { newDraft, toCondition, type Draft as ConditionDraft } from "./segments";

export type TriggerType = AutomationTrigger["type"];
export type StepType = AutomationStep["type"];
export type WaitUnit = "minutes" | "hours" | "days";

export const TRIGGER_TYPES: readonly TriggerType[] = ["subscribed", "optin_confirmed", "date", "segment", "event", "sms_keyword", "engagement"];
export const STEP_TYPES: readonly StepType[] = ["email", "sms", "wait", "condition", "tag", "untag", "webhook"];
/** The longest wait in each unit (a year), as the API allows. */
export const WAIT_MAX: Record<WaitUnit, number> = { minutes: 525_600, hours: 8_760, days: 365 };

export type TriggerDraft = {
  type: TriggerType;
  listId: string;
  field: string;
  direction: "before" | "after" | "on";
  days: string;
  at: string;
  segmentId: string;
  name: string;
  keyword: string;
  campaignId: string;
  on: "opened" | "clicked" | "not_opened";
};

export type StepDraft = {
  id: string;
  type: StepType;
  templateId: string;
  subject: string;
  fromName: string;
  fromAddress: string;
  /** Kept as they came (the builder has no inputs for them). */
  preheader: string | null;
  replyTo: string | null;
  text: string;
  amount: string;
  unit: WaitUnit;
  /** A condition on the contact (a segment's condition) or on an earlier email step's engagement. */
  conditionKind: "contact" | "step";
  condition: ConditionDraft;
  engagementStep: string;
  engagementEvent: "opened" | "clicked";
  tag: string;
  url: string;
};

export type BuilderState = { name: string; trigger: TriggerDraft; steps: StepDraft[] };

/** Errors found before asking the server, by path ("steps.1.amount", "trigger.days"). */
export type LocalErrors = Record<string, MessageKey>;

export function newTrigger(type: TriggerType = "subscribed"): TriggerDraft {
  return { type, listId: "", field: "", direction: "before", days: "7", at: "09:00", segmentId: "", name: "", keyword: "", campaignId: "", on: "not_opened" };
}

/** A new step; an email step starts from `sender` (the last campaign's sender, if any). */
export function newStep(type: StepType, id: string, sender: { fromName: string; fromAddress: string } = { fromName: "", fromAddress: "" }): StepDraft {
  return {
    id,
    type,
    templateId: "",
    subject: "",
    fromName: sender.fromName,
    fromAddress: sender.fromAddress,
    preheader: null,
    replyTo: null,
    text: "",
    amount: "1",
    unit: "days",
    conditionKind: "step",
    condition: newDraft("field"),
    engagementStep: "",
    engagementEvent: "opened",
    tag: "",
    url: "",
  };
}

/**
 * The builder prefilled to resend a sent email campaign to those who did not open it (B4): the
 * engagement trigger "not opened after 3 days" and one email step with the campaign's template,
 * subject and sender; the user reviews, saves and activates it.
 * @example resendState({ id: "c1", name: "Convocatoria", subject: "Bases", templateId: "t1", fromName: "Registro", fromAddress: "avisos@x.pe" }, "Reenvío: Convocatoria").trigger.on // "not_opened"
 */
export function resendState(c: { id: string; name: string; subject: string; templateId: string | null; fromName: string; fromAddress: string }, name: string): BuilderState {
  const step = { ...newStep("email", "paso-1", { fromName: c.fromName, fromAddress: c.fromAddress }), templateId: c.templateId ?? "", subject: c.subject };
  return { name, trigger: { ...newTrigger("engagement"), campaignId: c.id, on: "not_opened", days: "3" }, steps: [step] };
}

/**
 * The next free id of the "paso-N" kind, after the highest N in use.
 * @example nextStepId(["paso-1", "paso-3"]) // "paso-4"
 */
export function nextStepId(ids: readonly string[]): string {
  const taken = new Set(ids);
  let n = Math.max(0, ...ids.map((id) => Number(/^paso-(\d+)$/.exec(id)?.[1] ?? 0))) + 1;
  while (taken.has(`paso-${n}`)) n++;
  return `paso-${n}`;
}

/** Moves the step at `index` one place up (-1) or down (+1); out of range leaves the list as is. */
export function moveStep<T>(steps: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const out = [...steps];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

function triggerBody(d: TriggerDraft, errors: LocalErrors): AutomationTrigger {
  const days = (min: number, max: number): number => {
    const n = parseWholeNumber(d.days);
    if (n === null || n < min || n > max) {
      errors["trigger.days"] = "au.err.days";
      return 0;
    }
    return n;
  };
  switch (d.type) {
    case "subscribed":
    case "optin_confirmed":
      return d.listId ? { type: d.type, listId: d.listId } : { type: d.type };
    case "date":
      return { type: "date", field: d.field, direction: d.direction, days: d.direction === "on" ? 0 : days(0, 365), at: d.at };
    case "segment":
      return { type: "segment", segmentId: d.segmentId };
    case "event":
      return { type: "event", name: d.name.trim() };
    case "sms_keyword":
      return { type: "sms_keyword", keyword: d.keyword };
    case "engagement":
      return d.on === "not_opened" ? { type: "engagement", campaignId: d.campaignId, on: d.on, days: days(1, 60) } : { type: "engagement", campaignId: d.campaignId, on: d.on };
  }
}

function conditionBody(s: StepDraft, at: string, fields: FieldOut[], errors: LocalErrors): AutomationCondition {
  if (s.conditionKind === "step") {
    if (!s.engagementStep) errors[`${at}.condition`] = "au.err.engagementStep";
    return { type: "step_engagement", stepId: s.engagementStep, event: s.engagementEvent };
  }
  const c = toCondition(s.condition, fields);
  if (typeof c === "string") {
    errors[`${at}.condition`] = c;
    return { type: "verdict", verdict: "valid" };
  }
  return c;
}

function stepBody(s: StepDraft, i: number, all: readonly StepDraft[], fields: FieldOut[], errors: LocalErrors): AutomationStep {
  const at = `steps.${i}`;
  switch (s.type) {
    case "email":
      return {
        id: s.id,
        type: "email",
        templateId: s.templateId,
        subject: s.subject,
        ...(s.preheader ? { preheader: s.preheader } : {}),
        fromName: s.fromName,
        fromAddress: s.fromAddress.trim(),
        ...(s.replyTo ? { replyTo: s.replyTo } : {}),
      };
    case "sms":
      return { id: s.id, type: "sms", text: s.text };
    case "wait": {
      const n = parseWholeNumber(s.amount);
      if (n === null || n < 1 || n > WAIT_MAX[s.unit]) errors[`${at}.amount`] = "au.err.amount";
      return { id: s.id, type: "wait", amount: n ?? 0, unit: s.unit };
    }
    case "condition":
      return { id: s.id, type: "condition", condition: conditionBody(s, at, fields, errors), yes: all[i + 1]?.id ?? null, no: null };
    case "tag":
    case "untag":
      return { id: s.id, type: s.type, tag: s.tag };
    case "webhook":
      return { id: s.id, type: "webhook", url: s.url.trim() };
  }
}

/**
 * The body of POST/PATCH /automations, or the errors to show before asking (numbers that are
 * not numbers, an incomplete condition). Text the server checks better (a missing subject, an
 * unknown template) goes as typed, and the server's answer names the field.
 * @example toBody({ name: "Bienvenida", trigger: newTrigger(), steps: [newStep("tag", "paso-1")] }, [])
 */
export function toBody(state: BuilderState, fields: FieldOut[]): { body: AutomationBody; errors: null } | { body: null; errors: LocalErrors } {
  const errors: LocalErrors = {};
  const trigger = triggerBody(state.trigger, errors);
  const steps = state.steps.map((s, i, all) => stepBody(s, i, all, fields, errors));
  if (Object.keys(errors).length) return { body: null, errors };
  return { body: { name: state.name, trigger, steps }, errors: null };
}
