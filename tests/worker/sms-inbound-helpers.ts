/**
 * Fixtures of the incoming-SMS tests: a provider connection written straight into D1 (so these
 * tests do not depend on the connections API), an MO delivered to the hook exactly as Kannel's
 * smsbox calls its get-url (the escapes of dev/sms/escapes.mjs MO_QUERY, values form-encoded),
 * contacts with a phone, outbound rows, and readers of the state an MO leaves.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { randomToken } from "../../shared/auth/crypto";
import { api, type Seeded } from "./helpers";

export type Conn = { id: string; secret: string; accountId: string };

/** An active connection of `kind` for the account; its provider URL leads nowhere (nothing is sent in these tests). */
export async function addConnection(accountId: string, kind: "kannel" | "jasmin" | "http-json" = "kannel"): Promise<Conn> {
  const conn = { id: `smsc_${randomToken(6)}`, secret: randomToken(18), accountId };
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO sms_connections (id, account_id, name, kind, base_url, username, password, sender, operators, priority, rate_per_second, secret, active, created_at, updated_at)
     VALUES (?, ?, 'Prueba', ?, 'http://127.0.0.1:9', 'u', NULL, 'PREGON', '["*"]', 0, 50, ?, 1, ?, ?)`,
  )
    .bind(conn.id, accountId, kind, conn.secret, now, now)
    .run();
  return conn;
}

/** Kannel's form encoding of an escape's value (space → "+"). */
const form = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");

export type KannelMo = { from: string; text: string; to?: string; ts?: string; coding?: string; charset?: string; rawText?: string };

/** The query Kannel's get-url gets: from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i&ts=%t&udh=%u. `rawText` is sent as is (already encoded). */
export function kannelQuery(mo: KannelMo): string {
  const text = mo.rawText ?? form(mo.text.trim().split(/\s+/).join(" "));
  return `from=${form(mo.from)}&to=${form(mo.to ?? "PREGON")}&text=${text}&coding=${mo.coding ?? "0"}&charset=${form(mo.charset ?? "UTF-8")}&smsc=sim&ts=${form(mo.ts ?? "2026-11-29 15:04:05")}&udh=`;
}

/** GET the MO hook as Kannel does. */
export function kannelMo(conn: Pick<Conn, "id" | "secret">, mo: KannelMo, secret: string | null = conn.secret): Promise<Response> {
  const s = secret === null ? "" : `s=${encodeURIComponent(secret)}&`;
  return SELF.fetch(`http://127.0.0.1/hooks/sms/${conn.id}/mo?${s}${kannelQuery(mo)}`, { headers: { "User-Agent": "Kannel/1.4.5" } });
}

/** A fresh Peruvian mobile for one test (no two tests share a number). */
export function mobile(): string {
  return `+519${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}

/** A contact with `phone` who gave SMS consent, through the API. */
export async function addContact(s: Seeded, phone: string, names: { firstName?: string; lastName?: string } = {}): Promise<number> {
  const res = await api("/contacts", { key: s.users.owner.key, body: { phone, ...names, consent: { sms: true } } });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** An outbound SMS row as the send path leaves it (a campaign's, or a single send). */
export async function addOutbound(accountId: string, to: string, text: string, at: number, opts: { campaignId?: string; status?: string } = {}): Promise<string> {
  const id = `sms_${randomToken(8)}`;
  await env.DB.prepare(
    `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, sender, text, encoding, segments, status, attempts, created_at)
     VALUES (?, ?, ?, NULL, ?, 'PREGON', ?, 'GSM-7', 1, ?, 1, ?)`,
  )
    .bind(id, accountId, opts.campaignId ?? null, to, text, opts.status ?? "delivered", at)
    .run();
  return id;
}

export type InboundRow = { id: string; connection_id: string; from_number: string; to_number: string | null; text: string; contact_id: number | null; keyword: string | null; action: string | null; read: number };

export async function inboundOf(accountId: string, from: string): Promise<InboundRow[]> {
  const rows = await env.DB.prepare("SELECT id, connection_id, from_number, to_number, text, contact_id, keyword, action, read FROM sms_inbound WHERE account_id = ? AND from_number = ? ORDER BY received_at, id")
    .bind(accountId, from)
    .all<InboundRow>();
  return rows.results;
}

export type OutRow = { id: string; contact_id: number | null; text: string; encoding: string; segments: number; sent_by: string | null; reservation_id: string | null };

export async function outboundOf(accountId: string, to: string): Promise<OutRow[]> {
  const rows = await env.DB.prepare("SELECT id, contact_id, text, encoding, segments, sent_by, reservation_id FROM sms_messages WHERE account_id = ? AND to_number = ? ORDER BY created_at, id")
    .bind(accountId, to)
    .all<OutRow>();
  return rows.results;
}

/** The main pool's SMS balance: available and reserved. */
export async function smsBalance(s: Seeded): Promise<{ available: number; reserved: number }> {
  const res = await api("/credits", { key: s.users.owner.key });
  const body = (await res.json()) as { me: { sms: { available: number; reserved: number } } };
  return { available: body.me.sms.available, reserved: body.me.sms.reserved };
}
