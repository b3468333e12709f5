/**
 * The registration-expiry reminder end to end (W4, S6) on the real Worker under wrangler dev
 * (D1, Queues, Durable Object alarms on Miniflare, real time) and a capturing SMTP server:
 * a custom date field, a CSV import of suppliers whose registration expires in 7 and in 8 days,
 * an automation "7 days before `vencimiento` at HH:MM (Lima)" set for a minute about to come.
 * The reminder must reach the 7-day supplier within that minute — not before it — and only
 * once, even after the automation is paused and activated again; the 8-day supplier gets none.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPregon, type Pregon } from "./worker";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";

const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const DAY_MS = 86_400_000;
const LIMA_MS = -5 * 3_600_000; // Peru keeps UTC−5 all year

let app: Pregon;
let smtp: CaptureSmtp;
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  smtp = await startCaptureSmtp();
  app = await startPregon(OWNER, { MX_CHECKS: "off", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), SENDER_DOMAINS: "pregon.local", LINK_SECRET: "e2e-link-secret-auto" });
  const res = await fetch(`${app.url}/api/v1/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(OWNER) });
  expect(res.status).toBe(200);
  session = { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}, 180_000);

afterAll(async () => {
  await app?.dispose();
  await smtp?.close();
});

async function call<T>(method: string, path: string, body?: unknown | FormData): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { Cookie: session.cookie, "X-CSRF-Token": session.csrf };
  if (body !== undefined && !(body instanceof FormData)) headers["Content-Type"] = "application/json";
  const res = await fetch(`${app.url}/api/v1${path}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, data: (await res.json()) as T };
}

const limaDate = (ms: number) => new Date(ms + LIMA_MS).toISOString().slice(0, 10);
const limaHhmm = (ms: number) => new Date(ms + LIMA_MS).toISOString().slice(11, 16);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("registration-expiry reminder", () => {
  it("imports suppliers and sends the 7-days-before reminder within its minute, exactly once", async () => {
    expect((await call("POST", "/fields", { key: "vencimiento", label: "Vencimiento del registro", type: "date" })).status).toBe(201);
    const list = await call<{ id: string }>("POST", "/lists", { name: "Proveedores RNP" });
    const now = Date.now();
    const csv = ["correo,nombre,vencimiento", `vence7@pregon.local,Rosa,${limaDate(now + 7 * DAY_MS)}`, `vence8@pregon.local,Luis,${limaDate(now + 8 * DAY_MS)}`, ""].join("\n");
    const form = new FormData();
    form.append("file", new File([csv], "proveedores.csv", { type: "text/csv" }));
    form.append("mapping", JSON.stringify(["email", "firstName", "custom:vencimiento"]));
    const imp = await call<{ importId: string }>("POST", `/lists/${list.data.id}/imports`, form);
    expect(imp.status, JSON.stringify(imp.data)).toBe(202);
    await expect.poll(async () => (await call<{ status: string; counts: { inserted?: number } }>("GET", `/imports/${imp.data.importId}`)).data.status, { timeout: 60_000, interval: 500 }).toBe("done");
    const found = await call<{ contacts: { email: string; fields: Record<string, unknown> }[] }>("GET", "/contacts?q=vence");
    expect(found.data.contacts.map((c) => [c.email, c.fields.vencimiento]).sort()).toEqual([
      ["vence7@pregon.local", limaDate(now + 7 * DAY_MS)],
      ["vence8@pregon.local", limaDate(now + 8 * DAY_MS)],
    ]);

    const tpl = await call<{ id: string }>("POST", "/templates", {
      name: "Recordatorio RNP",
      source: `<mjml><mj-body><mj-section><mj-column><mj-text>Estimado(a) {{nombre}}: su registro vence el {{vencimiento}}.</mj-text><mj-text><a href="{{enlace_baja}}">Darse de baja</a></mj-text></mj-column></mj-section></mj-body></mjml>`,
    });
    expect(tpl.status).toBe(201);
    // The minute to send at: the next one that is at least 15 s away (time to save and activate).
    const fireAt = Math.ceil((Date.now() + 15_000) / 60_000) * 60_000;
    const auto = await call<{ id: string }>("POST", "/automations", {
      name: "Aviso de vencimiento (7 días)",
      trigger: { type: "date", field: "custom:vencimiento", direction: "before", days: 7, at: limaHhmm(fireAt) },
      steps: [{ id: "aviso", type: "email", templateId: tpl.data.id, subject: "Su registro vence en 7 días, {{nombre}}", fromName: "Registro de Proveedores", fromAddress: "avisos@pregon.local" }],
    });
    expect(auto.status, JSON.stringify(auto.data)).toBe(201);
    expect((await call("POST", `/automations/${auto.data.id}/activate`)).status).toBe(200);

    // Nothing before the minute.
    await sleep(Math.max(0, fireAt - Date.now() - 3_000));
    expect(smtp.mails.filter((m) => m.to.includes("vence7@pregon.local"))).toHaveLength(0);
    // Within the minute: the reminder, to the 7-day supplier only.
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes("vence7@pregon.local")).length, { timeout: 75_000, interval: 250 }).toBe(1);
    const arrived = Date.now();
    expect(arrived).toBeGreaterThanOrEqual(fireAt);
    expect(arrived).toBeLessThan(fireAt + 60_000);
    const mail = smtp.mails.find((m) => m.to.includes("vence7@pregon.local"))!;
    expect(mail.subject).toBe("Su registro vence en 7 días, Rosa");
    expect(mail.html).toContain(`su registro vence el ${limaDate(now + 7 * DAY_MS)}`);

    // Paused and activated again (which runs a pass at once): still exactly one, none for the 8-day one.
    expect((await call("POST", `/automations/${auto.data.id}/pause`)).status).toBe(200);
    expect((await call("POST", `/automations/${auto.data.id}/activate`)).status).toBe(200);
    await sleep(10_000);
    expect(smtp.mails.filter((m) => m.to.includes("vence7@pregon.local"))).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.to.includes("vence8@pregon.local"))).toHaveLength(0);
    const runs = await call<{ runs: { email: string; status: string; occurrence: string }[] }>("GET", `/automations/${auto.data.id}/runs`);
    expect(runs.data.runs).toEqual([expect.objectContaining({ email: "vence7@pregon.local", status: "done", occurrence: limaDate(now + 7 * DAY_MS) })]);
    const stats = await call<{ steps: { stepId: string; done: number }[] }>("GET", `/automations/${auto.data.id}/stats`);
    expect(stats.data.steps).toEqual([expect.objectContaining({ stepId: "aviso", done: 1 })]);
  }, 300_000);
});
