/**
 * The Bandeja SMS end to end, in Chromium against the real Worker and the local carrier `npm
 * start` runs (dev/services/sms-carrier.mjs, started here on free ports): a campaign-like SMS
 * goes out, the handset's answer is typed into the carrier (its POST /api/mo, which calls the
 * Worker's /hooks/sms/local/mo exactly as Kannel's get-url would) and shows up in the inbox
 * with the contact's name and an unread mark; it is answered from the dashboard (composer,
 * confirmation, the carrier receives it, the bubble turns "Entregado"); a later message arrives
 * while the page is open (polling); BAJA opts the contact out at once (the confirmation SMS in
 * the thread, "Desuscrito" and the revoked consent on the contact page, the next reply refused);
 * and a keyword made on its page answers by itself. Screenshots (i*.png) at 1280 and 375 px.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { smsCarrier } from "../../dev/services/sms-carrier.mjs";
import { freePort } from "./sms-helpers";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const ROSA = "51987300001";
const VECINO = "51987300002";

let app: Pregon;
let carrier: Awaited<ReturnType<typeof smsCarrier.start>>;
let carrierUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const workerPort = await freePort();
  process.env.PREGON_SMS_PORT = String(await freePort());
  process.env.PREGON_SMS_DLR_DELAY_MS = "300";
  carrier = await smsCarrier.start({ host: "127.0.0.1", port: workerPort, devVars: { LINK_SECRET: "e2e-inbox-link-secret" } });
  carrierUrl = carrier.vars.SMS_KANNEL_URL!;
  app = await startPregon(OWNER, { ...carrier.vars, MX_CHECKS: "off", LINK_SECRET: "e2e-inbox-link-secret", PUBLIC_URL: `http://127.0.0.1:${workerPort}` }, { port: workerPort });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await carrier?.stop();
  delete process.env.PREGON_SMS_PORT;
  delete process.env.PREGON_SMS_DLR_DELAY_MS;
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const thread = (who: string) => page.getByTestId("inbox-threads").getByRole("button").filter({ hasText: who });
const bubbles = () => page.getByTestId("bubbles");
const bubble = (dir: "in" | "out", text: string) => bubbles().locator(`.bubble.${dir}`).filter({ hasText: text });

async function apiCall<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await fetch("/api/v1/me").then((r) => r.json())) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, { method, headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, data: (await res.json()) as T };
    },
    { method, path, body },
  );
}

/** The handset `from` answers: typed into the carrier, which calls the Worker's MO hook like Kannel. */
async function handsetSays(from: string, text: string): Promise<void> {
  const res = await fetch(`${carrierUrl}/api/mo`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ from, to: "PREGON", text }) });
  expect(res.status).toBe(202);
  // The carrier reports what the Worker answered.
  await expect
    .poll(async () => {
      const state = (await (await fetch(`${carrierUrl}/api/state`)).json()) as { mos: Array<{ from: string; text: string; result?: { http: number | null } }> };
      return state.mos.find((m) => m.from === from && m.text === text)?.result?.http ?? null;
    }, { timeout: 10_000 })
    .toBe(200);
}

/** The texts the carrier received for `to` (digits). */
async function carrierTexts(to: string): Promise<string[]> {
  const data = (await (await fetch(`${carrierUrl}/api/state`)).json()) as { messages?: Array<{ to: string; text: string }> };
  return (data.messages ?? []).filter((m) => m.to.replace(/^\+/, "") === to).map((m) => m.text);
}

describe("Bandeja SMS", () => {
  let contactId: number;

  it("shows a reply under the contact's name, unread, threaded with what was sent", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();
    expect((await apiCall("PUT", "/sms/settings", { segmentPolicy: "allow" })).status).toBe(200);
    const contact = await apiCall<{ id: number }>("POST", "/contacts", { phone: `+${ROSA}`, firstName: "Rosa", lastName: "Huamán", consent: { sms: true } });
    expect(contact.status).toBe(201);
    contactId = contact.data.id;
    const aviso = "Vacunación gratuita el sábado en la plaza. Responda BAJA para no recibir más.";
    expect((await apiCall("POST", "/sms", { to: ROSA.slice(2), text: aviso, contactId })).status).toBe(202);
    // Two UCS-2 segments (á, é…): the carrier gets two parts, the product's own split.
    await expect.poll(async () => (await carrierTexts(ROSA)).join(""), { timeout: 15_000 }).toBe(aviso);

    await handsetSays(ROSA, "¿A qué hora empieza? 🙂");
    await page.getByRole("link", { name: "Bandeja SMS" }).click();
    await page.getByRole("heading", { level: 1, name: "Bandeja SMS" }).waitFor();
    await thread("Rosa Huamán").waitFor();
    expect(await thread("Rosa Huamán").textContent()).toContain("¿A qué hora empieza? 🙂");
    expect(await thread("Rosa Huamán").getByTestId("unread").textContent()).toBe("1 sin leer");
    await page.getByText("Elige una conversación para leerla y responder.").waitFor();
    await shot("i1-inbox-list");

    await thread("Rosa Huamán").click();
    await bubble("in", "¿A qué hora empieza? 🙂").waitFor();
    expect(new URL(page.url()).searchParams.get("n")).toBe(`+${ROSA}`);
    const texts = await bubbles().locator(".bubble .bubble-text").allTextContents();
    expect(texts).toEqual([aviso, "¿A qué hora empieza? 🙂"]);
    await expect.poll(() => bubble("out", aviso).getByTestId("sms-status").textContent(), { timeout: 15_000 }).toBe("Entregado");
    expect(await thread("Rosa Huamán").getByTestId("unread").count()).toBe(0);
    expect(await thread("Rosa Huamán").getAttribute("aria-current")).toBe("true");
  });

  it("answers from the dashboard: counted, confirmed, delivered through the carrier", async () => {
    const reply = page.getByTestId("inbox-reply");
    await reply.getByLabel("Respuesta", { exact: true }).fill("A las 9:00, en la plaza de armas.");
    expect(await reply.getByTestId("sms-encoding").textContent()).toBe("GSM-7");
    expect(await reply.getByTestId("sms-segments").textContent()).toBe("1 segmento");
    await reply.getByRole("button", { name: "Enviar respuesta" }).click();
    const dialog = page.locator("dialog[open]");
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain("Para: +51 987 300 001");
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain("1 segmento · se descontará 1 crédito de tu saldo SMS");
    await dialog.getByRole("button", { name: "Enviar respuesta" }).click();
    await page.getByText("Respuesta en cola para +51 987 300 001.").waitFor();
    await bubble("out", "A las 9:00, en la plaza de armas.").waitFor();
    expect(await reply.getByLabel("Respuesta", { exact: true }).inputValue()).toBe("");
    await expect.poll(() => carrierTexts(ROSA), { timeout: 15_000 }).toContain("A las 9:00, en la plaza de armas.");
    await expect.poll(() => bubble("out", "A las 9:00").getByTestId("sms-status").textContent(), { timeout: 20_000 }).toBe("Entregado");

    // A new message while the page is open arrives by polling, without a reload.
    await handsetSays(ROSA, "Gracias, ahí estaré");
    await bubble("in", "Gracias, ahí estaré").waitFor({ timeout: 15_000 });
    await shot("i2-inbox-conversation");
  });

  it("BAJA opts the contact out at once: confirmation in the thread, Desuscrito on the contact page, replies refused", async () => {
    await handsetSays(ROSA, "BAJA");
    const confirmation = "Has sido dado de baja de los mensajes de Mi organizacion. No recibiras mas SMS.";
    await bubble("in", "BAJA").waitFor({ timeout: 15_000 });
    expect(await bubble("in", "BAJA").textContent()).toContain("Pidió la baja (BAJA): ya no recibe SMS");
    await bubble("out", confirmation).waitFor({ timeout: 15_000 });
    await expect.poll(() => carrierTexts(ROSA), { timeout: 15_000 }).toContain(confirmation);

    const reply = page.getByTestId("inbox-reply");
    await reply.getByLabel("Respuesta", { exact: true }).fill("¿Está segura?");
    await reply.getByRole("button", { name: "Enviar respuesta" }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByRole("button", { name: "Enviar respuesta" }).click();
    await dialog.getByRole("alert").waitFor();
    expect(await dialog.getByRole("alert").textContent()).toContain("se dio de baja");
    await shot("i3-inbox-optout");
    await dialog.getByRole("button", { name: "Volver" }).click();

    await page.goto(`${app.url}/contacts/${contactId}`);
    const sms = page.getByTestId("channel-sms");
    await sms.waitFor();
    expect(await sms.textContent()).toContain("Desuscrito");
    const proof = page.getByTestId("consent-proof").filter({ hasText: "respondió «BAJA»" });
    await proof.waitFor();
    expect(await page.locator("tr").filter({ has: proof }).textContent()).toContain("Respuesta por SMS");
    await shot("i4-contact-optout");
  });

  it("a keyword made on its page replies by itself; on a phone one pane at a time", async () => {
    await page.goto(`${app.url}/settings`);
    await page.getByRole("link", { name: "Administrar palabras clave" }).click();
    await page.getByRole("heading", { level: 1, name: "Palabras clave SMS" }).waitFor();
    expect(await page.getByTestId("kw-builtin").textContent()).toContain("BAJA");
    const form = page.getByTestId("kw-form");
    await form.getByRole("button", { name: "Crear palabra clave" }).click();
    await form.getByText("Elige al menos una acción: respuesta, etiqueta o URL.").waitFor();
    await form.getByLabel("Palabra clave", { exact: true }).fill("baja");
    await form.getByLabel("Respuesta automática (opcional)").fill("x");
    await form.getByRole("button", { name: "Crear palabra clave" }).click();
    await form.locator(".field-error").first().waitFor();
    await form.getByLabel("Palabra clave", { exact: true }).fill("Horario");
    await form.getByLabel("Respuesta automática (opcional)").fill("Atendemos de lunes a viernes de 8:00 a 17:00.");
    await form.getByLabel("Etiqueta (opcional)").fill("Consultas de horario");
    await form.getByRole("button", { name: "Crear palabra clave" }).click();
    await page.getByText("Palabra clave HORARIO creada.").waitFor();
    expect(await page.getByTestId("kw-table").textContent()).toContain("Agrega a la lista «Consultas de horario»");
    await shot("i5-keywords");
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}m-keywords.png` }); // the user manual's picture (docs/manual)

    await handsetSays(VECINO, "horario?");
    await page.goto(`${app.url}/inbox`);
    await thread("+51 987 300 002").click();
    await bubble("in", "horario?").waitFor();
    expect(await bubble("in", "horario?").textContent()).toContain("Palabra clave HORARIO");
    await bubble("out", "Atendemos de lunes a viernes").waitFor({ timeout: 15_000 });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("button", { name: "Volver a las conversaciones" }).waitFor();
    expect(await page.locator(".inbox-list").isVisible()).toBe(false);
    await shot("i6-inbox-phone-thread");
    await page.getByRole("button", { name: "Volver a las conversaciones" }).click();
    await thread("Rosa Huamán").waitFor();
    expect(await page.locator(".inbox-side").isVisible()).toBe(false);
    await shot("i7-inbox-phone-list");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
