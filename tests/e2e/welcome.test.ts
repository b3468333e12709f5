/**
 * The welcome flow of a new sub-user (W5) in a real browser against the real Worker and a
 * capturing SMTP server: the owner creates a sub-user without a password on Usuarios and is
 * told the mail went out; the mail arrives with the guide's PDF and a set-password link; the
 * link's page greets the person by name, refuses a mismatch and a short password next to the
 * field, saves a good one and sends them to log in, where they get in; the used link then says
 * it was used or expired. The public guide page opens too. Screenshots land in
 * tests/e2e/screenshots/ (gitignored) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const NEWBIE = { name: "Rosa Nueva", email: "rosa.nueva@pregon.local", password: "mi-clave-elegida-2026" };

let app: Pregon;
let smtp: CaptureSmtp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  app = await startPregon(OWNER, { MX_CHECKS: "off", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-123" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });

async function login(email: string, password: string) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/login`);
  await heading("Iniciar sesión").waitFor();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await heading("Inicio").waitFor();
}

async function mailTo(email: string) {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.mails.find((m) => m.to.includes(email));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail reached ${email}`);
}

describe("a new sub-user without a password", () => {
  it("gets the guide and a link, chooses a password on the page, and logs in with it", async () => {
    await login(OWNER.email, OWNER.password);
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Usuarios", exact: true }).click();
    await heading("Usuarios").waitFor();
    await page.getByRole("button", { name: "Nuevo subusuario" }).click();
    const dialog = page.getByRole("dialog", { name: "Nuevo subusuario" });
    await dialog.getByLabel("Nombre completo").fill(NEWBIE.name);
    await dialog.getByLabel("Correo electrónico").fill(NEWBIE.email);
    await dialog.getByLabel("Rol").selectOption("sender");
    await shot("welcome-create-form");
    await dialog.getByRole("button", { name: "Crear subusuario" }).click();
    await page.getByRole("status").filter({ hasText: `Se creó el subusuario ${NEWBIE.name}. Le enviamos un correo con la guía y un enlace para elegir su contraseña.` }).waitFor();
    await shot("welcome-created");

    const mail = await mailTo(NEWBIE.email);
    expect(mail.subject).toMatch(/^Bienvenida a Pregón · /);
    expect(mail.attachments).toEqual(["guia-de-uso-pregon.pdf"]);
    const token = /\/definir-clave\?token=([A-Za-z0-9_-]{43})/.exec(mail.html)?.[1];
    expect(token).toBeTruthy();

    await browser.context.clearCookies();
    await page.goto(`${app.url}/definir-clave?token=${token}`);
    await heading(`Hola ${NEWBIE.name}, elige tu contraseña`).waitFor();
    await expect(page.getByRole("navigation", { name: "Navegación principal" }).count()).resolves.toBe(0);
    const password = page.getByLabel("Contraseña nueva", { exact: true });
    const confirm = page.getByLabel("Repite la contraseña", { exact: true });
    await password.fill("corta");
    await confirm.fill("corta");
    await page.getByRole("button", { name: "Guardar contraseña" }).click();
    await page.getByText("Debe tener al menos 10 caracteres.").waitFor();
    await password.fill(NEWBIE.password);
    await confirm.fill(`${NEWBIE.password}x`);
    await page.getByRole("button", { name: "Guardar contraseña" }).click();
    await page.getByText("Las dos contraseñas no coinciden.").waitFor();
    await shot("welcome-set-password-errors");
    await confirm.fill(NEWBIE.password);
    await page.getByRole("button", { name: "Guardar contraseña" }).click();
    await page.getByText("Listo: tu contraseña quedó guardada. Ya puedes ingresar.").waitFor();
    await shot("welcome-set-password-done");
    await page.getByRole("link", { name: "Ir a iniciar sesión" }).click();
    await heading("Iniciar sesión").waitFor();
    await page.getByLabel("Correo electrónico").fill(NEWBIE.email);
    await page.getByLabel("Contraseña").fill(NEWBIE.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();

    // The link is single-use.
    await browser.context.clearCookies();
    await page.goto(`${app.url}/definir-clave?token=${token}`);
    await page.getByRole("alert").filter({ hasText: "El enlace ya se usó o venció; pide otro a tu administrador." }).waitFor();
    await shot("welcome-link-used");
  });

  it("opens the public guide page", async () => {
    await page.goto(`${app.url}/guia`);
    await heading("Guía de uso de Pregón").waitFor();
    expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toContain("Las secciones del panel");
    await shot("welcome-guide");
    const pdf = await fetch(`${app.url}/guia.pdf`);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  });
});
