/**
 * The reads and writes of the connections API (`/api/v1/sms/connections`, owners and admins) on
 * D1 `sms_connections`: every connection of the account, active or not, with passwords left
 * sealed; a new connection gets a random id and callback secret, and its password sealed to it.
 */
import { randomToken } from "../../shared/auth/crypto";
import { fromRow, type ConnectionKind, type ConnectionRow, type SmsConnection } from "./connections-store";
import { sealPassword } from "./sealed";

export type ConnectionInput = {
  name: string;
  kind: ConnectionKind;
  baseUrl: string;
  username: string | null;
  password: string | null;
  sender: string;
  operators: string[];
  priority: number;
  ratePerSecond: number;
  active: boolean;
};

/** Every connection of the account (active or not), by priority, passwords sealed. */
export async function listConnections(env: Env, accountId: string): Promise<SmsConnection[]> {
  const rows = await env.DB.prepare("SELECT * FROM sms_connections WHERE account_id = ? ORDER BY priority, id").bind(accountId).all<ConnectionRow>();
  return Promise.all(rows.results.map((r) => fromRow(env, r, false)));
}

/** One connection of the account, or null. */
export async function findConnection(env: Env, accountId: string, id: string): Promise<SmsConnection | null> {
  const row = await env.DB.prepare("SELECT * FROM sms_connections WHERE id = ? AND account_id = ?").bind(id, accountId).first<ConnectionRow>();
  return row ? fromRow(env, row, false) : null;
}

/** A new connection with a fresh id and callback secret. */
export async function insertConnection(env: Env, accountId: string, input: ConnectionInput, now: number): Promise<SmsConnection> {
  const id = `smsc_${randomToken(9)}`;
  const password = input.password ? await sealPassword(env, id, input.password) : null;
  await env.DB.prepare(
    `INSERT INTO sms_connections (id, account_id, name, kind, base_url, username, password, sender, operators, priority, rate_per_second, secret, active, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)`,
  )
    .bind(id, accountId, input.name, input.kind, input.baseUrl, input.username, password, input.sender, JSON.stringify(input.operators), input.priority, input.ratePerSecond, randomToken(24), input.active ? 1 : 0, now)
    .run();
  return (await findConnection(env, accountId, id))!;
}

/**
 * Change the given fields of a connection; `password: undefined` keeps it, null removes it.
 * Returns null when the account has no such connection.
 */
export async function updateConnection(env: Env, accountId: string, id: string, patch: Partial<ConnectionInput>, now: number): Promise<SmsConnection | null> {
  const current = await findConnection(env, accountId, id);
  if (!current) return null;
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => (sets.push(`${column} = ?`), values.push(value));
  if (patch.name !== undefined) set("name", patch.name);
  if (patch.kind !== undefined) set("kind", patch.kind);
  if (patch.baseUrl !== undefined) set("base_url", patch.baseUrl);
  if (patch.username !== undefined) set("username", patch.username);
  if (patch.password !== undefined) set("password", patch.password === null ? null : await sealPassword(env, id, patch.password));
  if (patch.sender !== undefined) set("sender", patch.sender);
  if (patch.operators !== undefined) set("operators", JSON.stringify(patch.operators));
  if (patch.priority !== undefined) set("priority", patch.priority);
  if (patch.ratePerSecond !== undefined) set("rate_per_second", patch.ratePerSecond);
  if (patch.active !== undefined) set("active", patch.active ? 1 : 0);
  set("updated_at", now);
  await env.DB.prepare(`UPDATE sms_connections SET ${sets.join(", ")} WHERE id = ? AND account_id = ?`).bind(...values, id, accountId).run();
  return findConnection(env, accountId, id);
}

/** Remove a connection; its callbacks stop being accepted. False when there was none. */
export async function deleteConnection(env: Env, accountId: string, id: string): Promise<boolean> {
  const r = await env.DB.prepare("DELETE FROM sms_connections WHERE id = ? AND account_id = ?").bind(id, accountId).run();
  return r.meta.changes > 0;
}
