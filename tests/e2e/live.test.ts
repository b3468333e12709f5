/**
 * Live counters in Chromium, through the real pipeline: a campaign is sent to a local SMTP
 * server; the campaign page connects to its live socket and shows the snapshot; the email
 * consumer's "sent" events and a request to the open pixel found in a received message move the
 * counters on the open page, with no reload. Screenshots land in tests/e2e/screenshots.
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

const eventually = <T>(fn: () => Promise<T>, timeout = 30_000) => expect.poll(fn, { timeout, interval: 200 });
const kpi = (id: string) => page.getByTestId(id).locator(".kpi-value").textContent();

const apiCall = <T>(method: string, path: string, body?: unknown) => pageApi<T>(page, method, path, body);

describe("live counters", () => {
  it("the campaign page shows the snapshot, then the counters move as sends and opens arrive", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Vecinos" });
    for (const email of ["ana@empresa.pe", "beto@empresa.pe"]) await apiCall("POST", "/contacts", { email, firstName: email.split("@")[0], listIds: [list.id], consent: { email: true } });
    const tpl = await apiCall<{ id: string }>("POST", "/templates", { name: "Aviso", source: MJML });
    const campaign = await apiCall<{ id: string }>("POST", "/campaigns", { name: "Aviso en vivo", subject: "Hola {{nombre}}", fromName: "Agencia", fromAddress: "avisos@pregon.local", templateId: tpl.id, audience: { listIds: [list.id], segmentIds: [] } });
    await apiCall("POST", `/campaigns/${campaign.id}/send`);

    await page.goto(`${app.url}/campaigns/${campaign.id}`);
    const live = page.getByTestId("live");
    await live.waitFor();
    await eventually(() => page.getByTestId("live-status").textContent()).toBe("en vivo");
    expect(await page.getByTestId("live-counters").getAttribute("aria-live")).toBe("polite");
    // The "sent" events travel consumer → Queue → events consumer → CampaignLive → this page.
    await eventually(() => kpi("live-sent"), 60_000).toBe("2");
    await live.screenshot({ path: `${SHOTS}l1-live-sent.png` });

    await eventually(async () => smtp.mails.length, 10_000).toBe(2);
    const pixel = smtp.mails.map(({ html: h }) => /https?:\/\/[^"'\s>]+\/t\/o\/[^"'\s>]+/.exec(h)?.[0]).find(Boolean);
    expect(pixel, "an open pixel in the received message").toBeTruthy();
    const res = await fetch(new URL(new URL(pixel!).pathname, app.url), { headers: { "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36" } });
    expect(res.status).toBe(200);
    await eventually(() => kpi("live-opens"), 60_000).toBe("1");
    expect(await page.getByTestId("live-chart-summary").textContent()).toContain("aperturas 1, clics 0");
    await page.screenshot({ path: `${SHOTS}l2-live-opened.png`, fullPage: true });
    // The user manual's picture of the live report (docs/manual): the viewport from the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}m-live-report.png` });
  });
});
