/**
 * A campaign from the dashboard into the product's own local inbox (the service `npm start`
 * runs, dev/services/smtp-inbox.mjs), read there on a phone: the owner creates a list and a
 * gallery template, writes a campaign in the UI and sends it now; the local inbox receives one
 * personalised mail per contact (after a test send to a reviewer); then, in a 375 px wide window, the owner opens the inbox, opens
 * Ana's mail and reads it rendered. Screenshots: tests/e2e/screenshots/i*.png.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { smtpInbox } from "../../dev/services/smtp-inbox.mjs";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApiRaw } from "./page-api";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };

type MailSummary = { id: number; subject: string; to: string[] };

let inbox: { stop: () => Promise<unknown>; vars: Record<string, string> };
let inboxUrl = "";
let app: Pregon;
let browser: Browser;
let page: Page;

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  process.env.PREGON_SMTP_PORT = String(await freePort());
  process.env.PREGON_INBOX_PORT = String(await freePort());
  inbox = await smtpInbox.start({ host: "127.0.0.1" });
  inboxUrl = `http://127.0.0.1:${process.env.PREGON_INBOX_PORT}`;
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", LINK_SECRET: "e2e-link-secret-456", ...inbox.vars });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await inbox?.stop();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const main = () => page.locator("main");
const eventually = <T>(fn: () => Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApiRaw<T>(page, method, path, body);

async function mails(): Promise<MailSummary[]> {
  const res = await fetch(`${inboxUrl}/api/mails`);
  return ((await res.json()) as { mails: MailSummary[] }).mails;
}

describe("a campaign in the local inbox", () => {
  it("is sent from the dashboard and read on a phone", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();

    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Proveedores de Lima" });
    expect(list.status).toBe(201);
    for (const [email, firstName, company] of [
      ["ana.quispe@example.org", "Ana", "Quispe Ingenieros SAC"],
      ["beto.rojas@example.org", "Beto", "Rojas y Asociados"],
    ]) {
      const c = await apiCall("POST", "/contacts", { email, firstName, company, listIds: [list.data.id], consent: { email: true } });
      expect(c.status, JSON.stringify(c.data)).toBe(201);
    }
    const gallery = await apiCall<{ templates: { key: string }[] }>("GET", "/templates/gallery");
    const template = await apiCall<{ id: string }>("POST", "/templates", { name: "Aviso", galleryKey: gallery.data.templates[0]!.key });
    expect(template.status, JSON.stringify(template.data)).toBe(201);

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Campañas", exact: true }).click();
    await heading("Campañas").waitFor();
    await main().getByRole("button", { name: "Nueva campaña" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nombre de la campaña").fill("Aviso a proveedores");
    await dialog.getByLabel("Asunto").fill("{{nombre}}, su registro de proveedor");
    await dialog.getByLabel("Nombre del remitente").fill("Mesa de partes");
    await dialog.getByLabel("Correo del remitente").fill("avisos@pregon.local");
    await dialog.getByLabel("Plantilla").selectOption({ index: 1 });
    await dialog.getByLabel(/^Proveedores de Lima/).check();
    await dialog.getByRole("button", { name: "Crear campaña" }).click();
    await heading("Aviso a proveedores").waitFor();

    // A test first, to the person who approves it, with sample data.
    await main().getByLabel("Enviar a", { exact: true }).fill("revisora@example.org");
    await main().getByRole("button", { name: "Enviar prueba" }).click();
    await main().getByTestId("test-send-result").getByText("revisora@example.org: enviado.").waitFor();
    await main().locator(".test-send").screenshot({ path: `${SHOTS}i0-test-send.png` });
    await eventually(async () => (await mails()).map((m) => m.subject)).toEqual(["[Prueba] Ana, su registro de proveedor"]);

    await main().getByRole("button", { name: "Enviar ahora" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Enviar ahora" }).click();
    await eventually(() => main().getByTestId("campaign-status").textContent(), 60_000).toBe("Enviada");

    await eventually(async () => (await mails()).length).toBe(3);
    const got = (await mails()).filter((m) => !m.subject.startsWith("[Prueba]"));
    expect(got.map((m) => m.subject).sort()).toEqual(["Ana, su registro de proveedor", "Beto, su registro de proveedor"]);

    // Read it as a supplier would: the inbox on a phone-sized screen.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(inboxUrl);
    const item = page.getByText("Ana, su registro de proveedor", { exact: true });
    await item.waitFor();
    await shot("i1-inbox-phone");
    await item.click();
    const frame = page.frameLocator("iframe").first();
    await eventually(async () => (await frame.locator("body").textContent()) ?? "").toContain("Ana");
    await page.waitForTimeout(1000);
    await shot("i2-mail-phone", false);
    await page.locator("iframe").first().scrollIntoViewIfNeeded();
    await shot("i3-mail-body-phone", false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);
    await page.getByRole("button", { name: "← Volver a la bandeja" }).click();
    await page.getByText("Beto, su registro de proveedor").waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
