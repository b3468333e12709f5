/**
 * Send limits end to end, in a real browser against the real Worker sending through a tiny SMTP
 * server started here: the owner sets an hourly Gmail limit and a warm-up in Configuración →
 * Límites de envío (a bad number is refused next to its field first), then sends a campaign to
 * three Gmail addresses and one other: the other and one Gmail go now, and the campaign page
 * says it is limited by Gmail with the time of the next batch in Lima. Screenshots land in
 * tests/e2e/screenshots/ (l*.png) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApiRaw } from "./page-api";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const received = () => smtp.mails.flatMap((m) => m.to);

let smtp: CaptureSmtp;
let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  const port = smtp.port;
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), LINK_SECRET: "e2e-link-secret-123" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const form = () => page.getByTestId("send-limits-form");

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApiRaw<T>(page, method, path, body);

/** Today in Lima, YYYY-MM-DD. */
const limaToday = () => new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);

describe("send limits", () => {
  it("owner sets a Gmail limit and a warm-up in Configuración; a bad number is refused next to its field", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await heading("Configuración").waitFor();
    await page.getByRole("heading", { level: 2, name: "Límites de envío" }).waitFor();

    await form().getByLabel("Gmail").fill("-5");
    await form().getByLabel("Outlook / Hotmail").click();
    await expect.poll(() => form().getByText("Escribe un número entero mayor que 0, o déjalo vacío.").count()).toBe(1);
    await form().getByLabel("Gmail").fill("1");
    await form().getByLabel("Outlook / Hotmail").fill("1.000");
    await form().getByLabel("Usar un calentamiento").check();
    await form().getByLabel("Fecha de inicio (día 1)").fill(limaToday());
    await form().getByLabel("Correos por día").fill("200, 100");
    await form().getByRole("button", { name: "Guardar límites" }).click();
    await expect.poll(() => form().getByText("El día 2 no puede tener menos correos que el día anterior.").count()).toBe(1);
    await shot("l1-send-limits-error");

    await form().getByLabel("Correos por día").fill("200, 500, 1.000, 5.000");
    await form().getByRole("button", { name: "Guardar límites" }).click();
    await form().getByText("Se guardaron los límites de envío.").waitFor();
    await form().getByText("Hoy es el día 1: hasta 200 correos (enviados hoy: 0).").waitFor();
    await shot("l2-send-limits-saved");
    await page.locator("#send-limits").screenshot({ path: `${SHOTS}l2b-send-limits-card.png` });

    const saved = await apiCall<{ perProviderPerHour: Record<string, number | null>; warmup: { startDate: string; dailyCaps: number[] } }>("GET", "/sending/limits");
    expect(saved.data.perProviderPerHour).toEqual({ gmail: 1, outlook: 1000, yahoo: null, other: null });
    expect(saved.data.warmup).toEqual({ startDate: limaToday(), dailyCaps: [200, 500, 1000, 5000] });
  });

  it("a campaign to three Gmail addresses and one other sends two now and says it is limited by Gmail", async () => {
    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Proveedores" });
    for (const email of ["ana.e2e@gmail.com", "beto.e2e@gmail.com", "carla.e2e@gmail.com", "dora@municipalidad.gob.pe"]) {
      expect((await apiCall("POST", "/contacts", { email, listIds: [list.data.id], consent: { email: true } })).status).toBe(201);
    }
    const tpl = await apiCall<{ id: string }>("POST", "/templates", { name: "Aviso", galleryKey: "announcement" });
    expect(tpl.status, JSON.stringify(tpl.data)).toBe(201);
    const campaign = await apiCall<{ id: string }>("POST", "/campaigns", {
      name: "Convocatoria 2027",
      subject: "Convocatoria abierta",
      fromName: "Agencia",
      fromAddress: "avisos@pregon.local",
      templateId: tpl.data.id,
      audience: { listIds: [list.data.id], segmentIds: [] },
    });
    expect(campaign.status, JSON.stringify(campaign.data)).toBe(201);
    expect((await apiCall("POST", `/campaigns/${campaign.data.id}/send`, {})).status).toBe(200);

    await page.goto(`${app.url}/campaigns/${campaign.data.id}`);
    await heading("Convocatoria 2027").waitFor();
    const notice = page.getByTestId("throttle-notice");
    await notice.waitFor({ timeout: 30_000 });
    const nextHour = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000).toISOString().slice(11, 16);
    expect(await notice.textContent()).toContain(`Limitado por Gmail: 1/h; siguiente tanda ${nextHour}`);
    await expect.poll(() => received().length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("progress-count").textContent(), { timeout: 30_000 }).toBe("2 / 4");
    await shot("l3-campaign-throttled");
    expect(received().filter((r) => r.endsWith("@gmail.com"))).toHaveLength(1);
    expect(received()).toContain("dora@municipalidad.gob.pe");
  });
});
