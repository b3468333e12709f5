/**
 * The webhook step: a signed JSON POST about the contact (the same signature scheme as every
 * webhook here: `X-Pregon-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")`, the secret derived
 * per automation and shown on it). A non-2xx answer or no answer is retried twice (1 and 5
 * minutes later); then the step is failed and the run goes on.
 */
import { hmacHex, SIGNATURE_HEADER, signWebhook } from "../../shared/sms/keyword-webhook";
import type { Step } from "../../shared/automations/definition";
import { linkSecretOf, WEBHOOK_TIMEOUT_MS } from "../sms/keyword-actions";
import { callProblem } from "../net/targets";
import type { ContactRow, StepResult } from "./steps";
import type { Automation } from "./store";
import type { DueRun } from "./engine";

const RETRY_AFTER_MS = [60_000, 300_000];

/** The secret an automation's webhook calls are signed with. */
export async function automationWebhookSecret(env: { LINK_SECRET?: string }, automationId: string): Promise<string> {
  return `whsec_${(await hmacHex(linkSecretOf(env), `automation-webhook:${automationId}`)).slice(0, 43)}`;
}

export async function callStepWebhook(env: Env, a: Automation, run: DueRun, step: Extract<Step, { type: "webhook" }>, c: ContactRow, attempts: number, now: number): Promise<StepResult> {
  const raw = JSON.stringify({
    event: "automation.step",
    automation: { id: a.id, name: a.name },
    step: step.id,
    run: { id: run.id, occurrence: run.occurrence, data: JSON.parse(run.context) as unknown },
    contact: { id: c.id, email: c.email, phone: c.phone, firstName: c.first_name, lastName: c.last_name, company: c.company, fields: JSON.parse(c.fields) as unknown },
    at: new Date(now).toISOString(),
  });
  const refused = callProblem(env, step.url);
  if (refused) return { outcome: "failed", detail: `url ${refused}` };
  let failure: string;
  try {
    const secret = await automationWebhookSecret(env, a.id);
    const res = await fetch(step.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": "Pregon-Automation/1", [SIGNATURE_HEADER]: await signWebhook(secret, raw, Math.floor(now / 1000)) },
      body: raw,
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status >= 200 && res.status < 300) return { outcome: "done", detail: `HTTP ${res.status}` };
    failure = `HTTP ${res.status}`;
  } catch (e) {
    failure = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const wait = RETRY_AFTER_MS[attempts];
  if (wait !== undefined) return { outcome: "retry", at: now + wait, detail: `attempt ${attempts + 1}: ${failure}`.slice(0, 300) };
  return { outcome: "failed", detail: `after ${attempts + 1} attempts: ${failure}`.slice(0, 300) };
}
