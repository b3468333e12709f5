/**
 * Automations in words for the dashboard: a state's label and badge tone, a trigger and a step as
 * a short Spanish phrase (with the names of the lists, segments, campaigns and templates they
 * point at, never raw ids), and a server error on a builder field as a sentence in the person's
 * language (the API's messages are English, for developers).
 */
import { hasKey, t, type MessageKey } from "../i18n";
import { ApiError } from "./api";
import type { AutomationStep, AutomationTrigger } from "./automations-types";
import { emailErrorText } from "./email";
import { errorText } from "./errors";
import { formatNumber } from "./format";

/** Names of what triggers and steps point at, by id (lists, segments, campaigns, templates, custom fields by key). */
export type Names = { lists: Map<string, string>; segments: Map<string, string>; campaigns: Map<string, string>; templates: Map<string, string>; fields: Map<string, string> };

export const emptyNames = (): Names => ({ lists: new Map(), segments: new Map(), campaigns: new Map(), templates: new Map(), fields: new Map() });

/** @example automationStatusLabel("paused") // "En pausa" */
export function automationStatusLabel(s: string): string {
  return hasKey(`au.status.${s}`) ? t(`au.status.${s}` as MessageKey) : s;
}

/** Badge tone of a state; the badge always carries its word too. */
export function automationStatusTone(s: string): string {
  return s === "active" ? "badge-ok" : s === "paused" ? "badge-warn" : "badge-off";
}

const quoted = (name: string | undefined, fallback: MessageKey) => (name ? `«${name}»` : t(fallback));

/**
 * @example describeTrigger({ type: "subscribed" }, emptyNames()) // "Cuando un contacto se suscribe a cualquier lista"
 */
export function describeTrigger(tr: AutomationTrigger, names: Names): string {
  switch (tr.type) {
    case "subscribed":
      return tr.listId ? t("au.desc.subscribedList", { list: quoted(names.lists.get(tr.listId), "au.desc.unknownList") }) : t("au.desc.subscribedAny");
    case "optin_confirmed":
      return tr.listId ? t("au.desc.optinList", { list: quoted(names.lists.get(tr.listId), "au.desc.unknownList") }) : t("au.desc.optinAny");
    case "date": {
      const field = quoted(names.fields.get(tr.field.replace(/^custom:/, "")), "au.desc.unknownField");
      if (tr.direction === "on") return t("au.desc.dateOn", { field, at: tr.at });
      return t(`au.desc.date.${tr.direction}`, { field, days: formatNumber(tr.days), at: tr.at });
    }
    case "segment":
      return t("au.desc.segment", { segment: quoted(names.segments.get(tr.segmentId), "au.desc.unknownSegment") });
    case "event":
      return t("au.desc.event", { name: tr.name });
    case "sms_keyword":
      return t("au.desc.keyword", { keyword: tr.keyword.toUpperCase() });
    case "engagement": {
      const campaign = quoted(names.campaigns.get(tr.campaignId), "au.desc.unknownCampaign");
      if (tr.on === "not_opened") return t("au.desc.notOpened", { campaign, days: formatNumber(tr.days ?? 0) });
      return t(`au.desc.engagement.${tr.on}`, { campaign });
    }
  }
}

/** @example stepTypeLabel("wait") // "Esperar" */
export function stepTypeLabel(type: string): string {
  return hasKey(`au.step.${type}`) ? t(`au.step.${type}` as MessageKey) : type;
}

/** The unit of a wait with its number: "1 minuto", "3 días". */
export function waitText(amount: number, unit: "minutes" | "hours" | "days"): string {
  return t(`au.wait.${unit}.${amount === 1 ? "one" : "many"}`, { n: formatNumber(amount) });
}

/**
 * One step as a line of the live figures: "Enviar correo: «Bienvenida»", "Esperar 1 minuto".
 * `position` finds the step an engagement condition points at ("el correo del paso 1").
 */
export function describeStep(s: AutomationStep, names: Names, position: (stepId: string) => number): string {
  switch (s.type) {
    case "email":
      return `${stepTypeLabel("email")}: «${s.subject}»`;
    case "sms":
      return `${stepTypeLabel("sms")}: «${s.text.length > 60 ? `${s.text.slice(0, 57)}…` : s.text}»`;
    case "wait":
      return `${stepTypeLabel("wait")} ${waitText(s.amount, s.unit)}`;
    case "condition":
      if (s.condition.type === "step_engagement") return t(`au.desc.cond.${s.condition.event}`, { n: position(s.condition.stepId) });
      return t("au.desc.cond.contact");
    case "tag":
    case "untag":
      return `${stepTypeLabel(s.type)}: «${s.tag}»`;
    case "webhook":
      return `${stepTypeLabel("webhook")}: ${s.url}`;
  }
}

/**
 * A server error on a builder input in words: a field the catalogue knows gets its own sentence
 * ("Escribe el asunto del correo."), a missing list or template says so, anything else falls
 * back to the general error text.
 * @example fieldErrorText(new ApiError(400, "invalid_field", "steps.0.subject: Too small", "steps.0.subject")) // "Escribe el asunto del correo."
 */
export function fieldErrorText(err: unknown): string {
  if (!(err instanceof ApiError) || !err.field) return errorText(err);
  if (err.code === "unknown_merge_field" || err.code === "invalid_template") return emailErrorText(err);
  const leaf = err.field.split(".").filter((p) => !/^\d+$/.test(p)).slice(-1)[0] ?? "";
  if (err.code === "invalid_field" && hasKey(`au.err.field.${leaf}`)) return t(`au.err.field.${leaf}` as MessageKey);
  if (err.code === "not_found") return t("au.err.notFound");
  if (hasKey(`error.${err.code}`)) return errorText(err);
  return t("au.err.generic", { message: err.message.replace(/^[\w.]+:\s*/, "") });
}
