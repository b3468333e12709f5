/**
 * Fixtures of the SMS send-path tests: the fake provider's routes (tests/worker/sms-provider.setup.ts:
 * script answers, read what a route received), connections made through the API, numbers no
 * other test uses, waiting for a message to reach a status, the account's SMS balance, a DLR
 * URL as Kannel would call it, and the consumer run by hand on a batch.
 */
import { createExecutionContext, createMessageBatch, getQueueResult, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import worker from "../../workers/index";
import { api, type Seeded } from "./helpers";

export type ScriptedAnswer = { status?: number; body?: string; hang?: boolean };
export type ProviderRequest = { method: string; path: string; rawQuery: string; params: Record<string, string>; body: string; at: number };
export type SmsView = {
  id: string;
  to: string;
  status: string;
  error: string | null;
  segments: number;
  encoding: string;
  connectionId: string | null;
  operator: string | null;
  sentAt: string | null;
  doneAt: string | null;
  parts: { part: number; status: string }[];
};

const P = () => env.SMS_TEST_PROVIDER;
export const uniq = () => crypto.randomUUID().replace(/-/g, "").slice(0, 10);

/** A Peruvian mobile nobody else's test sends to: 9 + 8 random digits, as typed locally. */
export function mobile(): string {
  const digits = crypto.getRandomValues(new Uint32Array(2));
  return `9${String(digits[0]! % 10_000).padStart(4, "0")}${String(digits[1]! % 10_000).padStart(4, "0")}`;
}

/** A fresh route name on the fake provider and its base URL. */
export function route(prefix = "r"): { name: string; url: string } {
  const name = `${prefix}-${uniq()}`;
  return { name, url: `${P()}/p/${name}` };
}

export async function script(name: string, answers: ScriptedAnswer[], then?: ScriptedAnswer): Promise<void> {
  await fetch(`${P()}/script/${name}`, { method: "POST", body: JSON.stringify({ answers, ...(then ? { then } : {}) }) });
}

/** What the route received; for `local`, only the requests to `to` (E.164). */
export async function requests(name: string, to?: string): Promise<ProviderRequest[]> {
  const all = (await (await fetch(`${P()}/requests/${name}`)).json()) as ProviderRequest[];
  return to ? all.filter((r) => r.params.to === to || r.body.includes(to.replace("+", "%2B")) || r.body.includes(to)) : all;
}

export type ConnBody = { name?: string; kind?: "kannel" | "jasmin" | "http-json"; baseUrl: string; username?: string; password?: string; sender?: string; operators?: string[]; priority?: number; ratePerSecond?: number; active?: boolean };
export type ConnView = { id: string; name: string; kind: string; sender: string; priority: number; operators: string[]; hasPassword: boolean; builtIn: boolean; callbackUrls: { dlr: string; mo: string } };

/** A connection made through the API as the owner. */
export async function connection(s: Seeded, body: ConnBody): Promise<ConnView> {
  const res = await api("/sms/connections", { key: s.users.owner.key, body: { name: "Proveedor", kind: "kannel", username: "u", password: "p", sender: "PREGON", ...body } });
  expect(res.status).toBe(201);
  return res.json();
}

export function sendSms(s: Seeded, body: Record<string, unknown>, key = s.users.owner.key): Promise<Response> {
  return api("/sms", { key, body });
}

export async function message(s: Seeded, id: string): Promise<SmsView> {
  return (await api(`/sms/messages/${id}`, { key: s.users.viewer.key })).json();
}

/** Poll until the message's status is one of `statuses` (about 20 s at most). */
export async function untilStatus(s: Seeded, id: string, ...statuses: string[]): Promise<SmsView> {
  for (let i = 0; i < 200; i++) {
    const m = await message(s, id);
    if (statuses.includes(m.status)) return m;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`SMS ${id} never reached ${statuses.join("/")}: ${JSON.stringify(await message(s, id))}`);
}

export async function smsBalance(s: Seeded): Promise<{ available: number; reserved: number }> {
  const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { sms: { available: number; reserved: number } } };
  return { available: credits.main.sms.available, reserved: credits.main.sms.reserved };
}

/** Poll until the balance has nothing reserved (the consumer settles after answering the hook). */
export async function settledBalance(s: Seeded): Promise<{ available: number; reserved: number }> {
  for (let i = 0; i < 100; i++) {
    const b = await smsBalance(s);
    if (b.reserved === 0) return b;
    await new Promise((r) => setTimeout(r, 100));
  }
  return smsBalance(s);
}

/**
 * The dlr-url of a Kannel sendsms request with Kannel's escapes substituted, as smsbox calls it.
 * @example await SELF.fetch(dlrCall(req, { d: "1", A: "id:1 stat:DELIVRD err:000" }))
 */
export function dlrCall(req: ProviderRequest, values: { d: string; A?: string; F?: string; T?: string }): string {
  const template = req.params["dlr-url"]!;
  return template.replace(/%([dAFT])/g, (_, k: "d" | "A" | "F" | "T") => encodeURIComponent(values[k] ?? ""));
}

export function hook(url: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(url, init);
}

/** Run the SMS consumer by hand on one Queue message carrying `ids` (a redelivery, say). */
export async function deliver(ids: string[], attempts = 2) {
  const batch = createMessageBatch("pregon-sms-sends", [{ id: `m-${uniq()}`, timestamp: new Date(), attempts, body: { type: "sms", ids } }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}
