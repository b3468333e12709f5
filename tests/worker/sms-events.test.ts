/**
 * SMS events through the real events consumer: buckets per operator, the campaign's
 * live counters, a duplicate counted once, first clicks without a deliveries row; receipts that
 * emit exactly one final event per campaign message even when repeated; replies linked to the
 * campaign at receive time; the per-operator and recipients routes and the monthly report with
 * an SMS campaign.
 * SMS campaigns are written straight into D1 (campaign, contacts, accepted `sms_messages` rows).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import type { TrackEvent } from "../../shared/events/types";
import { api, ledgerStub, seedAccount, type Seeded } from "./helpers";
import { liveStub } from "./live-helpers";
import { addConnection, kannelMo, mobile } from "./sms-inbound-helpers";
import { connection, deliver as deliverSms, hook, route } from "./sms-send-helpers";
import { deliver, until } from "./tracking-helpers";

type Msg = { id: string; contactId: number; to: string; operator: string };
type SmsCampaign = { s: Seeded; campaignId: string; messages: Msg[]; sentAt: number };

const A = "https://muni.gob.pe/tramite";

/** An SMS campaign of the account `s` with one accepted message per operator in `ops`, sent a minute ago (created `age` ms ago). */
async function smsCampaign(ops: string[], s?: Seeded, age = 60_000): Promise<SmsCampaign> {
  s ??= await seedAccount();
  const campaignId = `cmp_${randomToken(8)}`;
  const now = Date.now();
  const sentAt = now - 60_000;
  await env.DB.prepare(
    `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, channel, created_by, created_at, updated_at)
     VALUES (?, ?, 'Aviso SMS', 'sent', '', '', '', '', 'Su trámite está listo', '{"listIds":[],"segmentIds":[]}', 'sms', ?, ?, ?)`,
  )
    .bind(campaignId, s.accountId, s.users.owner.id, now, now)
    .run();
  const messages: Msg[] = [];
  for (const operator of ops) {
    const to = mobile();
    const contactId = (await env.DB.prepare("INSERT INTO contacts (account_id, phone, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id").bind(s.accountId, to, now, now).first<number>("id"))!;
    const id = `sms_${randomToken(10)}`;
    await env.DB.prepare(
      `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, sender, text, encoding, segments, status, operator, attempts, created_at, sent_at)
       VALUES (?, ?, ?, ?, ?, 'PREGON', 'Su tramite esta listo', 'GSM-7', 1, 'accepted', ?, 1, ?, ?)`,
    )
      .bind(id, s.accountId, campaignId, contactId, to, operator, now - age, sentAt)
      .run();
    messages.push({ id, contactId, to, operator });
  }
  return { s, campaignId, messages, sentAt };
}

function ev(c: SmsCampaign, m: Msg, kind: TrackEvent["kind"], more: Partial<TrackEvent> = {}): TrackEvent {
  return { id: crypto.randomUUID(), kind, accountId: "", campaignId: c.campaignId, contactId: m.contactId, at: c.sentAt + 60_000, userAgent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36", ...more };
}
const sent = (c: SmsCampaign, m: Msg) => ev(c, m, "sms_sent", { id: `sms_sent:${m.id}`, at: c.sentAt, status: m.operator, detail: "1" });

const buckets = (campaignId: string, dim: string) =>
  env.DB.prepare("SELECT kind, machine, value, sum(n) AS n, sum(u) AS u FROM event_buckets WHERE campaign_id = ? AND dim = ? GROUP BY kind, machine, value ORDER BY kind, machine, value")
    .bind(campaignId, dim)
    .all()
    .then((r) => r.results);
const smsEvents = (campaignId: string) =>
  env.DB.prepare("SELECT id, kind, contact_id, status, detail, first FROM events WHERE campaign_id = ? AND kind != 'click' ORDER BY id").bind(campaignId).all().then((r) => r.results);

describe("SMS events in the events consumer", () => {
  it("buckets per operator, counts live, takes first clicks from events, and counts a duplicate once", async () => {
    const c = await smsCampaign(["claro", "claro", "movistar"]);
    const [m0, m1, m2] = c.messages as [Msg, Msg, Msg];
    const batch = [
      sent(c, m0),
      sent(c, m1),
      sent(c, m2),
      ev(c, m0, "sms_delivered", { id: `sms_done:${m0.id}`, status: "delivered", detail: "claro" }),
      ev(c, m2, "sms_failed", { id: `sms_done:${m2.id}`, status: "expired", detail: "movistar" }),
      ev(c, m0, "click", { url: A, at: c.sentAt + 60_000 }),
      ev(c, m1, "click", { url: A, at: c.sentAt + 3_000 }), // within 10 s of sending: a scanner
    ];
    expect((await deliver([{ id: `q-${randomToken(6)}`, events: batch }])).ackAll).toBe(true);
    // A second click later, the same sent event again in another message, the same batch again.
    const again = [ev(c, m0, "click", { url: A, at: c.sentAt + 120_000 }), sent(c, m0)];
    expect((await deliver([{ id: `q-${randomToken(6)}`, events: again }])).ackAll).toBe(true);
    expect((await deliver([{ id: `q-${randomToken(6)}`, events: batch.slice(0, 5) }])).ackAll).toBe(true);

    expect(await buckets(c.campaignId, "operator")).toEqual([
      { kind: "sms_delivered", machine: 0, value: "claro", n: 1, u: 1 },
      { kind: "sms_failed", machine: 0, value: "movistar", n: 1, u: 1 },
      { kind: "sms_sent", machine: 0, value: "claro", n: 2, u: 2 },
      { kind: "sms_sent", machine: 0, value: "movistar", n: 1, u: 1 },
    ]);
    expect(await buckets(c.campaignId, "link")).toEqual([
      { kind: "click", machine: 0, value: A, n: 2, u: 1 },
      { kind: "click", machine: 1, value: A, n: 1, u: 0 },
    ]);
    expect(await buckets(c.campaignId, "provider")).toEqual([]);
    const counters = (await liveStub(c.campaignId).snapshot()).counters;
    expect(counters).toMatchObject({ sent: 3, delivered: 1, failed: 1, replies: 0, clicked: 2, clickedUnique: 1, machineClicks: 1, opened: 0, links: { [A]: 2 } });

    const res = await api(`/campaigns/${c.campaignId}/sms-operators`, { key: c.s.users.viewer.key });
    expect([res.status, await res.json()]).toEqual([
      200,
      {
        operators: [
          { operator: "claro", sent: 2, delivered: 1, failed: 0, pending: 1 },
          { operator: "movistar", sent: 1, delivered: 0, failed: 1, pending: 0 },
        ],
      },
    ]);
    const other = await seedAccount();
    expect((await api(`/campaigns/${c.campaignId}/sms-operators`, { key: other.users.owner.key })).status).toBe(404);
  });

  it("lists an SMS campaign's recipients from its messages with their clicks, keyset paged", async () => {
    const c = await smsCampaign(["claro", "movistar", "entel"]);
    const [m0, m1, m2] = c.messages as [Msg, Msg, Msg];
    const events = [ev(c, m0, "click", { url: A, at: c.sentAt + 60_000 }), ev(c, m0, "click", { url: A, at: c.sentAt + 90_000 }), ev(c, m1, "click", { url: A, at: c.sentAt + 2_000 })];
    expect((await deliver([{ id: `q-${randomToken(6)}`, events }])).ackAll).toBe(true);
    const page = async (q: string) => {
      const res = await api(`/campaigns/${c.campaignId}/sms-recipients${q}`, { key: c.s.users.viewer.key });
      return [res.status, await res.json()] as [number, { recipients: Record<string, unknown>[]; nextCursor: string | null; error?: { field: string } }];
    };
    const [status, first] = await page("?limit=2");
    expect(status).toBe(200);
    expect(first.recipients).toEqual([
      {
        messageId: m0.id,
        contactId: m0.contactId,
        name: null, // the contact has no name
        number: m0.to,
        status: "accepted",
        operator: "claro",
        segments: 1,
        sentAt: new Date(c.sentAt).toISOString(),
        doneAt: null,
        error: null,
        firstClickAt: new Date(c.sentAt + 60_000).toISOString(),
        clicks: 2,
        machineClicks: 0,
        replies: 0,
      },
      expect.objectContaining({ messageId: m1.id, clicks: 0, machineClicks: 1, firstClickAt: null }),
    ]);
    expect(first.nextCursor).toBe(String(m1.contactId));
    const [, second] = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect([second.recipients.map((r) => [r.messageId, r.clicks]), second.nextCursor]).toEqual([[[m2.id, 0]], null]);
    const [bad, body] = await page("?limit=0");
    expect([bad, body.error?.field]).toEqual([400, "limit"]);
  });

  it("puts the SMS campaign in the monthly report with its own figures, email totals untouched", async () => {
    const c = await smsCampaign(["entel", "bitel"]);
    const [m0, m1] = c.messages as [Msg, Msg];
    const at = Date.now();
    const events = [
      { ...sent(c, m0), at },
      { ...sent(c, m1), at },
      ev(c, m0, "sms_delivered", { id: `sms_done:${m0.id}`, status: "delivered", detail: "entel", at }),
      ev(c, m1, "sms_failed", { id: `sms_done:${m1.id}`, status: "rejected", detail: "bitel", at }),
      ev(c, m0, "click", { url: A, at: at + 1 }),
      ev(c, m0, "sms_reply", { id: `sms_reply:mo_${randomToken(6)}`, at: at + 2 }),
    ];
    expect((await deliver([{ id: `q-${randomToken(6)}`, events }])).ackAll).toBe(true);
    // The campaign's credit, from the ledger's entries of its group reservation: 3 committed, 1 refunded.
    const ledger = ledgerStub(c.s.accountId);
    const reservationId = `campaign:${c.campaignId}:sms:${m0.contactId}:2`;
    expect((await ledger.reserve({ accountId: c.s.accountId, key: reservationId, holder: "main", channel: "sms", amount: 4 })).ok).toBe(true);
    expect((await ledger.commit({ accountId: c.s.accountId, key: `${reservationId}:c`, reservationId, amount: 3 })).ok).toBe(true);
    expect((await ledger.refund({ accountId: c.s.accountId, key: `${reservationId}:r`, reservationId, amount: 1 })).ok).toBe(true);
    const res = await api("/reports/monthly", { key: c.s.users.owner.key });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { campaigns: Record<string, unknown>[]; totals: { sent: number }; smsTotals: unknown; smsOperators: unknown };
    expect(r.campaigns).toHaveLength(1);
    expect(r.campaigns[0]).toMatchObject({
      campaignId: c.campaignId,
      channel: "sms",
      sent: 2,
      delivered: 1,
      opens: 0,
      clicks: 1,
      uniqueClicks: 1,
      openRate: null,
      deliveredRate: 0.5,
      sms: { sent: 2, delivered: 1, failed: 1, pending: 0, clicks: 1, uniqueClicks: 1, machineClicks: 0, replies: 1, credits: 2 },
    });
    expect(r.totals.sent).toBe(0);
    expect(r.smsTotals).toEqual({ sent: 2, delivered: 1, failed: 1, pending: 0, clicks: 1, uniqueClicks: 1, machineClicks: 0, replies: 1, credits: 2 });
    expect(r.smsOperators).toEqual([
      { operator: "entel", sent: 1, delivered: 1, failed: 0, pending: 0 },
      { operator: "bitel", sent: 1, delivered: 0, failed: 1, pending: 0 },
    ]);
    // The CSV has the SMS sections with the same figures.
    const csv = await (await api("/reports/monthly?format=csv", { key: c.s.users.owner.key })).text();
    expect(csv).toContain(`\r\nCampañas SMS\r\n`);
    expect(csv).toContain(`\r\nAviso SMS,${c.campaignId},`);
    expect(csv).toContain(",2,1,50,1,0,1,1,1,2\r\nTotal,,,2,1,50,1,0,1,1,1,2\r\n");
    expect(csv).toContain("\r\nSMS por operador\r\nOperador,Enviados,Entregados,Entregados (%),Fallidos,Pendientes\r\nEntel,1,1,100,0,0\r\nBitel,1,0,0,1,0\r\n");
  });
});

describe("final receipts and replies emit SMS events", () => {
  const dlr = (conn: { id: string; secret: string }, id: string, type: 1 | 2) =>
    hook(`http://127.0.0.1/hooks/sms/${conn.id}/dlr?s=${encodeURIComponent(conn.secret)}&msg=${id}&part=1&type=${type}&reply=&fid=&ts=`).then(async (r) => [r.status, await r.json()]);

  it("emits one final event per message, whatever receipts repeat", async () => {
    const c = await smsCampaign(["claro", "movistar"]);
    const [m0, m1] = c.messages as [Msg, Msg];
    const conn = await addConnection(c.s.accountId);
    expect(await dlr(conn, m0.id, 1)).toEqual([200, { ok: true, result: "queued" }]);
    expect(await dlr(conn, m0.id, 1)).toEqual([200, { ok: true, result: "queued" }]);
    expect(await dlr(conn, m1.id, 2)).toEqual([200, { ok: true, result: "queued" }]);
    expect(await dlr(conn, m1.id, 1)).toEqual([200, { ok: true, result: "queued" }]);
    const rows = await until("both final events", async () => {
      const r = await smsEvents(c.campaignId);
      return r.length >= 2 ? r : null;
    });
    expect(rows).toEqual(
      [
        { id: `sms_done:${m0.id}`, kind: "sms_delivered", contact_id: m0.contactId, status: "delivered", detail: "claro", first: 1 },
        { id: `sms_done:${m1.id}`, kind: "sms_failed", contact_id: m1.contactId, status: "failed", detail: "movistar", first: 1 },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const counters = await until("live counters", async () => {
      const k = (await liveStub(c.campaignId).snapshot()).counters;
      return k.delivered + k.failed >= 2 ? k : null;
    });
    expect([counters.delivered, counters.failed, counters.sent]).toEqual([1, 1, 0]);
    expect(await buckets(c.campaignId, "operator")).toEqual([
      { kind: "sms_delivered", machine: 0, value: "claro", n: 1, u: 1 },
      { kind: "sms_failed", machine: 0, value: "movistar", n: 1, u: 1 },
    ]);
  });

  it("emits the final event of a message whose receipt outran the provider's answer, once the settle catches up", async () => {
    const c = await smsCampaign(["claro"]);
    const [m] = c.messages as [Msg];
    await env.DB.prepare("UPDATE sms_messages SET status = 'queued', operator = NULL, sent_at = NULL, attempts = 0 WHERE id = ?").bind(m.id).run();
    const conn = await connection(c.s, { baseUrl: route("race").url });
    const early = `${conn.callbackUrls.dlr}&msg=${m.id}&part=1&type=1&reply=&fid=9&ts=1795000000`;
    expect(await (await hook(early)).json()).toEqual({ ok: true, result: "queued" });
    await until("the early receipt written", async () => (await env.DB.prepare("SELECT status FROM sms_parts WHERE message_id = ? AND part = 1").bind(m.id).first<string>("status")) ?? undefined);
    await deliverSms([m.id], 1);
    expect(await env.DB.prepare("SELECT status FROM sms_messages WHERE id = ?").bind(m.id).first<string>("status")).toBe("delivered");
    const rows = await until("the final event", async () => {
      const r = await smsEvents(c.campaignId);
      return r.some((e) => e.kind === "sms_delivered") ? r : null;
    });
    expect(rows.filter((e) => e.kind === "sms_delivered")).toEqual([{ id: `sms_done:${m.id}`, kind: "sms_delivered", contact_id: m.contactId, status: "delivered", detail: "unknown", first: 1 }]);
  });

  it("links a reply to the latest campaign SMS to that number within 7 days, once per stored message", async () => {
    const s = await seedAccount();
    const old = await smsCampaign(["claro"], s, 8 * 24 * 3_600_000);
    const c = await smsCampaign(["entel"], s);
    const conn = await addConnection(s.accountId);
    const [m] = c.messages as [Msg];
    const ts = "2026-11-29 15:04:05";
    expect((await kannelMo(conn, { from: old.messages[0]!.to, text: "Hola", ts: "2026-11-29 15:00:00" })).status).toBe(200);
    expect((await kannelMo(conn, { from: m.to, text: "Gracias", ts })).status).toBe(200);
    expect((await kannelMo(conn, { from: m.to, text: "Gracias", ts })).status).toBe(200); // the provider's retry
    const rows = await until("the reply event", async () => {
      const r = await smsEvents(c.campaignId);
      return r.length > 0 ? r : null;
    });
    expect(rows).toEqual([{ id: expect.stringMatching(/^sms_reply:mo_/), kind: "sms_reply", contact_id: m.contactId, status: null, detail: null, first: 1 }]);
    const counters = await until("live replies", async () => {
      const k = (await liveStub(c.campaignId).snapshot()).counters;
      return k.replies > 0 ? k : null;
    });
    expect(counters.replies).toBe(1);
    expect(await smsEvents(old.campaignId)).toEqual([]);
    expect(await smsEvents(c.campaignId)).toHaveLength(1);
  });
});
