/**
 * The SMS composer and the SMS page end to end, in Chromium against the real Worker sending
 * through the local carrier `npm start` runs (dev/services/sms-carrier.mjs, started here on free
 * ports, its vars handed to the Worker, PUBLIC_URL set so receipts come back): the live counter
 * (GSM-7 / UCS-2, the character to blame, the GSM-7 version applied only on request, "Negrita"
 * and its cost, merge fields left as written), the account's segment policy (confirm, then enforce, also when it changes
 * under an open page: the server's refusal lands under the text), a send confirmed with its
 * summary that reaches the carrier and the messages table and turns "Entregado" by polling, a
 * contact picked by name, and Configuración → SMS (a connection added with a refused field
 * first, its callback URLs, the portability upload with a rejected line). Screenshots at
 * 1280 and 375 px land in tests/e2e/screenshots/ (s*.png) for a person to look at.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { smsCarrier } from "../../dev/services/sms-carrier.mjs";
import { freePort } from "./sms-helpers";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };

let app: Pregon;
let carrier: Awaited<ReturnType<typeof smsCarrier.start>>;
let carrierUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const workerPort = await freePort();
  const carrierPort = await freePort();
  process.env.PREGON_SMS_PORT = String(carrierPort);
  process.env.PREGON_SMS_DLR_DELAY_MS = "300";
  carrier = await smsCarrier.start({ host: "127.0.0.1", port: workerPort, devVars: { SMS_HOOK_SECRET: "e2e-sms-hook-secret-0123456789ab" } });
  carrierUrl = carrier.vars.SMS_KANNEL_URL!;
  app = await startPregon(OWNER, { ...carrier.vars, MX_CHECKS: "off", LINK_SECRET: "e2e-link-secret-123", PUBLIC_URL: `http://127.0.0.1:${workerPort}` }, { port: workerPort });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await carrier?.stop();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const form = () => page.getByTestId("sms-send-form");
const message = () => form().getByLabel("Mensaje", { exact: true });
const counter = async () => ({
  encoding: await page.getByTestId("sms-encoding").textContent(),
  characters: await page.getByTestId("sms-characters").textContent(),
  segments: await page.getByTestId("sms-segments").textContent(),
  credits: await page.getByTestId("sms-credits").textContent(),
});

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

/** The texts the carrier received for `to` (digits without "+"), from its page's state. */
async function carrierTexts(to: string): Promise<string[]> {
  const res = await fetch(`${carrierUrl}/api/state`);
  if (!res.ok) return [];
  const data = (await res.json()) as { messages?: Array<{ to: string; text: string }> };
  return (data.messages ?? []).filter((m) => m.to.replace(/^\+/, "") === to).map((m) => m.text);
}

async function selectInTextarea(word: string) {
  await message().evaluate((el, w) => {
    const area = el as HTMLTextAreaElement;
    const start = area.value.indexOf(w);
    area.focus();
    area.setSelectionRange(start, start + w.length);
    area.dispatchEvent(new Event("select"));
  }, word);
}

/** Fails naming the widest elements when the page scrolls sideways at this width. */
async function noSidewaysScroll(width: number) {
  const wide = await page.evaluate((w) => {
    const out: string[] = [];
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) if (["auto", "hidden", "scroll"].includes(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && !clipped(el) && out.length < 5) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(r.right)}`);
    }
    return { scroll: document.documentElement.scrollWidth, out };
  }, width);
  expect(wide.scroll, wide.out.join(", ")).toBeLessThanOrEqual(width);
}

async function openSms() {
  await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "SMS", exact: true }).click();
  await heading("SMS").waitFor();
}

describe("SMS composer and page", () => {
  it("counts as you type: GSM-7 for Hola, UCS-2 naming ú, the GSM version only when applied, bold with its cost", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();
    await openSms();
    await page.getByText("Todavía no hay mensajes de texto.", { exact: false }).waitFor();

    await page.getByRole("button", { name: "Nuevo envío" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("sms-to");
    await message().fill("Hola");
    expect(await counter()).toEqual({ encoding: "GSM-7", characters: "4 caracteres", segments: "1 segmento", credits: "1 crédito" });
    expect(await page.getByTestId("sms-counter").getAttribute("aria-live")).toBe("polite");
    await shot("s1-composer-gsm");

    await message().fill("Convocatoria pública");
    expect(await counter()).toEqual({ encoding: "UCS-2", characters: "20 caracteres", segments: "1 segmento", credits: "1 crédito" });
    expect(await page.getByTestId("sms-forcing").textContent()).toBe("ú");
    await page.getByRole("button", { name: "Usar versión sin tildes (GSM)" }).click();
    const preview = page.getByTestId("sms-gsm-preview");
    expect(await preview.locator(".sms-bubble").textContent()).toBe("Convocatoria publica");
    expect(await preview.textContent()).toContain("ú → u");
    expect(await message().inputValue()).toBe("Convocatoria pública"); // not applied yet
    await shot("s2-composer-ucs2-gsm-offer");
    await page.getByRole("button", { name: "Aplicar versión GSM" }).click();
    expect(await message().inputValue()).toBe("Convocatoria publica");
    expect((await counter()).encoding).toBe("GSM-7");
    expect(await page.getByTestId("sms-ucs2").count()).toBe(0);

    await selectInTextarea("publica");
    await expect.poll(() => page.getByTestId("sms-bold-hint").textContent()).toBe("Con la selección en negrita: UCS-2, 1 segmento.");
    await form().getByRole("button", { name: "Negrita" }).click();
    expect(await message().inputValue()).toBe("Convocatoria 𝐩𝐮𝐛𝐥𝐢𝐜𝐚");
    expect(await counter()).toEqual({ encoding: "UCS-2", characters: "20 caracteres", segments: "1 segmento", credits: "1 crédito" });
    expect(await page.getByTestId("sms-forcing").textContent()).toBe("𝐩𝐮𝐛𝐥𝐢𝐜𝐚 (negrita)");
    expect(await page.getByTestId("sms-counter").textContent()).toContain("Ocupa 27 de 70 (70 por segmento)");
    // The bold word is still selected: pressing again would make it plain, at GSM-7's cost.
    expect(await page.getByTestId("sms-bold-hint").textContent()).toBe("Quitar la negrita de la selección: GSM-7, 1 segmento.");

    // Bold that no longer fits one segment says so before it is applied.
    await message().fill(`${"a".repeat(60)} convocatoria`);
    await selectInTextarea("convocatoria");
    await expect.poll(() => page.getByTestId("sms-bold-hint").textContent()).toBe("Con la selección en negrita: UCS-2, 2 segmentos.");
    await shot("s3-composer-bold-cost");

    // A single send does not fill merge fields in; the composer says so instead of promising it.
    await message().fill("Hola {{nombre}}");
    expect(await page.getByTestId("sms-merge").textContent()).toBe("Campos personalizados: {{nombre}}. Un envío individual no los reemplaza: saldrán tal como están escritos.");
  });

  it("under the policy \"confirm\" a 161-character text needs the checkbox; under \"enforce\" it is refused, also by the server", async () => {
    expect((await apiCall("PUT", "/sms/settings", { segmentPolicy: "confirm" })).status).toBe(200);
    await page.reload();
    await heading("SMS").waitFor();
    await form().getByLabel("Número de celular").fill("987 654 321");
    await message().fill("x".repeat(161));
    expect(await counter()).toEqual({ encoding: "GSM-7", characters: "161 caracteres", segments: "2 segmentos", credits: "2 créditos" });
    const confirm = form().getByLabel("Confirmo enviar 2 segmentos");
    await confirm.waitFor();
    await form().getByRole("button", { name: "Enviar", exact: true }).click();
    await form().getByText("Marca la confirmación para enviar más de un segmento.").waitFor();
    expect(await page.locator("dialog[open]").count()).toBe(0);
    await shot("s4-policy-confirm");
    await confirm.check();
    await form().getByRole("button", { name: "Enviar", exact: true }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByTestId("confirm-summary").waitFor();
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain("Mensaje de texto de 2 segmentos (GSM-7).");
    // The account switches to "enforce" while the page is open: the server refuses, under the text.
    expect((await apiCall("PUT", "/sms/settings", { segmentPolicy: "enforce" })).status).toBe(200);
    await dialog.getByRole("button", { name: "Enviar", exact: true }).click();
    await form().getByText("Tu cuenta solo envía mensajes de un segmento. Acorta el mensaje.").waitFor();
    expect(await page.locator("dialog[open]").count()).toBe(0);

    await page.reload();
    await heading("SMS").waitFor();
    await message().fill("y".repeat(161));
    await page.getByTestId("sms-policy-error").waitFor();
    expect(await page.getByTestId("sms-policy-error").textContent()).toContain("Tu cuenta permite un solo segmento por mensaje");
    expect(await form().getByLabel("Confirmo enviar 2 segmentos").count()).toBe(0);
    expect((await apiCall("PUT", "/sms/settings", { segmentPolicy: "allow" })).status).toBe(200);
  });

  it("sends to a typed number after the confirmation: it reaches the carrier and the table, and turns Entregado", async () => {
    await page.reload();
    await heading("SMS").waitFor();
    await form().getByLabel("Número de celular").fill("01 411 7000");
    await message().fill("Hola");
    await form().getByRole("button", { name: "Enviar", exact: true }).click();
    await form().getByText("Escribe un celular del Perú de 9 dígitos que empiece con 9.").waitFor();

    const text = "Hola, su trámite N° 2027-15 está 𝐚𝐩𝐫𝐨𝐛𝐚𝐝𝐨.";
    await form().getByLabel("Número de celular").fill("987 654 321");
    await message().fill(text);
    await form().getByRole("button", { name: "Enviar", exact: true }).click();
    const summary = page.locator("dialog[open]").getByTestId("confirm-summary");
    await summary.waitFor();
    const lines = await summary.locator("p").allTextContents();
    expect(lines).toEqual(["Para: +51 987 654 321", `«${text}»`, "Mensaje de texto de 1 segmento (UCS-2).", "Se descontará 1 crédito de tu saldo SMS."]);
    await shot("s5-send-confirm");
    await page.locator("dialog[open]").getByRole("button", { name: "Enviar", exact: true }).click();
    await page.getByText("Mensaje en cola para +51 987 654 321: 1 segmento.").waitFor();
    expect(await message().inputValue()).toBe("");

    const row = page.getByTestId("sms-messages").locator("tbody tr").first();
    await row.waitFor();
    expect(await row.locator("td").nth(1).textContent()).toBe("+51 987 654 321");
    expect(await row.locator("td").nth(2).textContent()).toBe(text);
    expect(await row.locator("td").nth(3).textContent()).toBe("1");
    await expect.poll(() => carrierTexts("51987654321"), { timeout: 30_000 }).toContain(text);
    await expect.poll(() => row.getByTestId("sms-status").textContent(), { timeout: 30_000, interval: 500 }).toBe("Entregado");
    await shot("s6-sms-page-1280");
  });

  it("sends to a contact picked by name, and the page reads well on a phone", async () => {
    const created = await apiCall<{ id: number }>("POST", "/contacts", { phone: "987 111 222", firstName: "Rosa", lastName: "Quispe", consent: { sms: true } });
    expect(created.status, JSON.stringify(created.data)).toBe(201);
    await form().getByLabel("O elige un contacto").fill("Rosa");
    await form().getByRole("button", { name: "Rosa Quispe · +51 987 111 222" }).click();
    expect(await form().getByTestId("sms-contact-chosen").textContent()).toContain("Para Rosa Quispe (+51 987 111 222).");
    expect(await form().getByLabel("Número de celular").inputValue()).toBe("+51 987 111 222");
    await message().fill("Rosa, su cita es el lunes.");
    await form().getByRole("button", { name: "Enviar", exact: true }).click();
    expect(await page.locator("dialog[open]").getByTestId("confirm-summary").locator("p").first().textContent()).toBe("Para: +51 987 111 222 (Rosa Quispe)");
    await page.locator("dialog[open]").getByRole("button", { name: "Enviar", exact: true }).click();
    await page.getByText("Mensaje en cola para +51 987 111 222: 1 segmento.").waitFor();
    const sent = await apiCall<{ messages: Array<{ to: string; contactId: number | null }> }>("GET", "/sms/messages?limit=1");
    expect(sent.data.messages[0]).toMatchObject({ to: "+51987111222", contactId: created.data.id });

    await page.setViewportSize({ width: 375, height: 812 });
    await message().fill("Convocatoria pública: 𝐁𝐚𝐬𝐞𝐬 en la web 👍");
    await shot("s7-sms-page-375");
    await noSidewaysScroll(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("Configuración → SMS: a connection is added after a refused field, shows its callback URLs; portability reports a rejected line", async () => {
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Configuración", exact: true }).click();
    await heading("Configuración").waitFor();
    await page.getByRole("link", { name: "Configurar SMS" }).click();
    await heading("Configuración de SMS").waitFor();
    expect(await page.getByLabel("Permitirlo siempre (hasta 10 segmentos)").isChecked()).toBe(true);

    await page.getByLabel("No permitirlo: un solo segmento por mensaje").check();
    await page.getByTestId("sms-policy-form").getByRole("button", { name: "Guardar" }).click();
    await page.getByText("Se guardó la regla de segmentos.").waitFor();
    expect((await apiCall<{ segmentPolicy: string }>("GET", "/sms/settings")).data.segmentPolicy).toBe("enforce");

    await page.getByRole("button", { name: "Agregar conexión" }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.getByLabel("Nombre").fill("Kannel Claro");
    await dialog.getByLabel("URL del proveedor").fill("kannel.interno:13013");
    await dialog.getByLabel("Remitente").fill("MUNICIPALIDAD");
    await dialog.getByRole("button", { name: "Guardar conexión" }).click();
    await dialog.getByText("Escribe una URL que empiece con http:// o https://.").waitFor();
    await dialog.getByText("Usa un código corto, un número o hasta 11 letras, sin símbolos.").waitFor();
    await shot("s8-connection-errors");
    await dialog.getByLabel("URL del proveedor").fill("http://kannel.interno:13013");
    await dialog.getByLabel("Remitente").fill("MUNI");
    await dialog.getByLabel("Usuario").fill("pregon");
    await dialog.getByLabel("Contraseña").fill("secreto-kannel");
    await dialog.getByLabel("Claro").check();
    await dialog.getByLabel("Prioridad").fill("1");
    await dialog.getByRole("button", { name: "Guardar conexión" }).click();
    await page.getByText("Se agregó la conexión Kannel Claro.").waitFor();
    const table = page.getByRole("table", { name: "Conexiones SMS" });
    const row = table.locator("tbody tr", { hasText: "Kannel Claro" }).first();
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual(expect.arrayContaining(["Kannel", "MUNI", "Claro", "1", "50", "Activa"]));
    const dlr = await page.getByTestId("sms-dlr-url").inputValue();
    expect(dlr).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/sms\/[^/]+\/dlr\?s=\S+$/);
    const stored = await apiCall<{ connections: Array<{ name: string; callbackUrls: { dlr: string }; hasPassword: boolean; operators: string[] }> }>("GET", "/sms/connections");
    expect(stored.data.connections.find((c) => c.name === "Kannel Claro")).toMatchObject({ callbackUrls: { dlr }, hasPassword: true, operators: ["claro"] });

    const csv = join(tmpdir(), `portabilidad-${randomBytes(4).toString("hex")}.csv`);
    writeFileSync(csv, "number,operator\n987654321,claro\n987111222,entel\n014117000,claro\n");
    await page.getByTestId("sms-portability").locator('input[type="file"]').setInputFiles(csv);
    await page.getByRole("button", { name: "Subir tabla" }).click();
    const result = page.getByTestId("sms-port-result");
    await result.waitFor();
    expect(await result.locator(".form-ok").textContent()).toBe("Números importados: 2. Líneas rechazadas: 1.");
    expect(await result.locator("li").count()).toBe(1);
    expect(await result.locator("li").first().textContent()).toBe("Línea 4: 014117000 no es un celular");
    await expect.poll(() => page.getByTestId("sms-port-count").textContent()).toContain("2 números con operador conocido.");
    await shot("s9-sms-settings-1280");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("m-sms-settings", false); // the user manual's picture (docs/manual)
    await page.setViewportSize({ width: 375, height: 812 });
    await shot("s10-sms-settings-375");
    await noSidewaysScroll(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
