/**
 * The dashboard end to end, in a real browser against the real Worker: the owner logs in,
 * creates a viewer and a sender through the UI, gives the sender 1.000 email credits through
 * the confirmation dialog and sees both balances move; then the viewer logs in and finds no
 * control to create, edit, allocate or send anywhere it can go. Screenshots of every page land
 * in tests/e2e/screenshots/ (gitignored) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const VIEWER = { name: "Lucía Lectora", email: "lectora@pregon.local", password: "lectura-segura-2026" };
const SENDER = { name: "Ana Remitente", email: "remitente@pregon.local", password: "envios-seguros-2026" };

/** Words of a control that creates, edits, allocates or sends, in either language. */
const WRITE_CONTROL = /\b(nuevo|nueva|crear|editar|asignar|enviar|programar|eliminar|borrar|desactivar|devolver|importar|new|create|edit|allocate|send|delete|import|disable)\b/i;

let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startPregon(OWNER);
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const text = async (selector: ReturnType<Page["locator"]>) => ((await selector.textContent()) ?? "").trim();

async function login(email: string, password: string) {
  await browser.context.clearCookies(); // each test starts logged out, whatever the last one left
  await page.goto(`${app.url}/login`);
  await heading("Iniciar sesión").waitFor();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await heading("Inicio").waitFor();
}

async function logout() {
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await heading("Iniciar sesión").waitFor();
}

async function openSection(label: string) {
  await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: label, exact: true }).click();
  await heading(label).waitFor();
}

async function createSubUser(user: { name: string; email: string; password: string }, role: string) {
  await page.getByRole("button", { name: "Nuevo subusuario" }).click();
  const dialog = page.getByRole("dialog", { name: "Nuevo subusuario" });
  await dialog.getByLabel("Nombre completo").fill(user.name);
  await dialog.getByLabel("Correo electrónico").fill(user.email);
  await dialog.getByLabel("Rol").selectOption(role);
  await dialog.getByLabel("Contraseña inicial").fill(user.password);
  await dialog.getByRole("button", { name: "Crear subusuario" }).click();
  await page.getByRole("status").filter({ hasText: `Se creó el subusuario ${user.name}.` }).waitFor();
  await dialog.waitFor({ state: "hidden" });
}

/** Names of every button, link and field in the page's main region. */
async function mainControls(): Promise<{ buttons: string[]; fields: number }> {
  const main = page.locator("main");
  const buttons = await main.getByRole("button").evaluateAll((els) => els.map((e) => (e.getAttribute("aria-label") ?? e.textContent ?? "").trim()));
  const links = await main.getByRole("link").evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
  // Fields one can type in: a read-only form (a disabled fieldset) shows values, not controls.
  const fields = await main.locator("input:visible:enabled, select:visible:enabled, textarea:visible:enabled").count();
  return { buttons: [...buttons, ...links], fields };
}

/** "29 nov. 2026, 09:15" for an ISO instant, in Lima (UTC−5, no daylight saving), written by hand. */
function limaText(iso: string): string {
  const months = ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "set.", "oct.", "nov.", "dic."];
  const d = new Date(Date.parse(iso) - 5 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

describe("dashboard", () => {
  it("sends a visitor without a session to the login form, which shows the server's refusal", async () => {
    await page.goto(`${app.url}/users`);
    await heading("Iniciar sesión").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/users");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es-PE");
    await shot("01-login");

    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill("no-es-la-clave");
    await page.getByRole("button", { name: "Ingresar" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await text(alert)).toBe("El correo o la contraseña no son correctos.");
    expect(new URL(page.url()).pathname).toBe("/login");
    await shot("02-login-error");
  });

  it("owner creates a viewer and a sender and gives the sender 1.000 email credits; the viewer finds no write control", async () => {
    await login(OWNER.email, OWNER.password);
    expect(await text(page.getByTestId("whoami"))).toBe("PropietarioPropietario");
    expect(await text(page.getByTestId("me-email").locator(".kpi-value"))).toBe("5.000.000");
    expect(await text(page.getByTestId("me-sms").locator(".kpi-value"))).toBe("80.000");
    await shot("03-home-owner");

    await openSection("Usuarios");
    await page.getByRole("table", { name: "Usuarios de la cuenta" }).waitFor();
    // The owner sees write controls: proof that the viewer check below can find them.
    expect((await mainControls()).buttons.filter((b) => WRITE_CONTROL.test(b)).length).toBeGreaterThan(0);

    await createSubUser(VIEWER, "viewer");
    await createSubUser(SENDER, "sender");
    const viewerRow = page.locator(`tr[data-user-email="${VIEWER.email}"]`);
    const senderRow = page.locator(`tr[data-user-email="${SENDER.email}"]`);
    expect(await text(viewerRow.locator("td").nth(0))).toBe("Lector");
    expect(await text(senderRow.locator("td").nth(0))).toBe("Remitente");
    expect(await text(senderRow.locator("td").nth(1))).toBe("Activo");
    expect(await text(senderRow.getByTestId("user-email-credits"))).toBe("0");

    // Dates in the account's zone (Lima) although the browser runs in UTC.
    const users = await page.evaluate(() => fetch("/api/v1/users").then((r) => r.json() as Promise<{ users: { email: string; lastLoginAt: string | null }[] }>));
    const ownerLogin = users.users.find((u) => u.email === OWNER.email)?.lastLoginAt;
    expect(ownerLogin).toBeTruthy();
    expect(await text(page.locator(`tr[data-user-email="${OWNER.email}"] td`).nth(2))).toBe(limaText(ownerLogin!));

    const mainEmail = page.getByTestId("main-email").locator(".kpi-value");
    expect(await text(mainEmail)).toBe("5.000.000");

    await page.getByRole("button", { name: `Asignar créditos a ${SENDER.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Asignar créditos a ${SENDER.name}` });
    await dialog.getByLabel("Canal").selectOption("email");
    await dialog.getByLabel("Cantidad de créditos").fill("1000");
    await dialog.getByRole("button", { name: "Revisar asignación" }).click();
    const summary = dialog.getByTestId("confirm-summary");
    await summary.waitFor();
    expect(await text(summary.locator("p").first())).toBe(
      `Se asignarán 1.000 créditos de email a ${SENDER.name}; el saldo principal quedará en 4.999.000.`,
    );
    expect(await text(summary.locator("p").nth(1))).toBe(`${SENDER.name} quedará con 1.000 créditos de email.`);
    // Nothing moved yet: the confirmation comes first.
    expect(await text(mainEmail)).toBe("5.000.000");
    await shot("04-users-allocate-confirm", false);

    await dialog.getByRole("button", { name: "Asignar créditos", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => text(mainEmail)).toBe("4.999.000");
    expect(await text(senderRow.getByTestId("user-email-credits"))).toBe("1.000");
    expect(await text(viewerRow.getByTestId("user-email-credits"))).toBe("0");
    expect(await text(page.getByRole("status").first().locator("p"))).toBe(`Listo: ${SENDER.name} tiene ahora 1.000 créditos de email.`);
    await shot("05-users-owner");

    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    await heading("Usuarios").waitFor();
    await page.getByRole("table", { name: "Usuarios de la cuenta" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Navegación principal" });
    expect(await nav.isVisible()).toBe(false);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await shot("06-users-phone");
    await page.getByRole("button", { name: "Menú" }).click();
    await nav.getByRole("link", { name: "Créditos" }).waitFor({ state: "visible" });
    // On a phone, who is logged in and "Cerrar sesión" live in the drawer.
    expect(await text(nav.getByTestId("whoami"))).toBe("PropietarioPropietario");
    expect(await nav.getByRole("button", { name: "Cerrar sesión" }).isVisible()).toBe(true);
    await shot("07-menu-phone", false);
    await nav.getByRole("link", { name: "Créditos" }).click();
    await heading("Créditos").waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });

    const holders = page.getByRole("table", { name: "Saldo principal y asignaciones a subusuarios" });
    await holders.waitFor();
    const row = (name: string) => holders.locator("tr", { has: page.getByRole("rowheader", { name, exact: true }) });
    expect(await text(row("Saldo principal").getByTestId("holder-email-available"))).toBe("4.999.000");
    expect(await text(row(SENDER.name).getByTestId("holder-email-available"))).toBe("1.000");
    expect(await text(page.getByTestId("me-email").locator(".kpi-value"))).toBe("4.999.000");
    const ledger = page.getByRole("table", { name: "Movimientos de créditos, del más reciente al más antiguo" });
    await ledger.waitFor();
    const newest = ledger.locator("tbody tr").first();
    expect(await text(newest.locator("td").nth(1))).toBe("Asignación");
    await shot("08-credits-owner");

    await openSection("Auditoría");
    const audit = page.getByRole("table", { name: "Bitácora de auditoría, del evento más reciente al más antiguo" });
    await audit.waitFor();
    const allocation = audit.locator("tbody tr", { hasText: "Asignación de créditos" });
    expect(await allocation.count()).toBe(1);
    expect(await text(allocation.locator("td").nth(1))).toBe(OWNER.email);
    expect(await text(allocation.locator("td").nth(4))).toBe("Correcto (200)");
    await shot("09-audit");

    await openSection("Configuración");
    await shot("10-settings-owner");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("m-settings", false); // the user manual's picture (docs/manual)
    await openSection("Automatizaciones");
    expect(await text(page.getByRole("heading", { level: 2 }))).toBe("Aún no hay automatizaciones");
    await shot("11-automations-empty");

    await logout();
    expect(new URL(page.url()).pathname).toBe("/login");

    // The viewer: no control to create, edit, allocate or send anywhere it can go.
    await login(VIEWER.email, VIEWER.password);
    expect(await text(page.getByTestId("whoami"))).toBe(`${VIEWER.name}Lector`);
    const links = await nav.getByRole("link").allTextContents();
    expect(links).toEqual(["Inicio", "Campañas", "SMS", "Contactos", "Plantillas", "Automatizaciones", "Reportes", "Bandeja SMS", "Créditos", "Configuración"]);
    expect(await text(page.getByTestId("me-email").locator(".kpi-value"))).toBe("0");
    await shot("12-home-viewer");

    for (const label of links) {
      await openSection(label);
      await expect.poll(() => page.getByRole("status").filter({ hasText: "Cargando" }).count()).toBe(0);
      const controls = await mainControls();
      // Exporting what one may read is not writing: a viewer may ask for report files.
      const writes = controls.buttons.filter((b) => WRITE_CONTROL.test(b) && !(label === "Reportes" && /exportación/i.test(b)));
      expect(writes, `write controls on ${label}`).toEqual([]);
      // Own profile, language and password are the only fields a viewer gets, besides the
      // contacts search and its three filters (lista, verificación, estado de email), and the
      // report's month.
      expect(controls.fields, `form fields on ${label}`).toBe(label === "Configuración" ? 6 : label === "Contactos" ? 4 : label === "Reportes" ? 1 : 0);
      if (label === "Créditos") await shot("13-credits-viewer");
      if (label === "Configuración") await shot("14-settings-viewer");
    }
    // The page header too: nothing but the viewer's own language and logout.
    const header = await page.locator("header.topbar").getByRole("button").allTextContents();
    expect(header.filter((b) => WRITE_CONTROL.test(b))).toEqual([]);

    for (const [path, title] of [
      ["/users", "No tienes acceso a esta sección"],
      ["/audit", "No tienes acceso a esta sección"],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      await heading(title).waitFor();
      expect(await page.locator("main table").count()).toBe(0);
      expect((await mainControls()).buttons.filter((b) => WRITE_CONTROL.test(b))).toEqual([]);
    }
    await shot("15-no-access-viewer");
    await logout();

    // The sender sees the 1.000 email credits it was given.
    await login(SENDER.email, SENDER.password);
    expect(await text(page.getByRole("heading", { level: 2, name: "Tu saldo de créditos" }))).toBe("Tu saldo de créditos");
    expect(await text(page.getByTestId("me-email").locator(".kpi-value"))).toBe("1.000");
    expect(await text(page.getByTestId("me-sms").locator(".kpi-value"))).toBe("0");
    await shot("16-home-sender");
    await logout();
  });

  it("owner edits a sub-user: over-allocation is refused, disabling asks first and locks the user out", async () => {
    const editor = { name: "Pedro Editor", email: "editor@pregon.local", password: "edicion-segura-2026" };
    await login(OWNER.email, OWNER.password);
    await openSection("Usuarios");
    await createSubUser(editor, "sender");
    const row = page.locator(`tr[data-user-email="${editor.email}"]`);

    await page.getByRole("button", { name: `Asignar créditos a ${editor.name}` }).click();
    const alloc = page.getByRole("dialog", { name: `Asignar créditos a ${editor.name}` });
    await alloc.getByLabel("Canal").selectOption("sms");
    await alloc.getByLabel("Cantidad de créditos").fill("90.000");
    await alloc.getByRole("button", { name: "Revisar asignación" }).click();
    expect(await text(alloc.locator(".field-error"))).toBe("No hay saldo suficiente para esta operación.");
    expect(await alloc.getByTestId("confirm-summary").count()).toBe(0);
    await alloc.getByRole("button", { name: "Cancelar" }).click();
    await alloc.waitFor({ state: "hidden" });

    await page.getByRole("button", { name: `Editar a ${editor.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Editar a ${editor.name}` });
    await dialog.getByLabel("Rol").selectOption("editor");
    await dialog.getByLabel("Desactivar el acceso de este usuario").check();
    await dialog.getByRole("button", { name: "Guardar cambios" }).click();
    const summary = dialog.getByTestId("confirm-summary");
    await summary.waitFor();
    expect(await text(summary)).toBe(`Se desactivará el acceso de ${editor.name} (${editor.email}). No podrá ingresar hasta que lo reactives.`);
    expect(await text(row.locator("td").nth(1))).toBe("Activo");
    await shot("18-users-disable-confirm", false);
    await dialog.getByRole("button", { name: "Desactivar acceso" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => text(row.locator("td").nth(1))).toBe("Desactivado");
    expect(await text(row.locator("td").nth(0))).toBe("Editor");
    await logout();

    await page.getByLabel("Correo electrónico").fill(editor.email);
    await page.getByLabel("Contraseña").fill(editor.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("alert").waitFor();
    expect(await text(page.getByRole("alert"))).toBe("El correo o la contraseña no son correctos.");
  });

  it("switches to English, saves it to the profile, and back to Spanish", async () => {
    await login(OWNER.email, OWNER.password);
    await page.getByLabel("Idioma").selectOption("en");
    await heading("Home").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await expect.poll(() => page.evaluate(() => fetch("/api/v1/me").then((r) => r.json()).then((m: { user: { locale: string | null } }) => m.user.locale))).toBe("en");
    expect(await text(page.getByTestId("me-email").locator(".kpi-value"))).toBe("4,999,000");
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Users", exact: true }).click();
    await heading("Users").waitFor();
    await page.getByRole("button", { name: "New sub-user" }).waitFor();
    await shot("17-users-english");

    await page.getByLabel("Language").selectOption("es-PE");
    await heading("Usuarios").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("es-PE");
    await expect.poll(() => page.evaluate(() => fetch("/api/v1/me").then((r) => r.json()).then((m: { user: { locale: string | null } }) => m.user.locale))).toBe("es-PE");
  });
});
