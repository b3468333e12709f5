/**
 * Fixtures of the SMS campaign tests: a list with SMS contacts made through the API (and the
 * ones the send-day cleaning must drop, set straight in D1), an SMS campaign draft, what the
 * fake provider got for a number, and the campaign's message rows.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";
import { mobile, requests } from "./sms-send-helpers";

export const e164 = (local: string) => `+51${local}`;

/** A list and, on it, one SMS-consenting contact per entry (phone null: an email-only contact). */
export async function smsAudience(s: Seeded, people: { firstName: string; phone?: string | null }[]) {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "SMS" } })).json()) as { id: string }).id;
  const contacts: { id: number; phone: string | null; firstName: string }[] = [];
  for (const p of people) {
    const phone = p.phone === undefined ? mobile() : p.phone;
    const body = phone === null ? { email: `${crypto.randomUUID().slice(0, 8)}@empresa.pe`, firstName: p.firstName, listIds: [listId], consent: { email: true } } : { phone, firstName: p.firstName, listIds: [listId], consent: { sms: true } };
    const r = await api("/contacts", { key, body });
    expect(r.status).toBe(201);
    contacts.push({ id: ((await r.json()) as { id: number }).id, phone: phone === null ? null : phone.startsWith("9") ? e164(phone) : phone, firstName: p.firstName });
  }
  return { key, listId, contacts };
}

/** Create an SMS campaign draft as the owner; returns its id. */
export async function smsCampaign(s: Seeded, listId: string, text: string): Promise<string> {
  const res = await api("/campaigns", { key: s.users.owner.key, body: { channel: "sms", name: "Aviso SMS", text, audience: { listIds: [listId], segmentIds: [] }, confirmMultipart: true } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The texts the deployment's connection sent to `to` (E.164), in order. */
export async function textsTo(to: string, route = "local"): Promise<string[]> {
  return (await requests(route, to)).map((r) => r.params.text ?? "");
}

export type MessageRow = { id: string; contact_id: number; to_number: string; text: string; segments: number; status: string; reservation_id: string | null };

export async function campaignMessages(campaignId: string): Promise<MessageRow[]> {
  return (await env.DB.prepare("SELECT id, contact_id, to_number, text, segments, status, reservation_id FROM sms_messages WHERE campaign_id = ? ORDER BY contact_id").bind(campaignId).all<MessageRow>()).results;
}
