/**
 * The audience section end to end, in a real browser against the real Worker (list cleaning's
 * DNS turned off so every count is exact): the owner creates a list, is refused an empty and a
 * header-only file next to the field, imports a 10-row CSV through the wizard (changing the
 * mapping: one column ignored, one custom field renamed), reads the exact report and downloads
 * the rejected rows; searches the contacts, sees a typo suggestion, opens a contact with its
 * consent proof (file and line); creates a contact by hand; builds a segment with a live count;
 * suppresses a domain and sees the list's reachable count drop; converts an XLSX in the browser.
 * Then a viewer walks every audience page and finds nothing to create, edit, import or delete.
 * Screenshots land in tests/e2e/screenshots/ (a*.png) for a person to look at.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const HEADER_ONLY = fileURLToPath(new URL("../fixtures/import/header-only.csv", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const VIEWER = { name: "Lucía Lectora", email: "lectora@pregon.local", password: "lectura-segura-2026" };

/** Words of a control that creates, edits, imports, cleans or deletes, in either language. */
const WRITE_CONTROL = /\b(nuevo|nueva|crear|editar|importar|eliminar|borrar|quitar|agregar|guardar|depurar|desuscribir|suscribir|corregir|continuar|subir|new|create|edit|import|delete|erase|remove|add|save|clean|unsubscribe|subscribe|upload)\b/i;

let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startPregon(OWNER, { MX_CHECKS: "off" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage });
const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
const text = async (locator: Locator) => ((await locator.textContent()) ?? "").trim();
const main = () => page.locator("main");
const subnav = () => page.getByRole("navigation", { name: "Secciones de contactos" });

async function login(email: string, password: string) {
  await browser.context.clearCookies();
  await page.goto(`${app.url}/login`);
  await heading("Iniciar sesión").waitFor();
  await page.getByLabel("Correo electrónico").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await heading("Inicio").waitFor();
}

async function tab(label: string, title = label) {
  await subnav().getByRole("link", { name: label, exact: true }).click();
  await heading(title).waitFor();
}

/** `expect.poll` with time for a round trip to the Worker (its default second is too short here). */
const eventually = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Waits until nothing in the page says "Cargando…". */
async function settled() {
  await eventually(() => page.getByRole("status").filter({ hasText: "Cargando" }).count()).toBe(0);
}

/** The page must never scroll sideways (tables scroll inside their own box). */
async function noSidewaysScroll(width: number) {
  const wide = await page.evaluate(
    (w) =>
      [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest(".table-wrap") && !el.closest(".sidebar"))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`)
        .slice(0, 5),
    width,
  );
  expect(wide, "elements wider than the screen").toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Names of every button and link in the main region. */
async function mainControls(): Promise<string[]> {
  const buttons = await main().getByRole("button").evaluateAll((els) => els.map((e) => (e.getAttribute("aria-label") ?? e.textContent ?? "").trim()));
  const links = await main().getByRole("link").evaluateAll((els) => els.map((e) => (e.textContent ?? "").trim()));
  return [...buttons, ...links];
}

/** A call to the API from the page, with the session's CSRF token. */
async function apiCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await fetch("/api/v1/me").then((r) => r.json())) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, { method, headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as T;
    },
    { method, path, body },
  );
}

let listUrl = "";
let importId = "";
let segmentUrl = "";
let contactUrl = "";

describe("audience", () => {
  it("owner creates a list and imports a CSV through the wizard, with the exact report and the rejected rows", async () => {
    await login(OWNER.email, OWNER.password);
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Contactos", exact: true }).click();
    await heading("Contactos").waitFor();
    await settled();
    expect(await text(main().locator(".empty p"))).toBe(
      "Aún no hay contactos. Importa un archivo en una lista (Listas → «Importar contactos») o crea uno con «Nuevo contacto».",
    );
    await shot("a01-contacts-empty");

    await tab("Listas");
    await settled();
    await shot("a02-lists-empty");
    await page.getByRole("button", { name: "Nueva lista" }).click();
    const dialog = page.getByRole("dialog", { name: "Nueva lista" });
    await dialog.getByRole("button", { name: "Crear lista" }).click();
    expect(await text(dialog.locator(".field-error"))).toBe("Este campo es obligatorio.");
    await dialog.getByLabel("Nombre de la lista").fill("Proveedores");
    await dialog.getByLabel("Descripción (opcional)").fill("Proveedores del Estado, convocatoria 2026");
    await shot("a03-list-create", false);
    await dialog.getByRole("button", { name: "Crear lista" }).click();
    await heading("Proveedores").waitFor();
    listUrl = new URL(page.url()).pathname;
    expect(listUrl).toMatch(/^\/contacts\/lists\/[\w-]+$/);
    expect(await text(page.getByRole("status").filter({ hasText: "Se creó la lista" }).locator("p"))).toBe("Se creó la lista «Proveedores». Ahora puedes importar sus contactos.");
    expect(await text(page.getByTestId("kpi-members").locator(".kpi-value"))).toBe("0");
    expect(await page.getByTestId("form-url").inputValue()).toMatch(new RegExp(`^${app.url}/f/[\\w-]+$`));
    expect(await page.getByTestId("form-embed").inputValue()).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/f\/[\w-]+\?embed=1"/);

    await page.getByRole("link", { name: "Importar contactos" }).click();
    await heading("Importar contactos").waitFor();
    const file = page.getByLabel("Archivo de contactos");
    const upload = page.getByRole("button", { name: "Subir y revisar columnas" });

    // The server's refusals land next to the field.
    await upload.click();
    expect(await text(page.getByTestId("file-error"))).toBe("Elige un archivo primero.");
    await file.setInputFiles({ name: "vacio.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) });
    await upload.click();
    await eventually(() => text(page.getByTestId("file-error"))).toBe("El archivo está vacío. Elige el archivo que tiene los contactos.");
    await file.setInputFiles(HEADER_ONLY);
    await upload.click();
    await eventually(() => text(page.getByTestId("file-error"))).toBe("El archivo solo tiene la fila de encabezado: no hay contactos que importar.");
    expect(await file.getAttribute("aria-invalid")).toBe("true");
    await shot("a04-wizard-upload-error");

    await file.setInputFiles(`${FIXTURES}proveedores.csv`);
    expect(await text(page.getByTestId("chosen-file"))).toBe("Archivo elegido: «proveedores.csv» (682 B)");
    await upload.click();
    const mapping = page.getByRole("table", { name: "Columnas del archivo y sus primeras filas" });
    await mapping.waitFor();
    expect(new URL(page.url()).searchParams.get("import")).toMatch(/^[\w-]+$/);
    importId = new URL(page.url()).searchParams.get("import")!;
    expect(await text(page.getByTestId("detected"))).toBe("Codificación detectada: UTF-8 · Separador: coma (,) · Se muestran las primeras 10 filas.");
    expect(await mapping.locator("thead tr").first().locator("th").allTextContents()).toEqual(["Correo", "Nombres", "Apellidos", "Celular", "Entidad", "Región", "Observaciones"]);
    expect(await mapping.locator("tbody tr").count()).toBe(10);
    const target = (column: string) => page.getByLabel(`Dato de la columna «${column}»`, { exact: true });
    // Prefilled from the server's suggestion.
    expect(await Promise.all(["Correo", "Nombres", "Apellidos", "Celular", "Entidad", "Región", "Observaciones"].map((c) => target(c).inputValue()))).toEqual([
      "email",
      "firstName",
      "lastName",
      "phone",
      "company",
      "custom",
      "custom",
    ]);
    expect(await page.getByLabel("Clave del campo de «Región»").inputValue()).toBe("region");

    // Two columns mapped to the same field are refused in words before anything is sent.
    await target("Entidad").selectOption("email");
    await page.getByRole("button", { name: "Continuar" }).click();
    expect(await text(page.getByTestId("mapping-error"))).toBe("Las columnas «Correo» y «Entidad» tienen el mismo dato (Correo). Cada dato puede venir de una sola columna.");
    await target("Entidad").selectOption("company");
    // The changes: "Observaciones" ignored, "Región" kept as the custom field "sede".
    await target("Observaciones").selectOption("");
    await page.getByLabel("Clave del campo de «Región»").fill("sede");
    expect(await page.getByLabel("La primera fila es encabezado").isChecked()).toBe(true);
    expect(await page.getByLabel("Insertar los nuevos y actualizar los existentes").isChecked()).toBe(true);
    await page.getByLabel("La primera fila es encabezado").focus();
    await page.locator(".mapping-wrap").evaluate((el) => (el.scrollLeft = 0));
    await shot("a05-wizard-mapping");
    await page.setViewportSize({ width: 375, height: 812 });
    await noSidewaysScroll(375);
    await shot("a06-wizard-mapping-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("button", { name: "Continuar" }).click();
    const summary = page.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.locator("p").allTextContents()).toEqual([
      "Se importará «proveedores.csv» (682 B) a la lista «Proveedores».",
      "Columnas que se usarán: Correo ← «Correo»; Nombre ← «Nombres»; Apellidos ← «Apellidos»; Celular ← «Celular»; Empresa ← «Entidad»; Campo personalizado «sede» ← «Región».",
      "Columnas que se ignorarán: «Observaciones».",
      "La primera fila es encabezado y no se importará.",
      "Los contactos que ya existen se actualizarán con los datos del archivo.",
      "Cada contacto nuevo queda con su consentimiento registrado: el archivo y la línea de donde vino.",
    ]);
    await shot("a07-wizard-confirm");
    await page.getByRole("button", { name: "Iniciar importación" }).click();
    await page.getByRole("progressbar", { name: "Avance de la importación" }).or(page.getByTestId("report-read")).first().waitFor();
    if (await page.getByRole("progressbar").isVisible()) {
      expect(await text(page.getByTestId("import-progress"))).toMatch(/^(En cola: la importación empezará en unos segundos\.|Importando «proveedores\.csv»: \d+ %)Filas leídas hasta ahora: \d+$/);
      await shot("a08-wizard-progress");
    }
    await page.getByTestId("report-read").waitFor({ timeout: 60_000 });
    const count = (key: string) => text(page.getByTestId(`report-${key}`).locator(".kpi-value"));
    expect(await Promise.all(["read", "inserted", "updated", "skipped", "rejected"].map(count))).toEqual(["10", "8", "0", "0", "2"]);
    expect(await Promise.all(["valid", "risky", "invalid"].map((v) => text(page.getByTestId(`report-verdict-${v}`))))).toEqual(["6", "2", "0"]);
    await shot("a09-wizard-report");

    const link = page.getByRole("link", { name: "Descargar filas rechazadas (CSV)" });
    const href = await link.getAttribute("href");
    expect(href).toBe(`/api/v1/imports/${importId}/report.csv`);
    const csv = await page.evaluate((h) => fetch(h).then((r) => r.text()), href!);
    expect(csv.replace(/^\uFEFF/, "").trim().split(/\r?\n/)).toEqual([
      "línea,motivo,fila original",
      '5,correo no válido (Dirección de correo mal escrita),"no-es-un-correo,Luis,Paz,,MTC,Cusco,Sin celular"',
      "9,sin correo ni celular,\",Sin,Contacto,,Ninguna,Lima,\"",
    ]);
  });

  it("the list shows live counts and its cleaning report; the contacts table searches and shows the typo suggestion; a contact shows its consent proof", async () => {
    await page.goto(`${app.url}${listUrl}`);
    await heading("Proveedores").waitFor();
    await settled();
    const kpi = (id: string) => text(page.getByTestId(id).locator(".kpi-value"));
    expect([await kpi("kpi-members"), await kpi("kpi-email"), await kpi("kpi-sms")]).toEqual(["8", "7", "7"]);
    expect(await Promise.all(["valid", "risky", "invalid"].map((v) => text(page.getByTestId(`cleaning-${v}`))))).toEqual(["6", "2", "0"]);
    const reasons = page.getByRole("table", { name: "Observaciones de la verificación" });
    // gmial.com is both a typo of gmail.com and a known throwaway domain; info@ is a role mailbox.
    expect((await reasons.locator("tbody tr").evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, " ").trim()))).sort()).toEqual([
      "Buzón genérico (no personal) 1",
      "Correo temporal o desechable 1",
      "Posible error de escritura en el dominio 1",
    ]);
    const imports = page.getByRole("table", { name: "Importaciones de la lista, de la más reciente a la más antigua" });
    expect(await text(imports.locator("tbody tr").first().locator("td").nth(1))).toBe("Terminada");
    await page.getByRole("button", { name: "Depurar ahora" }).click();
    const result = page.getByTestId("clean-result");
    await result.waitFor();
    expect(await text(result.locator("p").first())).toBe("Depuración terminada: 8 contactos revisados; 7 se pueden enviar por email.");
    expect(await text(result.locator("p").nth(1))).toBe("En supresión: 0 · Desuscritos: 0 · Correo inválido: 0 · Sin correo: 1 · Dominios consultados: 0.");
    await shot("a10-list-detail");

    await page.getByRole("link", { name: "← Listas" }).click();
    await heading("Listas").waitFor();
    const row = page.locator('tr[data-list-name="Proveedores"]');
    await row.waitFor();
    expect([await text(row.getByTestId("list-members")), await text(row.getByTestId("list-email")), await text(row.getByTestId("list-sms"))]).toEqual(["8", "7", "7"]);
    await shot("a11-lists");

    await tab("Contactos");
    const table = page.getByRole("table", { name: "Contactos, del más reciente al más antiguo" });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(8);
    await shot("a12-contacts");
    await page.setViewportSize({ width: 375, height: 812 });
    await noSidewaysScroll(375);
    await shot("a13-contacts-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByLabel("Buscar", { exact: true }).fill("ana");
    await eventually(() => table.locator("tbody tr").count()).toBe(1);
    const ana = table.locator("tbody tr").first();
    expect(await text(ana.getByRole("rowheader"))).toBe("Ana Torresana.torres@gmial.com");
    expect(await text(ana.getByTestId("suggestion"))).toBe("¿Quiso decir ana.torres@gmail.com?");
    expect(await text(ana.locator(".badge").first())).toBe("Riesgoso");
    expect(await text(ana.locator(".reasons"))).toBe("Posible error de escritura en el dominio; Correo temporal o desechable");
    expect(new URL(page.url()).searchParams.get("q")).toBe("ana");
    await shot("a14-contacts-search");

    await page.getByLabel("Verificación", { exact: true }).selectOption("valid");
    await eventually(() => main().locator(".empty p").count()).toBe(1);
    expect(await text(main().locator(".empty p"))).toBe("Ningún contacto coincide con la búsqueda o los filtros. Prueba con menos letras o quita los filtros.");
    await page.getByRole("button", { name: "Quitar filtros" }).click();
    await eventually(() => table.locator("tbody tr").count()).toBe(8);

    await page.getByLabel("Buscar", { exact: true }).fill("rosa");
    await eventually(() => table.locator("tbody tr").count()).toBe(1);
    await table.getByRole("link", { name: "Rosa Quispe" }).click();
    await heading("Rosa Quispe").waitFor();
    contactUrl = new URL(page.url()).pathname;
    const consents = page.getByRole("table", { name: "Historial de consentimiento, del más reciente al más antiguo" });
    await consents.waitFor();
    expect(await consents.locator("tbody tr").count()).toBe(2);
    expect(await consents.getByTestId("consent-proof").allTextContents()).toEqual(["Archivo «proveedores.csv», línea 2", "Archivo «proveedores.csv», línea 2"]);
    expect(await consents.locator("tbody tr td:nth-child(3)").allTextContents()).toEqual(["Otorgado", "Otorgado"]);
    expect(await consents.locator("tbody tr td:nth-child(4)").allTextContents()).toEqual(["Archivo importado", "Archivo importado"]);
    expect((await consents.locator("tbody tr td:nth-child(2)").allTextContents()).sort()).toEqual(["Email", "SMS"]);
    const custom = page.getByTestId("contact-custom-fields");
    expect(await text(custom.locator("dt"))).toBe("Región (sede)");
    expect(await text(custom.locator("dd"))).toBe("Lima");
    expect(await text(page.getByTestId("channel-email").locator(".badge"))).toBe("Suscrito");
    expect(await text(page.getByTestId("channel-sms"))).toContain("+51987100001");
    expect(await page.getByRole("table", { name: "Listas del contacto" }).locator("tbody tr").allInnerTexts()).toEqual(["Proveedores\tSuscrito"]);
    await shot("a15-contact-detail");

    // Unsubscribing asks first and lands in the consent history.
    await page.getByRole("button", { name: "Desuscribir del canal Email" }).click();
    const confirm = page.getByRole("dialog", { name: "Desuscribir" });
    expect(await text(confirm.getByTestId("confirm-summary"))).toBe("Rosa Quispe dejará de recibir mensajes por Email. Quedará registrado en su historial de consentimiento.");
    await confirm.getByRole("button", { name: "Desuscribir" }).click();
    await confirm.waitFor({ state: "hidden" });
    await eventually(() => text(page.getByTestId("channel-email").locator(".badge"))).toBe("Desuscrito");
    expect(await consents.locator("tbody tr").count()).toBe(3);
    expect(await text(consents.locator("tbody tr").first().locator("td").nth(2))).toBe("Revocado");
    expect(await text(consents.locator("tbody tr").first().getByTestId("consent-proof"))).toMatch(/^IP [\d.:a-f]+ · usuario Propietario$/);
  });

  it("owner creates a contact by hand with consent; the erase dialog says what erasure means", async () => {
    await page.goto(`${app.url}/contacts`);
    await heading("Contactos").waitFor();
    await page.getByRole("button", { name: "Nuevo contacto" }).click();
    const dialog = page.getByRole("dialog", { name: "Nuevo contacto" });
    await dialog.getByLabel("Correo electrónico").fill("juan.perez@hotmial.com");
    await dialog.getByLabel("Celular").fill("987 300 001");
    await dialog.getByLabel("Nombre", { exact: true }).fill("Juan");
    await dialog.getByLabel("Apellidos").fill("Pérez");
    await dialog.getByLabel("Proveedores").check();
    await dialog.getByLabel("La persona aceptó recibir correos").check();
    await shot("a16-contact-create", false);
    await dialog.getByRole("button", { name: "Guardar contacto" }).click();
    await heading("Juan Pérez").waitFor();
    expect(await text(page.getByRole("status").filter({ hasText: "Se guardó" }).locator("p"))).toBe("Se guardó el contacto Juan Pérez.");
    // The suggestion is shown, never applied.
    expect(await text(page.getByTestId("suggestion"))).toBe("¿Quiso decir juan.perez@hotmail.com?");
    await page.getByRole("button", { name: "Corregir a juan.perez@hotmail.com" }).waitFor();
    const consents = page.getByRole("table", { name: "Historial de consentimiento, del más reciente al más antiguo" });
    expect(await consents.locator("tbody tr").count()).toBe(1);
    expect(await text(consents.locator("td").nth(3))).toBe("Panel o API");
    expect(await text(consents.getByTestId("consent-proof"))).toMatch(/^IP [\d.:a-f]+ · usuario Propietario$/);

    await page.getByRole("button", { name: "Borrar contacto" }).click();
    const erase = page.getByRole("dialog", { name: "Borrar contacto" });
    expect(await erase.getByTestId("confirm-summary").locator("p").allTextContents()).toEqual([
      "Se borrarán los datos de Juan Pérez: nombre, campos, historial de consentimiento y su pertenencia a 1 lista.",
      "Su correo y su celular quedarán en la lista de supresión, para que nunca se le vuelva a escribir.",
      "Esto no se puede deshacer.",
    ]);
    await shot("a17-contact-erase-confirm", false);
    await erase.getByRole("button", { name: "Borrar contacto" }).click();
    await heading("Contactos").waitFor();
    expect(await text(page.getByRole("status").filter({ hasText: "Se borraron" }).locator("p"))).toBe("Se borraron los datos del contacto. Su dirección quedó en supresión.");
  });

  it("owner builds a segment with a live count and saves it", async () => {
    await tab("Segmentos");
    await settled();
    await shot("a18-segments-empty");
    await page.getByRole("link", { name: "Nuevo segmento" }).click();
    await heading("Nuevo segmento").waitFor();
    await page.getByLabel("Nombre del segmento").fill("Proveedores de Lima con correo válido");
    const first = page.getByTestId("segment-condition").nth(0);
    await first.getByLabel("Dato", { exact: true }).selectOption("custom:sede");
    await first.getByLabel("Comparación").selectOption("eq");
    await first.getByLabel("Valor").fill("Lima");
    const countShown = page.getByTestId("segment-preview-count");
    // Rosa, Carlos, Ana, Inés and Óscar; line 9 ("Sin Contacto", Lima) was rejected.
    await eventually(() => text(countShown)).toBe("5");
    await page.getByRole("button", { name: "Agregar condición" }).click();
    const second = page.getByTestId("segment-condition").nth(1);
    await second.getByLabel("Tipo de condición").selectOption("verdict");
    await second.getByLabel("Verificación").selectOption("valid");
    await eventually(() => text(countShown)).toBe("4");
    expect(await text(page.getByTestId("segment-preview").locator("p").nth(1))).toBe("4 contactos cumplen hoy estas condiciones.");
    await shot("a19-segment-builder");
    await page.getByRole("radio", { name: "al menos una condición" }).check();
    await eventually(() => text(countShown)).toBe("7");
    await page.getByRole("radio", { name: "todas las condiciones" }).check();
    await eventually(() => text(countShown)).toBe("4");
    await page.getByRole("button", { name: "Guardar segmento" }).click();
    await heading("Proveedores de Lima con correo válido").waitFor();
    segmentUrl = new URL(page.url()).pathname;
    expect(await text(page.getByRole("status").filter({ hasText: "Se guardó" }).locator("p"))).toBe("Se guardó el segmento «Proveedores de Lima con correo válido».");
    await page.getByRole("link", { name: "← Segmentos" }).click();
    await heading("Segmentos").waitFor();
    const row = page.locator('tr[data-segment-name="Proveedores de Lima con correo válido"]');
    await row.waitFor();
    expect(await text(row.getByTestId("segment-count"))).toBe("4");
    await eventually(() => text(row.locator("td").nth(1))).toBe("Región es igual a «Lima» y verificación: Válido");
    await shot("a20-segments");
  });

  it("a domain suppression lowers the list's reachable count", async () => {
    await tab("Supresión");
    await settled();
    // Erasing Juan Pérez above left his email and phone suppressed.
    const table = page.getByRole("table", { name: "Direcciones y dominios en supresión" });
    expect(await table.locator("tbody tr").count()).toBe(2);
    await page.getByRole("button", { name: "Agregar a supresión" }).click();
    const dialog = page.getByRole("dialog", { name: "Agregar a supresión" });
    await dialog.getByLabel("Tipo").selectOption("domain");
    await dialog.getByLabel("Valor").fill("@no es dominio");
    await dialog.getByLabel("Motivo").fill("Pedido por oficio N.° 123-2026");
    await dialog.getByRole("button", { name: "Agregar", exact: true }).click();
    await eventually(() => text(dialog.locator(".field-error"))).toBe("No es un dominio válido. Escríbelo sin @, por ejemplo dominio.com.pe.");
    await dialog.getByLabel("Valor").fill("sunat.gob.pe");
    await dialog.getByRole("button", { name: "Agregar", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.locator('tr[data-suppression="domain:sunat.gob.pe"]');
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual(["Dominio", "Pedido por oficio N.° 123-2026", expect.stringMatching(/^\d{1,2} \w+\.? \d{4}, \d{2}:\d{2}$/), "Quitar"]);
    expect(await page.getByRole("link", { name: "Exportar CSV" }).getAttribute("href")).toBe("/api/v1/suppressions/export.csv");
    await shot("a21-suppression");
    await row.getByRole("button", { name: "Quitar sunat.gob.pe de la supresión" }).click();
    const confirm = page.getByRole("dialog", { name: "Quitar de la supresión" });
    expect(await confirm.getByTestId("confirm-summary").locator("p").allTextContents()).toEqual([
      "Se quitará sunat.gob.pe de la supresión.",
      "Los contactos con esta dirección podrán volver a recibir mensajes si siguen suscritos.",
    ]);
    await shot("a22-suppression-remove-confirm", false);
    await confirm.getByRole("button", { name: "Volver" }).click();

    await tab("Listas");
    const list = page.locator('tr[data-list-name="Proveedores"]');
    await list.waitFor();
    // Was 7 by email: Carlos (sunat.gob.pe) is now suppressed; Rosa unsubscribed above. SMS stays 7:
    // a domain suppression stops email only (Ley 32323), and Carlos's mobile still takes SMS.
    expect([await text(list.getByTestId("list-members")), await text(list.getByTestId("list-email")), await text(list.getByTestId("list-sms"))]).toEqual(["8", "5", "7"]);
    await list.getByRole("link", { name: "Proveedores" }).click();
    await heading("Proveedores").waitFor();
    await settled();
    expect(await text(page.getByTestId("kpi-email").locator(".kpi-value"))).toBe("5");
    expect(await text(page.getByTestId("cleaning-invalid"))).toBe("1");
    await shot("a23-list-after-suppression");
  });

  it("an Excel file is converted to CSV in the browser before upload", async () => {
    await page.goto(`${app.url}${listUrl}/import`);
    await heading("Importar contactos").waitFor();
    await page.getByLabel("Archivo de contactos").setInputFiles(`${FIXTURES}contactos-minam.xlsx`);
    await page.getByTestId("chosen-file").waitFor();
    expect(await text(page.getByTestId("chosen-file"))).toMatch(/^Archivo elegido: «contactos-minam\.csv» \(\d+ B\)$/);
    expect(await text(main().locator(".hint").filter({ hasText: "Se convirtió" }))).toBe("Se convirtió la hoja de «contactos-minam.xlsx» a CSV (3 filas) en tu navegador.");
    await page.getByRole("button", { name: "Subir y revisar columnas" }).click();
    const mapping = page.getByRole("table", { name: "Columnas del archivo y sus primeras filas" });
    await mapping.waitFor();
    expect(await mapping.locator("thead tr").first().locator("th").allTextContents()).toEqual(["Correo", "Nombres", "Celular", "Fecha de ingreso"]);
    expect(await mapping.locator("tbody tr").first().locator("td").allTextContents()).toEqual(["lucia.rojas@minam.gob.pe", "Lucía", "987200001", "2024-01-01"]);
    await shot("a24-wizard-xlsx-mapping");
  });

  it("a viewer sees the audience and finds no control to create, edit, import or delete", async () => {
    await apiCall("POST", "/users", { ...VIEWER, role: "viewer" });
    await login(VIEWER.email, VIEWER.password);
    const pages: [string, string][] = [
      ["/contacts", "Contactos"],
      [contactUrl, "Rosa Quispe"],
      ["/contacts/lists", "Listas"],
      [listUrl, "Proveedores"],
      [`${listUrl}/import?import=${importId}`, "Importar contactos"],
      ["/contacts/segments", "Segmentos"],
      [segmentUrl, "Proveedores de Lima con correo válido"],
      ["/contacts/suppression", "Supresión"],
    ];
    for (const [path, title] of pages) {
      await page.goto(`${app.url}${path}`);
      await heading(title).waitFor();
      await settled();
      expect((await mainControls()).filter((c) => WRITE_CONTROL.test(c)), `write controls on ${path}`).toEqual([]);
    }
    // The import's report and its download stay readable.
    await page.goto(`${app.url}${listUrl}/import?import=${importId}`);
    await page.getByTestId("report-read").waitFor();
    await page.getByRole("link", { name: "Descargar filas rechazadas (CSV)" }).waitFor();
    await page.goto(`${app.url}${segmentUrl}`);
    await heading("Proveedores de Lima con correo válido").waitFor();
    // 3 now, not the 4 it had when saved: Carlos (sunat.gob.pe) was suppressed since, which made him invalid.
    expect(await text(page.getByTestId("segment-count").locator(".kpi-value"))).toBe("3");
    await shot("a25-segment-viewer");
    await page.goto(`${app.url}${listUrl}`);
    await heading("Proveedores").waitFor();
    await settled();
    await shot("a26-list-viewer");
    await page.goto(`${app.url}${listUrl}/import`);
    await heading("Importar contactos").waitFor();
    expect(await page.getByLabel("Archivo de contactos").count()).toBe(0);
  });
});

