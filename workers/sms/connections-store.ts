/**
 * The account's SMS provider connections in D1 `sms_connections` (S1), and the deployment's
 * default one. Every account that has no active connection of its own sends through `local`:
 * a Kannel built from SMS_KANNEL_URL / SMS_KANNEL_USER / SMS_KANNEL_PASSWORD / SMS_SENDER
 * (default "PREGON"), which is what `npm start`'s local carrier provides, so SMS works with no
 * setup. Passwords are sealed at rest (sealed.ts) and opened only for the send path. Each
 * connection has a secret made at creation; the provider's callbacks (receipts, incoming
 * messages) carry it in their URL (`?s=`), and `local` uses SMS_HOOK_SECRET, or an HMAC of
 * LINK_SECRET when unset (the local carrier derives the same one, dev/services/sms-carrier.mjs).
 * The connections API's reads and writes are in connections-admin.ts.
 */
import { timingSafeEqual } from "../../shared/auth/crypto";
import { KANNEL_MO_QUERY } from "../../shared/sms/kannel";
import { openPassword, type SealEnv } from "./sealed";

export type ConnectionKind = "kannel" | "jasmin" | "http-json";

/** A connection ready to send through: password opened. */
export type SmsConnection = {
  id: string;
  /** null for the deployment's `local` connection. */
  accountId: string | null;
  name: string;
  kind: ConnectionKind;
  baseUrl: string;
  username: string | null;
  /** Opened for the send path (connectionsFor); null elsewhere, and when there is none. */
  password: string | null;
  hasPassword: boolean;
  sender: string;
  operators: string[];
  priority: number;
  ratePerSecond: number;
  active: boolean;
  secret: string;
  builtIn: boolean;
  createdAt: number | null;
  updatedAt: number | null;
};

/** A `sms_connections` row as D1 returns it. */
export type ConnectionRow = {
  id: string;
  account_id: string;
  name: string;
  kind: string;
  base_url: string;
  username: string | null;
  password: string | null;
  sender: string;
  operators: string;
  priority: number;
  rate_per_second: number;
  secret: string;
  active: number;
  created_at: number;
  updated_at: number;
};

export const LOCAL_ID = "local";
/** Parts per second the local default connection takes (SMS_KANNEL_RATE overrides). */
const LOCAL_RATE = 500;
const enc = new TextEncoder();

/**
 * The secret of `local`'s callbacks: SMS_HOOK_SECRET, else the first 32 hex digits of
 * HMAC-SHA256(LINK_SECRET, "sms-hook").
 * @example await localHookSecret({ LINK_SECRET: "dev-only-change-me-in-production" }) // 32 hex digits
 */
export async function localHookSecret(env: { SMS_HOOK_SECRET?: string; LINK_SECRET?: string }): Promise<string> {
  if (env.SMS_HOOK_SECRET) return env.SMS_HOOK_SECRET;
  if (!env.LINK_SECRET) throw new Error("Set SMS_HOOK_SECRET (or LINK_SECRET) for the SMS provider's callbacks");
  const key = await crypto.subtle.importKey("raw", enc.encode(env.LINK_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode("sms-hook")));
  return [...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The deployment's default connection, or null when SMS_KANNEL_URL is not set. */
export async function localConnection(env: Env): Promise<SmsConnection | null> {
  if (!env.SMS_KANNEL_URL) return null;
  const rate = Number(env.SMS_KANNEL_RATE);
  return {
    id: LOCAL_ID,
    accountId: null,
    name: "Kannel local",
    kind: "kannel",
    baseUrl: env.SMS_KANNEL_URL,
    username: env.SMS_KANNEL_USER ?? "",
    password: env.SMS_KANNEL_PASSWORD ?? "",
    hasPassword: !!env.SMS_KANNEL_PASSWORD,
    sender: env.SMS_SENDER || "PREGON",
    operators: ["*"],
    priority: 0,
    ratePerSecond: Number.isInteger(rate) && rate > 0 ? rate : LOCAL_RATE,
    active: true,
    secret: await localHookSecret(env),
    builtIn: true,
    createdAt: null,
    updatedAt: null,
  };
}

/** A row as a connection; its password opened only when `open` (the send path). */
export async function fromRow(env: SealEnv, r: ConnectionRow, open: boolean): Promise<SmsConnection> {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    kind: r.kind as ConnectionKind,
    baseUrl: r.base_url,
    username: r.username,
    password: open && r.password ? await openPassword(env, r.id, r.password) : null,
    hasPassword: r.password !== null,
    sender: r.sender,
    operators: JSON.parse(r.operators) as string[],
    priority: r.priority,
    ratePerSecond: r.rate_per_second,
    active: r.active === 1,
    secret: r.secret,
    builtIn: false,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The connections an account's messages may go through, passwords opened: its active ones by
 * priority, or `local` when it has none active (and SMS_KANNEL_URL is set); empty otherwise.
 * @example (await connectionsFor(env, "acc_1")).map((c) => c.id) // ["local"] for a new account
 */
export async function connectionsFor(env: Env, accountId: string): Promise<SmsConnection[]> {
  const rows = await env.DB.prepare("SELECT * FROM sms_connections WHERE account_id = ? AND active = 1 ORDER BY priority, id").bind(accountId).all<ConnectionRow>();
  if (rows.results.length > 0) return Promise.all(rows.results.map((r) => fromRow(env, r, true)));
  const local = await localConnection(env);
  return local ? [local] : [];
}

/**
 * The connection a callback names (`/hooks/sms/:connectionId/…`), passwords left sealed, or
 * null when there is no such connection. Check the callback's secret with hookSecretMatches.
 * @example const conn = await connectionForHook(env, "local")
 */
export async function connectionForHook(env: Env, id: string): Promise<SmsConnection | null> {
  if (id === LOCAL_ID) return localConnection(env);
  const row = await env.DB.prepare("SELECT * FROM sms_connections WHERE id = ?").bind(id).first<ConnectionRow>();
  return row ? fromRow(env, row, false) : null;
}

/**
 * Whether `given` (the callback's `s`) is the connection's secret, compared in constant time.
 * @example hookSecretMatches(conn, new URL(req.url).searchParams.get("s")) // true or false
 */
export function hookSecretMatches(conn: Pick<SmsConnection, "secret">, given: string | null | undefined): boolean {
  return typeof given === "string" && given !== "" && timingSafeEqual(enc.encode(given), enc.encode(conn.secret));
}

/** The base of our callback URLs: PUBLIC_URL, else `origin` (the request's), else the local Worker. */
export function publicBase(env: Env, origin?: string): string {
  return (env.PUBLIC_URL || origin || "http://127.0.0.1:8787").replace(/\/+$/, "");
}

/**
 * The URLs the provider calls back, with the secret in them; a Kannel connection's MO URL also
 * carries the escapes smsbox fills (KANNEL_MO_QUERY), so it can be pasted as its `get-url`.
 * @example callbackUrls(env, conn).dlr // "https://pregon.example/hooks/sms/conn_1/dlr?s=…"
 */
export function callbackUrls(env: Env, conn: Pick<SmsConnection, "id" | "secret" | "kind">, origin?: string): { dlr: string; mo: string } {
  const base = `${publicBase(env, origin)}/hooks/sms/${encodeURIComponent(conn.id)}`;
  const s = encodeURIComponent(conn.secret);
  return { dlr: `${base}/dlr?s=${s}`, mo: `${base}/mo?s=${s}${conn.kind === "kannel" ? `&${KANNEL_MO_QUERY}` : ""}` };
}
