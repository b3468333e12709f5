/**
 * Shared by the export and report-mail tests: a campaign with known activity, users with API
 * keys added to its account,
 * waiting for an export to settle (the real imports Queue produces it), downloading through
 * the signed URL with the Worker's own fetch, and the cron handler run with a given trigger.
 */
import { env } from "cloudflare:workers";
import { createScheduledController, SELF } from "cloudflare:test";
import { expect } from "vitest";
import worker from "../../workers/index";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import type { Role } from "../../shared/auth/roles";
import { api } from "./helpers";
import { deliver, ev, sentCampaign, type Sent } from "./tracking-helpers";

export type User = { id: string; email: string; key: string };

export const ACTIVITY_EMAILS = ["ana@gmail.com", "beto@empresa.pe", "carla@empresa.pe"];

/**
 * A campaign "Oferta" sent at `sentAt` to ACTIVITY_EMAILS, through the real events consumer: three
 * sends, human opens by ana (10 min) and beto (12 min), one click by ana (20 min).
 */
export async function campaignWithActivity(sentAt: number): Promise<Sent> {
  const s = await sentCampaign(ACTIVITY_EMAILS, sentAt);
  const c = (i: number) => s.contacts[i]!.id;
  const sent = [0, 1, 2].map((i) => ev(s, i, "sent", { id: `sent:${s.campaignId}:${c(i)}:0`, at: sentAt, userAgent: undefined }));
  const engagement = [
    ev(s, 0, "open", { at: sentAt + 10 * 60_000 }),
    ev(s, 1, "open", { at: sentAt + 12 * 60_000 }),
    ev(s, 0, "click", { at: sentAt + 20 * 60_000, url: "https://tienda.pe/oferta" }),
  ];
  expect((await deliver([{ id: `m-act-${s.campaignId}`, events: [...sent, ...engagement] }])).ackAll).toBe(true);
  return s;
}

/** A user of `role` in the account, with an API key. */
export async function addUser(accountId: string, role: Role, email = `${role}.${randomToken(5).toLowerCase().replace(/[^a-z0-9]/g, "x")}@example.org`): Promise<User> {
  const id = `usr_${randomToken(8)}`;
  const key = `pk_${randomToken(24)}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO users (id, account_id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', 0, 0)").bind(id, accountId, email, `Usuaria ${role}`, role),
    env.DB.prepare("INSERT INTO api_keys (id, account_id, name, prefix, key_hash, role, created_by, created_at) VALUES (?, ?, 'k', ?, ?, ?, ?, 0)").bind(`key_${randomToken(8)}`, accountId, key.slice(0, 10), await sha256Hex(key), role, id),
  ]);
  return { id, email, key };
}

export type ExportOut = {
  id: string;
  kind: string;
  format: string;
  params: Record<string, string>;
  status: string;
  bytes: number | null;
  rows: number | null;
  error: string | null;
  scheduleId: string | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
  url: string | null;
  urlExpiresAt: string | null;
};

/** POST /exports; returns the new id (asserting 202). */
export async function createExport(key: string, body: unknown): Promise<string> {
  const res = await api("/exports", { key, body });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Polls GET /exports/:id until the Queue has settled it. */
export async function settled(key: string, id: string): Promise<ExportOut> {
  for (let i = 0; i < 300; i++) {
    const res = await api(`/exports/${id}`, { key });
    expect(res.status).toBe(200);
    const out = (await res.json()) as ExportOut;
    if (out.status !== "pending") return out;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`export ${id} never settled`);
}

/** GET of a download URL through the Worker (outside /api, no credentials). */
export const download = (url: string) => SELF.fetch(url.replace(/^https?:\/\/[^/]+/, "http://127.0.0.1"));

/** Runs the Worker's scheduled handler for `cron` at `scheduledTime`. */
export async function runCron(cron: string, scheduledTime: number): Promise<void> {
  await worker.scheduled(createScheduledController({ cron, scheduledTime }), env);
}
