/**
 * Fixtures of the per-channel suppression tests (Ley 32323: an opt-out stops one channel): people
 * with an email and a phone on one list, a BAJA through the MO hook, the list's counts and a
 * contact's detail, and an email or SMS campaign to the list sent to the end.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";
import { localHookSecret } from "../../workers/sms/connections-store";
import { kannelMo } from "./sms-inbound-helpers";
import { untilStatus } from "./send-helpers";
import { smsCampaign } from "./sms-campaign-helpers";

const S = env.SMTP_TEST as { control: string };

/** A fresh mail domain per test, so what the SMTP test server got can be told apart. */
export const mailDomain = (tag: string) => `${tag}${Date.now().toString(36)}${crypto.randomUUID().slice(0, 4)}.empresa.pe`;

/** A fresh Peruvian mobile in E.164. */
export const mobile = () => `+519${String(crypto.getRandomValues(new Uint32Array(1))[0]! % 100_000_000).padStart(8, "0")}`;

export async function newList(s: Seeded, name = "Proveedores"): Promise<string> {
  const res = await api("/lists", { key: s.users.owner.key, body: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export type Person = { id: number; email: string | null; phone: string | null };

/** A contact on `listId` who consented to every channel they have, through the API. */
export async function person(s: Seeded, listId: string, who: { email?: string; phone?: string; firstName?: string }): Promise<Person> {
  const res = await api("/contacts", { key: s.users.owner.key, body: { ...who, listIds: [listId], consent: { email: !!who.email, sms: !!who.phone } } });
  expect(res.status).toBe(201);
  const c = (await res.json()) as Person;
  return { id: c.id, email: c.email, phone: c.phone };
}

export type Detail = { verdict: string; reasons: string[]; emailStatus: string; smsStatus: string; consents: { channel: string; action: string; source: string; proof: Record<string, unknown> }[] };

export async function detail(s: Seeded, id: number): Promise<Detail> {
  return (await api(`/contacts/${id}`, { key: s.users.viewer.key })).json();
}

/** The list's live counts: members, reachable by email (`subscribed`), reachable by SMS. */
export async function listCounts(s: Seeded, listId: string): Promise<{ members: number; subscribed: number; sms: number }> {
  return ((await (await api(`/lists/${listId}`, { key: s.users.viewer.key })).json()) as { counts: { members: number; subscribed: number; sms: number } }).counts;
}

/**
 * An SMS from `phone` (E.164) saying `text`, through Kannel's MO hook on the shared `local`
 * connection (the account's own would take its SMS campaigns away from the fake provider): it
 * belongs to the account with a contact of that phone. SMS_HOOK_SECRET is unset in these tests,
 * so the hook's secret derives from LINK_SECRET (vitest.config.ts).
 */
export async function sms(phone: string, text: string): Promise<void> {
  const local = { id: "local", secret: await localHookSecret({ LINK_SECRET: "test-link-secret" }) };
  const res = await kannelMo(local, { from: phone, text, ts: new Date().toISOString().slice(0, 19).replace("T", " ") });
  expect(res.status).toBe(200);
}

/** The phone suppression of `phone`, or null. */
export async function phoneSuppression(s: Seeded, phone: string): Promise<string | null> {
  return env.DB.prepare("SELECT reason FROM suppressions WHERE account_id = ? AND kind = 'phone' AND value = ?").bind(s.accountId, phone).first<string>("reason");
}

/** An email campaign draft to `audience`; returns its id. */
export async function emailDraft(s: Seeded, audience: { listIds: string[]; segmentIds: string[] }): Promise<string> {
  const key = s.users.owner.key;
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const res = await api("/campaigns", {
    key,
    body: { name: "Convocatoria", subject: "Convocatoria {{nombre}}", fromName: "Agencia Pública", fromAddress: "avisos@empresa.pe", templateId, audience },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Send an email campaign to the list and wait for the end; returns whom the SMTP server got it for. */
export async function sendEmailCampaign(s: Seeded, listId: string, domain: string): Promise<string[]> {
  const key = s.users.owner.key;
  const id = await emailDraft(s, { listIds: [listId], segmentIds: [] });
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
  await untilStatus(s, id, "sent");
  const got = (await (await fetch(`${S.control}/messages?to=${encodeURIComponent(domain)}`)).json()) as { rcptTo: string[] }[];
  return got.flatMap((g) => g.rcptTo).sort();
}

/** Send an SMS campaign to the list and wait for the end; returns the campaign's message rows' numbers. */
export async function sendSmsCampaign(s: Seeded, listId: string): Promise<string[]> {
  const id = await smsCampaign(s, listId, "Hola {{nombre}}, su trámite está listo.");
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
  await untilStatus(s, id, "sent");
  const rows = await env.DB.prepare("SELECT to_number FROM sms_messages WHERE campaign_id = ? ORDER BY to_number").bind(id).all<{ to_number: string }>();
  return rows.results.map((r) => r.to_number);
}
