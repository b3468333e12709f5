/**
 * Shared by the automation tests: a controlled clock (the test's and the Durable Objects' Date,
 * which run in this isolate), an automation's runner stub and its alarm, a template and a
 * custom date field, and the runs and step log of an automation as stored.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { expect, vi } from "vitest";
import { api, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";

/** Lima is UTC−5 all year: HH:MM in Lima on a date, as an instant. */
export const lima = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00-05:00`);

/** Move the clock of this isolate (tests, Worker and Durable Objects) to `t`; timers keep real time. */
export function travelTo(t: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t);
}

export function runnerOf(automationId: string) {
  return env.AUTOMATION_RUNNER.get(env.AUTOMATION_RUNNER.idFromName(automationId));
}

/** Fire the automation's alarm now (at the travelled time); false when none was set. */
export async function fireAlarm(automationId: string): Promise<boolean> {
  return runDurableObjectAlarm(runnerOf(automationId));
}

export async function template(s: Seeded): Promise<string> {
  const res = await api("/templates", { key: s.users.owner.key, body: { name: "Aviso", source: MJML } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export async function dateField(s: Seeded, key = "vencimiento"): Promise<void> {
  const res = await api("/fields", { key: s.users.owner.key, body: { key, label: "Vencimiento del registro", type: "date" } });
  expect(res.status).toBe(201);
}

export const emailStep = (id: string, templateId: string, subject: string) => ({ id, type: "email", templateId, subject, fromName: "Agencia Pública", fromAddress: "avisos@empresa.pe" });

export type AutomationView = { id: string; status: string; steps: { id: string; campaignId?: string }[] };

export async function createAutomation(s: Seeded, body: unknown, activate = true): Promise<AutomationView> {
  const res = await api("/automations", { key: s.users.owner.key, body });
  expect(res.status, await res.clone().text()).toBe(201);
  const a = (await res.json()) as AutomationView;
  if (activate) expect((await api(`/automations/${a.id}/activate`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
  return a;
}

export type Stats = { enrolled: number; inProgress: number; completed: number; failed: number; steps: { stepId: string; entered: number; done: number; yes: number; no: number; skipped: number; failed: number; waiting: number; opened: number | null }[] };

export async function statsOf(s: Seeded, id: string): Promise<Stats> {
  return (await api(`/automations/${id}/stats`, { key: s.users.viewer.key })).json();
}

export async function runsOf(id: string) {
  return (await env.DB.prepare("SELECT contact_id, status, step_id, next_at, occurrence FROM automation_runs WHERE automation_id = ? ORDER BY id").bind(id).all<{ contact_id: number; status: string; step_id: string | null; next_at: number | null; occurrence: string }>()).results;
}
