/**
 * Security in a real browser against the real Worker: the dashboard's security headers
 * as `wrangler dev` serves web/dist (web/public/_headers), no Content-Security-Policy violation
 * anywhere the test goes (template previews included), and stored XSS: a list, a contact, a
 * template and a campaign named `<img src=x onerror=alert(1)>` are shown as that literal text on
 * every page, and no dialog ever opens, not even from template HTML carrying the same markup.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";
import { pageApi } from "./page-api";
import { DASHBOARD_CSP } from "../../shared/security/headers";

const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const XSS = "<img src=x onerror=alert(1)>";
const TEMPLATE = `<mjml><mj-body><mj-section><mj-column><mj-image src="https://example.org/logo.png" alt="Logo" /><mj-text>Hola {{nombre}}</mj-text><mj-raw>${XSS}</mj-raw></mj-column></mj-section></mj-body></mjml>`;

let app: Pregon;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const cspConsole: string[] = [];

beforeAll(async () => {
  app = await startPregon(OWNER, { MX_CHECKS: "off", SENDER_DOMAINS: "pregon.local", LINK_SECRET: "e2e-link-secret-sec" });
  browser = await launchBrowser();
  page = browser.page;
  // Every frame (srcdoc previews included) reports its CSP violations into a list on its window.
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

const heading = (name: string) => page.getByRole("heading", { level: 1, name, exact: true });
/** CSP violations reported in the page and each of its frames so far. */
const violations = async () => (await Promise.all(page.frames().map((f) => f.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[])))).flat();

describe("dashboard security headers", () => {
  it("are served by Workers Static Assets for / and /login (wrangler dev honours _headers), and by the Worker for the API", async () => {
    for (const path of ["/", "/login", "/campaigns"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Security-Policy"), path).toBe(DASHBOARD_CSP);
      expect(res.headers.get("Strict-Transport-Security"), path).toBe("max-age=31536000; includeSubDomains");
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("Permissions-Policy"), path).toContain("camera=()");
    }
  });

  it("serve a dashboard page with no inline script or handler (script-src 'self' would block it)", async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/_build\//);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("mark the Worker's API answers nosniff and no-store", async () => {
    const health = await fetch(`${app.url}/api/v1/health`);
    expect(health.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(health.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("the dashboard under its CSP, with hostile names", () => {
  it("logs in, shows every hostile name literally, fires no dialog and reports no CSP violation", async () => {
    await page.goto(`${app.url}/login`);
    await heading("Iniciar sesión").waitFor();
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await heading("Inicio").waitFor();

    const list = await pageApi<{ id: string }>(page, "POST", "/lists", { name: `Lista ${XSS}` });
    const contact = await pageApi<{ id: number }>(page, "POST", "/contacts", { email: "ana@example.org", firstName: XSS, listIds: [list.id], consent: { email: true } });
    const template = await pageApi<{ id: string }>(page, "POST", "/templates", { name: `Plantilla ${XSS}`, source: TEMPLATE });
    const campaign = await pageApi<{ id: string }>(page, "POST", "/campaigns", { name: `Campaña ${XSS}`, subject: "Aviso", fromName: "Agencia", fromAddress: "avisos@pregon.local", templateId: template.id, audience: { listIds: [list.id], segmentIds: [] } });

    const visits: { path: string; text: string }[] = [
      { path: "/contacts/lists", text: `Lista ${XSS}` },
      { path: `/contacts/${contact.id}`, text: XSS },
      { path: "/templates", text: `Plantilla ${XSS}` },
      { path: "/campaigns", text: `Campaña ${XSS}` },
      { path: `/campaigns/${campaign.id}`, text: `Campaña ${XSS}` },
      { path: `/templates/${template.id}`, text: `Plantilla ${XSS}` },
    ];
    for (const v of visits) {
      await page.goto(`${app.url}${v.path}`);
      await expect.poll(() => page.locator("main").getByText(v.text).count(), { timeout: 15_000, message: v.path }).toBeGreaterThan(0);
      // Shown as text: no element was made of it.
      expect(await page.locator('main img[src="x"]').count(), v.path).toBe(0);
    }

    // The template's previews render under the page's CSP (srcdoc inherits it), sandboxed.
    const frames = page.locator('[data-testid="device-previews"] iframe');
    await expect.poll(() => frames.count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => ((await page.frameLocator('[data-device="phone"] iframe').locator("body").textContent()) ?? "").includes("Hola"), { timeout: 15_000 }).toBe(true);
    for (const s of await frames.evaluateAll((els) => els.map((e) => e.getAttribute("sandbox")))) expect(s).toBe("");

    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(cspConsole).toEqual([]);
  });
});
