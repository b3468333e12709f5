/**
 * Shared by the sending-domain tests: writing the local DoH server's zone (doh-server.ts),
 * adding a domain through the API, and publishing exactly the records it asks for.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { api } from "./helpers";

export const DNS = new URL(env.DOH_URL).origin;

export type Rec = { kind: "spf" | "dkim" | "dmarc"; type: "TXT"; host: string; value: string | null; required: boolean; note: string | null };
export type Check = { status: string; reason: string | null; found: string[]; warnings: string[]; policy?: string };
export type Detail = {
  id: string;
  domain: string;
  selector: string;
  spf: string;
  dkim: string;
  dmarc: string;
  verified: boolean;
  checkedAt: string | null;
  createdAt: string;
  records: Rec[];
  check: { spf: Check; dkim: Check; dmarc: Check } | null;
};

/** A domain nobody else in the run uses. */
export const freshDomain = (prefix = "d") => `${prefix}${crypto.randomUUID().slice(0, 8)}.gob.pe`;

/** Sets the TXT records at `name` (none: the name does not exist), or a fault. */
export async function zone(name: string, txt: string[] | null, fault?: "servfail" | "http500"): Promise<void> {
  const res = await fetch(`${DNS}/zone`, { method: "POST", body: JSON.stringify({ name, ...(txt ? { txt } : {}), ...(fault ? { fault } : {}) }) });
  expect(res.status).toBe(200);
}

export async function addDomain(key: string, domain: string): Promise<Detail> {
  const res = await api("/domains", { key, body: { domain } });
  expect(res.status).toBe(201);
  return res.json();
}

/** Publishes every record of `d` with a value, as a person would copy them into their DNS. */
export async function publish(d: Detail): Promise<void> {
  for (const r of d.records) if (r.value !== null) await zone(r.host, [r.value]);
}

export async function check(key: string, id: string): Promise<Detail> {
  const res = await api(`/domains/${id}/check`, { method: "POST", key });
  expect(res.status).toBe(200);
  return res.json();
}
