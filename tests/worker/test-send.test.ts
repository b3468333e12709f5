/**
 * Test sends (W9): the campaign as it stands, with a chosen contact's data, to a few addresses,
 * through the real SMTP client into the loopback server; no delivery rows, no credit, a limit
 * per hour, and clear errors for bad input.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { setup } from "./campaign-helpers";
import { TEST_SENDS_PER_HOUR } from "../../workers/email/test-send";
import { pruneSendWindows } from "../../workers/email/send-windows";
import { windowsAt } from "../../shared/campaigns/throttle";

type Got = { rcptTo: string[]; subject: string; text: string; html: string };
const S = env.SMTP_TEST as { control: string };
const receivedFor = async (t: string): Promise<Got[]> => (await fetch(`${S.control}/messages?to=${encodeURIComponent(t)}`)).json();

async function campaign() {
  const s = await seedAccount({ email: 100 });
  const { key, draft } = await setup(s);
  const res = await api("/campaigns", { key, body: { ...draft, subject: "Hola {{nombre}}, convocatoria" } });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  const contacts = (await (await api("/contacts?q=ana", { key })).json()) as { contacts: { id: number }[] };
  return { s, key, id, anaId: contacts.contacts[0]!.id };
}

describe("test send", () => {
  it("sends the current campaign with a contact's data to each address, and nothing else moves", async () => {
    const { s, key, id, anaId } = await campaign();
    const t = `t${Date.now().toString(36)}`;
    const to = [`revisor@${t}.example.org`, `jefa@${t}.example.org`];
    const res = await api(`/campaigns/${id}/test`, { key, body: { to, contactId: anaId } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { to: string; status: string; code: number }[]; remainingThisHour: number };
    expect(body.results.map((r) => [r.to, r.status, r.code])).toEqual(to.map((a) => [a, "sent", 250]));
    expect(body.remainingThisHour).toBe(TEST_SENDS_PER_HOUR - 2);

    const got = await receivedFor(t);
    expect(got.map((g) => g.rcptTo[0]).sort()).toEqual([...to].sort());
    for (const g of got) {
      expect(g.subject).toBe("[Prueba] Hola ana, convocatoria");
      expect(g.text).toContain("Hola ana de");
    }
    const deliveries = await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ?").bind(id).first<number>("n");
    expect(deliveries).toBe(0);
    const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { email: { available: number } } };
    expect(credits.main.email.available).toBe(100);
    const c = (await (await api(`/campaigns/${id}`, { key })).json()) as { status: string };
    expect(c.status).toBe("draft");

    // An edit shows in the next test at once.
    expect((await api(`/campaigns/${id}`, { method: "PATCH", key, body: { subject: "Nuevo asunto {{nombre}}" } })).status).toBe(200);
    expect((await api(`/campaigns/${id}/test`, { key, body: { to: [`otra@${t}.example.org`] } })).status).toBe(200);
    const again = (await receivedFor(`otra@${t}`))[0]!;
    expect(again.subject).toBe("[Prueba] Nuevo asunto Ana"); // sample data without a contact
  });

  it("reports a relay's refusal per address", async () => {
    const { key, id } = await campaign();
    const t = `r${Date.now().toString(36)}`;
    const res = await api(`/campaigns/${id}/test`, { key, body: { to: [`reject-550@${t}.example.org`, `ok@${t}.example.org`] } });
    const body = (await res.json()) as { results: { to: string; status: string; code: number }[] };
    expect(body.results.map((r) => [r.status, r.code])).toEqual([
      ["rejected", 550],
      ["sent", 250],
    ]);
  });

  it("refuses bad input and the hour's limit with clear errors, sending nothing", async () => {
    const { s, key, id } = await campaign();
    const t = `b${Date.now().toString(36)}`;
    const cases: [unknown, number, string][] = [
      [{ to: [] }, 400, "to"],
      [{ to: Array.from({ length: 6 }, (_, i) => `p${i}@${t}.example.org`) }, 400, "to"],
      [{ to: ["no es un correo"] }, 400, "to.0"],
      [{ to: [`x@${t}.example.org`], contactId: 999999999 }, 404, ""],
      [{ to: [`x@${t}.example.org`], extra: 1 }, 400, ""],
    ];
    for (const [body, status, field] of cases) {
      const res = await api(`/campaigns/${id}/test`, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (field) expect((await errorOf(res)).field).toBe(field);
    }
    const other = await seedAccount();
    expect((await api(`/campaigns/${id}/test`, { key: other.users.owner.key, body: { to: [`x@${t}.example.org`] } })).status).toBe(404);
    expect((await api(`/campaigns/${id}/test`, { key: s.users.viewer.key, body: { to: [`x@${t}.example.org`] } })).status).toBe(403);

    await env.DB.prepare("INSERT INTO send_windows (scope, window, n) VALUES (?, ?, ?)").bind(`test:${s.accountId}`, windowsAt(Date.now()).hour, TEST_SENDS_PER_HOUR - 1).run();
    await pruneSendWindows(env.DB, Date.now()); // the minute's cron keeps this hour's count
    const over = await api(`/campaigns/${id}/test`, { key, body: { to: [`a@${t}.example.org`, `b@${t}.example.org`] } });
    expect(over.status).toBe(429);
    expect(await errorOf(over)).toMatchObject({ code: "test_send_limit", field: "to" });
    expect(await receivedFor(t)).toEqual([]);
    expect((await api(`/campaigns/${id}/test`, { key, body: { to: [`a@${t}.example.org`] } })).status).toBe(200);
    expect((await receivedFor(t)).length).toBe(1);
  });
});
