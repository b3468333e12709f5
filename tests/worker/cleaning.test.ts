/**
 * Send-day cleaning (E7) and suppression (B2): MX answers cached per domain and refreshed after
 * 24 h, DNS reasons written to every contact of a domain, suppression applied at once and again
 * on the day of sending.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { MxResolver, MxStatus } from "../../shared/audience/dns";
import { validateForSend } from "../../workers/audience/cleaning";
import { api, errorOf, seedAccount, type Seeded } from "./helpers";

class FakeResolver implements MxResolver {
  calls: string[] = [];
  constructor(public answers: Record<string, MxStatus>) {}
  async lookup(domain: string) {
    this.calls.push(domain);
    return { status: this.answers[domain] ?? "ok", ttlSeconds: 86_400 };
  }
}

async function listWith(s: Seeded, emails: string[]) {
  const listId = ((await (await api("/lists", { key: s.users.owner.key, body: { name: "Depurar" } })).json()) as { id: string }).id;
  for (const email of emails) {
    const res = await api("/contacts", { key: s.users.owner.key, body: { email, listIds: [listId], consent: { email: true } } });
    expect(res.status).toBe(201);
  }
  return listId;
}

async function byEmail(s: Seeded, email: string) {
  const page = (await (await api(`/contacts?q=${encodeURIComponent(email)}`, { key: s.users.owner.key })).json()) as { contacts: { verdict: string; reasons: string[] }[] };
  return page.contacts[0]!;
}

describe("validateForSend", () => {
  it("looks each domain up once, writes its reasons, and refreshes answers older than 24 h", async () => {
    const s = await seedAccount();
    const listId = await listWith(s, ["a@ok.pe", "b@ok.pe", "c@nullmx.pe", "d@gone.pe", "e@flaky.pe"]);
    const dns = new FakeResolver({ "nullmx.pe": "null_mx", "gone.pe": "nxdomain", "flaky.pe": "error" });
    const t0 = Date.now();
    const first = await validateForSend(env.DB, dns, { accountId: s.accountId, listIds: [listId] }, t0);
    expect(dns.calls.sort()).toEqual(["flaky.pe", "gone.pe", "nullmx.pe", "ok.pe"]);
    expect(first).toEqual({ total: 5, email: { sendable: 3, suppressed: 0, unsubscribed: 0, invalid: 2, noAddress: 0 }, domainsLookedUp: 4 });
    expect(await byEmail(s, "c@nullmx.pe")).toMatchObject({ verdict: "invalid", reasons: ["mx_null"] });
    expect(await byEmail(s, "d@gone.pe")).toMatchObject({ verdict: "invalid", reasons: ["domain_missing"] });
    expect(await byEmail(s, "e@flaky.pe")).toMatchObject({ verdict: "risky", reasons: ["dns_unknown"] });
    expect(await byEmail(s, "a@ok.pe")).toMatchObject({ verdict: "valid", reasons: [] });

    // An hour later nothing is looked up again.
    dns.calls = [];
    await validateForSend(env.DB, dns, { accountId: s.accountId, listIds: [listId] }, t0 + 3_600_000);
    expect(dns.calls).toEqual([]);

    // The next day every answer is stale; a domain that came back loses its reason.
    dns.answers["gone.pe"] = "ok";
    const later = await validateForSend(env.DB, dns, { accountId: s.accountId, listIds: [listId] }, t0 + 25 * 3_600_000);
    expect(dns.calls).toHaveLength(4);
    expect(later.email.sendable).toBe(4);
    expect(await byEmail(s, "d@gone.pe")).toMatchObject({ verdict: "valid", reasons: [] });
  });

  it("re-applies suppression on the day of sending, even one written behind the API's back", async () => {
    const s = await seedAccount();
    const listId = await listWith(s, ["ana@empresa.pe", "beto@empresa.pe"]);
    await env.DB.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'email', 'beto@empresa.pe', 'queja', 0)").bind(s.accountId).run();
    const check = await validateForSend(env.DB, null, { accountId: s.accountId, listIds: [listId] }, Date.now());
    expect(check.email).toEqual({ sendable: 1, suppressed: 1, unsubscribed: 0, invalid: 0, noAddress: 0 });
    expect(await byEmail(s, "beto@empresa.pe")).toMatchObject({ verdict: "invalid", reasons: ["suppressed"] });
  });
});

describe("suppression", () => {
  it("covers a whole domain at once and lifts it again", async () => {
    const s = await seedAccount();
    const listId = await listWith(s, ["ana@competidor.pe", "beto@competidor.pe", "carla@empresa.pe"]);
    const add = await api("/suppressions", { key: s.users.sender.key, body: { kind: "domain", value: "@COMPETIDOR.pe", reason: "pedido del área legal" } });
    expect(add.status).toBe(201);
    expect(await add.json()).toMatchObject({ kind: "domain", value: "competidor.pe" });
    let list = (await (await api(`/lists/${listId}`, { key: s.users.viewer.key })).json()) as { counts: { subscribed: number } };
    expect(list.counts.subscribed).toBe(1);
    expect(await byEmail(s, "ana@competidor.pe")).toMatchObject({ verdict: "invalid", reasons: ["suppressed"] });
    const csv = await (await api("/suppressions/export.csv", { key: s.users.viewer.key })).text();
    expect(csv).toContain("domain,competidor.pe,pedido del área legal,");
    expect((await api("/suppressions/remove", { key: s.users.sender.key, body: { kind: "domain", value: "competidor.pe" } })).status).toBe(200);
    list = (await (await api(`/lists/${listId}`, { key: s.users.viewer.key })).json()) as { counts: { subscribed: number } };
    expect(list.counts.subscribed).toBe(3);
    expect(await byEmail(s, "ana@competidor.pe")).toMatchObject({ verdict: "valid", reasons: [] });
    expect((await api("/suppressions/remove", { key: s.users.sender.key, body: { kind: "domain", value: "competidor.pe" } })).status).toBe(404);
  });

  it("keeps a contact suppressed while another suppression still covers it", async () => {
    const s = await seedAccount();
    await listWith(s, ["ana@competidor.pe"]);
    await api("/suppressions", { key: s.users.owner.key, body: { kind: "domain", value: "competidor.pe", reason: "x" } });
    await api("/suppressions", { key: s.users.owner.key, body: { kind: "email", value: "ana@competidor.pe", reason: "y" } });
    await api("/suppressions/remove", { key: s.users.owner.key, body: { kind: "domain", value: "competidor.pe" } });
    expect(await byEmail(s, "ana@competidor.pe")).toMatchObject({ verdict: "invalid", reasons: ["suppressed"] });
  });

  it("refuses values that are not what they claim to be", async () => {
    const s = await seedAccount();
    for (const [kind, value] of [["email", "no-es-correo"], ["phone", "12"], ["domain", "sin punto"]]) {
      const res = await api("/suppressions", { key: s.users.owner.key, body: { kind, value, reason: "x" } });
      expect(res.status, value).toBe(400);
      expect(await errorOf(res)).toMatchObject({ field: "value" });
    }
  });

  it("erasing a contact keeps its address suppressed (Ley 29733)", async () => {
    const s = await seedAccount();
    await listWith(s, ["borrar@empresa.pe"]);
    const c = (await (await api("/contacts?q=borrar@", { key: s.users.owner.key })).json()) as { contacts: { id: number }[] };
    expect((await api(`/contacts/${c.contacts[0]!.id}`, { method: "DELETE", key: s.users.owner.key })).status).toBe(200);
    expect((await api(`/contacts/${c.contacts[0]!.id}`, { key: s.users.owner.key })).status).toBe(404);
    const sup = (await (await api("/suppressions?kind=email", { key: s.users.owner.key })).json()) as { suppressions: { value: string; reason: string }[] };
    expect(sup.suppressions).toEqual([expect.objectContaining({ value: "borrar@empresa.pe", reason: "erased" })]);
    const again = (await (await api("/contacts", { key: s.users.owner.key, body: { email: "borrar@empresa.pe", consent: { email: true } } })).json()) as { verdict: string };
    expect(again.verdict).toBe("invalid");
  });
});

describe("suppression import", () => {
  it("adds the good rows, marks the contacts they cover, and reports the bad lines", async () => {
    const s = await seedAccount();
    await listWith(s, ["ana@empresa.pe", "beto@spam.pe", "carla@otra.pe"]);
    const res = await api("/suppressions/import", { method: "POST", key: s.users.sender.key, raw: "valor,motivo\nana@empresa.pe,baja\n@spam.pe,dominio\nno vale nada\nana@empresa.pe,repetida\n", headers: { "Content-Type": "text/csv" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ added: 2, rejected: [{ line: 4, reason: "not a valid domain" }] });
    expect(await byEmail(s, "beto@spam.pe")).toMatchObject({ verdict: "invalid", reasons: ["suppressed"] });
    expect(await byEmail(s, "carla@otra.pe")).toMatchObject({ verdict: "valid" });
    const json = await api("/suppressions/import", { key: s.users.sender.key, body: { values: [] } });
    expect(json.status).toBe(415);
  });
});
