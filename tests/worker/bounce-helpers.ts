/** Shared by the bounce tests: a sent delivery seeded straight into D1, its VERP, a DSN, an events spy. */
import { env } from "cloudflare:workers";
import { verpMac } from "../../shared/bounces/verp";
import type { EventsMessage, TrackEvent } from "../../shared/events/types";

export const linkKey = () => crypto.subtle.importKey("raw", new TextEncoder().encode("test-link-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

export type Sent = { accountId: string; campaignId: string; contactId: number; email: string; messageId: string; verp: string };

/** An account, a campaign, a contact and its delivery in `status` (default 'sent'). */
export async function seedSent(email = `ana.${crypto.randomUUID().slice(0, 6)}@example.net`, status = "sent", accountId = `acc_${crypto.randomUUID().slice(0, 8)}`): Promise<Sent> {
  const campaignId = crypto.randomUUID();
  const now = Date.now();
  const contact = await env.DB.prepare("INSERT INTO contacts (account_id, email, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id").bind(accountId, email, now, now).first<number>("id");
  const contactId = contact!;
  const messageId = `<${campaignId}.${contactId}.${now.toString(36)}@rebotes.empresa.pe>`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, created_by, created_at, updated_at, sent) VALUES (?, ?, 'C', 'sent', 'S', 'A', 'avisos@empresa.pe', '', '', '{}', 'u', ?, ?, 1)").bind(campaignId, accountId, now, now),
    env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, sent_at, code, detail, message_id) VALUES (?, ?, ?, ?, ?, 250, '250 2.0.0 Ok', ?)").bind(campaignId, contactId, email, status, now, messageId),
  ]);
  const verp = `b-${campaignId.slice(0, 8)}-${contactId.toString(36)}-${await verpMac(await linkKey(), campaignId, contactId)}@rebotes.empresa.pe`;
  return { accountId, campaignId, contactId, email, messageId, verp };
}

/** Another campaign sent to the same contact. */
export async function sendAgain(s: Sent): Promise<Sent> {
  const campaignId = crypto.randomUUID();
  const now = Date.now();
  const messageId = `<${campaignId}.${s.contactId}.${now.toString(36)}@rebotes.empresa.pe>`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, created_by, created_at, updated_at, sent) VALUES (?, ?, 'C', 'sent', 'S', 'A', 'avisos@empresa.pe', '', '', '{}', 'u', ?, ?, 1)").bind(campaignId, s.accountId, now, now),
    env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, sent_at, message_id) VALUES (?, ?, ?, 'sent', ?, ?)").bind(campaignId, s.contactId, s.email, now, messageId),
  ]);
  const verp = `b-${campaignId.slice(0, 8)}-${s.contactId.toString(36)}-${await verpMac(await linkKey(), campaignId, s.contactId)}@rebotes.empresa.pe`;
  return { ...s, campaignId, messageId, verp };
}

/** A Postfix-style RFC 3464 report for one recipient. */
export function dsn(s: Sent, status: string, action = "failed", diagnostic = `smtp; 550 ${status} User unknown`): string {
  return [
    "From: MAILER-DAEMON@mx.example.net", `To: ${s.verp}`, "Subject: Undelivered Mail Returned to Sender", "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', "",
    "--B", "Content-Type: text/plain", "", "Your message could not be delivered.", "",
    "--B", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.net", "",
    `Final-Recipient: rfc822; ${s.email}`, `Action: ${action}`, `Status: ${status}`, `Diagnostic-Code: ${diagnostic}`, "",
    "--B", "Content-Type: text/rfc822-headers", "", `Return-Path: <${s.verp}>`, `Message-ID: ${s.messageId}`, `X-Pregon-Campaign: ${s.campaignId}`, "",
    "--B--", "",
  ].join("\r\n");
}

/** A ForwardableEmailMessage-like object for the `email` handler. */
export function inbound(raw: string, to: string, from = "MAILER-DAEMON@mx.example.net") {
  const bytes = new TextEncoder().encode(raw);
  return { from, to, rawSize: bytes.byteLength, raw: new Blob([bytes]).stream() };
}

/** The Worker's env with an EVENTS producer that records what is sent. */
export function withEventsSpy(extra: Partial<Env> = {}) {
  const sent: TrackEvent[] = [];
  const events = {
    send: async (m: EventsMessage) => void sent.push(...m.events),
    sendBatch: async (ms: { body: EventsMessage }[]) => void sent.push(...ms.flatMap((m) => m.body.events)),
  } as unknown as Queue;
  return { env: { ...env, ...extra, EVENTS: events } as Env, sent };
}

export async function stateOf(s: Sent) {
  const delivery = await env.DB.prepare("SELECT status, code, detail FROM deliveries WHERE campaign_id = ? AND contact_id = ?").bind(s.campaignId, s.contactId).first<{ status: string; code: number; detail: string }>();
  const suppression = await env.DB.prepare("SELECT reason FROM suppressions WHERE account_id = ? AND kind = 'email' AND value = ?").bind(s.accountId, s.email).first<string>("reason");
  const contact = await env.DB.prepare("SELECT email_status, verdict, reasons FROM contacts WHERE id = ?").bind(s.contactId).first<{ email_status: string; verdict: string; reasons: string }>();
  const campaign = await env.DB.prepare("SELECT sent, failed FROM campaigns WHERE id = ?").bind(s.campaignId).first<{ sent: number; failed: number }>();
  return { delivery, suppression, contact, campaign };
}
