/**
 * Enrolment: a contact starts an automation's run at its first step, once per occurrence (the
 * unique (automation, contact, occurrence) key: a form submitted twice, an API event sent twice
 * with the same id, a date seen on two alarms, all enrol once). Event-like triggers (subscribe,
 * opt-in confirmation, API events, SMS keywords) call `triggerAutomations` from where they
 * happen; periodic ones (dates, segments, engagement) are collected by periodic.ts.
 */
import type { Trigger } from "../../shared/automations/definition";
import { activeAutomations, type Automation } from "./store";

export type Enrolment = { contactId: number; occurrence: string; context?: Record<string, unknown> };

/** Wake the automation's Durable Object so its alarm runs at `at` (or sooner). */
export async function wakeAutomation(env: Pick<Env, "AUTOMATION_RUNNER">, automationId: string, at: number): Promise<void> {
  await env.AUTOMATION_RUNNER.get(env.AUTOMATION_RUNNER.idFromName(automationId)).wake(automationId, at);
}

/** Enrol contacts in `a` now; returns the enrolments that were new. */
export async function enrol(env: Env, a: Automation, rows: readonly Enrolment[], now: number): Promise<Enrolment[]> {
  const first = a.def.steps[0]?.id;
  if (!first || rows.length === 0) return [];
  const fresh = await env.DB
    .prepare(
      `INSERT INTO automation_runs (automation_id, account_id, contact_id, occurrence, status, step_id, next_at, context, entered_at, updated_at)
       SELECT ?1, ?2, value ->> 'c', value ->> 'o', 'waiting', ?3, ?4, value ->> 'x', ?4, ?4 FROM json_each(?5) WHERE true
       ON CONFLICT DO NOTHING RETURNING contact_id, occurrence`,
    )
    .bind(a.id, a.account_id, first, now, JSON.stringify(rows.map((r) => ({ c: r.contactId, o: r.occurrence, x: JSON.stringify(r.context ?? {}) }))))
    .all<{ contact_id: number; occurrence: string }>();
  if (fresh.results.length) await wakeAutomation(env, a.id, now);
  return fresh.results.map((r) => ({ contactId: r.contact_id, occurrence: r.occurrence }));
}

/**
 * Enrol one contact in every active automation of the account whose trigger `matches`.
 * Never throws: an automation must not break the subscription, confirmation or message that
 * triggered it (a failure is logged; the event's own work is already done).
 */
export async function triggerAutomations(env: Env, accountId: string, matches: (t: Trigger) => boolean, e: Enrolment, now = Date.now()): Promise<{ id: string; enrolled: boolean }[]> {
  try {
    const hits = (await activeAutomations(env.DB, accountId)).filter((a) => matches(a.def.trigger));
    const out = [];
    for (const a of hits) out.push({ id: a.id, enrolled: (await enrol(env, a, [e], now)).length > 0 });
    return out;
  } catch (err) {
    console.error(`automations of ${accountId} not triggered`, err);
    return [];
  }
}

/** A contact subscribed to a list (form, API, import with consent): welcome series. */
export const onSubscribed = (env: Env, accountId: string, contactId: number, listId: string, now?: number) =>
  triggerAutomations(env, accountId, (t) => t.type === "subscribed" && (t.listId === undefined || t.listId === listId), { contactId, occurrence: `list:${listId}`, context: { listId } }, now);

/** A contact confirmed a double opt-in (B2). */
export const onOptinConfirmed = (env: Env, accountId: string, contactId: number, listId: string, now?: number) =>
  triggerAutomations(env, accountId, (t) => t.type === "optin_confirmed" && (t.listId === undefined || t.listId === listId), { contactId, occurrence: `optin:${listId}`, context: { listId } }, now);

/** A contact sent an SMS keyword (each message triggers once). */
export const onSmsKeyword = (env: Env, accountId: string, contactId: number, keyword: string, inboundId: string, now?: number) =>
  triggerAutomations(env, accountId, (t) => t.type === "sms_keyword" && t.keyword.toUpperCase() === keyword.toUpperCase(), { contactId, occurrence: `sms:${inboundId}`, context: { keyword } }, now);
