/**
 * Configuración → Webhooks in Chromium (B1): the owner opens the page from Configuración, creates
 * a webhook to a local receiver with some events ticked, sees the signing secret once (and it
 * verifies the receiver's signature), tests the webhook, and reads the delivery log. A bad URL is
 * refused next to its field. Screenshots: tests/e2e/screenshots/wh-*.png.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { verifyWebhook } from "../../shared/sms/keyword-webhook";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };

let app: Pregon;
let browser: Browser;
let page: Page;
let receiver: Server;
let receiverUrl = "";
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "Content-Type": "text/plain" }).end("recibido");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm/pregon`;
  app = await startPregon(OWNER, { MX_CHECKS: "off", LINK_SECRET: "e2e-link-secret-wh" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });

describe("webhooks page", () => {
  it("creates a webhook, shows its secret once, tests it and lists the delivery", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await page.getByRole("link", { name: "Configurar webhooks" }).click();
    await heading("Webhooks").waitFor();
    await expect.poll(() => page.getByText("Aún no hay webhooks").count()).toBe(1);

    await page.getByRole("button", { name: "Nuevo webhook" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Dirección (URL)").fill("ftp://crm.example.pe");
    await dialog.getByRole("button", { name: "Crear webhook" }).click();
    await dialog.getByText("Escribe una dirección que empiece con https:// o http://.").waitFor();
    await dialog.getByLabel("Dirección (URL)").fill(receiverUrl);
    await dialog.getByLabel("Descripción (opcional)").fill("CRM de la agencia");
    await dialog.getByLabel("SMS recibido").check();
    await dialog.getByLabel("Rebote").uncheck();
    await shot("wh-form");
    await dialog.getByRole("button", { name: "Crear webhook" }).click();

    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    await shot("wh-secret");
    await page.getByRole("button", { name: "Ya la copié" }).click();
    await expect.poll(() => page.getByTestId("webhook-secret").count()).toBe(0);

    const row = page.locator("table.data tbody tr").first();
    expect(await row.textContent()).toContain("Enviado, Apertura, Clic, Baja, SMS recibido");
    await row.getByRole("button", { name: "Probar" }).click();
    await page.getByText("Tu sistema respondió 200.").waitFor();
    expect(received).toHaveLength(1);
    const sig = String(received[0]!.headers["x-pregon-signature"]);
    expect(await verifyWebhook(secret, received[0]!.body, sig, Math.floor(Date.now() / 1000))).toBe(true);
    expect(received[0]!.headers["x-pregon-event"]).toBe("ping");

    await row.getByRole("button", { name: "Entregas" }).click();
    const log = page.getByTestId("webhook-deliveries");
    await log.getByRole("cell", { name: "Prueba" }).waitFor();
    expect(await log.getByRole("cell", { name: "Entregado" }).count()).toBe(1);
    await shot("wh-log");
    await page.setViewportSize({ width: 375, height: 800 });
    await shot("wh-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
