// Exports through the Worker's own fetch: each kind asked for through the API, produced by the
// real imports Queue into R2, fetched through its signed URL and checked byte by byte (CSV rows
// parsed, the PDF loaded by pdf-lib); forged, truncated and expired links; delete; the cron's
// expiry; bad input; and who sees what. Schedules: export-schedules.test.ts.
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import worker from "../../workers/index";
import { CsvParser } from "../../shared/import/csv-parser";
import { importLinkKey } from "../../shared/email/links";
import { signExportToken } from "../../shared/exports/token";
import { EXPORT_LINK_MINUTES } from "../../shared/exports/files";
import { expireExports } from "../../workers/reports/expiry";
import { processExport } from "../../workers/reports/exports";
import { EVENT_KINDS } from "../../shared/reports/recipients";
import { api, errorOf } from "./helpers";
import { sentCampaign, type Sent } from "./tracking-helpers";
import { ACTIVITY_EMAILS, addUser, campaignWithActivity, createExport, download, settled, type User } from "./export-helpers";

const MIN = 60_000;
// Monday 5 October 2026, 10:01 in Lima.
const S = Date.UTC(2026, 9, 5, 15, 1);

let s: Sent;
let owner: User;
let viewer: User;

/** The body as text with its BOM kept (Response.text() drops it). */
async function textOf(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return (bom ? "\uFEFF" : "") + new TextDecoder().decode(bytes.subarray(bom ? 3 : 0));
}

function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const p = new CsvParser(",");
  return [...p.push(text.slice(1)), ...p.end()].map((r) => r.fields);
}

beforeAll(async () => {
  s = await campaignWithActivity(S);
  owner = await addUser(s.accountId, "owner");
  viewer = await addUser(s.accountId, "viewer");
});

describe("exports of each kind", () => {
  it("produces the monthly report as a PDF that parses, fetched through its signed URL", async () => {
    const before = Date.now();
    const id = await createExport(owner.key, { kind: "monthly-report", format: "pdf", params: { month: "2026-10" } });
    const out = await settled(owner.key, id);
    expect(out).toMatchObject({ id, kind: "monthly-report", format: "pdf", params: { month: "2026-10" }, status: "ready", rows: 1, error: null, scheduleId: null, createdBy: owner.id });
    expect(out.url).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/x\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const linkMs = Date.parse(out.urlExpiresAt!) - before;
    expect(linkMs).toBeGreaterThan(EXPORT_LINK_MINUTES * MIN - 5_000);
    expect(linkMs).toBeLessThanOrEqual(EXPORT_LINK_MINUTES * MIN + 5_000);
    expect(Date.parse(out.expiresAt) - Date.parse(out.createdAt)).toBe(7 * 86_400_000);

    const res = await download(out.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="reporte-mensual-2026-10.pdf"');
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(out.bytes);
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
  });

  it("produces the monthly report as CSV with the month's campaign and figures", async () => {
    const id = await createExport(owner.key, { kind: "monthly-report", format: "csv", params: { month: "2026-10" } });
    const out = await settled(owner.key, id);
    expect(out.status).toBe("ready");
    const res = await download(out.url!);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="reporte-mensual-2026-10.csv"');
    const text = await textOf(res);
    expect(new TextEncoder().encode(text).length).toBe(out.bytes);
    const rows = parseCsv(text);
    // The campaigns section: its header line, then the campaign's line.
    const at = rows.findIndex((r) => r[1] === s.campaignId);
    expect(at, text).toBeGreaterThan(0);
    const cells = Object.fromEntries(rows[at - 1]!.map((h, i) => [h, rows[at]![i]]));
    expect(cells).toMatchObject({ Enviados: "3", Entregados: "3", "Aperturas únicas": "2", "Clics únicos": "1", "Tasa de apertura (%)": "66.67" });
    expect(rows[at]![0]).toBe("Oferta");
  });

  it("produces a campaign's events CSV, filtered to one kind, and counts its rows", async () => {
    const id = await createExport(owner.key, { kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId, filter: "open" } });
    const out = await settled(owner.key, id);
    expect(out).toMatchObject({ status: "ready", rows: 2 });
    const res = await download(out.url!);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="eventos-oferta-open.csv"');
    const rows = parseCsv(await textOf(res));
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((r) => r[2]).sort()).toEqual(["ana@gmail.com", "beto@empresa.pe"]);
    expect(rows.slice(1).every((r) => r[3] === "Apertura")).toBe(true);
  });

  it("produces a campaign's recipients CSV in English, whole and filtered", async () => {
    const all = await settled(owner.key, await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, lang: "en" } }));
    expect(all).toMatchObject({ status: "ready", rows: 3 });
    const rows = parseCsv(await textOf(await download(all.url!)));
    expect(rows[0]![1]).toBe("Email");
    expect(rows.slice(1).map((r) => r[1])).toEqual(ACTIVITY_EMAILS);
    const opened = await settled(owner.key, await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, filter: "opened" } }));
    expect(opened.rows).toBe(2);
    expect((await download(opened.url!)).headers.get("Content-Disposition")).toBe('attachment; filename="destinatarios-oferta-opened.csv"');
  });

  it("does nothing when the Queue delivers a settled export again", async () => {
    const id = await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId } });
    const first = await settled(owner.key, id);
    const batch = createMessageBatch("pregon-imports", [{ id: `again-${id}`, timestamp: new Date(), attempts: 1, body: { type: "export", exportId: id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([`again-${id}`]);
    const again = await settled(owner.key, id);
    expect(again.finishedAt).toBe(first.finishedAt);
    expect(again.bytes).toBe(first.bytes);
    expect((await download(again.url!)).status).toBe(200);
  });

  it("marks an export failed, with the reason, when its campaign is gone", async () => {
    const other = await sentCampaign(["zoe@empresa.pe"], S);
    await env.DB.prepare("UPDATE campaigns SET account_id = ? WHERE id = ?").bind(s.accountId, other.campaignId).run();
    const id = await createExport(owner.key, { kind: "campaign-events", format: "csv", params: { campaignId: other.campaignId } });
    await env.DB.prepare("DELETE FROM campaigns WHERE id = ?").bind(other.campaignId).run();
    const out = await settled(owner.key, id);
    expect(out.status).toBe("failed");
    expect(out.error).toContain("no longer exists");
    expect(out.url).toBeNull();
  }, 60_000);
});

describe("download links", () => {
  let ready: { id: string; url: string };
  beforeAll(async () => {
    const id = await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId } });
    ready = { id, url: (await settled(owner.key, id)).url! };
  });
  const key = () => importLinkKey("test-link-secret");

  it("answers a forged or truncated token with the Spanish 404 page, never the file", async () => {
    const token = ready.url.split("/x/")[1]!;
    const i = token.indexOf(".") - 3;
    const forged = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    for (const bad of [forged, token.slice(0, -1), token.slice(0, token.indexOf(".")), `${token}x`, "nada"]) {
      const res = await download(`http://127.0.0.1/x/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("text/html");
      const body = await res.text();
      expect(body).toContain("Archivo no disponible");
      expect(body).not.toContain("ana@gmail.com");
    }
  });

  it("answers an expired token with 410, and a token of an unknown export with 404", async () => {
    const expired = await signExportToken(await key(), ready.id, Date.now() - 1000);
    const res = await download(`http://127.0.0.1/x/${expired}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Enlace vencido");
    const unknown = await signExportToken(await key(), "exp_no_existe", Date.now() + 60_000);
    expect((await download(`http://127.0.0.1/x/${unknown}`)).status).toBe(404);
    // A long-lived token of our own making still gets nothing once the export is past its expiry.
    await env.DB.prepare("UPDATE exports SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, ready.id).run();
    const late = await signExportToken(await key(), ready.id, Date.now() + 60_000);
    expect((await download(`http://127.0.0.1/x/${late}`)).status).toBe(404);
  });
});

describe("delete and expiry", () => {
  const objectOf = async (id: string) => env.DB.prepare("SELECT r2_key FROM exports WHERE id = ?").bind(id).first<string>("r2_key");

  it("deletes an export with its file; its link stops working", async () => {
    const id = await createExport(viewer.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId } });
    const out = await settled(viewer.key, id);
    const key = (await objectOf(id))!;
    expect(await env.FILES.head(key)).not.toBeNull();
    expect((await api(`/exports/${id}`, { method: "DELETE", key: viewer.key })).status).toBe(200);
    expect(await env.FILES.head(key)).toBeNull();
    expect((await download(out.url!)).status).toBe(404);
    expect((await api(`/exports/${id}`, { key: viewer.key })).status).toBe(404);
    expect((await api(`/exports/${id}`, { method: "DELETE", key: viewer.key })).status).toBe(404);
  });

  it("lets the cron delete expired files and mark their rows, and leaves the others", async () => {
    const old = await settled(owner.key, await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId } }));
    const fresh = await settled(owner.key, await createExport(owner.key, { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId } }));
    const oldKey = (await objectOf(old.id))!;
    const freshKey = (await objectOf(fresh.id))!;
    const now = Date.now();
    await env.DB.prepare("UPDATE exports SET expires_at = ? WHERE id = ?").bind(now - 1, old.id).run();
    expect(await expireExports(env, now)).toBeGreaterThanOrEqual(1);
    expect(await env.FILES.head(oldKey)).toBeNull();
    expect(await env.FILES.head(freshKey)).not.toBeNull();
    const after = (await (await api(`/exports/${old.id}`, { key: owner.key })).json()) as { status: string; url: string | null };
    expect(after).toMatchObject({ status: "expired", url: null });
    expect((await download(old.url!)).status).toBe(404);
    expect((await download(fresh.url!)).status).toBe(200);
    expect(await expireExports(env, now)).toBe(0); // already done
  });
});

describe("who sees which export", () => {
  it("shows owner and admin the account's exports and others only their own, never another account's", async () => {
    const mine = await createExport(viewer.key, { kind: "monthly-report", format: "csv", params: { month: "2026-10" } });
    const owners = await createExport(owner.key, { kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId } });
    const ids = async (key: string) => ((await (await api("/exports", { key })).json()) as { exports: { id: string }[] }).exports.map((e) => e.id);
    expect(await ids(owner.key)).toEqual(expect.arrayContaining([mine, owners]));
    const viewerSees = await ids(viewer.key);
    expect(viewerSees).toContain(mine);
    expect(viewerSees).not.toContain(owners);
    expect((await api(`/exports/${owners}`, { key: viewer.key })).status).toBe(404);
    // The viewer's report is limited to the viewer.
    expect((await settled(viewer.key, mine)).params).toEqual({ month: "2026-10", userId: viewer.id });
    const stranger = await sentCampaign(["x@empresa.pe"], S);
    const strangerOwner = await addUser(stranger.accountId, "owner");
    expect(await ids(strangerOwner.key)).toEqual([]);
    expect((await api(`/exports/${owners}`, { key: strangerOwner.key })).status).toBe(404);
    expect((await api(`/exports/${owners}`, { method: "DELETE", key: strangerOwner.key })).status).toBe(404);
    const list = (await (await api("/exports", { key: owner.key })).json()) as { exports: { createdAt: string }[] };
    const times = list.exports.map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe("bad input", () => {
  it("names the field at fault", async () => {
    const other = await sentCampaign(["y@empresa.pe"], S);
    const otherUser = await addUser(other.accountId, "viewer");
    const cases: [unknown, number, string, string][] = [
      [{ kind: "audit-log", format: "csv" }, 400, "invalid_field", "kind"],
      [{ kind: "monthly-report", format: "xlsx", params: { month: "2026-10" } }, 400, "invalid_field", "format"],
      [{ kind: "campaign-events", format: "pdf", params: { campaignId: s.campaignId } }, 400, "invalid_field", "format"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2026-10", color: "rojo" } }, 400, "unknown_field", "params.color"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2026-10" }, extra: 1 }, 400, "unknown_field", "extra"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2026-13" } }, 400, "invalid_field", "params.month"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2099-01" } }, 400, "invalid_field", "params.month"],
      [{ kind: "monthly-report", format: "csv" }, 400, "invalid_field", "params.month"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2026-10", campaignId: s.campaignId } }, 400, "invalid_field", "params.campaignId"],
      [{ kind: "monthly-report", format: "csv", params: { month: "2026-10", userId: otherUser.id } }, 404, "not_found", "params.userId"],
      [{ kind: "campaign-events", format: "csv" }, 400, "invalid_field", "params.campaignId"],
      [{ kind: "campaign-events", format: "csv", params: { campaignId: other.campaignId } }, 404, "not_found", "params.campaignId"],
      [{ kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, filter: "todos" } }, 400, "invalid_field", "params.filter"],
      // A delivery status is not a recipient filter; an event kind is not one either.
      [{ kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, filter: "sent" } }, 400, "invalid_field", "params.filter"],
      [{ kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, filter: "open" } }, 400, "invalid_field", "params.filter"],
      // The events CSV's filter is an event kind: a recipient filter or an unknown kind is refused.
      [{ kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId, filter: "opened" } }, 400, "invalid_field", "params.filter"],
      [{ kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId, filter: "apertura" } }, 400, "invalid_field", "params.filter"],
      [{ kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId, kind: "open" } }, 400, "unknown_field", "params.kind"],
      [{ kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, lang: "qu" } }, 400, "invalid_field", "params.lang"],
    ];
    const count = () => env.DB.prepare("SELECT COUNT(*) AS n FROM exports WHERE account_id = ?").bind(s.accountId).first<number>("n");
    const before = await count();
    for (const [body, status, code, field] of cases) {
      const res = await api("/exports", { key: owner.key, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(await errorOf(res), JSON.stringify(body)).toMatchObject({ code, field });
    }
    expect(await count()).toBe(before);
  });

  it("says which filters there are when one is unknown, for exports and schedules alike", async () => {
    const recipients = await api("/exports", { key: owner.key, body: { kind: "campaign-recipients", format: "csv", params: { campaignId: s.campaignId, filter: "todos" } } });
    expect(await errorOf(recipients)).toEqual({ code: "invalid_field", field: "params.filter", message: "params.filter: a recipient filter, one of all, opened, not_opened, clicked, bounced, unsubscribed, complained" });
    const events = await api("/exports", { key: owner.key, body: { kind: "campaign-events", format: "csv", params: { campaignId: s.campaignId, filter: "clicked" } } });
    expect(await errorOf(events)).toEqual({ code: "invalid_field", field: "params.filter", message: `params.filter: an event kind, one of ${EVENT_KINDS.join(", ")}, sms_sent, sms_delivered, sms_failed, sms_reply` });
    expect(EVENT_KINDS).toContain("open");
    const schedules = () => env.DB.prepare("SELECT COUNT(*) AS n FROM export_schedules WHERE account_id = ?").bind(s.accountId).first<number>("n");
    const before = await schedules();
    for (const [kind, filter] of [["campaign-recipients", "delivered"], ["campaign-events", "opened"]]) {
      const res = await api("/export-schedules", { key: owner.key, body: { kind, format: "csv", params: { campaignId: s.campaignId, filter }, cadence: "daily" } });
      expect(res.status, `${kind} ${filter}`).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: "invalid_field", field: "params.filter" });
    }
    expect(await schedules()).toBe(before);
  });

  it("fails, never exports everyone, when a stored export names an unknown filter", async () => {
    // A row written before the request check existed (or by hand): the producer refuses it.
    const insert = (id: string, kind: string, filter: string) =>
      env.DB.prepare("INSERT INTO exports (id, account_id, kind, params, format, status, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, 'csv', 'pending', ?, ?, ?)")
        .bind(id, s.accountId, kind, JSON.stringify({ campaignId: s.campaignId, filter }), owner.id, Date.now(), Date.now() + 86_400_000)
        .run();
    await insert("exp_bad_recipients", "campaign-recipients", "todos");
    await insert("exp_bad_events", "campaign-events", "apertura");
    await expect(processExport(env, "exp_bad_recipients")).rejects.toThrow('unknown recipient filter "todos"');
    await expect(processExport(env, "exp_bad_events")).rejects.toThrow('unknown event kind "apertura"');
    const rows = await env.DB.prepare("SELECT id, status, r2_key FROM exports WHERE id IN ('exp_bad_recipients', 'exp_bad_events') ORDER BY id").all();
    expect(rows.results).toEqual([
      { id: "exp_bad_events", status: "pending", r2_key: null },
      { id: "exp_bad_recipients", status: "pending", r2_key: null },
    ]);
    expect((await env.FILES.list({ prefix: `exports/${s.accountId}/exp_bad_` })).objects).toEqual([]);
    await env.DB.prepare("DELETE FROM exports WHERE id IN ('exp_bad_recipients', 'exp_bad_events')").run();
  });

  it("lets others than owner and admin have only their own monthly report", async () => {
    const res = await api("/exports", { key: viewer.key, body: { kind: "monthly-report", format: "pdf", params: { month: "2026-10", userId: owner.id } } });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: "forbidden", field: "params.userId" });
    const admin = await addUser(s.accountId, "admin");
    expect((await api("/exports", { key: admin.key, body: { kind: "monthly-report", format: "pdf", params: { month: "2026-10", userId: viewer.id } } })).status).toBe(202);
  });

  it("answers 404 for an unknown export and refuses a body that is not JSON", async () => {
    expect((await api("/exports/exp_nope", { key: owner.key })).status).toBe(404);
    const res = await api("/exports", { key: owner.key, raw: "kind=monthly-report", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
  });
});

