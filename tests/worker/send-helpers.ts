/**
 * Shared by the A/B and re-send tests: an audience of contacts on a list with a template, what
 * the SMTP test server received for a test's domain, waiting for a campaign state or for a
 * condition, the account's email balance, and the campaign's runner stub.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";

export type Got = { rcptTo: string[]; subject: string; text: string; html: string };
const S = env.SMTP_TEST as { control: string };

/** What the SMTP test server received for addresses containing `domain`. */
export async function receivedFor(domain: string): Promise<Got[]> {
  return (await fetch(`${S.control}/messages?to=${encodeURIComponent(domain)}`)).json();
}

/** A list of `n` contacts at `<domain>.empresa.pe` and a template; returns their ids and a draft body. */
export async function audience(s: Seeded, domain: string, n: number) {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Envío" } })).json()) as { id: string }).id;
  const contacts: { id: number; email: string }[] = [];
  for (let i = 0; i < n; i++) {
    const email = `c${i}@${domain}.empresa.pe`;
    const r = await api("/contacts", { key, body: { email, firstName: `Nombre${i}`, company: "Andina SAC", listIds: [listId], consent: { email: true } } });
    expect(r.status).toBe(201);
    contacts.push({ id: ((await r.json()) as { id: number }).id, email });
  }
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const draft = { name: "Convocatoria", subject: "Convocatoria abierta, {{nombre}}", fromName: "Agencia Pública", fromAddress: "avisos@empresa.pe", templateId, audience: { listIds: [listId], segmentIds: [] } };
  return { key, listId, templateId, contacts, draft };
}

export type CampaignView = {
  id: string;
  status: string;
  round: number;
  progress: { total: number; sent: number; failed: number; unknown: number; etaMs: number | null };
  ab: { winner: string | null; decideAt: string | null; variants: Record<"A" | "B", { sent: number; opens: number; clicks: number }>; result: unknown } | null;
};

export async function campaign(s: Seeded, id: string): Promise<CampaignView> {
  return (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json();
}

/** Poll until `check` returns a value (not undefined), or fail after ~30 s. */
export async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const untilStatus = (s: Seeded, id: string, status: string) => until(`campaign ${status}`, async () => {
  const c = await campaign(s, id);
  return c.status === status ? c : undefined;
});

export async function emailBalance(s: Seeded): Promise<{ available: number; reserved: number }> {
  const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { email: { available: number; reserved: number } } };
  return { available: credits.main.email.available, reserved: credits.main.email.reserved };
}

export function runnerOf(id: string) {
  return env.CAMPAIGN_RUNNER.get(env.CAMPAIGN_RUNNER.idFromName(id));
}

/** Recipients by address: how many emails each got. */
export function perRecipient(got: Got[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const g of got) for (const to of g.rcptTo) n[to] = (n[to] ?? 0) + 1;
  return n;
}
