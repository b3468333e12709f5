/**
 * The campaign's "Análisis" section in Chromium, through the real pipeline: a campaign is sent to
 * a local SMTP server, the open pixels of two of the three received messages are fetched, and
 * once the events consumer has recorded them the page shows the peak-hours sentence (the current
 * Lima hour), the line chart with its 72 h / daily toggle and the heatmap with its text summary.
 * Before the first open the section shows its empty state. Then "Destinatarios": the opener's
 * count (people and machines apart), the "Abrieron" filter, the recipient's history in a dialog
 * and the CSV behind its link. Screenshots in tests/e2e/screenshots.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApi } from "./page-api";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const MJML = `<mjml><mj-body><mj-section><mj-column><mj-text>Hola {{nombre}}</mj-text><mj-button href="https://www.gob.pe/convocatoria">Ver convocatoria</mj-button></mj-column></mj-section></mj-body></mjml>`;

let smtp: CaptureSmtp;
let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-123" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
});

const eventually = <T>(fn: () => Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout, interval: 250 });

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApi<T>(page, method, path, body);

async function sentCampaign(name: string, emails: string[]): Promise<string> {
  const list = await apiCall<{ id: string }>("POST", "/lists", { name: `Lista ${name}` });
  for (const email of emails) await apiCall("POST", "/contacts", { email, firstName: email.split("@")[0], listIds: [list.id], consent: { email: true } });
  const tpl = await apiCall<{ id: string }>("POST", "/templates", { name: `Plantilla ${name}`, source: MJML });
  const campaign = await apiCall<{ id: string }>("POST", "/campaigns", { name, subject: "Hola {{nombre}}", fromName: "Agencia", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] } });
  await apiCall("POST", `/campaigns/${campaign.id}/send`);
  return campaign.id;
}

type Analytics = { timeline72h: { opens: number }[]; daily: { opens: number }[]; heatmap: { weekday: string; opens: number[] }[]; peakHours: { hour: number; opens: number }[]; machine: { opens: number } };

describe("campaign analytics", () => {
  it("shows the empty state, then the peak hours, the line chart and the Lima heatmap once opens arrive", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    const id = await sentCampaign("Convocatoria", ["ana@empresa.pe", "beto@empresa.pe", "cata@empresa.pe"]);
    await page.goto(`${app.url}/campaigns/${id}`);
    const section = page.getByTestId("campaign-analytics");
    await section.getByRole("heading", { level: 2, name: "Análisis" }).waitFor();
    await section.getByText("Aún no hay aperturas ni clics").waitFor();
    await section.screenshot({ path: `${SHOTS}a1-analytics-empty.png` });

    await eventually(async () => smtp.mails.length, 60_000).toBe(3);
    const pixels = smtp.mails.map(({ html: h }) => /https?:\/\/[^"'\s>]+\/t\/o\/[^"'\s>]+/.exec(h)?.[0]).filter((p): p is string => Boolean(p));
    expect(pixels).toHaveLength(3);
    const opened = Date.now();
    for (const pixel of pixels.slice(0, 2)) {
      const res = await fetch(new URL(new URL(pixel).pathname, app.url), { headers: { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36" } });
      expect(res.status).toBe(200);
    }
    // The current Lima weekday and hour (UTC−5), worked out here independently of the code.
    const lima = new Date(opened - 5 * 3_600_000);
    const weekday = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"][lima.getUTCDay()]!;
    const hour = lima.getUTCHours();
    await eventually(async () => (await apiCall<Analytics>("GET", `/campaigns/${id}/analytics`)).daily.reduce((s, d) => s + d.opens, 0), 60_000).toBe(2);
    const data = await apiCall<Analytics>("GET", `/campaigns/${id}/analytics`);
    expect(data.peakHours).toEqual([{ hour, opens: 2 }]);
    expect(data.heatmap.find((r) => r.weekday === weekday)!.opens[hour]).toBe(2);
    expect(data.timeline72h.reduce((s, p) => s + p.opens, 0)).toBe(2);
    expect(data.machine.opens).toBe(0);
    const account = await apiCall<{ peakHours: { hour: number; opens: number }[] }>("GET", "/analytics/engagement");
    expect(account.peakHours).toEqual([{ hour, opens: 2 }]);

    await page.reload();
    const hh = `${String(hour).padStart(2, "0")}:00`;
    await section.getByTestId("peak-hours").waitFor();
    expect(await section.getByTestId("peak-hours").textContent()).toBe(`Las aperturas se concentran a las ${hh} (hora de Lima).`);
    await section.locator("[data-testid=analytics-timeline] svg.apexcharts-svg").waitFor();
    await section.locator("[data-testid=analytics-heatmap] svg.apexcharts-svg").waitFor();
    expect(await section.getByTestId("analytics-timeline-summary").textContent()).toContain("aperturas 2, clics 0");
    expect(await section.getByTestId("heatmap-summary").textContent()).toContain(`Total: 2 aperturas. La hora con más aperturas es el ${weekday} a las ${hh} (2)`);
    // The heatmap has seven weekday rows (lunes at the top) of 24 cells.
    expect(await section.locator("[data-testid=analytics-heatmap] .apexcharts-heatmap-rect").count()).toBe(7 * 24);
    await section.screenshot({ path: `${SHOTS}a2-analytics-hourly.png` });

    await section.getByRole("button", { name: "Por día (toda la campaña)" }).click();
    expect(await section.getByRole("button", { name: "Por día (toda la campaña)" }).getAttribute("aria-pressed")).toBe("true");
    expect(await section.getByTestId("analytics-timeline-summary").textContent()).toContain("aperturas 2, clics 0");
    await section.screenshot({ path: `${SHOTS}a3-analytics-daily.png` });

    // "Destinatarios": the first opener opens twice more, once through Apple Mail Privacy
    // Protection (a machine open, counted apart); the table shows it, "Abrieron" keeps the two
    // openers, and the row opens that recipient's history.
    const [reader, other, idle] = smtp.mails.map((m) => m.to[0]!);
    await fetch(new URL(new URL(pixels[0]!).pathname, app.url), { headers: { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36" } });
    await fetch(new URL(new URL(pixels[0]!).pathname, app.url), { headers: { "User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)" } });
    type Row = { email: string; opens: number; machineOpens: number };
    const readerRow = async () => (await apiCall<{ recipients: Row[] }>("GET", `/campaigns/${id}/recipients?filter=opened`)).recipients.find((r) => r.email === reader);
    await eventually(async () => (await readerRow())?.machineOpens ?? 0, 60_000).toBe(1);
    expect(await readerRow()).toMatchObject({ opens: 2, machineOpens: 1 });

    await page.reload();
    const recipients = page.getByTestId("campaign-recipients");
    await recipients.getByRole("heading", { level: 2, name: "Destinatarios" }).waitFor();
    const row = (email: string) => recipients.locator(`tr[data-recipient="${email}"]`);
    await row(reader).waitFor();
    expect(await recipients.locator("tbody tr").count()).toBe(3);
    expect(await row(reader).getByTestId("recipient-opens").textContent()).toBe("2");
    expect(await row(idle).getByTestId("recipient-opens").textContent()).toBe("0");
    await recipients.scrollIntoViewIfNeeded();
    await recipients.screenshot({ path: `${SHOTS}a4-recipients-all.png` });

    await recipients.getByRole("button", { name: "Abrieron", exact: true }).click();
    expect(await recipients.getByRole("button", { name: "Abrieron", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => recipients.locator("tbody tr").count(), { timeout: 10_000 }).toBe(2);
    expect(await row(other).count()).toBe(1);
    expect(await row(idle).count()).toBe(0);
    expect(await recipients.getByTestId("recipients-csv").getAttribute("href")).toBe(`/api/v1/campaigns/${id}/recipients.csv?filter=opened&lang=es`);
    await recipients.screenshot({ path: `${SHOTS}a5-recipients-opened.png` });

    await row(reader).getByRole("button", { name: `Ver historial de ${reader}` }).click();
    const dialog = page.getByRole("dialog", { name: `Historial del destinatario: ${reader}` });
    const events = dialog.getByTestId("timeline-events");
    await events.waitFor();
    expect(await events.locator("tbody tr td:nth-child(2)").allTextContents()).toEqual(["Envío aceptado", "Apertura", "Apertura", "Apertura"]);
    expect(await events.locator("tbody tr td:nth-child(3)").allTextContents()).toEqual(["—", "Persona", "Persona", "Máquina: Apple Mail Privacy Protection"]);
    await expect.poll(() => dialog.getByText("2 de personas · 1 de máquinas").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}a6-recipient-timeline.png` });
    await dialog.getByRole("button", { name: "Cerrar" }).click();

    // The CSV behind the link, fetched with the session: the two openers' rows, in Spanish.
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), await recipients.getByTestId("recipients-csv").getAttribute("href"));
    expect(csv.split("\r\n")[0]).toBe("ID de contacto,Correo electrónico,Nombre,Estado del envío,Enviado (hora de Lima),Rebote,Código SMTP,Detalle,Primera apertura (hora de Lima),Aperturas,Aperturas de máquinas,Primer clic (hora de Lima),Clics,Clics de máquinas,Baja (hora de Lima),Queja (hora de Lima)");
    expect(csv.split("\r\n").filter(Boolean).map((l) => l.split(",")[1]).slice(1).sort()).toEqual([reader, other].sort());

    await page.setViewportSize({ width: 390, height: 844 });
    await recipients.scrollIntoViewIfNeeded();
    await recipients.screenshot({ path: `${SHOTS}a7-recipients-phone.png` });
  });
});
