/**
 * Configuración → Redes sociales in Chromium (W6): the owner connects a LinkedIn organisation
 * (a target in the wrong form is refused next to its field), sees it listed with only the
 * token's last characters, then sends an email campaign: it is posted on send to the LinkedIn
 * stand-in (tests/worker/social-standin.ts, in process) with that token, and the campaign's page
 * shows the post. Screenshots: tests/e2e/screenshots/social-*.png.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { pageApi } from "./page-api";
import { freePort } from "./sms-helpers";
import { startSocialStandin, type SocialStandin } from "../worker/social-standin";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const TARGET = "urn:li:organization:2414183";
const TOKEN = "AQXlinkedin-e2e-token-7c2d";

let app: Pregon;
let browser: Browser;
let page: Page;
let smtp: CaptureSmtp;
let standin: SocialStandin;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  standin = await startSocialStandin();
  standin.register("linkedin", TARGET, TOKEN);
  const port = await freePort();
  app = await startPregon(
    OWNER,
    {
      MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-social", PUBLIC_URL: `http://127.0.0.1:${port}`,
      FACEBOOK_API_URL: `${standin.url}/facebook`, LINKEDIN_API_URL: `${standin.url}/linkedin`, X_API_URL: `${standin.url}/x`,
    },
    { port },
  );
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
  await standin?.close();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const eventually = <T>(fn: () => Promise<T>, timeout = 60_000) => expect.poll(fn, { timeout, interval: 250 });

describe("social accounts page", () => {
  it("connects a LinkedIn organisation and shows the campaign's post after sending", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();
    await pageApi(page, "PUT", "/archive", { slug: "registro-proveedores", title: "Comunicados", enabled: true });

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await page.getByRole("link", { name: "Configurar redes sociales" }).click();
    await page.getByRole("heading", { level: 1, name: "Redes sociales" }).waitFor();
    await page.getByText("Aún no hay cuentas conectadas").waitFor();

    await page.getByRole("button", { name: "Conectar cuenta" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Red social").selectOption("linkedin");
    await dialog.getByLabel("Nombre").fill("Registro de Proveedores");
    await dialog.getByLabel("URN de la organización de LinkedIn").fill("2414183");
    await dialog.getByLabel("Token de acceso").fill(TOKEN);
    await dialog.getByRole("button", { name: "Conectar", exact: true }).click();
    await dialog.getByText("No tiene el formato esperado.").waitFor();
    await shot("social-form");
    await dialog.getByLabel("URN de la organización de LinkedIn").fill(TARGET);
    await dialog.getByRole("button", { name: "Conectar", exact: true }).click();
    await page.getByText("Cuenta conectada.").waitFor();

    const row = page.locator("[data-testid=social-accounts] table.data tbody tr").first();
    expect(await row.textContent()).toContain("LinkedIn · Registro de Proveedores");
    expect(await row.getByTestId("token-hint").textContent()).toBe("…7c2d");
    expect(await page.content()).not.toContain(TOKEN);
    expect(await row.textContent()).toContain("Ninguna todavía");
    await shot("social-settings");

    // An email campaign, really sent: posted on send with the account's token.
    const list = await pageApi<{ id: string }>(page, "POST", "/lists", { name: "Proveedores" });
    await pageApi(page, "POST", "/contacts", { email: "ana@empresa.pe", firstName: "Ana", listIds: [list.id], consent: { email: true } });
    const tpl = await pageApi<{ id: string }>(page, "POST", "/templates", { name: "Comunicado", galleryKey: "announcement" });
    const campaign = await pageApi<{ id: string }>(page, "POST", "/campaigns", {
      name: "Inscripción", subject: "Inscripción en línea abierta, {{nombre}}", fromName: "Registro de Proveedores", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] },
    });
    await pageApi(page, "POST", `/campaigns/${campaign.id}/send`);
    await eventually(async () => standin.calls(TARGET).length).toBe(1);
    const call = standin.calls(TARGET)[0]!;
    expect(call.token).toBe(TOKEN);
    expect(call.body).toMatchObject({ author: TARGET, commentary: "Inscripción en línea abierta", content: { article: { source: `${app.url}/archivo/registro-proveedores/${campaign.id}` } } });

    await page.goto(`${app.url}/campaigns/${campaign.id}`);
    const section = page.getByTestId("campaign-social");
    await section.getByText("Publicada").waitFor();
    expect(await section.getByRole("link", { name: "Ver publicación" }).getAttribute("href")).toMatch(/^https:\/\/www\.linkedin\.com\/feed\/update\/urn:li:share:\d+\/$/);
    await section.getByRole("button", { name: "Publicar ahora" }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot("social-campaign", false);

    await page.goto(`${app.url}/settings/social`);
    await page.getByRole("heading", { level: 1, name: "Redes sociales" }).waitFor();
    await page.locator("[data-testid=social-accounts]").getByText("Publicada").waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    await shot("social-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
