/**
 * "Dominios de envío" end to end, in a real browser against the real Worker, with DNS answered by
 * the local DNS-over-HTTPS server of tests/worker/doh-server.ts (no network): the owner adds a
 * domain (a bad name is refused next to the field), sees the exact records to publish and copies
 * one, checks before publishing (everything missing), publishes DKIM and DMARC while the domain
 * keeps an SPF record without the relay (SPF wrong, the merged value offered), publishes that
 * value and is verified, sees it in the list, on a phone, and removes it after a confirmation.
 * Screenshots land in tests/e2e/screenshots/ (d*.png) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { startDohServer, type DohServer } from "../worker/doh-server";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const DOMAIN = "avisos.muni.gob.pe";

let dns: DohServer;
let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dns = await startDohServer();
  app = await startPregon(OWNER, { MX_CHECKS: "off", DOH_URL: `${dns.url}/dns-query`, SPF_INCLUDE: "spf.relay.pe", LINK_SECRET: "e2e-link-secret-123" });
  browser = await launchBrowser();
  page = browser.page;
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await dns?.close();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const main = () => page.locator("main");
const record = (kind: string) => main().locator(`tr[data-record="${kind}"]`);
const checkCard = (kind: string) => main().locator(`[data-check="${kind}"]`);
const text = async (testId: string) => (await main().getByTestId(testId).textContent()) ?? "";

async function verify() {
  await main().getByRole("button", { name: "Verificar", exact: true }).click();
  await main().getByRole("button", { name: "Verificar", exact: true }).waitFor();
}

describe("sending domains", () => {
  it("adds a domain, shows the records to publish, checks them and verifies it", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await page.getByRole("link", { name: "Ver y verificar los dominios" }).click();
    await heading("Dominios de envío").waitFor();
    await main().getByText(/Aún no tienes dominios de envío/).waitFor();
    await shot("d01-domains-empty");

    await main().getByRole("button", { name: "Agregar dominio" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Dominio").fill("https://muni.gob.pe");
    await dialog.getByRole("button", { name: "Agregar y generar clave" }).click();
    await dialog.getByText("Escribe solo el dominio, por ejemplo avisos.muni.gob.pe (sin @ ni https://).").waitFor();
    expect(await dialog.getByLabel("Dominio").getAttribute("aria-invalid")).toBe("true");
    await shot("d02-domain-add-error", false);
    await dialog.getByLabel("Dominio").fill(` ${DOMAIN.toUpperCase()} `);
    await dialog.getByRole("button", { name: "Agregar y generar clave" }).click();

    await page.waitForURL(/\/domains\/[^/]+$/);
    await heading(DOMAIN).waitFor();
    await main().getByText(`Se agregó ${DOMAIN} y se generó su clave DKIM.`, { exact: false }).waitFor();
    const month = new Date().toISOString().slice(0, 7).replace("-", "");
    const dkimHost = `pregon${month}._domainkey.${DOMAIN}`;
    expect(await text("host-dkim")).toBe(dkimHost);
    const dkimValue = await text("value-dkim");
    expect(dkimValue).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/]+IDAQAB$/);
    expect(await text("host-spf")).toBe(DOMAIN);
    expect(await text("value-spf")).toBe("v=spf1 include:spf.relay.pe ~all");
    expect(await text("host-dmarc")).toBe(`_dmarc.${DOMAIN}`);
    expect(await text("value-dmarc")).toBe(`v=DMARC1; p=none; rua=mailto:dmarc@${DOMAIN}`);
    const copy = record("dkim").getByRole("button", { name: "Copiar el valor del registro DKIM" });
    await copy.click();
    await expect.poll(() => copy.textContent()).toBe("Copiado");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(dkimValue);
    await main().getByText("Aún no se verificó.", { exact: false }).waitFor();
    await shot("d03-domain-records");

    // Nothing published yet.
    await verify();
    await checkCard("dkim").getByText(`No hay un registro DKIM en ${dkimHost}.`).waitFor();
    expect(await checkCard("spf").getByText("No encontrado").count()).toBe(1);
    expect(await main().getByTestId("domain-state").textContent()).toContain(`Todavía no se puede enviar desde @${DOMAIN}`);

    // DKIM and DMARC as shown; the domain keeps its old SPF record, without the relay.
    dns.set(dkimHost, { txt: [dkimValue] });
    dns.set(`_dmarc.${DOMAIN}`, { txt: [await text("value-dmarc")] });
    dns.set(DOMAIN, { txt: ["google-site-verification=x1y2", "v=spf1 include:_spf.google.com ~all"] });
    await verify();
    await checkCard("spf").getByText(/no incluye a nuestro servidor de envío/).waitFor();
    expect(await checkCard("spf").locator("code").allTextContents()).toEqual(["v=spf1 include:_spf.google.com ~all"]);
    expect(await checkCard("dkim").getByText("Correcto").count()).toBe(1);
    await checkCard("dmarc").getByText("Hay una política DMARC: p=none.").waitFor();
    expect(await text("value-spf")).toBe("v=spf1 include:_spf.google.com include:spf.relay.pe ~all");
    await record("spf").getByText(/Tu dominio ya tiene un registro SPF: reemplázalo por este/).waitFor();
    await shot("d04-domain-check-spf-wrong");

    dns.set(DOMAIN, { txt: ["google-site-verification=x1y2", await text("value-spf")] });
    await verify();
    await main().getByText(`Dominio verificado: ya puedes enviar campañas desde direcciones @${DOMAIN}, firmadas con su clave.`).waitFor();
    expect(await checkCard("spf").getByText("El registro SPF autoriza a nuestro servidor de envío.").count()).toBe(1);
    await shot("d05-domain-verified");

    await page.setViewportSize({ width: 375, height: 812 });
    await shot("d06-domain-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await main().getByRole("link", { name: "← Dominios de envío" }).click();
    await heading("Dominios de envío").waitFor();
    const row = main().locator(`tr[data-domain="${DOMAIN}"]`);
    await row.getByText("Verificado").waitFor();
    expect(await row.locator(".badge").allTextContents()).toEqual(["Verificado", "Correcto", "Correcto", "Correcto"]);
    await shot("d07-domains-list");
  });

  it("removes the domain after a confirmation that says what will happen", async () => {
    await main().locator(`tr[data-domain="${DOMAIN}"]`).getByRole("link", { name: DOMAIN }).click();
    await heading(DOMAIN).waitFor();
    await main().getByRole("button", { name: "Eliminar dominio" }).click();
    const summary = page.getByTestId("confirm-summary");
    expect(await summary.textContent()).toContain(`Se eliminará el dominio ${DOMAIN} y su clave DKIM.`);
    await shot("d08-domain-delete-confirm", false);
    await page.getByRole("dialog").getByRole("button", { name: "Eliminar dominio" }).click();
    await heading("Dominios de envío").waitFor();
    await main().getByText(`Se eliminó el dominio ${DOMAIN}.`).waitFor();
    await main().getByText(/Aún no tienes dominios de envío/).waitFor();
  });
});
