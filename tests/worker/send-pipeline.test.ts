/**
 * A campaign through the real pipeline on Miniflare: API → CampaignRunner alarm → email Queue →
 * consumer → SMTP into a real smtp-server on loopback. Each recipient is mailed exactly once
 * (counted at the server), a 550 is a hard bounce that is suppressed, and the credit debited is
 * exactly what the relay accepted.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, seedAccount, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";

type Got = { rcptTo: string[]; mailFrom: string; subject: string; text: string; html: string; headerNames: string[]; rawHeaders: string };
const S = env.SMTP_TEST as { control: string };

async function receivedFor(t: string): Promise<Got[]> {
  return (await fetch(`${S.control}/messages?to=${encodeURIComponent(t)}`)).json();
}

async function campaignFor(s: Seeded, t: string, locals: string[]) {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Envío" } })).json()) as { id: string }).id;
  for (const local of locals) {
    const r = await api("/contacts", { key, body: { email: `${local}@${t}.empresa.pe`, firstName: local.replace(/[^a-z]/g, "") || "x", company: "Andina SAC", listIds: [listId], consent: { email: true } } });
    expect(r.status).toBe(201);
  }
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const res = await api("/campaigns", {
    key,
    body: { name: "Convocatoria", subject: "Hola {{nombre}}: convocatoria", fromName: "Agencia Pública", fromAddress: "avisos@empresa.pe", templateId, commercial: true, audience: { listIds: [listId], segmentIds: [] } },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function waitFor(s: Seeded, id: string, status: string) {
  for (let i = 0; i < 300; i++) {
    const c = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as { status: string; progress: Record<string, number> };
    if (c.status === status) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`campaign never reached ${status}`);
}

describe("send pipeline", () => {
  it("mails each recipient once, bounces a 550, and debits exactly what was accepted", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `p${Date.now().toString(36)}`;
    const id = await campaignFor(s, t, ["ana", "beto", "reject-550"]);
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    const done = await waitFor(s, id, "sent");
    expect(done.progress).toMatchObject({ total: 3, sent: 2, failed: 1 });

    const got = await receivedFor(t);
    expect(got.map((g) => g.rcptTo[0]).sort()).toEqual([`ana@${t}.empresa.pe`, `beto@${t}.empresa.pe`]);
    const ana = got.find((g) => g.rcptTo[0]!.startsWith("ana@"))!;
    expect(ana.subject).toBe("PUBLICIDAD: Hola ana: convocatoria");
    expect(ana.text).toContain("Hola ana de Andina SAC");
    expect(ana.headerNames).toEqual(expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post", "feedback-id", "message-id"]));
    expect(ana.rawHeaders).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(ana.mailFrom).toMatch(new RegExp(`^b-${id.slice(0, 8)}-[0-9a-z]+-[0-9a-f]{12}@empresa\\.pe$`));
    expect(ana.mailFrom.split("@")[0]!.length).toBeLessThanOrEqual(64);
    // Links point at the tracking endpoint, not at the original URL.
    expect(ana.html).not.toContain('href="https://www.gob.pe/convocatoria"');
    expect(ana.html).toMatch(/href="http:\/\/127\.0\.0\.1:8787\/t\/c\/[\w.-]+"/);

    const bounced = await env.DB.prepare("SELECT status, code FROM deliveries WHERE campaign_id = ? AND email LIKE 'reject-550%'").bind(id).first();
    expect(bounced).toEqual({ status: "bounced", code: 550 });
    const sup = await env.DB.prepare("SELECT reason FROM suppressions WHERE account_id = ? AND value = ?").bind(s.accountId, `reject-550@${t}.empresa.pe`).first("reason");
    expect(sup).toBe("hard_bounce");
    const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { email: { available: number; reserved: number } } };
    expect(credits.main.email).toMatchObject({ available: 98, reserved: 0 });

    // The refusal is recorded as an event (a hard bounce at send time, never also "sent"), so the
    // monthly report counts three handed over, one bounced, two delivered.
    let kinds: { kind: string; status: string | null; source: string | null }[] = [];
    for (let i = 0; i < 100 && kinds.length < 3; i++) {
      kinds = (await env.DB.prepare("SELECT kind, status, source FROM events WHERE campaign_id = ? ORDER BY kind").bind(id).all<(typeof kinds)[number]>()).results;
      if (kinds.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(kinds).toEqual([
      { kind: "rejected", status: "550", source: "smtp" },
      { kind: "sent", status: null, source: null },
      { kind: "sent", status: null, source: null },
    ]);
    const month = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 7);
    const report = (await (await api(`/reports/monthly?month=${month}`, { key: s.users.owner.key })).json()) as { totals: Record<string, number> };
    expect(report.totals).toMatchObject({ sent: 3, bounced: 1, hardBounces: 1, softBounces: 0, delivered: 2 });

    // A redelivered Queue message after the fact sends nothing more.
    const ids = (await env.DB.prepare("SELECT contact_id FROM deliveries WHERE campaign_id = ?").bind(id).all<{ contact_id: number }>()).results.map((r) => r.contact_id);
    await env.EMAIL_SENDS.send({ campaignId: id, contactIds: ids });
    await new Promise((r) => setTimeout(r, 2500));
    expect(await receivedFor(t)).toHaveLength(2);
  });

  it("cancels a scheduled campaign: nothing is sent and no credit is held", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `q${Date.now().toString(36)}`;
    const id = await campaignFor(s, t, ["carla"]);
    expect((await api(`/campaigns/${id}/schedule`, { key: s.users.owner.key, body: { at: "2035-01-01T09:00" } })).status).toBe(200);
    expect((await api(`/campaigns/${id}/cancel`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await receivedFor(t)).toHaveLength(0);
    const c = (await (await api(`/campaigns/${id}`, { key: s.users.owner.key })).json()) as { status: string };
    expect(c.status).toBe("cancelled");
    const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { email: { available: number; reserved: number } } };
    expect(credits.main.email).toMatchObject({ available: 100, reserved: 0 });
  });
});
