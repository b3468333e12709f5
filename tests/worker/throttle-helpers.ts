/**
 * Shared by the send-limit tests: a controlled clock (only `Date` is faked, so the Queue, the
 * SMTP server and the polling below keep real time), a campaign to given addresses, the
 * runner's alarm driven whenever it is due on that clock, and what the loopback SMTP server got.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { expect, vi } from "vitest";
import { api, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";

const S = env.SMTP_TEST as { control: string };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets the clock the Worker reads (Date only) to `at`, frozen there until set again. */
export function clockAt(at: number): void {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  vi.setSystemTime(at);
}

/** A list with `emails`, a template and a draft campaign to that list; returns the campaign id. */
export async function campaignTo(s: Seeded, emails: string[]): Promise<string> {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: `L${emails.length}` } })).json()) as { id: string }).id;
  for (const email of emails) expect((await api("/contacts", { key, body: { email, listIds: [listId], consent: { email: true } } })).status).toBe(201);
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const res = await api("/campaigns", { key, body: { name: "Aviso", subject: "Aviso", fromName: "Agencia", fromAddress: "avisos@empresa.pe", templateId, audience: { listIds: [listId], segmentIds: [] } } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export const runnerOf = (campaignId: string) => env.CAMPAIGN_RUNNER.get(env.CAMPAIGN_RUNNER.idFromName(campaignId));

/** Runs the runner's alarm for as long as it is due on the fake clock; returns how many ran. */
export async function drive(campaignId: string): Promise<number> {
  const stub = runnerOf(campaignId);
  let ran = 0;
  for (; ran < 100; ran++) {
    const alarm = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    if (alarm === null || alarm > Date.now()) return ran;
    await runDurableObjectAlarm(stub);
  }
  throw new Error("the runner kept re-arming its alarm");
}

/** Waits (real time) until every delivery written so far is settled by the Queue consumer. */
export async function settled(campaignId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const open = await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND status IN ('queued', 'sending', 'deferred')").bind(campaignId).first<number>("n");
    if (open === 0) return;
    await sleep(50);
  }
  throw new Error("deliveries never settled");
}

/** Recipients of the messages the SMTP server received whose address contains `tag`, sorted. */
export async function receivedBy(tag: string): Promise<string[]> {
  const got = (await (await fetch(`${S.control}/messages?to=${encodeURIComponent(tag)}`)).json()) as { rcptTo: string[] }[];
  return got.flatMap((m) => m.rcptTo).sort();
}

/** Drives the runner, waits for the consumer, and returns what the server holds for `tag`. */
export async function step(campaignId: string, tag: string): Promise<string[]> {
  await drive(campaignId);
  await settled(campaignId);
  return receivedBy(tag);
}

export async function throttleOf(s: Seeded, campaignId: string) {
  const res = await api(`/campaigns/${campaignId}/throttle`, { key: s.users.viewer.key });
  expect(res.status).toBe(200);
  return (await res.json()) as { throttled: boolean; holds: { provider: string; limitedBy: string; limit: number; nextAt: string }[] };
}

export async function statusOf(s: Seeded, campaignId: string) {
  return (await (await api(`/campaigns/${campaignId}`, { key: s.users.viewer.key })).json()) as { status: string; progress: { sent: number; total: number } };
}
