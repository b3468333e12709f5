/**
 * The email section end to end, in a real browser against the real Worker sending through a
 * tiny SMTP server started here (smtp-server, recording every message): the owner creates a list
 * with two contacts through the API, creates a template from the gallery in the UI, sees its
 * preview in three sandboxed device frames (375 / 768 px, no scripts), creates a campaign in the
 * UI, sends it now through the confirmation, waits for "Enviada" and 2 / 2, and the SMTP server
 * holds exactly two messages with the rendered subject. Screenshots land in
 * tests/e2e/screenshots/ (e*.png) for a person to look at.
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
  app = await startPregon(OWNER, {
    MX_CHECKS: "off",
    SENDER_DOMAINS: "pregon.local",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    LINK_SECRET: "e2e-link-secret-123",
  });
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
const main = () => page.locator("main");
const eventually = <T>(fn: () => Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });

async function settled() {
  await eventually(() => page.getByRole("status").filter({ hasText: /Cargando|Preparando/ }).count()).toBe(0);
}

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApiRaw<T>(page, method, path, body);

async function nav(label: string) {
  await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: label, exact: true }).click();
  await heading(label).waitFor();
  await settled();
}

/** Waits until each device frame shows the email (its text is in the frame's body). */
async function framesRendered() {
  for (const device of ["desktop", "tablet", "phone"]) {
    await eventually(async () => ((await page.frameLocator(`[data-device="${device}"] iframe`).locator('[role="article"]').boundingBox())?.height ?? 0) > 200).toBe(true);
  }
}

let templateUrl = "";
let draftUrl = "";
const EDITOR = { name: "Elena Editora", email: "editora@pregon.local", password: "edicion-segura-2026", role: "editor" };
const VIEWER = { name: "Lucía Lectora", email: "lectora@pregon.local", password: "lectura-segura-2026", role: "viewer" };

async function loginAs(u: { email: string; password: string }) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/login`);
  await heading("Iniciar sesión").waitFor();
  await page.getByLabel("Correo electrónico").fill(u.email);
  await page.getByLabel("Contraseña").fill(u.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await heading("Inicio").waitFor();
}
let campaignUrl = "";

describe("campaigns", () => {
  it("owner creates a list via the API and a template from the gallery, with a three-device preview", async () => {
    await loginAs(OWNER);

    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Prensa regional" });
    expect(list.status).toBe(201);
    for (const [email, firstName] of [
      ["ana@example.org", "Ana"],
      ["beto@example.org", "Beto"],
    ]) {
      const c = await apiCall("POST", "/contacts", { email, firstName, listIds: [list.data.id], consent: { email: true } });
      expect(c.status, JSON.stringify(c.data)).toBe(201);
    }

    await nav("Plantillas");
    await shot("e1-templates-empty");
    const use = main().getByRole("button", { name: /^Usar esta plantilla/ }).first();
    await use.click();
    await page.waitForURL(/\/templates\/[^/]+$/);
    templateUrl = page.url();
    await page.getByText(/Se creó la plantilla/).waitFor();
    await settled();

    const frames = main().locator('[data-testid="device-previews"] iframe');
    await eventually(() => frames.count()).toBe(3);
    const widths = await frames.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
    expect(widths).toContain(375);
    expect(widths).toContain(768);
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(600);
    const sandboxes = await frames.evaluateAll((els) => els.map((e) => e.getAttribute("sandbox")));
    for (const s of sandboxes) {
      expect(s).not.toBeNull();
      expect(s).not.toContain("allow-scripts");
    }
    // The preview really renders the email.
    const body = await page.frameLocator('[data-device="phone"] iframe').locator("body").textContent();
    expect((body ?? "").trim().length).toBeGreaterThan(0);

    // A contact's data in the preview.
    await main().getByLabel("Ver con los datos de un contacto").fill("ana");
    await main().getByRole("button", { name: "ana@example.org" }).click();
    await main().getByText("Mostrando con los datos de ana@example.org.").waitFor();
    await shot("e2-template-editor");
    // Viewport shots for the user manual (docs/manual, dev/manual/screenshots.mjs).
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("m-template-editor", false);
    await main().getByTestId("device-previews").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -80)); // below the sticky top bar, device names showing
    await shot("m-template-preview", false);

    // A compile error shows at its line.
    const editor = main().getByLabel("Código MJML");
    const source = await editor.inputValue();
    await editor.fill(source.replace("</mjml>", "<mj-nope>\n</mjml>"));
    await main().getByRole("button", { name: "Guardar", exact: true }).click();
    await main().getByTestId("template-error").waitFor();
    expect(await main().getByTestId("template-error").textContent()).toMatch(/Línea \d+/);
    await shot("e3-template-error");
    await editor.fill(source);
    await main().getByLabel("Nombre de la plantilla").fill("Boletín institucional");
    await main().getByRole("button", { name: "Guardar", exact: true }).click();
    await main().getByText("Se guardaron los cambios.").waitFor();

    await nav("Plantillas");
    expect(await main().locator("table.data tbody tr").count()).toBe(1);
    await shot("e4-templates");
  });

  it("owner creates a campaign in the UI and sends it now; the SMTP server gets two rendered messages", async () => {
    await nav("Campañas");
    await shot("e5-campaigns-empty");
    await main().getByRole("button", { name: "Nueva campaña" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nombre de la campaña").fill("Boletín de diciembre");
    await dialog.getByLabel("Asunto").fill("Hola {{nombre}}, novedades de diciembre");
    await dialog.getByLabel("Nombre del remitente").fill("Comunicaciones");
    await dialog.getByLabel("Correo del remitente").fill("noticias@pregon.local");
    await dialog.getByLabel("Plantilla").selectOption({ index: 1 });
    await dialog.getByLabel(/^Prensa regional/).check();
    await shot("e6-campaign-form");
    await dialog.getByRole("button", { name: "Crear campaña" }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    campaignUrl = page.url();
    await heading("Boletín de diciembre").waitFor();
    await settled();
    expect(await main().getByTestId("campaign-status").textContent()).toBe("Borrador");
    await eventually(() => main().locator('[data-testid="device-previews"] iframe').count()).toBe(3);
    expect(await main().getByTestId("preview-subject").textContent()).toContain("novedades de diciembre");
    await framesRendered();
    await shot("e7-campaign-draft");
    await main().getByTestId("device-previews").screenshot({ path: `${SHOTS}e7b-campaign-devices.png` });

    await main().getByRole("button", { name: "Enviar ahora" }).click();
    const summary = page.getByRole("dialog").getByTestId("confirm-summary");
    await eventually(() => summary.textContent()).toContain("Se enviará a 2 contactos; se descontarán 2 créditos de email.");
    await shot("e8-send-confirm", false);
    await page.getByRole("dialog").getByRole("button", { name: "Enviar ahora" }).click();

    await eventually(() => main().getByTestId("campaign-status").textContent(), 60_000).toBe("Enviada");
    await eventually(() => main().getByTestId("progress-count").textContent()).toBe("2 / 2");
    await framesRendered();
    await page.waitForTimeout(600); // the progress bar's width transition
    await shot("e9-campaign-sent");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("m-campaign-sent", false); // the user manual's picture of a sent campaign

    await eventually(async () => smtp.mails.length).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails.map((m) => m.subject).sort()).toEqual(["Hola Ana, novedades de diciembre", "Hola Beto, novedades de diciembre"]);
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(["ana@example.org", "beto@example.org"]);

    await nav("Campañas");
    expect(await main().locator('[data-campaign-name="Boletín de diciembre"] [data-testid="campaign-status"]').textContent()).toBe("Enviada");
    expect(await main().locator('[data-campaign-name="Boletín de diciembre"] [data-testid="campaign-progress"]').textContent()).toBe("2 / 2");
    await shot("e10-campaigns");

    await nav("Configuración");
    await main().getByText("Marca de la cuenta").waitFor();
    await settled();
    await shot("e11-settings-branding");
  });

  it("owner schedules a draft in Lima time, then cancels it, each after a summary", async () => {
    const templates = await apiCall<{ templates: { id: string }[] }>("GET", "/templates");
    const lists = await apiCall<{ lists: { id: string }[] }>("GET", "/lists");
    const draft = await apiCall<{ id: string }>("POST", "/campaigns", {
      name: "Aviso programado",
      subject: "Aviso para {{nombre}}",
      fromName: "Comunicaciones",
      fromAddress: "noticias@pregon.local",
      templateId: templates.data.templates[0]!.id,
      audience: { listIds: [lists.data.lists[0]!.id], segmentIds: [] },
    });
    expect(draft.status).toBe(201);
    draftUrl = `${app.url}/campaigns/${draft.data.id}`;
    await page.goto(draftUrl);
    await heading("Aviso programado").waitFor();
    await settled();
    await main().getByRole("button", { name: "Programar envío" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Fecha y hora (hora de Lima)").fill("2030-01-15T09:30");
    await dialog.getByRole("button", { name: "Continuar" }).click();
    await eventually(() => dialog.getByTestId("confirm-summary").textContent()).toContain("Se enviará el 15 ene. 2030, 09:30 (hora de Lima).");
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain("Se enviará a 2 contactos; se descontarán 2 créditos de email.");
    await shot("e14-schedule-confirm", false);
    await dialog.getByRole("button", { name: "Programar envío" }).click();
    await eventually(() => main().getByTestId("campaign-status").textContent()).toBe("Programada");
    expect(await main().getByRole("status").filter({ hasText: "programada para el 15 ene. 2030, 09:30" }).count()).toBe(1);

    await main().getByRole("button", { name: "Cancelar campaña" }).click();
    await page.getByRole("dialog").getByTestId("confirm-summary").waitFor();
    expect(await page.getByRole("dialog").getByTestId("confirm-summary").textContent()).toContain("Se cancelará la campaña «Aviso programado»");
    await page.getByRole("dialog").getByRole("button", { name: "Cancelar campaña" }).click();
    await eventually(() => main().getByTestId("campaign-status").textContent()).toBe("Cancelada");
  });

  it("an editor can edit but not send; a viewer sees everything read-only", async () => {
    for (const u of [EDITOR, VIEWER]) {
      const r = await apiCall("POST", "/users", { email: u.email, name: u.name, role: u.role, password: u.password });
      expect(r.status, JSON.stringify(r.data)).toBe(201);
    }
    const draft = await apiCall<{ id: string }>("POST", "/campaigns", {
      name: "Borrador del equipo",
      subject: "Hola {{nombre}}",
      fromName: "Comunicaciones",
      fromAddress: "noticias@pregon.local",
      templateId: (await apiCall<{ templates: { id: string }[] }>("GET", "/templates")).data.templates[0]!.id,
      audience: { listIds: [(await apiCall<{ lists: { id: string }[] }>("GET", "/lists")).data.lists[0]!.id], segmentIds: [] },
    });
    expect(draft.status).toBe(201);

    await loginAs(EDITOR);
    await page.goto(`${app.url}/campaigns/${draft.data.id}`);
    await heading("Borrador del equipo").waitFor();
    await settled();
    expect(await main().getByRole("button", { name: "Editar" }).count()).toBe(1);
    for (const name of ["Enviar ahora", "Programar envío", "Pausar", "Cancelar campaña"]) expect(await main().getByRole("button", { name }).count(), name).toBe(0);
    await main().getByText("Tu rol puede ver esta campaña, pero no enviarla ni programarla.").waitFor();
    await shot("e15-campaign-editor");

    await loginAs(VIEWER);
    await nav("Campañas");
    expect(await main().getByRole("button", { name: "Nueva campaña" }).count()).toBe(0);
    await page.goto(`${app.url}/campaigns/${draft.data.id}`);
    await heading("Borrador del equipo").waitFor();
    await settled();
    for (const name of ["Editar", "Enviar ahora", "Programar envío"]) expect(await main().getByRole("button", { name }).count(), name).toBe(0);
    await nav("Plantillas");
    expect(await main().getByRole("button", { name: /Nueva plantilla|Usar esta plantilla/ }).count()).toBe(0);
    await main().locator("table.data tbody a").first().click();
    await main().getByLabel("Código MJML").waitFor();
    expect(await main().getByLabel("Código MJML").getAttribute("readonly")).not.toBeNull();
    for (const name of ["Guardar", "Duplicar", "Eliminar plantilla"]) expect(await main().getByRole("button", { name, exact: true }).count(), name).toBe(0);
    await nav("Configuración");
    await main().getByTestId("branding-facts").waitFor();
    expect(await main().getByRole("button", { name: "Guardar marca" }).count()).toBe(0);
    await shot("e16-template-viewer");

    await loginAs(OWNER);
  });

  it("campaign page and template preview on a phone (375 px)", async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(campaignUrl);
    await heading("Boletín de diciembre").waitFor();
    await settled();
    await framesRendered();
    await shot("e12-campaign-phone");
    await page.goto(templateUrl);
    await settled();
    await eventually(() => main().locator('[data-testid="device-previews"] iframe').count()).toBe(3);
    await framesRendered();
    await shot("e13-template-phone");
    await main().getByTestId("device-previews").screenshot({ path: `${SHOTS}e13b-template-devices-phone.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
