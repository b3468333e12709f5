/**
 * Automations in Chromium (W4, S6): the owner opens Automatizaciones (empty), builds a two-step
 * automation in the dashboard (trigger: suscripción a una lista; steps: Enviar correo, then
 * Etiquetar), first saving it without a subject (the error shows next to the subject field), then
 * saves, activates it through the confirmation that speaks of credit, subscribes a contact to
 * the list through the API, and watches the live figures show the contact going through without
 * a reload, while the local SMTP server receives the email; pauses and re-activates it. Along the
 * way: the API event's curl example, moving and removing a step, and an automation written
 * through the API with a branch, shown read-only. Screenshots: tests/e2e/screenshots/au-*.png.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { launchBrowser, type Browser } from "./browser";
import { pageApi } from "./page-api";
import { startPregon, type Pregon } from "./worker";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };

let app: Pregon;
let browser: Browser;
let page: Page;
let smtp: CaptureSmtp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-au" });
  browser = await launchBrowser();
  page = browser.page;
  page.on("pageerror", (err) => console.error("page error:", err.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
});

/** A full-page screenshot from the top (so the sticky top bar is not drawn over the middle). */
async function shot(name: string, fullPage = true) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
}
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const main = () => page.locator("main");
const eventually = <T>(fn: () => Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout, interval: 500 });
const cell = (stepId: string, col: string) => main().locator(`[data-testid="automation-step-stats"] tr[data-step="${stepId}"] td[data-col="${col}"]`);

describe("automation builder", () => {
  it("builds, saves and activates a two-step automation; a subscribed contact goes through it live", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();

    const list = await pageApi<{ id: string }>(page, "POST", "/lists", { name: "Proveedores" });
    const tpl = await pageApi<{ id: string }>(page, "POST", "/templates", { name: "Bienvenida institucional", galleryKey: "announcement" });

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Automatizaciones", exact: true }).click();
    await heading("Automatizaciones").waitFor();
    await main().getByText("Aún no hay automatizaciones").waitFor();
    await shot("au-list-empty");

    await main().getByRole("link", { name: "Nueva automatización" }).click();
    await heading("Nueva automatización").waitFor();
    await main().getByLabel("Nombre de la automatización").fill("Bienvenida a proveedores");
    expect(await main().getByLabel("¿Cuándo empieza?").inputValue()).toBe("subscribed");
    // An API event shows how the agency's system sends it; then back to the subscription.
    await main().getByLabel("¿Cuándo empieza?").selectOption({ label: "Evento de la API" });
    await main().getByLabel("Nombre del evento").fill("registro_por_vencer");
    expect(await main().getByTestId("event-curl").textContent()).toContain('/api/v1/events');
    expect(await main().getByTestId("event-curl").textContent()).toContain('"name": "registro_por_vencer"');
    await main().getByLabel("¿Cuándo empieza?").selectOption({ label: "Suscripción a una lista" });
    await main().getByLabel("Lista (opcional)").selectOption({ label: "Proveedores" });

    await shot("au-new");
    // Step 1: Enviar correo (the default kind); step 2: Etiquetar.
    await main().getByRole("button", { name: "Agregar paso" }).click();
    await main().getByLabel("Tipo de paso").selectOption({ label: "Etiquetar" });
    await main().getByRole("button", { name: "Agregar paso" }).click();
    const steps = main().getByTestId("automation-step");
    await eventually(() => steps.count()).toBe(2);
    // A third step (Esperar) moved up, then removed: the list is back to the two steps.
    await main().getByLabel("Tipo de paso").selectOption({ label: "Esperar" });
    await main().getByRole("button", { name: "Agregar paso" }).click();
    await eventually(() => steps.count()).toBe(3);
    await main().getByRole("button", { name: "Subir el paso 3" }).click();
    expect(await steps.locator("> legend").allTextContents()).toEqual(["Paso 1: Enviar correo", "Paso 2: Esperar", "Paso 3: Etiquetar"]);
    await main().getByRole("button", { name: "Quitar el paso 2" }).click();
    expect(await steps.locator("> legend").allTextContents()).toEqual(["Paso 1: Enviar correo", "Paso 2: Etiquetar"]);
    const email = steps.nth(0);
    expect(await email.locator("legend").first().textContent()).toBe("Paso 1: Enviar correo");
    expect(await steps.nth(1).locator("legend").first().textContent()).toBe("Paso 2: Etiquetar");
    await email.getByLabel("Plantilla").selectOption({ label: "Bienvenida institucional" });
    await email.getByLabel("Nombre del remitente").fill("Municipalidad de Pregón");
    await email.getByLabel("Correo del remitente").fill("avisos@pregon.local");
    await steps.nth(1).getByLabel("Etiqueta").fill("bienvenida-enviada");

    // Bad input: no subject. The server's refusal shows next to the subject, in Spanish.
    await main().getByRole("button", { name: "Guardar", exact: true }).click();
    const subjectError = email.locator(".field.has-error").filter({ has: page.getByLabel("Asunto") });
    await subjectError.getByText("Escribe el asunto del correo.").waitFor();
    expect(await email.getByLabel("Asunto").getAttribute("aria-invalid")).toBe("true");
    await eventually(() => email.getByLabel("Asunto").evaluate((el) => el === document.activeElement)).toBe(true);
    expect(page.url()).toMatch(/\/automations\/new$/);
    await shot("au-builder-error");

    await email.getByLabel("Asunto").fill("Bienvenido, {{nombre}}");
    await main().getByRole("button", { name: "Guardar", exact: true }).click();
    await page.waitForURL(/\/automations\/au_[a-z0-9]+$/);
    await main().getByText("Se creó la automatización «Bienvenida a proveedores» como borrador.").waitFor();
    await heading("Bienvenida a proveedores").waitFor();
    await eventually(() => main().getByTestId("automation-status").textContent()).toBe("Borrador");
    await eventually(() => main().locator(".automation-meta").textContent()).toContain("Cuando un contacto se suscribe a la lista «Proveedores»");
    // The saved steps come back into the form with their stable ids.
    expect(await main().getByTestId("automation-step").nth(0).getByLabel("Asunto").inputValue()).toBe("Bienvenido, {{nombre}}");
    const id = page.url().split("/").pop()!;
    const saved = await pageApi<{ steps: { id: string; type: string; templateId?: string }[] }>(page, "GET", `/automations/${id}`);
    expect(saved.steps.map((s) => [s.id, s.type])).toEqual([
      ["paso-1", "email"],
      ["paso-2", "tag"],
    ]);
    expect(saved.steps[0]!.templateId).toBe(tpl.id);
    await shot("au-builder");

    // Activate, through the confirmation that says credit is spent.
    await page.getByRole("button", { name: "Activar" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain("descuenta créditos");
    await dialog.getByRole("button", { name: "Activar" }).click();
    await main().getByText("La automatización está activa.").waitFor();
    expect(await main().getByTestId("automation-status").textContent()).toBe("Activa");
    expect(await main().getByLabel("Nombre de la automatización").isDisabled()).toBe(true);
    await main().getByTestId("automation-step-stats").waitFor();
    expect(await cell("paso-1", "entered").textContent()).toBe("0");

    // A contact subscribes (through the API): the figures move without a reload.
    const url = page.url();
    await pageApi(page, "POST", "/contacts", { email: "rosa@example.org", firstName: "Rosa", listIds: [list.id], consent: { email: true } });
    await eventually(() => cell("paso-1", "entered").textContent()).toBe("1");
    await eventually(() => cell("paso-2", "entered").textContent()).toBe("1");
    await eventually(() => main().getByTestId("au-completed").locator(".kpi-value").textContent()).toBe("1");
    expect(await main().getByTestId("au-enrolled").locator(".kpi-value").textContent()).toBe("1");
    expect(await cell("paso-1", "done").textContent()).toBe("1");
    expect(await cell("paso-1", "failed").textContent()).toBe("0");
    expect(await cell("paso-2", "opened").textContent()).toBe("—");
    expect(page.url()).toBe(url);
    const run = main().getByTestId("automation-runs").locator("tbody tr");
    await eventually(() => run.count()).toBe(1);
    expect(await run.first().textContent()).toContain("rosa@example.org");
    await eventually(() => run.first().textContent()).toContain("Completado");

    await eventually(async () => smtp.mails.filter((m) => m.to.includes("rosa@example.org")).length).toBe(1);
    const mail = smtp.mails.find((m) => m.to.includes("rosa@example.org"))!;
    expect(mail.subject).toBe("Bienvenido, Rosa");
    await shot("au-stats");

    // Paused, it can be changed again.
    await main().getByRole("button", { name: "Pausar" }).click();
    await eventually(() => main().getByTestId("automation-status").textContent()).toBe("En pausa");
    expect(await main().getByLabel("Nombre de la automatización").isDisabled()).toBe(false);
    await main().getByRole("button", { name: "Activar" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Activar" }).click();
    await eventually(() => main().getByTestId("automation-status").textContent()).toBe("Activa");

    // The list shows it active with one enrolled, the trigger in words.
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Automatizaciones", exact: true }).click();
    const row = main().getByTestId("automations-table").locator("tbody tr");
    await eventually(() => row.count()).toBe(1);
    const text = (await row.first().textContent()) ?? "";
    expect(text).toContain("Bienvenida a proveedores");
    expect(text).toContain("Activa");
    expect(text).toContain("Cuando un contacto se suscribe a la lista «Proveedores»");
    expect(await row.first().locator("td.num").allTextContents()).toEqual(["2", "1", "0"]);
    await shot("au-list");
    // One written through the API with a branch the builder cannot show: read-only, as JSON.
    const branching = await pageApi<{ id: string }>(page, "POST", "/automations", {
      name: "Rama por API",
      trigger: { type: "event", name: "alta_proveedor" },
      steps: [
        { id: "decide", type: "condition", condition: { type: "verdict", verdict: "valid" }, yes: null, no: "marca" },
        { id: "marca", type: "tag", tag: "revisar" },
      ],
    });
    await page.goto(`${app.url}/automations/${branching.id}`);
    await main().getByText("Esta automatización tiene ramas que el editor no puede mostrar").waitFor();
    expect(await main().getByTestId("automation-json").textContent()).toContain('"no": "marca"');
    expect(await main().getByTestId("automation-step").count()).toBe(0);
    expect(await main().locator(".automation-meta").textContent()).toContain("Cuando llega el evento «alta_proveedor» por la API");
    await shot("au-readonly");

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(url);
    await main().getByTestId("automation-step-stats").waitFor();
    await shot("au-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("Contactos → Campos personalizados defines the date field a date trigger needs", async () => {
    await page.goto(`${app.url}/contacts/fields`);
    await heading("Campos personalizados").waitFor();
    await main().getByLabel("Nombre del campo").fill("Vencimiento del registro");
    expect(await main().getByLabel("Clave").inputValue()).toBe("vencimiento_del_registro");
    await main().getByLabel("Tipo", { exact: true }).selectOption({ label: "Fecha" });
    await main().getByRole("button", { name: "Agregar campo" }).click();
    await main().getByText("Se agregó el campo «Vencimiento del registro» (vencimiento_del_registro).").waitFor();
    const row = main().locator('tr[data-field="vencimiento_del_registro"]');
    expect(await row.locator("code").textContent()).toBe("{{vencimiento_del_registro}}");
    // The same key again is refused next to its field.
    await main().getByLabel("Nombre del campo").fill("Vencimiento del registro");
    await main().getByRole("button", { name: "Agregar campo" }).click();
    await main().getByText("Ya existe un campo con la clave vencimiento_del_registro: elige otra.").waitFor();
    await shot("au-fields");
    // The automation builder now offers it for a date trigger.
    await page.goto(`${app.url}/automations/new`);
    await main().getByLabel("¿Cuándo empieza?").selectOption({ label: "Fecha de un campo" });
    expect(await main().getByLabel("Campo de fecha").locator("option").allTextContents()).toContain("Vencimiento del registro");
  });

  it("a sent campaign offers a resend to its non-openers: the builder opens prefilled and saves (B4)", async () => {
    const list = await pageApi<{ id: string }>(page, "POST", "/lists", { name: "Convocados" });
    await pageApi(page, "POST", "/contacts", { email: "no.abre@example.org", firstName: "Nadia", listIds: [list.id], consent: { email: true } });
    const tpl = await pageApi<{ id: string }>(page, "POST", "/templates", { name: "Convocatoria", galleryKey: "announcement" });
    const draft = await pageApi<{ id: string }>(page, "POST", "/campaigns", {
      name: "Convocatoria 2027", subject: "Convocatoria 2027", fromName: "Registro", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] },
    });
    await pageApi(page, "POST", `/campaigns/${draft.id}/send`);
    await eventually(async () => (await pageApi<{ status: string }>(page, "GET", `/campaigns/${draft.id}`)).status, 60_000).toBe("sent");
    await page.goto(`${app.url}/campaigns/${draft.id}`);
    await main().getByRole("link", { name: "Reenviar a quienes no abrieron" }).click();
    await heading("Nueva automatización").waitFor();
    await eventually(() => main().getByLabel("¿Cuándo empieza?").inputValue()).toBe("engagement");
    expect(await main().getByLabel("Nombre de la automatización").inputValue()).toBe("Reenvío a quienes no abrieron «Convocatoria 2027»");
    const email = main().getByTestId("automation-step").first();
    expect(await email.getByLabel("Asunto").inputValue()).toBe("Convocatoria 2027");
    expect(await email.getByLabel("Correo del remitente").inputValue()).toBe("avisos@pregon.local");
    await shot("au-resend");
    await main().getByRole("button", { name: "Guardar" }).click();
    await page.waitForURL(/\/automations\/au_/);
    const id = page.url().split("/").pop()!;
    const saved = await pageApi<{ trigger: unknown; steps: { templateId?: string }[] }>(page, "GET", `/automations/${id}`);
    expect(saved.trigger).toEqual({ type: "engagement", campaignId: draft.id, on: "not_opened", days: 3 });
    expect(saved.steps[0]!.templateId).toBe(tpl.id);
  });
});
