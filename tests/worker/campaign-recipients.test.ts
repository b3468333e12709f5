// Per-recipient detail of a campaign through the Worker's own fetch: a fixture campaign whose
// events went through the real events consumer (and bounces and the complaint through the real
// bounce code), so every row, count and CSV cell asserted is known by construction; paging
// across pages without loss or duplicates; the timeline; both CSV downloads parsed; bad input.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import { CsvParser } from "../../shared/import/csv-parser";
import { applyFeedback } from "../../workers/bounces/apply";
import { NO_CLUES, type Feedback } from "../../shared/bounces/types";
import { api, errorOf } from "./helpers";
import { deliver, ev, sentCampaign, type Sent } from "./tracking-helpers";

const MIN = 60_000;
// Monday 1 June 2026, 14:01 UTC = 09:01 in Lima.
const S = Date.UTC(2026, 5, 1, 14, 1);
const lima = (ms: number) => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
const iso = (ms: number) => new Date(ms).toISOString();
const APPLE_MPP = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const YAHOO_PROXY = "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html";
const EMAILS = ["ana@gmail.com", "beto@empresa.pe", "carla@icloud.com", "dora@empresa.pe", "eva@empresa.pe", "fito@empresa.pe", "gina@empresa.pe", "hugo@empresa.pe"];
const FORMULA = '=HYPERLINK("http://malo.pe","clic")';

/** An owner API key for an account seeded without users. */
async function ownerKey(accountId: string): Promise<string> {
  const key = `pk_${randomToken(24)}`;
  const userId = `usr_${randomToken(8)}`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO users (id, account_id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'O', 'owner', 'x', 0, 0)").bind(userId, accountId, `o${randomToken(4).toLowerCase()}@example.org`),
    env.DB.prepare("INSERT INTO api_keys (id, account_id, name, prefix, key_hash, role, created_by, created_at) VALUES (?, ?, 'k', ?, ?, 'owner', ?, 0)").bind(`key_${randomToken(8)}`, accountId, key.slice(0, 10), await sha256Hex(key), userId),
  ]);
  return key;
}

/** A bounce or complaint applied by the real bounce code; its event is handed to the consumer at `at`. */
async function feedback(s: Sent, i: number, f: Pick<Feedback, "kind" | "status" | "detail">, at: number) {
  const c = s.contacts[i]!;
  const event = await applyFeedback(env.DB, { accountId: s.accountId, campaignId: s.campaignId, contactId: c.id, email: c.email }, { ...f, email: c.email, source: "dsn", clues: NO_CLUES }, Date.now());
  return { ...event, at };
}

type Recipient = {
  contactId: number;
  email: string;
  name: string | null;
  status: string;
  sentAt: string | null;
  bounce: string | null;
  code: number | null;
  detail: string | null;
  firstOpenAt: string | null;
  opens: number;
  machineOpens: number;
  firstClickAt: string | null;
  clicks: number;
  machineClicks: number;
  unsubscribedAt: string | null;
  complainedAt: string | null;
};
type Page = { recipients: Recipient[]; nextCursor: string | null };

/** A CSV download's rows; it must start with the UTF-8 BOM (Response.text() would hide it). */
async function parseCsv(res: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const p = new CsvParser(",");
  return [...p.push(new TextDecoder().decode(bytes)), ...p.end()].map((r) => r.fields);
}

let s: Sent;
let key: string;
const id = (i: number) => s.contacts[i]!.id;

beforeAll(async () => {
  // 0 ana: two human opens, one machine open (Yahoo's proxy), one human click.
  // 1 beto: one human open, then unsubscribes from everything.
  // 2 carla: only Apple Mail Privacy Protection opens and a scanner's click 3 s after delivery.
  // 3 dora: hard bounce (DSN). 4 eva: soft bounce (DSN). 5 fito: opens once, then complains.
  // 6 gina: delivered, never opened; her name is a formula. 7 hugo: still queued.
  s = await sentCampaign(EMAILS, S);
  key = await ownerKey(s.accountId);
  await env.DB.batch([
    env.DB.prepare("UPDATE contacts SET first_name = ?, last_name = NULL WHERE id = ?").bind(FORMULA, id(6)),
    env.DB.prepare("UPDATE contacts SET last_name = 'Quispe' WHERE id = ?").bind(id(0)),
    env.DB.prepare("UPDATE deliveries SET status = 'queued', sent_at = NULL WHERE campaign_id = ? AND contact_id = ?").bind(s.campaignId, id(7)),
  ]);
  const sent = [0, 1, 2, 3, 4, 5, 6].map((i) => ev(s, i, "sent", { id: `sent:${s.campaignId}:${id(i)}:0`, at: S, userAgent: undefined }));
  expect((await deliver([{ id: `m-sent-${s.campaignId}`, events: sent }])).ackAll).toBe(true);
  const bounces = [
    await feedback(s, 3, { kind: "hard", status: "5.1.1", detail: "User unknown" }, S + 2 * MIN),
    await feedback(s, 4, { kind: "soft", status: "4.2.2", detail: "Mailbox full" }, S + 3 * MIN),
  ];
  const engagement = [
    ev(s, 0, "open", { at: S + 10 * MIN }),
    ev(s, 0, "open", { at: S + 15 * MIN, userAgent: YAHOO_PROXY }),
    ev(s, 0, "open", { at: S + 20 * MIN }),
    ev(s, 0, "click", { at: S + 25 * MIN, url: "https://tienda.pe/oferta" }),
    ev(s, 1, "open", { at: S + 12 * MIN }),
    ev(s, 1, "unsubscribe", { at: S + 13 * MIN, detail: "all" }),
    ev(s, 2, "open", { at: S + MIN, userAgent: APPLE_MPP }),
    ev(s, 2, "open", { at: S + 30 * MIN, userAgent: APPLE_MPP }),
    ev(s, 2, "click", { at: S + 3_000, url: "https://tienda.pe/oferta" }),
    ev(s, 5, "open", { at: S + 5 * MIN }),
  ];
  expect((await deliver([{ id: `m-eng-${s.campaignId}`, events: [...engagement, ...bounces] }])).ackAll).toBe(true);
  const complaint = await feedback(s, 5, { kind: "complaint", status: "abuse", detail: "Marked as spam" }, S + 120 * MIN);
  expect((await deliver([{ id: `m-cmp-${s.campaignId}`, events: [complaint] }])).ackAll).toBe(true);
});

const list = async (query: string, as = key) => {
  const res = await api(`/campaigns/${s.campaignId}/recipients${query}`, { key: as });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};
const emails = (p: Page) => p.recipients.map((r) => r.email);

describe("GET /campaigns/:id/recipients", () => {
  it("lists every recipient in contact order with their delivery and counts", async () => {
    const page = await list("");
    expect(page.nextCursor).toBeNull();
    expect(emails(page)).toEqual(EMAILS);
    const [ana, beto, carla, dora, eva, fito, gina, hugo] = page.recipients;
    expect(ana).toEqual({
      contactId: id(0),
      email: "ana@gmail.com",
      name: "Nombre0 Quispe",
      status: "sent",
      sentAt: iso(S),
      bounce: null,
      code: null,
      detail: null,
      firstOpenAt: iso(S + 10 * MIN),
      opens: 2,
      machineOpens: 1,
      firstClickAt: iso(S + 25 * MIN),
      clicks: 1,
      machineClicks: 0,
      unsubscribedAt: null,
      complainedAt: null,
    });
    expect(beto).toMatchObject({ name: "Nombre1", firstOpenAt: iso(S + 12 * MIN), opens: 1, machineOpens: 0, clicks: 0, unsubscribedAt: iso(S + 13 * MIN), complainedAt: null });
    expect(carla).toMatchObject({ firstOpenAt: null, opens: 0, machineOpens: 2, firstClickAt: null, clicks: 0, machineClicks: 1 });
    expect(dora).toMatchObject({ status: "bounced", bounce: "hard", code: 550, detail: "dsn 5.1.1: User unknown", opens: 0 });
    expect(eva).toMatchObject({ status: "sent", bounce: "soft", code: 450, detail: "soft_bounce dsn 4.2.2: Mailbox full" });
    expect(fito).toMatchObject({ firstOpenAt: iso(S + 5 * MIN), opens: 1, complainedAt: iso(S + 120 * MIN), unsubscribedAt: null });
    expect(gina).toMatchObject({ name: FORMULA, status: "sent", opens: 0, machineOpens: 0, clicks: 0, bounce: null });
    expect(hugo).toMatchObject({ status: "queued", sentAt: null, opens: 0 });
  });

  it("gives each filter exactly its recipients", async () => {
    const expected: Record<string, string[]> = {
      all: EMAILS,
      opened: ["ana@gmail.com", "beto@empresa.pe", "fito@empresa.pe"],
      not_opened: ["carla@icloud.com", "gina@empresa.pe"],
      clicked: ["ana@gmail.com"],
      bounced: ["dora@empresa.pe", "eva@empresa.pe"],
      unsubscribed: ["beto@empresa.pe"],
      complained: ["fito@empresa.pe"],
    };
    for (const [filter, want] of Object.entries(expected)) expect(emails(await list(`?filter=${filter}`)), filter).toEqual(want);
  });

  it("pages by contact id without loss or duplicates, filtered or not", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: Page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      sizes.push(page.recipients.length);
      seen.push(...emails(page));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toBe(String(page.recipients[page.recipients.length - 1]!.contactId));
    } while (cursor);
    expect(sizes).toEqual([3, 3, 2]);
    expect(seen).toEqual(EMAILS);

    const first = await list("?filter=opened&limit=2");
    expect(emails(first)).toEqual(["ana@gmail.com", "beto@empresa.pe"]);
    expect(first.nextCursor).toBe(String(id(1)));
    const second = await list(`?filter=opened&limit=2&cursor=${first.nextCursor}`);
    expect(emails(second)).toEqual(["fito@empresa.pe"]);
    expect(second.nextCursor).toBeNull();
  });

  it("searches by email prefix, case-insensitive, together with a filter", async () => {
    expect(emails(await list("?q=BETO"))).toEqual(["beto@empresa.pe"]);
    expect(emails(await list("?q=e"))).toEqual(["eva@empresa.pe"]);
    expect(emails(await list("?q=gina%40empresa.pe"))).toEqual(["gina@empresa.pe"]);
    expect(emails(await list("?q=a&filter=opened"))).toEqual(["ana@gmail.com"]);
    expect(emails(await list("?q=zz"))).toEqual([]);
  });

  it("refuses a bad filter, cursor, limit or unknown parameter naming the field, and hides other accounts' campaigns", async () => {
    const cases: [string, string][] = [
      ["?filter=abrieron", "filter"],
      ["?cursor=abc", "cursor"],
      ["?cursor=-5", "cursor"],
      ["?limit=0", "limit"],
      ["?limit=201", "limit"],
      ["?limit=diez", "limit"],
      ["?color=rojo", "color"],
    ];
    for (const [query, field] of cases) {
      const res = await api(`/campaigns/${s.campaignId}/recipients${query}`, { key });
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).field, query).toBe(field);
    }
    const other = await sentCampaign(["zoe@empresa.pe"], S);
    const otherKey = await ownerKey(other.accountId);
    for (const path of ["/recipients", `/recipients/${id(0)}`, "/recipients.csv", "/events.csv"]) {
      const res = await api(`/campaigns/${s.campaignId}${path}`, { key: otherKey });
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
    expect((await api("/campaigns/cmp_none/recipients", { key })).status).toBe(404);
  });
});

describe("GET /campaigns/:id/recipients/:contactId", () => {
  it("gives the delivery and every event oldest first, people and machines told apart", async () => {
    const res = await api(`/campaigns/${s.campaignId}/recipients/${id(0)}`, { key });
    expect(res.status).toBe(200);
    const t = (await res.json()) as { recipient: Recipient; events: { at: string; kind: string; url: string | null; machine: string | null; provider: string | null; device: string | null; client: string | null }[] };
    expect(t.recipient).toMatchObject({ contactId: id(0), email: "ana@gmail.com", opens: 2, machineOpens: 1, clicks: 1 });
    expect(t.events.map((e) => [e.at, e.kind, e.url, e.machine, e.provider, e.device, e.client])).toEqual([
      [iso(S), "sent", null, null, "gmail", null, null],
      [iso(S + 10 * MIN), "open", null, null, "gmail", "desktop", "chrome"],
      [iso(S + 15 * MIN), "open", null, "yahoo_image_proxy", "gmail", "unknown", "yahoo"],
      [iso(S + 20 * MIN), "open", null, null, "gmail", "desktop", "chrome"],
      [iso(S + 25 * MIN), "click", "https://tienda.pe/oferta", null, "gmail", "desktop", "chrome"],
    ]);
  });

  it("shows a bounce's status and source, and a queued recipient with no events", async () => {
    const dora = (await (await api(`/campaigns/${s.campaignId}/recipients/${id(3)}`, { key })).json()) as { events: { kind: string; status: string | null; detail: string | null; source: string | null }[] };
    expect(dora.events.map((e) => [e.kind, e.status, e.detail, e.source])).toEqual([
      ["sent", null, null, null],
      ["bounce_hard", "5.1.1", "User unknown", "dsn"],
    ]);
    const hugo = (await (await api(`/campaigns/${s.campaignId}/recipients/${id(7)}`, { key })).json()) as { recipient: Recipient; events: unknown[] };
    expect(hugo.recipient).toMatchObject({ status: "queued", opens: 0, machineOpens: 0, clicks: 0 });
    expect(hugo.events).toEqual([]);
  });

  it("is a 404 for a contact who was not a recipient and a 400 for what is not an id", async () => {
    const outsider = await env.DB.prepare("INSERT INTO contacts (account_id, email, created_at, updated_at) VALUES (?, 'fuera@empresa.pe', 0, 0) RETURNING id").bind(s.accountId).first<number>("id");
    expect((await api(`/campaigns/${s.campaignId}/recipients/${outsider}`, { key })).status).toBe(404);
    for (const bad of ["abc", "0", "-1", "1.5"]) {
      const res = await api(`/campaigns/${s.campaignId}/recipients/${bad}`, { key });
      expect(res.status, bad).toBe(400);
      expect((await errorOf(res)).field).toBe("contactId");
    }
  });
});

describe("CSV downloads", () => {
  it("recipients.csv: the list's rows in Lima time, Spanish headings, a formula neutralised", async () => {
    const res = await api(`/campaigns/${s.campaignId}/recipients.csv`, { key });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="destinatarios-oferta.csv"');
    const rows = await parseCsv(res);
    expect(rows[0]).toEqual([
      "ID de contacto",
      "Correo electrónico",
      "Nombre",
      "Estado del envío",
      "Enviado (hora de Lima)",
      "Rebote",
      "Código SMTP",
      "Detalle",
      "Primera apertura (hora de Lima)",
      "Aperturas",
      "Aperturas de máquinas",
      "Primer clic (hora de Lima)",
      "Clics",
      "Clics de máquinas",
      "Baja (hora de Lima)",
      "Queja (hora de Lima)",
    ]);
    const sent = lima(S);
    expect(rows.slice(1)).toEqual([
      [String(id(0)), "ana@gmail.com", "Nombre0 Quispe", "Enviado", sent, "", "", "", lima(S + 10 * MIN), "2", "1", lima(S + 25 * MIN), "1", "0", "", ""],
      [String(id(1)), "beto@empresa.pe", "Nombre1", "Enviado", sent, "", "", "", lima(S + 12 * MIN), "1", "0", "", "0", "0", lima(S + 13 * MIN), ""],
      [String(id(2)), "carla@icloud.com", "Nombre2", "Enviado", sent, "", "", "", "", "0", "2", "", "0", "1", "", ""],
      [String(id(3)), "dora@empresa.pe", "Nombre3", "Rebotado", sent, "Duro", "550", "dsn 5.1.1: User unknown", "", "0", "0", "", "0", "0", "", ""],
      [String(id(4)), "eva@empresa.pe", "Nombre4", "Enviado", sent, "Blando", "450", "soft_bounce dsn 4.2.2: Mailbox full", "", "0", "0", "", "0", "0", "", ""],
      [String(id(5)), "fito@empresa.pe", "Nombre5", "Enviado", sent, "", "", "", lima(S + 5 * MIN), "1", "0", "", "0", "0", "", lima(S + 120 * MIN)],
      [String(id(6)), "gina@empresa.pe", `'${FORMULA}`, "Enviado", sent, "", "", "", "", "0", "0", "", "0", "0", "", ""],
      [String(id(7)), "hugo@empresa.pe", "Nombre7", "Pendiente", "", "", "", "", "", "0", "0", "", "0", "0", "", ""],
    ]);
    expect(lima(S)).toBe("2026-06-01 09:01:00");
  });

  it("recipients.csv takes the same filter and search, and English on request", async () => {
    const res = await api(`/campaigns/${s.campaignId}/recipients.csv?filter=bounced&lang=en`, { key });
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="destinatarios-oferta-bounced.csv"');
    const rows = await parseCsv(res);
    expect(rows[0]!.slice(0, 6)).toEqual(["Contact ID", "Email", "Name", "Delivery status", "Sent (Lima time)", "Bounce"]);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[5]])).toEqual([
      ["dora@empresa.pe", "Bounced", "Hard"],
      ["eva@empresa.pe", "Sent", "Soft"],
    ]);
    const searched = await parseCsv(await api(`/campaigns/${s.campaignId}/recipients.csv?q=fi`, { key }));
    expect(searched.slice(1).map((r) => r[1])).toEqual(["fito@empresa.pe"]);
  });

  it("events.csv: every raw event by recipient then time, Lima and UTC, the machine rule", async () => {
    const res = await api(`/campaigns/${s.campaignId}/events.csv`, { key });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="eventos-oferta.csv"');
    const rows = await parseCsv(res);
    expect(rows[0]).toEqual(["Fecha y hora (Lima)", "Fecha y hora (UTC, ISO 8601)", "Correo electrónico", "Evento", "Enlace", "Regla de máquina (vacío: persona)", "Proveedor", "Dispositivo", "Cliente de correo", "Estado", "Detalle"]);
    const at = (ms: number) => [lima(ms), iso(ms)];
    const OTHER = "Otros (corporativos)";
    const sent = (email: string, provider = OTHER) => [...at(S), email, "Envío", "", "", provider, "", "", "", ""];
    expect(rows.slice(1)).toEqual([
      sent("ana@gmail.com", "Gmail"),
      [...at(S + 10 * MIN), "ana@gmail.com", "Apertura", "", "", "Gmail", "Computadora", "Chrome", "", ""],
      [...at(S + 15 * MIN), "ana@gmail.com", "Apertura", "", "yahoo_image_proxy", "Gmail", "Desconocido", "Yahoo", "", ""],
      [...at(S + 20 * MIN), "ana@gmail.com", "Apertura", "", "", "Gmail", "Computadora", "Chrome", "", ""],
      [...at(S + 25 * MIN), "ana@gmail.com", "Clic", "https://tienda.pe/oferta", "", "Gmail", "Computadora", "Chrome", "", ""],
      sent("beto@empresa.pe"),
      [...at(S + 12 * MIN), "beto@empresa.pe", "Apertura", "", "", OTHER, "Computadora", "Chrome", "", ""],
      [...at(S + 13 * MIN), "beto@empresa.pe", "Baja", "", "", OTHER, "", "", "", "all"],
      sent("carla@icloud.com"),
      [...at(S + 3_000), "carla@icloud.com", "Clic", "https://tienda.pe/oferta", "scanner_fast_click", OTHER, "Computadora", "Chrome", "", ""],
      [...at(S + MIN), "carla@icloud.com", "Apertura", "", "apple_mpp", OTHER, "Computadora", "Apple Mail", "", ""],
      [...at(S + 30 * MIN), "carla@icloud.com", "Apertura", "", "apple_mpp", OTHER, "Computadora", "Apple Mail", "", ""],
      sent("dora@empresa.pe"),
      [...at(S + 2 * MIN), "dora@empresa.pe", "Rebote duro", "", "", OTHER, "", "", "5.1.1", "User unknown"],
      sent("eva@empresa.pe"),
      [...at(S + 3 * MIN), "eva@empresa.pe", "Rebote blando", "", "", OTHER, "", "", "4.2.2", "Mailbox full"],
      sent("fito@empresa.pe"),
      [...at(S + 5 * MIN), "fito@empresa.pe", "Apertura", "", "", OTHER, "Computadora", "Chrome", "", ""],
      [...at(S + 120 * MIN), "fito@empresa.pe", "Queja (spam)", "", "", OTHER, "", "", "abuse", "Marked as spam"],
      sent("gina@empresa.pe"),
    ]);
    const en = await parseCsv(await api(`/campaigns/${s.campaignId}/events.csv?lang=en`, { key }));
    expect(en[0]!.slice(0, 4)).toEqual(["Time (Lima)", "Time (UTC, ISO 8601)", "Email", "Event"]);
    expect(en[1]!.slice(3, 7)).toEqual(["Sent", "", "", "Gmail"]);
    expect(en.length).toBe(rows.length);
  });

  it("refuses a bad filter or language naming the field", async () => {
    for (const [path, field] of [
      ["/recipients.csv?filter=todos", "filter"],
      ["/recipients.csv?lang=fr", "lang"],
      ["/events.csv?lang=qu", "lang"],
      ["/events.csv?filter=open", "filter"],
    ] as const) {
      const res = await api(`/campaigns/${s.campaignId}${path}`, { key });
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).field, path).toBe(field);
    }
  });
});

describe("a campaign of 1,200 recipients", () => {
  it("pages the list and streams both CSVs across D1 pages without loss or duplicates", async () => {
    const big = await sentCampaign(["primero@empresa.pe"], S);
    const bigKey = await ownerKey(big.accountId);
    const first = big.contacts[0]!.id;
    // 1,199 more recipients written in one statement; every third has one human open event.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1199)
       INSERT INTO contacts (account_id, email, first_name, created_at, updated_at) SELECT ?1, 'r' || printf('%04d', i) || '@empresa.pe', 'R' || i, 0, 0 FROM n`,
    )
      .bind(big.accountId)
      .run();
    await env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status, sent_at) SELECT ?1, id, email, 'sent', ?2 FROM contacts WHERE account_id = ?3 AND id > ?4")
      .bind(big.campaignId, S, big.accountId, first)
      .run();
    const { results: ids } = await env.DB.prepare("SELECT contact_id FROM deliveries WHERE campaign_id = ? ORDER BY contact_id").bind(big.campaignId).all<{ contact_id: number }>();
    expect(ids).toHaveLength(1200);
    const opened = ids.filter((_, i) => i % 3 === 2).map((r) => r.contact_id);
    const opens = opened.map((contactId, i) => ({ ...ev(big, 0, "open", { at: S + 10 * MIN + i }), contactId }));
    for (let i = 0; i < opens.length; i += 100) expect((await deliver([{ id: `big-${big.campaignId}-${i}`, events: opens.slice(i, i + 100) }])).ackAll).toBe(true);

    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(`/campaigns/${big.campaignId}/recipients?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { key: bigKey });
      const page = (await res.json()) as Page;
      seen.push(...page.recipients.map((r) => r.contactId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(ids.map((r) => r.contact_id));
    const openedPage = (await (await api(`/campaigns/${big.campaignId}/recipients?filter=opened&limit=200`, { key: bigKey })).json()) as Page;
    expect(openedPage.recipients.map((r) => r.contactId)).toEqual(opened.slice(0, 200));
    expect(openedPage.recipients.every((r) => r.opens === 1)).toBe(true);

    const csv = await parseCsv(await api(`/campaigns/${big.campaignId}/recipients.csv`, { key: bigKey }));
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual(ids.map((r) => r.contact_id));
    const openedCsv = await parseCsv(await api(`/campaigns/${big.campaignId}/recipients.csv?filter=not_opened`, { key: bigKey }));
    expect(openedCsv).toHaveLength(1 + 800);
    const events = await parseCsv(await api(`/campaigns/${big.campaignId}/events.csv`, { key: bigKey }));
    expect(events).toHaveLength(1 + 400);
    const byEmail = new Map((await env.DB.prepare("SELECT contact_id, email FROM deliveries WHERE campaign_id = ?").bind(big.campaignId).all<{ contact_id: number; email: string }>()).results.map((r) => [r.contact_id, r.email]));
    expect(events.slice(1).map((r) => r[2])).toEqual(opened.map((c) => byEmail.get(c)));
  }, 60_000);
});
