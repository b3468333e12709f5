/**
 * The Reportes page in Chromium, through the real pipeline: a campaign is sent to four local
 * recipients at Gmail, Hotmail, Yahoo and a corporate domain; two of them open (one of them
 * twice) and one clicks. Once the events consumer has recorded them, the monthly report of the
 * current Lima month shows those numbers in its KPI cards, campaigns table and provider split,
 * the CSV and PDF downloads carry them, and a phone-width view still reads. Then, on the same
 * page, the exports (S3): a monthly-report PDF and a recipients CSV asked for from the dashboard
 * become "Lista", their signed links serve the bytes without a session, one is deleted after
 * its confirmation, and a weekly schedule shows its next run in Lima time. Screenshots in
 * tests/e2e/screenshots.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startCaptureSmtp, type CaptureSmtp } from "./capture-smtp";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApi } from "./page-api";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const MJML = `<mjml><mj-body><mj-section><mj-column><mj-text>Hola {{nombre}}</mj-text><mj-button href="https://www.gob.pe/convocatoria">Ver convocatoria</mj-button></mj-column></mj-section></mj-body></mjml>`;
const PERSON_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36";

let smtp: CaptureSmtp;
let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  smtp = await startCaptureSmtp();
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), LINK_SECRET: "e2e-link-secret-123" });
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await smtp?.close();
});

const eventually = <T>(fn: () => Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout, interval: 250 });

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApi<T>(page, method, path, body);

/** What a download link of the page serves, fetched with the page's session. */
async function download(testId: string): Promise<{ status: number; type: string; disposition: string; text: string; head: string }> {
  const href = await page.getByTestId(testId).getAttribute("href");
  return page.evaluate(async (url) => {
    const r = await fetch(url!);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return {
      status: r.status,
      type: r.headers.get("content-type") ?? "",
      disposition: r.headers.get("content-disposition") ?? "",
      text: new TextDecoder().decode(bytes),
      head: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, href);
}

/** GET of a signed download link from outside the browser (no session), on this run's Worker. */
async function fetchSigned(href: string): Promise<{ status: number; type: string; disposition: string; bytes: Uint8Array }> {
  const r = await fetch(new URL(new URL(href).pathname, app.url));
  return { status: r.status, type: r.headers.get("content-type") ?? "", disposition: r.headers.get("content-disposition") ?? "", bytes: new Uint8Array(await r.arrayBuffer()) };
}

/** "29 nov. 2026, 09:15": a date as the dashboard writes it (Lima). */
const limaDateTime = (iso: string) =>
  new Intl.DateTimeFormat("es-PE", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "America/Lima" }).format(new Date(iso));

/** The exports table's row of `what`, once its status badge reads `status`. */
async function exportRow(what: string, status: string) {
  const row = page.getByTestId("exports-table").getByRole("row", { name: new RegExp(`^${what.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  await eventually(async () => (await row.locator(".badge").textContent()) ?? "", 60_000).toBe(status);
  return row;
}

type Report = { totals: { sent: number; uniqueOpens: number; opens: number; uniqueClicks: number }; providers: { provider: string; sent: number; uniqueOpens: number }[] };

describe("monthly report page", () => {
  it("shows the month's sends, opens, clicks and provider split, downloads them as CSV and PDF, and exports and schedules them", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    // Before any send: the empty state of the month.
    await page.getByRole("link", { name: "Reportes" }).click();
    await page.getByRole("heading", { level: 1, name: "Reportes" }).waitFor();
    await page.getByText(/No hubo envíos en/).waitFor();

    const emails = ["ana@gmail.com", "beto@hotmail.com", "cata@yahoo.com", "dora@empresa.pe"];
    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Proveedores" });
    for (const email of emails) await apiCall("POST", "/contacts", { email, firstName: email.split("@")[0], listIds: [list.id], consent: { email: true } });
    const tpl = await apiCall<{ id: string }>("POST", "/templates", { name: "Convocatoria", source: MJML });
    const campaign = await apiCall<{ id: string }>("POST", "/campaigns", { name: "Convocatoria de diciembre", subject: "Hola {{nombre}}", fromName: "Agencia", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] } });
    await apiCall("POST", `/campaigns/${campaign.id}/send`);
    await eventually(async () => smtp.mails.length, 60_000).toBe(4);

    const mailTo = (email: string) => smtp.mails.find((m) => m.to.includes(email))!.html;
    const pixel = (email: string) => new URL(new URL(/https?:\/\/[^"'\s>]+\/t\/o\/[^"'\s>]+/.exec(mailTo(email))![0]).pathname, app.url);
    const link = (email: string) => new URL(new URL(/https?:\/\/[^"'\s>]+\/t\/c\/[^"'\s>]+/.exec(mailTo(email))![0].replaceAll("&amp;", "&")).pathname, app.url);
    // Ana (Gmail) opens twice and clicks; Beto (Hotmail) opens once; Cata and Dora never open.
    for (const url of [pixel("ana@gmail.com"), pixel("ana@gmail.com"), pixel("beto@hotmail.com")]) expect((await fetch(url, { headers: { "User-Agent": PERSON_UA } })).status).toBe(200);
    // A click long after delivery counts as a person's (a click within seconds is a scanner's).
    await new Promise((r) => setTimeout(r, 11_000));
    expect((await fetch(link("ana@gmail.com"), { headers: { "User-Agent": PERSON_UA }, redirect: "manual" })).status).toBe(302);

    const month = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 7);
    await eventually(async () => (await apiCall<Report>("GET", `/reports/monthly?month=${month}`)).totals.uniqueClicks, 60_000).toBe(1);
    const report = await apiCall<Report>("GET", `/reports/monthly?month=${month}`);
    expect(report.totals).toMatchObject({ sent: 4, uniqueOpens: 2, opens: 3, uniqueClicks: 1 });
    expect(report.providers.map((p) => [p.provider, p.sent, p.uniqueOpens])).toEqual([
      ["gmail", 1, 1],
      ["outlook", 1, 1],
      ["yahoo", 1, 0],
      ["other", 1, 0],
    ]);

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Reportes" }).waitFor();
    const kpis = page.getByTestId("report-kpis");
    await kpis.waitFor();
    expect(await page.getByTestId("kpi-sent").locator(".kpi-value").textContent()).toBe("4");
    expect(await page.getByTestId("kpi-opens").locator(".kpi-value").textContent()).toBe("2");
    // 2 unique opens of 4 delivered; 3 opens by 2 openers: one re-open each other opener = 50 %.
    // Intl puts a no-break space before "%": compare with plain spaces.
    const plain = (s: string | null) => (s ?? "").replace(/\u00a0/g, " ");
    expect(plain(await page.getByTestId("kpi-opens").textContent())).toContain("Tasa de apertura 50 %");
    expect(plain(await page.getByTestId("kpi-opens").textContent())).toContain("Aperturas totales: 3 · reaperturas 50 %");
    expect(await page.getByTestId("kpi-not-opened").locator(".kpi-value").textContent()).toBe("2");
    const row = page.getByTestId("report-campaigns").getByRole("row", { name: /Convocatoria de diciembre/ });
    expect((await row.locator("td").allInnerTexts()).slice(0, 4).map(plain)).toEqual(["Convocatoria de diciembre", "4", "4\n100 %", "2\n50 %"]);
    const gmail = page.getByTestId("report-providers").getByRole("row", { name: /Gmail/ });
    expect((await gmail.locator("td").allTextContents()).slice(0, 2)).toEqual(["Gmail", "1"]);
    await page.locator("[data-testid=providers-chart] svg.apexcharts-svg").waitFor();
    await page.screenshot({ path: `${SHOTS}r1-report.png`, fullPage: true });

    const csv = await download("report-csv");
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    expect(csv.disposition).toContain(`reporte-${month}.csv`);
    expect(csv.text).toContain("Convocatoria de diciembre");
    const pdf = await download("report-pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.head).toBe("%PDF-");

    // Exports: none yet.
    const exportsSection = page.getByTestId("exports-section");
    await exportsSection.getByText(/Aún no hay exportaciones/).waitFor();
    const monthLabel = new Intl.DateTimeFormat("es-PE", { month: "long", year: "numeric", timeZone: "UTC" }).format(Date.parse(`${month}-01T00:00:00Z`));

    // The monthly report as PDF: the form starts at the page's month, the whole account, PDF.
    await exportsSection.getByRole("button", { name: "Nueva exportación" }).click();
    let dialog = page.getByRole("dialog", { name: "Nueva exportación" });
    expect(await dialog.getByLabel("Mes").inputValue()).toBe(month);
    expect(await dialog.getByLabel("Alcance").inputValue()).toBe("");
    expect(await dialog.getByLabel("PDF (para imprimir o enviar)").isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Exportar" }).click();
    await dialog.waitFor({ state: "hidden" });
    const pdfWhat = `Reporte mensual · ${monthLabel} · PDF`;
    // Its notice follows it: "Se está preparando…", then "… está lista" (the table polls meanwhile).
    await exportsSection.getByText(`«${pdfWhat}» está lista. Descárgala desde la tabla.`).waitFor({ timeout: 60_000 });
    const pdfRow = await exportRow(pdfWhat, "Lista");

    // The recipients of the campaign as CSV: without a campaign the form says so next to the field.
    await exportsSection.getByRole("button", { name: "Nueva exportación" }).click();
    dialog = page.getByRole("dialog", { name: "Nueva exportación" });
    await dialog.getByLabel("Destinatarios de una campaña").check();
    await dialog.getByRole("button", { name: "Exportar" }).click();
    const campaignField = dialog.locator(".field", { has: page.getByLabel("Campaña", { exact: true }) });
    expect(await campaignField.locator(".field-error").textContent()).toBe("Elige la campaña que quieres exportar.");
    expect(await dialog.getByLabel("Campaña", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: `${SHOTS}r4-export-form.png` });
    await dialog.getByLabel("Campaña", { exact: true }).selectOption({ label: "Convocatoria de diciembre" });
    expect(await campaignField.locator(".field-error").count()).toBe(0);
    expect(await dialog.getByLabel("Destinatarios", { exact: true }).inputValue()).toBe("all");
    await dialog.getByRole("button", { name: "Exportar" }).click();
    await dialog.waitFor({ state: "hidden" });
    const csvWhat = "Destinatarios · Convocatoria de diciembre · Todos · CSV";
    const csvRow = await exportRow(csvWhat, "Lista");
    // Rows: the four recipients (the heading line is not one).
    expect(await csvRow.locator("td").nth(2).textContent()).toBe("4");
    await page.screenshot({ path: `${SHOTS}r3-exports.png`, fullPage: true });

    // The signed links serve the files to anyone holding them, no session needed.
    const pdfHref = (await pdfRow.getByRole("link", { name: `Descargar ${pdfWhat}` }).getAttribute("href"))!;
    const csvHref = (await csvRow.getByRole("link", { name: `Descargar ${csvWhat}` }).getAttribute("href"))!;
    expect(pdfHref).toMatch(/\/x\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    const pdfFile = await fetchSigned(pdfHref);
    expect(pdfFile.status).toBe(200);
    expect(pdfFile.type).toBe("application/pdf");
    expect(pdfFile.disposition).toContain(`reporte-mensual-${month}.pdf`);
    expect(new TextDecoder().decode(pdfFile.bytes.subarray(0, 5))).toBe("%PDF-");
    const csvFile = await fetchSigned(csvHref);
    expect(csvFile.status).toBe(200);
    expect(csvFile.type).toBe("text/csv; charset=utf-8");
    const csvLines = new TextDecoder().decode(csvFile.bytes).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(csvLines).toHaveLength(5);
    expect(csvLines[0]!.split(",").slice(0, 2)).toEqual(["ID de contacto", "Correo electrónico"]);
    expect(csvLines.slice(1).map((l) => l.split(",")[1]).sort()).toEqual([...emails].sort());

    // Delete the PDF: the dialog says what goes; then only the CSV is left.
    await pdfRow.getByRole("button", { name: `Eliminar ${pdfWhat}` }).click();
    dialog = page.getByRole("dialog", { name: "Eliminar exportación" });
    expect(await dialog.getByTestId("confirm-summary").textContent()).toContain(`Se eliminará «${pdfWhat}» con su archivo.`);
    await dialog.getByRole("button", { name: "Eliminar", exact: true }).click();
    await exportsSection.getByText(`Se eliminó «${pdfWhat}».`).waitFor();
    expect(await page.getByTestId("exports-table").locator("tbody tr").count()).toBe(1);
    const left = await apiCall<{ exports: { kind: string }[] }>("GET", "/exports");
    expect(left.exports.map((e) => e.kind)).toEqual(["campaign-recipients"]);
    // The deleted file's link is dead; the other one still serves.
    expect((await fetchSigned(pdfHref)).status).toBe(404);
    expect((await fetchSigned(csvHref)).status).toBe(200);

    // A weekly schedule of the report as CSV at 07:00 Lima: listed with its next run.
    const schedules = page.getByTestId("schedules-section");
    await schedules.getByText(/No hay exportaciones programadas/).waitFor();
    await schedules.getByRole("button", { name: "Programar exportación" }).click();
    dialog = page.getByRole("dialog", { name: "Programar exportación" });
    await dialog.getByText("Cada ejecución exporta el reporte del mes anterior.").waitFor();
    await dialog.getByLabel("CSV (para Excel)").check();
    await dialog.getByLabel("Frecuencia").selectOption({ label: "Cada lunes" });
    await dialog.getByLabel("Hora (Lima)").selectOption({ label: "07:00" });
    const before = Date.now();
    await dialog.getByRole("button", { name: "Programar" }).click();
    await dialog.waitFor({ state: "hidden" });
    const [sched] = (await apiCall<{ schedules: { nextRunAt: string; cadence: string; hour: number }[] }>("GET", "/export-schedules")).schedules;
    expect(sched).toMatchObject({ cadence: "weekly", hour: 7 });
    const next = Date.parse(sched!.nextRunAt);
    // A Monday, 07:00 in Lima (12:00 UTC), within the coming week.
    expect([new Date(next).getUTCDay(), new Date(next).getUTCHours(), new Date(next).getUTCMinutes()]).toEqual([1, 12, 0]);
    expect(next).toBeGreaterThan(before);
    expect(next - before).toBeLessThanOrEqual(7 * 86_400_000);
    const schedRow = page.getByTestId("schedules-table").getByRole("row", { name: /^Reporte mensual · mes anterior · CSV/ });
    expect(await schedRow.locator("td").allTextContents()).toEqual(["cada lunes a las 07:00 (hora de Lima)", limaDateTime(sched!.nextRunAt), "Nunca", "Eliminar"]);
    await schedules.getByText(`Próxima ejecución: ${limaDateTime(sched!.nextRunAt)}.`).waitFor();
    await exportsSection.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}r5-exports-schedule.png`, fullPage: true });
    // The user manual's picture of the exports (docs/manual): the viewport, section at the top.
    await exportsSection.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.evaluate(() => window.scrollBy(0, -72));
    await page.screenshot({ path: `${SHOTS}m-exports.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}m-report.png` });

    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: `${SHOTS}r2-report-phone.png`, fullPage: true });
    await exportsSection.screenshot({ path: `${SHOTS}r6-exports-phone.png` });
    await schedules.screenshot({ path: `${SHOTS}r7-schedules-phone.png` });
    await schedules.getByRole("button", { name: "Programar exportación" }).click();
    dialog = page.getByRole("dialog", { name: "Programar exportación" });
    await dialog.getByLabel("Destinatarios de una campaña").check();
    await page.screenshot({ path: `${SHOTS}r8-schedule-form-phone.png` });
    await dialog.getByRole("button", { name: "Cancelar" }).click();
    await dialog.waitFor({ state: "hidden" });
  });
});
