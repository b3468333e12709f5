/**
 * Opt-out per channel on the contact page, in Chromium against the real Worker (Ley 32323): a BAJA
 * by SMS leaves the contact valid and subscribed to email, with "Celular en la lista de supresión"
 * among its reasons; "Volver a suscribir" on SMS says the opt-out's suppression will be lifted and
 * does so; a phone suppressed by hand is refused with a message that says where to remove it.
 * The BAJA reaches the Worker's MO hook as Kannel's get-url would; nothing needs to be delivered
 * (SMS_KANNEL_URL leads nowhere). Screenshots (k*.png).
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const LINK_SECRET = "e2e-channels-link-secret";
const ROSA = "+51987500001";

let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startPregon(OWNER, { MX_CHECKS: "off", LINK_SECRET, SMS_KANNEL_URL: "http://127.0.0.1:9/", SMS_KANNEL_USER: "pregon", SMS_KANNEL_PASSWORD: "x" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const text = async (l: ReturnType<Page["locator"]>) => ((await l.textContent()) ?? "").trim();

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

/** The handset `from` texts `words` to the deployment's number, through the MO hook as Kannel calls it. */
async function handsetSays(from: string, words: string): Promise<void> {
  // The hook's secret when SMS_HOOK_SECRET is unset: HMAC-SHA256(LINK_SECRET, "sms-hook"), 16 bytes (workers/sms/connections-store.ts).
  const secret = createHmac("sha256", LINK_SECRET).update("sms-hook").digest().subarray(0, 16).toString("hex");
  const q = new URLSearchParams({ s: secret, from, to: "PREGON", text: words, coding: "0", charset: "UTF-8", smsc: "sim", ts: new Date().toISOString().slice(0, 19).replace("T", " "), udh: "" });
  const res = await fetch(`${app.url}/hooks/sms/local/mo?${q}`);
  expect(res.status).toBe(200);
}

describe("opt-out per channel on the contact page", () => {
  let contactId: number;

  it("after a BAJA by SMS the contact stays valid and subscribed to email", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();
    const created = await apiCall<{ id: number }>("POST", "/contacts", { email: "rosa.quispe@minedu.gob.pe", phone: ROSA, firstName: "Rosa", lastName: "Quispe", consent: { email: true, sms: true } });
    expect(created.status).toBe(201);
    contactId = created.data.id;
    await handsetSays(ROSA.slice(1), "BAJA");

    await page.goto(`${app.url}/contacts/${contactId}`);
    await page.getByTestId("channel-sms").waitFor();
    expect(await text(page.getByTestId("channel-email").locator(".badge"))).toBe("Suscrito");
    expect(await text(page.getByTestId("channel-sms").locator(".badge"))).toBe("Desuscrito");
    const verdict = page.locator("section[aria-labelledby=contact-verdict]");
    expect(await text(verdict.locator(".badge"))).toBe("Válido");
    expect(await text(verdict.locator(".reasons"))).toBe("Celular en la lista de supresión");
    await shot("k1-contact-after-baja");
  });

  it("resubscribing SMS says the opt-out's suppression is lifted, and lifts it", async () => {
    await page.getByRole("button", { name: "Volver a suscribir al canal SMS" }).click();
    const confirm = page.getByRole("dialog", { name: "Volver a suscribir" });
    expect(await confirm.getByTestId("confirm-summary").locator("p").allTextContents()).toEqual([
      "Rosa Quispe volverá a recibir mensajes por SMS. Hazlo solo si la persona lo pidió: quedará registrado como consentimiento otorgado, con tu usuario como prueba.",
      "Si su celular entró a la lista de supresión por una baja (BAJA, STOP), saldrá de ella.",
    ]);
    await shot("k2-resubscribe-sms-confirm");
    await confirm.getByRole("button", { name: "Volver a suscribir" }).click();
    await confirm.waitFor({ state: "hidden" });
    await expect.poll(() => text(page.getByTestId("channel-sms").locator(".badge"))).toBe("Suscrito");
    const verdict = page.locator("section[aria-labelledby=contact-verdict]");
    expect(await verdict.locator(".reasons").count()).toBe(0);
    const granted = page.getByTestId("consent-proof").filter({ hasText: "levantó su baja de SMS" });
    expect(await text(granted)).toMatch(/^IP 127\.0\.0\.1 · usuario .+ · levantó su baja de SMS$/);
    const supp = await apiCall<{ suppressions: unknown[] }>("GET", "/suppressions?kind=phone");
    expect(supp.data.suppressions).toEqual([]);
    await shot("k3-contact-resubscribed");
  });

  it("a phone suppressed by hand is not lifted from the contact page: the message says where", async () => {
    expect((await apiCall("PATCH", `/contacts/${contactId}`, { smsStatus: "unsubscribed" })).status).toBe(200);
    expect((await apiCall("POST", "/suppressions", { kind: "phone", value: ROSA, reason: "Oficio N.° 45-2026" })).status).toBe(201);
    await page.reload();
    await page.getByRole("button", { name: "Volver a suscribir al canal SMS" }).click();
    const confirm = page.getByRole("dialog", { name: "Volver a suscribir" });
    await confirm.getByRole("button", { name: "Volver a suscribir" }).click();
    await confirm.getByRole("alert").waitFor();
    expect(await text(confirm.getByRole("alert"))).toBe("El celular está en la lista de supresión por otro motivo. Quítalo en Supresión para volver a enviarle SMS.");
    await shot("k4-resubscribe-refused");
    await confirm.getByRole("button", { name: "Volver", exact: true }).click();
    expect(await text(page.getByTestId("channel-sms").locator(".badge"))).toBe("Desuscrito");
  });
});
