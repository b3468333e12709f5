/**
 * Shared by the tracking tests: a campaign already sent, seeded straight into D1 (account, list,
 * contacts, deliveries with their send time), tokens signed with the test link secret, a
 * message batch for the events consumer, and a wait until the events Queue has done its work.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import worker from "../../workers/index";
import { randomToken } from "../../shared/auth/crypto";
import { importLinkKey, signToken, type LinkClaims } from "../../shared/email/links";
import type { TrackEvent } from "../../shared/events/types";

export const HTML = `<p>Hola {{nombre}} de {{empresa}}</p><a href="https://tienda.pe/oferta">Ver oferta</a><a href="{{enlace_baja}}">Baja</a>`;

export type Sent = { accountId: string; campaignId: string; listId: string; contacts: { id: number; email: string }[]; sentAt: number };

/**
 * A sent campaign to `emails` (all on one list), delivered at `sentAt`, written straight to D1.
 * By default one minute past the start of the previous clock hour, so events up to ~58 minutes
 * after it fall in one hourly bucket whatever the time of day the test runs.
 */
export async function sentCampaign(emails: string[], sentAt = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000 + 60_000): Promise<Sent> {
  const accountId = `acc_${randomToken(8)}`;
  const campaignId = `cmp_${randomToken(8)}`;
  const listId = `lst_${randomToken(8)}`;
  const now = Date.now();
  const db = env.DB;
  await db.batch([
    db.prepare("INSERT INTO accounts (id, name, created_at) VALUES (?, 'Test', ?)").bind(accountId, now),
    db.prepare("INSERT INTO lists (id, account_id, name, form_token, created_at, updated_at) VALUES (?, ?, 'Clientes', ?, ?, ?)").bind(listId, accountId, randomToken(12), now, now),
    db
      .prepare(
        `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, created_by, created_at, updated_at)
         VALUES (?, ?, 'Oferta', 'sent', 'Hola {{nombre}}', 'Tienda Sol', 'ofertas@empresa.pe', ?, 'Hola {{nombre}}', ?, 'usr_x', ?, ?)`,
      )
      .bind(campaignId, accountId, HTML, JSON.stringify({ listIds: [listId], segmentIds: [] }), now, now),
  ]);
  const contacts: { id: number; email: string }[] = [];
  for (const [i, email] of emails.entries()) {
    const row = await db
      .prepare("INSERT INTO contacts (account_id, email, first_name, company, email_domain, created_at, updated_at) VALUES (?, ?, ?, 'Andina SAC', ?, ?, ?) RETURNING id")
      .bind(accountId, email, `Nombre${i}`, email.split("@")[1], now, now)
      .first<number>("id");
    contacts.push({ id: row!, email });
    await db.batch([
      db.prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) VALUES (?, ?, 'subscribed', ?)").bind(listId, row, now),
      db.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, sent_at) VALUES (?, ?, ?, 'sent', ?)").bind(campaignId, row, email, sentAt),
    ]);
  }
  return { accountId, campaignId, listId, contacts, sentAt };
}

let key: Promise<CryptoKey> | null = null;
export async function token(claims: LinkClaims): Promise<string> {
  return signToken(await (key ??= importLinkKey("test-link-secret")), claims);
}

/** Events for the consumer, with defaults. */
export function ev(s: Sent, i: number, kind: TrackEvent["kind"], more: Partial<TrackEvent> = {}): TrackEvent {
  return { id: crypto.randomUUID(), kind, accountId: "", campaignId: s.campaignId, contactId: s.contacts[i]!.id, at: s.sentAt + 600_000, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", ...more };
}

/** Runs the Worker's queue handler on one batch of EventsMessages (one per array) and returns its acks and retries. */
export async function deliver(batches: { id: string; events: TrackEvent[] }[], attempts = 1) {
  const batch = createMessageBatch("pregon-events", batches.map((b) => ({ id: b.id, timestamp: new Date(), attempts, body: { type: "events", events: b.events } })));
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

/** Waits until `check` returns a value (the events Queue delivers within about a second). */
export async function until<T>(what: string, check: () => Promise<T | null | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const eventsOf = (campaignId: string) =>
  env.DB.prepare("SELECT kind, contact_id, machine, first, url, detail, user_agent, ip_hash FROM events WHERE campaign_id = ? ORDER BY at, id").bind(campaignId).all<{ kind: string; contact_id: number; machine: string | null; first: number; url: string | null; detail: string | null; user_agent: string | null; ip_hash: string | null }>().then((r) => r.results);
