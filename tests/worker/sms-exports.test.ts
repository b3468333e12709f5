/**
 * An SMS campaign's CSV exports (S3) through the Worker's own fetch and the real events
 * consumer: the recipients CSV (one row per `sms_messages` row) and the events CSV (its SMS
 * events), as downloads and as exports produced by the imports Queue into R2, cell by cell,
 * with a formula neutralised; the SMS filters and the 400s for email-only filters. The campaign
 * is written straight into D1 with messages in every interesting state.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import { CsvParser } from "../../shared/import/csv-parser";
import type { TrackEvent } from "../../shared/events/types";
import { api, errorOf, seedAccount, type Seeded } from "./helpers";
import { createExport, download, settled } from "./export-helpers";
import { deliver } from "./tracking-helpers";

// Friday 20 November 2026, 14:15:03 UTC = 09:15:03 in Lima.
const T = Date.UTC(2026, 10, 20, 14, 15, 3);
const lima = (ms: number) => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const FORMULA = '=HYPERLINK("http://malo.pe","clic")';
const URL_A = "https://muni.gob.pe/tramite";
const UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36";

type Msg = { id: string; contactId: number; to: string };
let s: Seeded;
let key: string;
let campaignId: string;
let m: Msg[];
let replyId: string;

/** One message per row: [first name, last name, status, operator, segments, error, sent at, done at]. */
const ROWS: [string | null, string | null, string, string | null, number, string | null, number | null, number | null][] = [
  ["Ana", "Quispe", "delivered", "claro", 1, null, T, T + 6_000],
  [FORMULA, null, "failed", "movistar", 2, null, T, T + 9_000],
  [null, null, "failed", null, 1, "Único: 500: boom (after 2 attempts)", null, T + 30_000],
  ["Beto", "Rojas", "accepted", "entel", 3, null, T + 1_000, null],
];

async function parseCsv(res: Response): Promise<string[][]> {
  expect(res.status, await res.clone().text()).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const p = new CsvParser(",");
  return [...p.push(new TextDecoder().decode(bytes)), ...p.end()].map((r) => r.fields);
}

function ev(i: number, kind: TrackEvent["kind"], more: Partial<TrackEvent>): TrackEvent {
  return { id: crypto.randomUUID(), kind, accountId: "", campaignId, contactId: m[i]!.contactId, at: T, userAgent: UA, ...more };
}

beforeAll(async () => {
  s = await seedAccount();
  key = s.users.viewer.key;
  campaignId = `cmp_${randomToken(8)}`;
  await env.DB.prepare(
    `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, channel, created_by, created_at, updated_at)
     VALUES (?, ?, 'Aviso de trámite', 'sent', '', '', '', '', 'Su trámite está listo', '{"listIds":[],"segmentIds":[]}', 'sms', ?, ?, ?)`,
  )
    .bind(campaignId, s.accountId, s.users.owner.id, T, T)
    .run();
  m = [];
  for (const [i, [first, last, status, operator, segments, error, sentAt, doneAt]] of ROWS.entries()) {
    const to = `+5198765${i}${String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1000).padStart(3, "0")}`;
    const contactId = (await env.DB.prepare("INSERT INTO contacts (account_id, phone, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
      .bind(s.accountId, to, first, last, T, T)
      .first<number>("id"))!;
    const id = `smsc_${campaignId}_${contactId}`;
    await env.DB.prepare(
      `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, sender, text, encoding, segments, status, operator, attempts, error, created_at, sent_at, done_at)
       VALUES (?, ?, ?, ?, ?, 'PREGON', 'Su tramite esta listo', 'GSM-7', ?, ?, ?, 1, ?, ?, ?, ?)`,
    )
      .bind(id, s.accountId, campaignId, contactId, to, segments, status, operator, error, T - 5_000, sentAt, doneAt)
      .run();
    m.push({ id, contactId, to });
  }
  replyId = `mo_${randomToken(8)}`;
  await env.DB.prepare("INSERT INTO sms_inbound (id, account_id, connection_id, from_number, to_number, text, contact_id, read, received_at) VALUES (?, ?, 'local', ?, 'PREGON', ?, ?, 0, ?)")
    .bind(replyId, s.accountId, m[0]!.to, "=1+1 gracias", m[0]!.contactId, T + 120_000)
    .run();
  const events = [
    ev(0, "sms_sent", { id: `sms_sent:${m[0]!.id}`, status: "claro", detail: "1", userAgent: undefined }),
    ev(1, "sms_sent", { id: `sms_sent:${m[1]!.id}`, status: "movistar", detail: "2", userAgent: undefined }),
    ev(3, "sms_sent", { id: `sms_sent:${m[3]!.id}`, at: T + 1_000, status: "entel", detail: "3", userAgent: undefined }),
    ev(0, "sms_delivered", { id: `sms_done:${m[0]!.id}`, at: T + 6_000, status: "delivered", detail: "claro", userAgent: undefined }),
    ev(1, "sms_failed", { id: `sms_done:${m[1]!.id}`, at: T + 9_000, status: "expired", detail: "movistar", userAgent: undefined }),
    ev(0, "click", { url: URL_A, at: T + 3_000 }), // within 10 s of sending: a link scanner
    ev(0, "click", { url: URL_A, at: T + 60_000 }),
    ev(0, "click", { url: URL_A, at: T + 90_000 }),
    ev(0, "sms_reply", { id: `sms_reply:${replyId}`, at: T + 120_000, userAgent: undefined }),
  ];
  expect((await deliver([{ id: `q-${randomToken(6)}`, events }])).ackAll).toBe(true);
});

const RECIPIENT_HEAD_ES = ["ID de contacto", "Número", "Nombre", "Operador", "Segmentos", "Estado", "Error", "Enviado (hora de Lima)", "Estado final (hora de Lima)", "Primer clic (hora de Lima)", "Clics", "Clics de máquinas", "Respuestas"];

describe("recipients.csv of an SMS campaign", () => {
  it("has one row per message: number, operator, segments, Spanish status, error, Lima times, clicks, replies; a formula neutralised", async () => {
    const res = await api(`/campaigns/${campaignId}/recipients.csv`, { key });
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="destinatarios-aviso-de-tramite.csv"');
    const rows = await parseCsv(res);
    expect(rows).toEqual([
      RECIPIENT_HEAD_ES,
      [String(m[0]!.contactId), `'${m[0]!.to}`, "Ana Quispe", "Claro", "1", "Entregado", "", lima(T), lima(T + 6_000), lima(T + 60_000), "2", "1", "1"],
      [String(m[1]!.contactId), `'${m[1]!.to}`, `'${FORMULA}`, "Movistar", "2", "Fallido", "", lima(T), lima(T + 9_000), "", "0", "0", "0"],
      [String(m[2]!.contactId), `'${m[2]!.to}`, "", "", "1", "Fallido", "Único: 500: boom (after 2 attempts)", "", lima(T + 30_000), "", "0", "0", "0"],
      [String(m[3]!.contactId), `'${m[3]!.to}`, "Beto Rojas", "Entel", "3", "Aceptado", "", lima(T + 1_000), "", "", "0", "0", "0"],
    ]);
  });

  it("takes the SMS filters (clicked) and a number prefix, in English on request", async () => {
    const clicked = await parseCsv(await api(`/campaigns/${campaignId}/recipients.csv?filter=clicked&lang=en`, { key }));
    expect(clicked[0]!.slice(0, 6)).toEqual(["Contact ID", "Number", "Name", "Operator", "Segments", "Status"]);
    expect(clicked.slice(1).map((r) => [r[0], r[5]])).toEqual([[String(m[0]!.contactId), "Delivered"]]);
    const searched = await parseCsv(await api(`/campaigns/${campaignId}/recipients.csv?q=${encodeURIComponent(m[2]!.to.slice(3, 9))}`, { key }));
    expect(searched.slice(1).map((r) => r[0])).toEqual([String(m[2]!.contactId)]);
  });

  it("refuses an email-only filter with 400 naming `filter`", async () => {
    const res = await api(`/campaigns/${campaignId}/recipients.csv?filter=opened`, { key });
    expect([res.status, await errorOf(res)]).toEqual([400, { code: "invalid_field", field: "filter", message: "filter: an SMS campaign's recipients take all, clicked" }]);
  });

  it("GET /sms-recipients reads the same rows, with replies", async () => {
    const page = (await (await api(`/campaigns/${campaignId}/sms-recipients`, { key })).json()) as { recipients: { contactId: number; clicks: number; machineClicks: number; replies: number }[] };
    expect(page.recipients.map((r) => [r.contactId, r.clicks, r.machineClicks, r.replies])).toEqual([
      [m[0]!.contactId, 2, 1, 1],
      [m[1]!.contactId, 0, 0, 0],
      [m[2]!.contactId, 0, 0, 0],
      [m[3]!.contactId, 0, 0, 0],
    ]);
  });
});

describe("events.csv of an SMS campaign", () => {
  it("lists its SMS events by recipient then time: operator, final status, segments, link, machine rule, reply text", async () => {
    const rows = await parseCsv(await api(`/campaigns/${campaignId}/events.csv`, { key }));
    const c = (i: number) => String(m[i]!.contactId);
    const n = (i: number) => `'${m[i]!.to}`;
    const at = (ms: number) => [lima(ms), new Date(ms).toISOString()];
    expect(rows).toEqual([
      ["Fecha y hora (Lima)", "Fecha y hora (UTC, ISO 8601)", "ID de contacto", "Número", "Operador", "Evento", "Estado final", "Segmentos", "Enlace", "Regla de máquina (vacío: persona)", "Dispositivo", "Texto de la respuesta"],
      [...at(T), c(0), n(0), "Claro", "Envío", "", "1", "", "", "", ""],
      [...at(T + 3_000), c(0), n(0), "Claro", "Clic", "", "", URL_A, "scanner_fast_click", "Celular", ""],
      [...at(T + 6_000), c(0), n(0), "Claro", "Entregado", "Entregado", "", "", "", "", ""],
      [...at(T + 60_000), c(0), n(0), "Claro", "Clic", "", "", URL_A, "", "Celular", ""],
      [...at(T + 90_000), c(0), n(0), "Claro", "Clic", "", "", URL_A, "", "Celular", ""],
      [...at(T + 120_000), c(0), n(0), "Claro", "Respuesta", "", "", "", "", "", "'=1+1 gracias"],
      [...at(T), c(1), n(1), "Movistar", "Envío", "", "2", "", "", "", ""],
      [...at(T + 9_000), c(1), n(1), "Movistar", "No entregado", "Vencido", "", "", "", "", ""],
      [...at(T + 1_000), c(3), n(3), "Entel", "Envío", "", "3", "", "", "", ""],
    ]);
  });
});

describe("POST /exports of an SMS campaign", () => {
  it("produces the same recipients and events files as the downloads, and one kind of event on request", async () => {
    const owner = s.users.owner.key;
    const recipients = await settled(owner, await createExport(owner, { kind: "campaign-recipients", format: "csv", params: { campaignId } }));
    expect([recipients.status, recipients.rows]).toEqual(["ready", 4]);
    expect(await parseCsv(await download(recipients.url!))).toEqual(await parseCsv(await api(`/campaigns/${campaignId}/recipients.csv`, { key })));
    const events = await settled(owner, await createExport(owner, { kind: "campaign-events", format: "csv", params: { campaignId, lang: "en" } }));
    expect([events.status, events.rows]).toEqual(["ready", 9]);
    expect(await parseCsv(await download(events.url!))).toEqual(await parseCsv(await api(`/campaigns/${campaignId}/events.csv?lang=en`, { key })));
    const failed = await settled(owner, await createExport(owner, { kind: "campaign-events", format: "csv", params: { campaignId, filter: "sms_failed" } }));
    const rows = await parseCsv(await download(failed.url!));
    expect(rows.slice(1).map((r) => [r[2], r[5], r[6]])).toEqual([[String(m[1]!.contactId), "No entregado", "Vencido"]]);
    const clicked = await settled(owner, await createExport(owner, { kind: "campaign-recipients", format: "csv", params: { campaignId, filter: "clicked" } }));
    expect(clicked.rows).toBe(1);
  });

  it("refuses filters the campaign's channel does not have, naming params.filter", async () => {
    const owner = s.users.owner.key;
    const ask = async (params: Record<string, string>, kind = "campaign-events") => {
      const res = await api("/exports", { key: owner, body: { kind, format: "csv", params } });
      return [res.status, await errorOf(res)];
    };
    expect(await ask({ campaignId, filter: "open" })).toEqual([400, { code: "invalid_field", field: "params.filter", message: "params.filter: an SMS campaign's events are sms_sent, sms_delivered, sms_failed, click, sms_reply" }]);
    expect(await ask({ campaignId, filter: "bounced" }, "campaign-recipients")).toEqual([400, { code: "invalid_field", field: "params.filter", message: "params.filter: an SMS campaign's recipients take all, clicked" }]);
    const emailId = `cmp_${randomToken(8)}`;
    await env.DB.prepare(
      `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, created_by, created_at, updated_at)
       VALUES (?, ?, 'Correo', 'sent', 'Hola', 'Muni', 'muni@empresa.pe', '<p>Hola</p>', 'Hola', '{"listIds":[],"segmentIds":[]}', ?, ?, ?)`,
    )
      .bind(emailId, s.accountId, s.users.owner.id, T, T)
      .run();
    expect(await ask({ campaignId: emailId, filter: "sms_reply" })).toEqual([
      400,
      { code: "invalid_field", field: "params.filter", message: "params.filter: an email campaign's events are sent, rejected, open, click, view, unsubscribe, bounce_hard, bounce_soft, complaint" },
    ]);
  });
});
