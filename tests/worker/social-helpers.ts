/**
 * Shared by the social tests (W6): unique targets and tokens, connecting an account through the
 * API and registering its token with the stand-in (tests/worker/social-standin.ts), scripting the
 * stand-in's failures, reading the calls it got, turning on an account's public archive, and a
 * campaign that has gone out (its row set to "sent", for the tests that do not need a real send).
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api, type Seeded } from "./helpers";
import { audience } from "./send-helpers";

export type Network = "facebook" | "linkedin" | "x";
export type StandinCall = { network: Network; target: string; token: string | null; headers: Record<string, string>; body: Record<string, unknown>; status: number };
export type Connected = { id: string; network: Network; target: string; token: string };

const S = env.TEST_SOCIAL_URL;
const digits = () => String(Date.now()) + String(Math.floor(Math.random() * 1e6)).padStart(6, "0");

/** A valid, unique target of `network`. */
export const targetOf = (network: Network) => (network === "linkedin" ? `urn:li:organization:${digits()}` : digits());

/** Connects an account of `network` (auto-publish unless told) and registers its token with the stand-in. */
export async function connect(s: Seeded, network: Network, autoPublish = true): Promise<Connected> {
  const target = targetOf(network);
  const token = `${network}-tok-${crypto.randomUUID()}`;
  await fetch(`${S}/accounts`, { method: "POST", body: JSON.stringify({ network, target, token }) });
  const res = await api("/social-accounts", { key: s.users.owner.key, body: { network, name: `Cuenta ${network}`, target, token, autoPublish } });
  expect(res.status).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, network, target, token };
}

/** The next call to `a` fails once with a 500, or every call gets an expired-token refusal ("401"). */
export async function failNext(a: Connected, mode: "500-once" | "401" | null) {
  await fetch(`${S}/fail`, { method: "POST", body: JSON.stringify({ network: a.network, target: a.target, mode }) });
}

/** The calls the stand-in got for `a`'s target. */
export async function callsTo(a: Connected): Promise<StandinCall[]> {
  return ((await (await fetch(`${S}/calls?target=${encodeURIComponent(a.target)}`)).json()) as { calls: StandinCall[] }).calls;
}

/** Turns on the public archive of the account, at `/archivo/<slug>`. */
export async function enableArchive(s: Seeded, slug = `muni-${crypto.randomUUID().slice(0, 8)}`): Promise<string> {
  await env.DB.prepare("INSERT INTO archive_settings (account_id, slug, title, enabled, updated_at) VALUES (?, ?, 'Comunicados', 1, ?)").bind(s.accountId, slug, Date.now()).run();
  return slug;
}

/** A campaign of `s` whose row says it was sent (no real send: for the tests of the manual publish). */
export async function sentCampaign(s: Seeded, subject = "Convocatoria abierta, {{nombre}}", status = "sent"): Promise<string> {
  const { draft, key } = await audience(s, `soc${crypto.randomUUID().slice(0, 6)}`, 1);
  const res = await api("/campaigns", { key, body: { ...draft, subject } });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  await env.DB.prepare("UPDATE campaigns SET status = ? WHERE id = ?").bind(status, id).run();
  return id;
}

export type PostView = { id: string; socialAccountId: string; network: Network; status: string; attempts: number; url: string | null; error: string | null };

export async function postsOf(s: Seeded, campaignId: string): Promise<{ posts: PostView[]; publicUrl: string | null }> {
  const res = await api(`/campaigns/${campaignId}/social`, { key: s.users.viewer.key });
  expect(res.status).toBe(200);
  return res.json();
}
