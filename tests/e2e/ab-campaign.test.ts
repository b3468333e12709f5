/**
 * A/B test in the dashboard, in a real browser against the real Worker and a tiny SMTP server:
 * the owner sets up a subject test in the campaign form, sends the campaign, and the page shows
 * each version's test sample with the time the winner will be picked, in Spanish and in
 * English. The SMTP server holds exactly the sample. Screenshots: tests/e2e/screenshots/ab*.png.
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
const main = () => page.locator("main");

async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeout = 30_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > until) return v;
    await page.waitForTimeout(200);
  }
}

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApiRaw<T>(page, method, path, body);

describe("A/B test in the dashboard", () => {
  it("sets up a subject test in the form, sends the sample, and shows both versions", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Prensa regional" });
    for (let i = 0; i < 24; i++) {
      const c = await apiCall("POST", "/contacts", { email: `periodista${i}@example.org`, firstName: `Persona${i}`, listIds: [list.data.id], consent: { email: true } });
      expect(c.status).toBe(201);
    }
    const source = "<mjml><mj-body><mj-section><mj-column><mj-text>Hola {{nombre}}</mj-text></mj-column></mj-section></mj-body></mjml>";
    expect((await apiCall("POST", "/templates", { name: "Aviso breve", source })).status).toBe(201);

    await page.goto(`${app.url}/campaigns`);
    await main().getByRole("button", { name: "Nueva campaña" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nombre de la campaña").fill("Convocatoria con prueba");
    await dialog.getByLabel("Asunto").fill("Convocatoria abierta, {{nombre}}");
    await dialog.getByLabel("Nombre del remitente").fill("Comunicaciones");
    await dialog.getByLabel("Correo del remitente").fill("noticias@pregon.local");
    await dialog.getByLabel("Plantilla").selectOption({ index: 1 });
    await dialog.getByLabel(/^Prensa regional/).check();
    await dialog.getByLabel("Hacer una prueba A/B").check();
    await dialog.getByLabel("Porcentaje de prueba (%)").fill("60");
    await dialog.getByLabel("Porcentaje de prueba (%)").blur();
    expect(await dialog.getByText("Escribe un número entero entre 10 y 50.").count()).toBe(1);
    await dialog.getByLabel("Porcentaje de prueba (%)").fill("50");
    await dialog.getByLabel("Horas de espera").fill("2");
    await dialog.getByLabel("Asunto de la versión B").fill("Última semana para postular, {{nombre}}");
    await dialog.getByLabel("Gana la de mayor").selectOption("clicks");
    await dialog.getByTestId("ab-fields").scrollIntoViewIfNeeded();
    await shot("ab1-campaign-form", false);
    await dialog.getByRole("button", { name: "Crear campaña" }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    const ab = main().getByTestId("ab-results");
    await ab.waitFor();
    expect(await ab.getByTestId("ab-status").textContent()).toBe("La prueba empieza cuando se envíe la campaña.");
    expect(await ab.textContent()).toContain("Se prueba el asunto con el 50 % de la audiencia; gana la de mayor tasa de clics tras 2 h.");

    await main().getByRole("button", { name: "Enviar ahora" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Enviar ahora" }).click();
    await eventually(() => ab.getByTestId("ab-status").textContent(), (s) => !!s?.startsWith("La ganadora se elegirá el"));
    const sentOf = async (v: string) => Number((await ab.locator(`tr[data-variant="${v}"] td.num`).first().textContent()) ?? "0");
    const total = await eventually(async () => (await sentOf("A")) + (await sentOf("B")), (n) => n > 0 && n === smtp.mails.length && n < 24);
    expect(total).toBe(smtp.mails.length);
    expect(smtp.mails.every(({ subject: s }) => /^(Convocatoria abierta|Última semana para postular), Persona\d+$/.test(s))).toBe(true);
    expect(await main().getByTestId("campaign-status").textContent()).toBe("Enviando");
    await ab.scrollIntoViewIfNeeded();
    await shot("ab2-campaign-testing");
    await ab.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shot("m-ab-testing", false); // the user manual's picture (docs/manual)

    await page.setViewportSize({ width: 375, height: 800 });
    await ab.scrollIntoViewIfNeeded();
    await shot("ab3-campaign-testing-phone", false);
    await page.setViewportSize({ width: 1280, height: 800 });

    expect((await apiCall("PATCH", "/me", { locale: "en" })).status).toBe(200);
    await page.reload();
    await main().getByTestId("ab-results").waitFor();
    expect(await main().getByTestId("ab-results").textContent()).toContain("Testing the subject with 50% of the audience; the higher click rate wins after 2 h.");
    await main().getByTestId("ab-results").scrollIntoViewIfNeeded();
    await shot("ab4-campaign-testing-english");
    expect((await apiCall("PATCH", "/me", { locale: "es-PE" })).status).toBe(200);
  });
});
