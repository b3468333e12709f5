/**
 * Outgoing webhooks (B1) on Miniflare with the local webhook server (webhook-server.setup.ts):
 * a real campaign send, an open and a click each POST one signed delivery; a retried events
 * batch delivers nothing twice; a 500 target is retried on schedule (time driven by next_at),
 * then failed with the webhook marked failing, which the next success clears; a hanging target
 * never delays the events consumer; the minute cron wakes what a lost message left; an incoming
 * SMS is delivered as sms_received; bad input 400s.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount, type Seeded } from "./helpers";
import { MJML } from "./campaign-helpers";
import { deliver, ev, sentCampaign, until } from "./tracking-helpers";
import { addConnection, kannelMo, mobile } from "./sms-inbound-helpers";
import { verifyWebhook } from "../../shared/sms/keyword-webhook";
import { deliverDue, wakeDueWebhooks } from "../../workers/webhooks/deliver";
import { newWebhookSecret, sealWebhookSecret } from "../../workers/webhooks/secret";
import type { SealEnv } from "../../workers/sms/sealed";
import type { TrackEvent } from "../../shared/events/types";

type Call = { path: string; headers: Record<string, string>; body: string; at: number };
const uniq = () => crypto.randomUUID().slice(0, 8);
const calls = async (path: string): Promise<Call[]> => ((await (await fetch(`${env.TEST_WEBHOOK_URL}/calls?path=${encodeURIComponent(path)}`)).json()) as { calls: Call[] }).calls;
const rowsOf = (webhookId: string) =>
  env.DB.prepare("SELECT id, event, event_id, status, attempts, next_at, last_status, last_error, payload FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at, event")
    .bind(webhookId)
    .all<{ id: string; event: string; event_id: string; status: string; attempts: number; next_at: number | null; last_status: number | null; last_error: string | null; payload: string }>()
    .then((r) => r.results);
const hookOf = (id: string) => env.DB.prepare("SELECT failing_since, last_status FROM webhooks WHERE id = ?").bind(id).first<{ failing_since: number | null; last_status: number | null }>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A webhook written straight into D1 (for accounts seeded without users), its secret sealed as the API does. */
async function addWebhook(accountId: string, path: string, events: string[]) {
  const id = `wh_${uniq()}`;
  const secret = newWebhookSecret();
  await env.DB.prepare("INSERT INTO webhooks (id, account_id, url, events, secret, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)")
    .bind(id, accountId, `${env.TEST_WEBHOOK_URL}${path}`, JSON.stringify(events), await sealWebhookSecret(env as unknown as SealEnv, id, secret), Date.now(), Date.now())
    .run();
  return { id, secret };
}

async function sendCampaign(s: Seeded, email: string) {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Envío" } })).json()) as { id: string }).id;
  expect((await api("/contacts", { key, body: { email, firstName: "ana", listIds: [listId], consent: { email: true } } })).status).toBe(201);
  const templateId = ((await (await api("/templates", { key, body: { name: "Aviso", source: MJML } })).json()) as { id: string }).id;
  const draft = { name: "Convocatoria", subject: "Hola", fromName: "Agencia", fromAddress: "avisos@empresa.pe", templateId, audience: { listIds: [listId], segmentIds: [] } };
  const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
  return until("campaign sent", async () => {
    const d = await env.DB.prepare("SELECT contact_id, sent_at FROM deliveries WHERE campaign_id = ? AND status = 'sent'").bind(id).first<{ contact_id: number; sent_at: number }>();
    return d ? { campaignId: id, contactId: d.contact_id, sentAt: d.sent_at } : null;
  }, 20_000);
}

describe("outgoing webhooks", () => {
  it("a real send, a human open and a click POST one signed delivery each; machine events and a retried batch add nothing", async () => {
    const s = await seedAccount({ email: 100 });
    const path = `/wh/${uniq()}`;
    const created = await api("/webhooks", { key: s.users.admin.key, body: { url: `${env.TEST_WEBHOOK_URL}${path}`, events: ["sent", "opened", "clicked"], description: "CRM" } });
    expect(created.status).toBe(201);
    const hook = (await created.json()) as { id: string; secret: string; events: string[]; active: boolean };
    expect(hook.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(hook).toMatchObject({ events: ["sent", "opened", "clicked"], active: true });
    const stored = await env.DB.prepare("SELECT secret FROM webhooks WHERE id = ?").bind(hook.id).first<string>("secret");
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(hook.secret);
    const listed = (await (await api("/webhooks", { key: s.users.owner.key })).json()) as { webhooks: Record<string, unknown>[] };
    expect(listed.webhooks).toHaveLength(1);
    expect(listed.webhooks[0]).not.toHaveProperty("secret");

    const email = `ana@w${uniq()}.empresa.pe`;
    const sent = await sendCampaign(s, email);
    const base = { accountId: "", campaignId: sent.campaignId, contactId: sent.contactId, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36" };
    const open: TrackEvent = { ...base, id: `o-${uniq()}`, kind: "open", at: sent.sentAt + 600_000 };
    const click: TrackEvent = { ...base, id: `c-${uniq()}`, kind: "click", at: sent.sentAt + 700_000, url: "https://www.gob.pe/convocatoria" };
    const machine: TrackEvent = { ...base, id: `m-${uniq()}`, kind: "click", at: sent.sentAt + 1_000, url: "https://www.gob.pe/convocatoria", userAgent: "python-requests/2.31" };
    expect((await deliver([{ id: `q-${uniq()}`, events: [open, click, machine] }])).ackAll).toBe(true);
    // The same events again, as a retried batch and inside another message: nothing new.
    expect((await deliver([{ id: `q-${uniq()}`, events: [open, click] }], 2)).ackAll).toBe(true);

    const got = await until("three calls", async () => ((await calls(path)).length >= 3 ? calls(path) : null), 15_000);
    await sleep(800);
    expect(await calls(path)).toHaveLength(3);
    const rows = await rowsOf(hook.id);
    expect(rows.map((r) => [r.event, r.status, r.attempts, r.last_status])).toEqual(expect.arrayContaining([["sent", "delivered", 1, 200], ["opened", "delivered", 1, 200], ["clicked", "delivered", 1, 200]]));
    expect(rows).toHaveLength(3);
    const now = Math.floor(Date.now() / 1000);
    const byEvent = new Map<string, Record<string, unknown>>();
    for (const c of got) {
      expect(c.headers["content-type"]).toBe("application/json");
      expect(await verifyWebhook(hook.secret, c.body, c.headers["x-pregon-signature"]!, now)).toBe(true);
      expect(await verifyWebhook(hook.secret, `${c.body} `, c.headers["x-pregon-signature"]!, now)).toBe(false);
      const row = rows.find((r) => r.id === c.headers["x-pregon-delivery"])!;
      expect(row.event).toBe(c.headers["x-pregon-event"]);
      expect(c.body).toBe(row.payload);
      byEvent.set(row.event, JSON.parse(c.body) as Record<string, unknown>);
    }
    const data = { campaignId: sent.campaignId, contactId: sent.contactId, email, phone: null, status: null, detail: null, source: null };
    expect(byEvent.get("opened")).toEqual({ id: open.id, event: "opened", occurredAt: new Date(open.at).toISOString(), accountId: s.accountId, data: { ...data, url: null } });
    expect(byEvent.get("clicked")).toEqual({ id: click.id, event: "clicked", occurredAt: new Date(click.at).toISOString(), accountId: s.accountId, data: { ...data, url: "https://www.gob.pe/convocatoria" } });
    expect(byEvent.get("sent")).toMatchObject({ event: "sent", accountId: s.accountId, data: { ...data, url: null } });

    // The log, newest first, one per page.
    const page1 = (await (await api(`/webhooks/${hook.id}/deliveries?limit=2`, { key: s.users.owner.key })).json()) as { deliveries: { id: string; status: string }[]; nextCursor: string | null };
    expect(page1.deliveries).toHaveLength(2);
    const page2 = (await (await api(`/webhooks/${hook.id}/deliveries?limit=2&cursor=${page1.nextCursor}`, { key: s.users.owner.key })).json()) as typeof page1;
    expect(page2.nextCursor).toBeNull();
    expect([...page1.deliveries, ...page2.deliveries].map((d) => d.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("a 500 target is retried at 1 min, 5 min, 30 min, 2 h, 6 h, then failed and the webhook failing; a success clears it", async () => {
    const s = await sentCampaign(["rosa@empresa.pe"]);
    const failPath = `/fail-${uniq()}`;
    const hook = await addWebhook(s.accountId, failPath, ["opened"]);
    expect((await deliver([{ id: `q-${uniq()}`, events: [ev(s, 0, "open")] }])).ackAll).toBe(true);
    await deliverDue(env, s.accountId);
    const first = await until("first attempt", async () => ((await rowsOf(hook.id))[0]?.attempts === 1 ? (await rowsOf(hook.id))[0] : null));
    expect(first).toMatchObject({ status: "pending", last_status: 500, last_error: "HTTP 500" });
    const delays = [60, 300, 1800, 7200, 21600];
    let before = Date.now();
    expect(first.next_at! - before).toBeGreaterThan(55_000);
    expect(first.next_at! - before).toBeLessThanOrEqual(60_000);
    for (let n = 2; n <= 6; n++) {
      // Not yet due: nothing is tried.
      expect(await deliverDue(env, s.accountId)).toBe(0);
      await env.DB.prepare("UPDATE webhook_deliveries SET next_at = ? WHERE webhook_id = ?").bind(Date.now() - 1, hook.id).run();
      before = Date.now();
      expect(await deliverDue(env, s.accountId)).toBe(1);
      const row = (await rowsOf(hook.id))[0]!;
      expect(row.attempts).toBe(n);
      if (n < 6) {
        expect(row.status).toBe("pending");
        expect(row.next_at! - before).toBeGreaterThanOrEqual(delays[n - 1]! * 1000);
        expect(row.next_at! - Date.now()).toBeLessThanOrEqual(delays[n - 1]! * 1000);
        expect((await hookOf(hook.id))!.failing_since).toBeNull();
      } else {
        expect(row).toMatchObject({ status: "failed", next_at: null, last_status: 500 });
      }
    }
    expect(await calls(failPath)).toHaveLength(6);
    const failing = (await hookOf(hook.id))!;
    expect(failing.failing_since).toBeGreaterThan(0);
    expect(await deliverDue(env, s.accountId)).toBe(0);

    // The target is fixed: the next event is delivered and the failing mark cleared.
    const okPath = `/ok-${uniq()}`;
    await env.DB.prepare("UPDATE webhooks SET url = ? WHERE id = ?").bind(`${env.TEST_WEBHOOK_URL}${okPath}`, hook.id).run();
    await deliver([{ id: `q-${uniq()}`, events: [ev(s, 0, "open", { at: s.sentAt + 900_000 })] }]);
    await deliverDue(env, s.accountId);
    await until("delivered", async () => ((await rowsOf(hook.id)).some((r) => r.status === "delivered") ? true : null));
    expect(await hookOf(hook.id)).toEqual({ failing_since: null, last_status: 200 });
    expect(await calls(okPath)).toHaveLength(1);
  });

  it("a hanging target does not delay the events consumer, and times out as a failed attempt", async () => {
    const s = await sentCampaign(["lucia@empresa.pe"]);
    const slowPath = `/slow-${uniq()}`;
    const hook = await addWebhook(s.accountId, slowPath, ["opened", "unsubscribed"]);
    const t0 = Date.now();
    expect((await deliver([{ id: `q-${uniq()}`, events: [ev(s, 0, "open"), ev(s, 0, "unsubscribe", { detail: "all" })] }])).ackAll).toBe(true);
    expect(Date.now() - t0).toBeLessThan(2_000);
    const rows = await rowsOf(hook.id);
    expect(rows.map((r) => [r.event, r.status, r.attempts])).toEqual([["opened", "pending", 0], ["unsubscribed", "pending", 0]]);
    await deliverDue(env, s.accountId);
    const timedOut = await until("timed-out attempts", async () => {
      const r = await rowsOf(hook.id);
      return r.every((x) => x.attempts === 1) ? r : null;
    }, 20_000);
    for (const r of timedOut) {
      expect(r).toMatchObject({ status: "pending", last_status: null });
      expect(r.last_error).toMatch(/timeout|abort/i);
    }
  });

  it("the minute cron wakes an account whose due deliveries a lost Queue message left", async () => {
    const s = await sentCampaign(["irma@empresa.pe"]);
    const path = `/cron-${uniq()}`;
    const hook = await addWebhook(s.accountId, path, ["opened"]);
    // A row as the consumer leaves it, with no Queue message behind it.
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, webhook_id, account_id, event_id, event, payload, status, attempts, next_at, created_at) VALUES (?, ?, ?, 'e-lost', 'opened', '{"id":"e-lost"}', 'pending', 0, ?, ?)`,
    )
      .bind(`whd_${uniq()}`, hook.id, s.accountId, Date.now() - 1, Date.now() - 1)
      .run();
    await wakeDueWebhooks(env, Date.now());
    await until("delivered by the woken consumer", async () => ((await rowsOf(hook.id))[0]?.status === "delivered" ? true : null));
    expect((await calls(path)).map((c) => c.body)).toEqual(['{"id":"e-lost"}']);
  });

  it("an incoming SMS is delivered as sms_received, once even when the provider retries", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const path = `/mo-${uniq()}`;
    const hook = await addWebhook(s.accountId, path, ["sms_received"]);
    const from = mobile();
    const mo = { from, text: "Hola, consulta", ts: "1790000000" };
    expect((await kannelMo(conn, mo)).status).toBe(200);
    expect((await kannelMo(conn, mo)).status).toBe(200);
    const [call] = await until("sms_received call", async () => ((await calls(path)).length ? calls(path) : null));
    await sleep(500);
    expect(await calls(path)).toHaveLength(1);
    expect(await verifyWebhook(hook.secret, call!.body, call!.headers["x-pregon-signature"]!, Math.floor(Date.now() / 1000))).toBe(true);
    const body = JSON.parse(call!.body) as { event: string; data: Record<string, unknown> };
    expect(call!.headers["x-pregon-event"]).toBe("sms_received");
    expect(body).toMatchObject({ event: "sms_received", accountId: s.accountId, data: { text: "Hola, consulta", contactId: null } });
    expect(String(body.data.from)).toContain(from.slice(-9));
  });

  it("test calls answer what the target said; bad input is a 400 naming the field; other accounts get 404", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const url = `${env.TEST_WEBHOOK_URL}/ping-${uniq()}`;
    for (const [body, field] of [
      [{ url: "ftp://hooks.example.pe/x", events: ["opened"] }, "url"],
      [{ url: "no es url", events: ["opened"] }, "url"],
      [{ url, events: ["abierto"] }, "events"],
      [{ url, events: [] }, "events"],
      [{ url }, "events"],
    ] as const) {
      const res = await api("/webhooks", { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    const hook = (await (await api("/webhooks", { key, body: { url, events: ["bounced"] } })).json()) as { id: string; secret: string };
    const ping = await api(`/webhooks/${hook.id}/test`, { method: "POST", key });
    expect(await ping.json()).toMatchObject({ ok: true, status: 200, error: null, body: "ok" });
    const patched = await api(`/webhooks/${hook.id}`, { method: "PATCH", key, body: { url: `${env.TEST_WEBHOOK_URL}/fail-${uniq()}`, active: false } });
    expect(await patched.json()).toMatchObject({ active: false, events: ["bounced"] });
    expect(await (await api(`/webhooks/${hook.id}/test`, { method: "POST", key })).json()).toMatchObject({ ok: false, status: 500, error: "HTTP 500", body: "no" });
    expect((await errorOf(await api(`/webhooks/${hook.id}`, { method: "PATCH", key, body: { events: ["x"] } }))).field).toBe("events");
    const log = (await (await api(`/webhooks/${hook.id}/deliveries`, { key })).json()) as { deliveries: { event: string; status: string; lastStatus: number }[] };
    expect(log.deliveries.map((d) => [d.event, d.status, d.lastStatus])).toEqual([["ping", "failed", 500], ["ping", "delivered", 200]]);

    const other = await seedAccount();
    expect((await api(`/webhooks/${hook.id}/deliveries`, { key: other.users.owner.key })).status).toBe(404);
    expect((await api(`/webhooks/${hook.id}`, { method: "DELETE", key: other.users.owner.key })).status).toBe(404);
    expect((await api(`/webhooks/${hook.id}`, { method: "DELETE", key })).status).toBe(200);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ?").bind(hook.id).first("n")).toBe(0);
  });
});

describe("server-side request forgery", () => {
  it("never takes a link-local target (cloud metadata), and refuses loopback where private targets are not allowed", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const meta = await api("/webhooks", { key, body: { url: "http://169.254.169.254/latest/meta-data", events: ["opened"] } });
    expect(meta.status).toBe(400);
    expect(await errorOf(meta)).toMatchObject({ code: "forbidden_target", field: "url" });
    const keyword = await api("/sms/keywords", { key, body: { keyword: "META", actions: { webhookUrl: "http://[fe80::1]/x" } } });
    expect(await errorOf(keyword)).toMatchObject({ code: "forbidden_target", field: "actions.webhookUrl" });
    const conn = await api("/sms/connections", { key, body: { name: "Interno", kind: "kannel", baseUrl: "http://169.254.0.10:13013", sender: "PREGON" } });
    expect(await errorOf(conn)).toMatchObject({ code: "forbidden_target", field: "baseUrl" });
    const auto = await api("/automations", { key, body: { name: "X", trigger: { type: "event", name: "x" }, steps: [{ id: "w", type: "webhook", url: "http://169.254.169.254/" }] } });
    expect(await errorOf(auto)).toMatchObject({ code: "forbidden_target", field: "steps.0.url" });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM webhooks WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
    // In a deployment (ALLOW_PRIVATE_TARGETS unset) a loopback target saved earlier is not called either.
    const { callProblem } = await import("../../workers/net/targets");
    expect(callProblem({}, `${env.TEST_WEBHOOK_URL}/x`)).toMatch(/loopback or private/);
    expect(callProblem({ ALLOW_PRIVATE_TARGETS: "true" }, `${env.TEST_WEBHOOK_URL}/x`)).toBeNull();
  });
});
