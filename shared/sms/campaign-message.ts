/**
 * One recipient's SMS of a campaign (S9, B10): the campaign text with the contact's
 * merge fields filled by the same renderer as an email's text part (no HTML escaping), then each
 * http(s) link replaced by the recipient's short link, then measured (encoding and segments: what
 * is sent and charged). Pure: the link key, the base URL and `now` come in.
 */
import { renderTemplate, systemFields, type CompiledTemplate, type MergeData } from "../email/merge";
import type { SmsEncoding } from "./chunks";
import { analyse } from "./encoding";
import { shortenLinks } from "./links";

/** The contact fields merge fields read. */
export type SmsPerson = { id: number; phone: string; email: string | null; first_name: string | null; last_name: string | null; position: string | null; company: string | null; fields: string };
export type CampaignSms = { text: string; encoding: SmsEncoding; segments: number; links: Array<{ url: string; code: string }> };

/**
 * The merge data of a contact for an SMS: no unsubscribe or web-version link exists for SMS (opting
 * out is by replying BAJA), so those system fields render empty.
 * @example smsMergeData({ id: 1, phone: "+51987654321", first_name: "Ana", … }, now).standard.firstName // "Ana"
 */
export function smsMergeData(p: SmsPerson, now: Date): MergeData {
  let custom: Record<string, unknown> = {};
  try {
    custom = JSON.parse(p.fields) as Record<string, unknown>;
  } catch {
    // A damaged fields column renders its merge fields empty (or their defaults) rather than stopping the campaign.
  }
  return {
    standard: { firstName: p.first_name, lastName: p.last_name, position: p.position, company: p.company, email: p.email, phone: p.phone },
    custom,
    system: systemFields({ unsubscribeUrl: "", webUrl: "", now }),
  };
}

/**
 * Render, shorten the links of, and measure one recipient's message.
 * @example await renderCampaignSms(key, compiled("Hola {{nombre}}: https://gob.pe/x"), ana, { base: "https://p.pe", campaignId: "c1", now }) // { text: "Hola Ana: https://p.pe/s/…", encoding: "GSM-7", segments: 1, links: [{ url: "https://gob.pe/x", code: "…" }] }
 */
export async function renderCampaignSms(key: CryptoKey, template: CompiledTemplate, p: SmsPerson, o: { base: string; campaignId: string; now: Date }): Promise<CampaignSms> {
  return renderSmsWith(key, template, smsMergeData(p, o.now), { base: o.base, scope: o.campaignId, recipient: p.id });
}

/** What a test SMS starts with, so whoever gets it knows it is not the real one. */
export const TEST_SMS_PREFIX = "[Prueba] ";

/**
 * A campaign's test SMS to `number` (W9 for SMS): the text rendered with `data` (a chosen
 * contact's, or sample data), "[Prueba] " before it, links shortened under a scope of the
 * campaign's tests and the tester's number (so their codes never are a recipient's), measured.
 * @example await renderTestSms(key, compiled("Hola {{nombre}}"), sample, { base, campaignId: "c1", number: "+51987654321" }) // { text: "[Prueba] Hola Ana", encoding: "GSM-7", segments: 1, links: [] }
 */
export async function renderTestSms(key: CryptoKey, template: CompiledTemplate, data: MergeData, o: { base: string; campaignId: string; number: string }): Promise<CampaignSms> {
  const m = await renderSmsWith(key, template, data, { base: o.base, scope: `${o.campaignId}:test`, recipient: o.number });
  const a = analyse(TEST_SMS_PREFIX + m.text);
  return { ...m, text: TEST_SMS_PREFIX + m.text, encoding: a.encoding, segments: a.segments };
}

async function renderSmsWith(key: CryptoKey, template: CompiledTemplate, data: MergeData, o: { base: string; scope: string; recipient: string | number }): Promise<CampaignSms> {
  const merged = renderTemplate(template, data, "text").trim();
  const short = await shortenLinks(key, merged, { base: o.base, scope: o.scope, recipient: o.recipient });
  const a = analyse(short.text);
  return { text: short.text, encoding: a.encoding, segments: a.segments, links: short.links };
}

/**
 * The longest prefix of `segments` whose sum fits in `available` credits: the recipients of a
 * group when the credit does not cover the whole batch (S8, "in groups until the credit is used").
 * @example fittingPrefix([1, 2, 1], 3) // 2
 */
export function fittingPrefix(segments: readonly number[], available: number): number {
  let sum = 0;
  for (let i = 0; i < segments.length; i++) {
    sum += segments[i]!;
    if (sum > available) return i;
  }
  return segments.length;
}
