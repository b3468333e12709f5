/**
 * The public archive in Chromium (W6): a campaign from a gallery template is really sent (to a
 * capture SMTP server; its footer carries the share links), the owner sets up Configuración →
 * Archivo público, publishes the campaign from its page, then the public archive list, the
 * campaign's public page (its Open Graph and Twitter tags read from the DOM) and the widget,
 * loaded by its script tag into a plain page of another origin, are opened and photographed.
 * Screenshots: tests/e2e/screenshots/archive-*.png.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApi } from "./page-api";
import { freePort } from "./sms-helpers";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const SUBJECT = `Comunicado: inscripción en línea & "novedades"`;
const PREHEADER = "Desde el 5 de enero de 2027, la inscripción y la renovación se harán solo en línea.";

let smtp: CaptureSmtp;
let app: Pregon;
let browser: Browser;
let page: Page;
let host: Server;
let hostUrl = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  const port = await freePort();
  app = await startPregon(
    OWNER,
    { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-arch", PUBLIC_URL: `http://127.0.0.1:${port}` },
    { port },
  );
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
  await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const eventually = <T>(fn: () => Promise<T>, timeout = 60_000) => expect.poll(fn, { timeout, interval: 250 });
const meta = (selector: string) => page.locator(selector).getAttribute("content");

describe("public archive", () => {
  it("publishes a sent campaign and shows the archive, its share tags and the widget on another site", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    // A campaign from a gallery template, really sent.
    const list = await pageApi<{ id: string }>(page, "POST", "/lists", { name: "Proveedores" });
    await pageApi(page, "POST", "/contacts", { email: "ana@empresa.pe", firstName: "Ana", listIds: [list.id], consent: { email: true } });
    const tpl = await pageApi<{ id: string }>(page, "POST", "/templates", { name: "Comunicado", galleryKey: "announcement" });
    const campaign = await pageApi<{ id: string }>(page, "POST", "/campaigns", {
      name: "Inscripción en línea", subject: SUBJECT, preheader: PREHEADER, fromName: "Registro de Proveedores", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] },
    });
    await pageApi(page, "POST", `/campaigns/${campaign.id}/send`);
    await eventually(async () => smtp.mails.length).toBe(1);
    expect(smtp.mails[0]!.html).toContain("Compartir:");
    await eventually(async () => (await pageApi<{ status: string }>(page, "GET", `/campaigns/${campaign.id}`)).status).toBe("sent");

    // Configuración → Archivo público.
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await page.getByRole("link", { name: "Configurar archivo público" }).click();
    await page.getByRole("heading", { level: 1, name: "Archivo público" }).waitFor();
    await page.getByTestId("archive-not-saved").waitFor();
    await page.getByLabel("Dirección", { exact: true }).fill("Muni Lima");
    await page.getByLabel("Título").click();
    await page.getByText("Usa de 3 a 40 letras minúsculas").waitFor();
    await page.getByLabel("Dirección", { exact: true }).fill("registro-proveedores");
    await page.getByLabel("Título").fill("Comunicados del Registro de Proveedores");
    await page.getByLabel("Descripción (opcional)").fill("Avisos y convocatorias para proveedores del Estado.");
    await page.getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Se guardó el archivo público.").waitFor();
    const archiveUrl = `${app.url}/archivo/registro-proveedores`;
    expect(await page.getByTestId("archive-url").inputValue()).toBe(archiveUrl);
    expect(await page.getByTestId("archive-rss").inputValue()).toBe(`${archiveUrl}/rss.xml`);
    expect(await page.getByTestId("widget-snippet").inputValue()).toBe(`<script src="${app.url}/embed/registro-proveedores/latest.js" data-n="5" data-lang="es" async></script>`);
    expect(await page.getByTestId("form-snippet").inputValue()).toContain("?embed=1");
    await page.getByTestId("widget-preview").waitFor();
    await shot("archive-settings");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("m-archive-settings", false); // the user manual's picture (docs/manual)

    // Publish from the campaign page.
    await page.goto(`${app.url}/campaigns/${campaign.id}`);
    await page.getByTestId("publish").click();
    await page.getByText("La campaña se publicó en el archivo.").waitFor();
    const publicUrl = `${archiveUrl}/${campaign.id}`;
    expect(await page.getByTestId("public-url").inputValue()).toBe(publicUrl);
    expect(await page.getByTestId("share-links").getByRole("link", { name: "Facebook" }).getAttribute("href")).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(publicUrl)}`);
    await page.getByTestId("campaign-publish").scrollIntoViewIfNeeded();
    await shot("archive-campaign-control", false);

    // The public list.
    await page.goto(archiveUrl);
    await page.getByRole("heading", { level: 1, name: "Comunicados del Registro de Proveedores" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByRole("link", { name: SUBJECT }).waitFor();
    await shot("archive-list");

    // The campaign's public page and what a shared link shows.
    await page.getByRole("link", { name: SUBJECT }).click();
    await page.waitForURL(publicUrl);
    expect(await meta('meta[property="og:title"]')).toBe(SUBJECT);
    expect(await meta('meta[property="og:description"]')).toBe(PREHEADER);
    expect(await meta('meta[property="og:url"]')).toBe(publicUrl);
    expect(await meta('meta[property="og:type"]')).toBe("article");
    expect(await meta('meta[property="og:locale"]')).toBe("es_PE");
    expect(await meta('meta[name="twitter:card"]')).toBe("summary");
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(publicUrl);
    expect(await page.title()).toBe(SUBJECT);
    const bar = page.getByRole("navigation", { name: "Compartir este comunicado" });
    expect(await bar.getByRole("link", { name: "Compartir en X" }).getAttribute("href")).toBe(`https://twitter.com/intent/tweet?url=${encodeURIComponent(publicUrl)}&text=${encodeURIComponent(SUBJECT)}`);
    // The footer's share links (gallery template) point at this page too, and nothing tracks the reader.
    const html = await page.content();
    expect(html).toContain(`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(publicUrl)}`);
    expect(html).not.toMatch(/\/t\/o\/|\/t\/c\//);
    await page.getByText("Estimado(a) proveedor:").waitFor();
    await shot("archive-campaign");

    // The widget, placed by its script tag on a plain page of another origin.
    host = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Portal de la entidad</title>
<style>body{font-family:Georgia,serif;background:#f3efe6;margin:0;padding:2rem}main{display:grid;grid-template-columns:2fr 1fr;gap:2rem;max-width:960px;margin:0 auto}aside{background:#fff;padding:1rem;border-radius:8px}</style></head>
<body><main><article><h1>Portal institucional</h1><p>Contenido propio del sitio de la entidad.</p></article>
<aside><script src="${app.url}/embed/registro-proveedores/latest.js" data-n="5" async></script></aside></main></body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
    await page.goto(hostUrl);
    const frame = page.frameLocator("aside iframe");
    await frame.getByRole("heading", { name: "Últimos comunicados" }).waitFor();
    const item = frame.getByRole("link", { name: new RegExp(SUBJECT.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
    expect(await item.getAttribute("href")).toBe(publicUrl);
    expect(await item.getAttribute("target")).toBe("_blank");
    // The loader fitted the iframe to its content (its default is 360 px).
    await eventually(async () => page.locator("aside iframe").evaluate((f) => (f as HTMLIFrameElement).style.height), 10_000).not.toBe("360px");
    await shot("archive-widget-host");

    // Unpublished: the public page is gone.
    await page.goto(`${app.url}/campaigns/${campaign.id}`);
    await page.getByTestId("unpublish").click();
    await page.getByText("La campaña se retiró del archivo.").waitFor();
    expect((await fetch(publicUrl)).status).toBe(404);
  });
});
