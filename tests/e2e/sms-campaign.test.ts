/**
 * Issue 6's "Done when", end to end in Chromium: a Worker whose default SMS connection is Debian's
 * Kannel in front of the simulated SMSC (dev/sms/), PUBLIC_URL set so Kannel's dlr-url and its
 * get-url (MO) reach the Worker's hooks. Through the dashboard only (the API seeds the contacts):
 * an SMS campaign is made with bold text from the toolbar, a link and {{nombre}}, its live
 * counter checked (UCS-2, segments, credit) and sent; the SMSC must get UCS-2 parts whose joined
 * text is the bold text intact, personalised, with a short link /s/ of each recipient's own; the
 * campaign page's counters reach "delivered" from Kannel's receipts without a reload; the
 * send-day cleaning shows the landline and the opted-out contact it left out; a recipient's
 * click on its short link shows under that recipient; BAJA injected at the SMSC shows as a reply,
 * opts the contact out (contact page) and sends the confirmation through Kannel. Screenshots
 * (c*.png) in tests/e2e/screenshots/. Needs `apt-get install kannel`.
 */
import { mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startKannel, startSmsc, type Kannel, type Smsc, type SmscSubmit } from "../../dev/sms/kannel.mjs";
import { toBold } from "../../shared/sms/bold";
import { analyse } from "../../shared/sms/encoding";
import { freePort, hasLoneSurrogate } from "./sms-helpers";
import { startPregon, type Pregon } from "./worker";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const OWNER = { email: "admin@pregon.local", password: `Clave-${randomBytes(9).toString("base64url")}` };
const HOOK_SECRET = "e2e-sms-campaign-hook-secret";
const CREDITS = 80_000; // DEFAULT_SMS_CREDITS in wrangler.toml
const LINK = "https://www.gob.pe/vacunas?distrito=lima";
const HEAD = "Municipalidad de Lima";
const TEMPLATE = `${HEAD}: hola {{nombre}}, la campaña de vacunación gratuita llega a su barrio este sábado de 8:00 a 14:00. Detalles: ${LINK}`;
const PEOPLE = [
  { firstName: "Rosa", lastName: "Quispe", phone: "987400001" },
  { firstName: "Luis", lastName: "Mamani", phone: "987400002" },
  { firstName: "Carmen", lastName: "Flores", phone: "987400003" },
];

let smsc: Smsc;
let kannel: Kannel;
let app: Pregon;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  smsc = await startSmsc({ config: { deliveryDelayMs: 1500 } });
  kannel = await startKannel({ smsc: { port: smsc.port }, moUrl: `http://127.0.0.1:${port}/hooks/sms/local/mo?s=${HOOK_SECRET}`, maxMessages: 10 });
  app = await startPregon(
    OWNER,
    {
      MX_CHECKS: "off",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMS_KANNEL_URL: kannel.sendsmsUrl.replace(/\/cgi-bin\/sendsms$/, ""),
      SMS_KANNEL_USER: kannel.username,
      SMS_KANNEL_PASSWORD: kannel.password,
      SMS_SENDER: "MUNILIMA",
      SMS_HOOK_SECRET: HOOK_SECRET,
    },
    { port },
  );
  browser = await launchBrowser();
  page = browser.page;
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
  await kannel?.stop();
  await smsc?.stop();
});

/** A full-page screenshot from the top (a scrolled page would paint the sticky top bar mid-page). */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}
const main = () => page.getByRole("main");
const kpi = (id: string) => page.getByTestId(id).locator(".kpi-value");
const template = () => TEMPLATE.replace(HEAD, toBold(HEAD));
const PHONE_UA = "Mozilla/5.0 (Linux; Android 14; moto g54) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

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

/** The parts the SMSC received for `local` (digits after 51), in concatenation order. */
const partsTo = (local: string): SmscSubmit[] => smsc.messages(`51${local}`).sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));

/** The texts the SMSC received whole for `local`: each message's parts joined by their UDH (reference, then sequence); one still missing a part is left out. */
function textsTo(local: string): string[] {
  const byRef = new Map<string, SmscSubmit[]>();
  for (const m of smsc.messages(`51${local}`)) {
    const key = m.concat ? `ref:${m.concat.ref}` : `seq:${m.seq}`;
    byRef.set(key, [...(byRef.get(key) ?? []), m]);
  }
  return [...byRef.values()]
    .filter((parts) => parts.length === (parts[0]!.concat?.total ?? 1))
    .map((parts) =>
      parts
        .sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0))
        .map((p) => p.text)
        .join(""),
    );
}

describe("an SMS campaign from the dashboard through Kannel and back", () => {
  const ids: Record<string, number> = {};
  let campaignUrl = "";
  let arrivedAt = 0;
  let expectedSegments = 0;
  let testSegments = 0;
  let rosaText = "";

  it("creates the campaign with bold text from the toolbar, a link and {{nombre}}; the counter says UCS-2, segments and credit", async () => {
    await page.goto(`${app.url}/login`);
    await page.getByLabel("Correo electrónico").fill(OWNER.email);
    await page.getByLabel("Contraseña").fill(OWNER.password);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.getByRole("heading", { level: 1, name: "Inicio" }).waitFor();

    // Seeding through the API: three mobiles, a landline and a contact who opted out of SMS.
    const list = await apiCall<{ id: string }>("POST", "/lists", { name: "Vecinos Cercado" });
    expect(list.status).toBe(201);
    const seed = [...PEOPLE, { firstName: "Oficina", lastName: "Central", phone: "(01) 411-7000" }, { firstName: "Jorge", lastName: "Baja", phone: "987400009" }];
    for (const p of seed) {
      const r = await apiCall<{ id: number }>("POST", "/contacts", { ...p, listIds: [list.data.id], consent: { sms: true } });
      expect(r.status, p.firstName).toBe(201);
      ids[p.firstName] = r.data.id;
    }
    expect((await apiCall("PATCH", `/contacts/${ids.Jorge}`, { smsStatus: "unsubscribed" })).status).toBe(200);

    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Campañas", exact: true }).click();
    await main().getByRole("button", { name: "Nueva campaña" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: "SMS" }).check();
    await dialog.getByLabel("Nombre de la campaña").fill("Vacunación en el Cercado");
    // The list counts who it reaches by SMS: the landline and the opted-out contact are not among them.
    expect(await dialog.getByText(/^Vecinos Cercado/).textContent()).toBe("Vecinos Cercado (3 con SMS)");
    await dialog.getByLabel(/^Vecinos Cercado/).check();
    const text = dialog.getByLabel("Mensaje", { exact: true });
    await text.fill(TEMPLATE);
    // Select "Municipalidad de Lima" with the keyboard and make it bold with the toolbar's button.
    await text.press("ControlOrMeta+Home");
    for (let i = 0; i < HEAD.length; i++) await text.press("Shift+ArrowRight");
    await dialog.getByRole("button", { name: "Negrita" }).click();
    const template = TEMPLATE.replace(HEAD, toBold(HEAD));
    expect(await text.inputValue()).toBe(template);

    // The counter measures the template with its link as long as a short link, × the 3 contacts the list reaches by SMS.
    const measured = analyse(template.replace(LINK, `${app.url}/s/${"0".repeat(10)}`));
    expectedSegments = measured.segments;
    expect(measured.encoding).toBe("UCS-2");
    expect(await dialog.getByTestId("sms-encoding").textContent()).toBe("UCS-2");
    expect(await dialog.getByTestId("sms-segments").textContent()).toBe(`${expectedSegments} segmentos`);
    expect(await dialog.getByTestId("sms-credits").textContent()).toBe(`${expectedSegments * 3} créditos`);
    expect(await dialog.getByTestId("sms-counter").textContent()).toContain(`3 destinatarios × ${expectedSegments} segmentos = ${expectedSegments * 3} créditos`);
    expect(await dialog.getByTestId("sms-links").textContent()).toContain("www.gob.pe/vacunas");
    expect(await dialog.getByTestId("sms-merge").textContent()).toContain("{{nombre}}");
    await dialog.getByLabel(`Confirmo enviar ${expectedSegments} segmentos`).check();
    await shot("c1-sms-campaign-form");
    await dialog.getByRole("button", { name: "Guardar borrador" }).click();
    await page.getByRole("heading", { level: 1, name: "Vacunación en el Cercado" }).waitFor();
    campaignUrl = page.url();
    expect(await page.getByRole("heading", { level: 2, name: "Mensaje SMS" }).count()).toBe(1);
  });

  it("sends a test SMS from the campaign page with a contact's data, [Prueba] first, charged per segment", async () => {
    const form = page.getByTestId("sms-test-send");
    await form.getByLabel("Enviar a").fill("987 400 050, (01) 411-7000");
    await form.getByRole("button", { name: /^Enviar prueba/ }).click();
    await form.getByText("Revisa este número: (01) 411-7000. Debe ser un celular del Perú (9 y ocho dígitos).").waitFor();
    await form.getByLabel("Enviar a").fill("987 400 050");
    await form.getByLabel("Con los datos de (opcional)").fill("Rosa");
    await form.getByRole("button", { name: "Rosa Quispe · +51 987 400 001" }).click();
    expect(await form.getByTestId("sms-contact-chosen").textContent()).toContain("Con los datos de Rosa Quispe.");
    const test = `[Prueba] ${TEMPLATE.replace(HEAD, toBold(HEAD)).replace("{{nombre}}", "Rosa")}`;
    testSegments = analyse(test.replace(LINK, `${app.url}/s/${"0".repeat(10)}`)).segments;
    await form.getByRole("button", { name: `Enviar prueba (${testSegments} créditos)` }).click();
    await form.getByTestId("sms-test-result").waitFor();
    expect(await form.getByTestId("sms-test-result").locator("li").allTextContents()).toEqual([`+51 987 400 050: en cola (${testSegments} segmentos).`]);
    expect(await form.getByTestId("sms-test-result").textContent()).toContain("Te quedan 49 pruebas en esta hora.");
    await expect.poll(() => textsTo("987400050"), { timeout: 30_000 }).toHaveLength(1);
    const [got] = textsTo("987400050");
    expect(got).toBe(test.replace(LINK, `${app.url}/s/${/\/s\/([A-Za-z0-9_-]+)$/.exec(got!)![1]}`));
    expect(partsTo("987400050").map((m) => m.dataCoding)).toEqual(Array(testSegments).fill(8));
    await shot("c1b-sms-campaign-test");
    // Nothing of the campaign moved: still a draft.
    expect(await page.getByTestId("campaign-facts").count()).toBe(1);
    expect(await main().getByRole("button", { name: "Enviar ahora" }).count()).toBe(1);
  });

  it("sends it: the SMSC gets UCS-2 parts, the bold text intact, each recipient's name and own short link", async () => {
    await main().getByRole("button", { name: "Enviar ahora" }).click();
    const summary = page.getByRole("dialog").getByTestId("confirm-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`Se enviará a 3 contactos; se descontarán ~${expectedSegments * 3} créditos.`);
    const balance = String(CREDITS - testSegments).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    await expect.poll(() => summary.textContent()).toContain(`Tu saldo de SMS: ${balance} créditos.`);
    // A mark on the page: it must still be there when the receipts have moved the counters (no reload).
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    await page.getByRole("dialog").getByRole("button", { name: "Enviar ahora" }).click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });

    await expect.poll(() => PEOPLE.map((p) => textsTo(p.phone).length), { timeout: 30_000 }).toEqual([1, 1, 1]);
    arrivedAt = Date.now();
    const codes: string[] = [];
    let segments = 0;
    for (const p of PEOPLE) {
      const parts = partsTo(p.phone);
      const [got] = textsTo(p.phone);
      const m = /\/s\/([A-Za-z0-9_-]+)$/.exec(got!);
      expect(m, got).not.toBeNull();
      codes.push(m![1]!);
      const want = TEMPLATE.replace(HEAD, toBold(HEAD)).replace("{{nombre}}", p.firstName).replace(LINK, `${app.url}/s/${m![1]}`);
      expect(got).toBe(want);
      expect(parts.length).toBe(analyse(want).segments);
      for (const part of parts) {
        expect(part.dataCoding).toBe(8);
        expect(part.from).toBe("MUNILIMA");
        expect(hasLoneSurrogate(part.text)).toBe(false);
        expect(part.concat).toMatchObject({ total: parts.length });
      }
      segments += parts.length;
      if (p.firstName === "Rosa") rosaText = got!;
    }
    expect(new Set(codes).size).toBe(3);
    expect(segments).toBe(expectedSegments * 3);
    expect(smsc.messages("51987400009")).toEqual([]);
  });

  it("counts deliveries live from Kannel's receipts, by operator, shows who was left out and why, and debits one credit per segment", async () => {
    // The page was not reloaded: the counters move as the receipts arrive.
    await expect.poll(() => kpi("sms-live-sent").textContent(), { timeout: 30_000 }).toBe("3");
    await expect.poll(() => kpi("sms-live-delivered").textContent(), { timeout: 30_000 }).toBe("3");
    expect(await kpi("sms-live-failed").textContent()).toBe("0");
    expect(await kpi("sms-live-pending").textContent()).toBe("0");
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(new URL(page.url()).pathname).toBe(new URL(campaignUrl).pathname);
    await expect.poll(() => page.getByTestId("sms-operators").locator("tbody tr").allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/^Desconocido\s*3\s*3\s*0\s*0$/)]);

    const dropped = page.getByTestId("sms-dropped");
    await dropped.waitFor();
    expect(await dropped.textContent()).toContain("2 contactos de la audiencia quedaron fuera del envío");
    expect(await dropped.textContent()).toContain("Número que no es celular (teléfono fijo o inválido): 1");
    expect(await dropped.textContent()).toContain("Desuscritos de SMS: 1");

    const credits = await apiCall<{ me: { sms: { available: number; reserved: number } } }>("GET", "/credits");
    await expect.poll(async () => (await apiCall<{ me: { sms: { available: number; reserved: number } } }>("GET", "/credits")).data.me.sms, { timeout: 15_000 }).toEqual({ ...credits.data.me.sms, available: CREDITS - testSegments - expectedSegments * 3, reserved: 0 });
    await expect.poll(() => page.getByTestId("sms-recipients").locator("tbody tr").count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => page.getByTestId("sms-recipients").locator("tbody tr").filter({ hasText: "Entregado" }).count(), { timeout: 15_000 }).toBe(3);
    // No portability table: the operator is unknown, named as in the per-operator table.
    expect(await page.getByTestId("sms-recipients").locator("tbody tr").filter({ hasText: "Desconocido" }).count()).toBe(3);
    await shot("c2-sms-campaign-delivered");
    await page.screenshot({ path: `${SHOTS}m-sms-report.png` }); // still at the top: the user manual's picture (docs/manual)
  });

  it("attributes a short-link click to the recipient who followed it", async () => {
    const code = /\/s\/([A-Za-z0-9_-]+)$/.exec(rosaText)![1]!;
    // A click within 10 s of sending is a link scanner's: wait past it, as a person would be.
    const wait = arrivedAt + 11_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const res = await fetch(`${app.url}/s/${code}`, { redirect: "manual", headers: { "User-Agent": PHONE_UA } });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(LINK);

    await expect.poll(() => kpi("sms-live-clicks").textContent(), { timeout: 15_000 }).toBe("1");
    expect(await page.getByTestId("sms-live-clicks").textContent()).toContain("Clics de máquinas aparte: 0");
    const rosa = page.getByTestId("sms-recipients").locator("tbody tr").filter({ hasText: "Rosa Quispe" });
    await expect.poll(() => rosa.locator("td.num").first().textContent(), { timeout: 15_000 }).toBe("1");
    const others = page.getByTestId("sms-recipients").locator("tbody tr").filter({ hasNotText: "Rosa Quispe" });
    expect(await others.locator("td.num").first().allTextContents()).toEqual(["0"]);
    expect((await others.all()).length).toBe(2);
    await shot("c3-sms-campaign-click");
  });

  it("BAJA from the handset: a reply on the campaign page, the contact opted out, the confirmation through Kannel", async () => {
    const rosa = PEOPLE[0]!;
    const res = await fetch(`${smsc.controlUrl}/mo`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ from: `51${rosa.phone}`, to: "MUNILIMA", text: "BAJA" }) });
    expect(res.status).toBe(202);
    await expect.poll(() => kpi("sms-live-replies").textContent(), { timeout: 20_000 }).toBe("1");
    const confirmation = "Has sido dado de baja de los mensajes de Mi organizacion. No recibiras mas SMS.";
    await expect.poll(() => textsTo(rosa.phone), { timeout: 20_000 }).toEqual([rosaText, confirmation]);
    // GSM-7, one part: no UDH.
    const confirmationParts = partsTo(rosa.phone).filter((m) => m.text === confirmation);
    expect(confirmationParts.map((m) => [m.dataCoding, m.udh])).toEqual([[0, null]]);
    const rosaRow = page.getByTestId("sms-recipients").locator("tbody tr").filter({ hasText: "Rosa Quispe" });
    await expect.poll(() => rosaRow.getByTestId("sms-recipient-replies").textContent(), { timeout: 15_000 }).toBe("1");
    await shot("c4-sms-campaign-reply");

    // The confirmation is free (Ley 32323): the balance is what the campaign left.
    expect((await apiCall<{ me: { sms: { available: number } } }>("GET", "/credits")).data.me.sms.available).toBe(CREDITS - testSegments - expectedSegments * 3);

    // The two CSVs behind the section's download links, fetched with the page's session.
    const csvOf = (testId: string) =>
      page.getByTestId(testId).getAttribute("href").then((href) => page.evaluate(async (url) => {
        const r = await fetch(url!);
        return { status: r.status, type: r.headers.get("content-type") ?? "", text: await r.text() };
      }, href));
    const recipients = await csvOf("sms-recipients-csv");
    expect([recipients.status, recipients.type.split(";")[0]]).toEqual([200, "text/csv"]);
    const rows = recipients.text.trim().split(/\r?\n/);
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.includes("Rosa") && r.includes("Entregado"))).toHaveLength(1);
    const events = await csvOf("sms-events-csv");
    expect(events.status).toBe(200);
    expect(events.text).toContain("BAJA");

    await page.getByTestId("sms-recipients").getByRole("link", { name: "Rosa Quispe" }).click();
    const channel = page.getByTestId("channel-sms");
    await channel.waitFor();
    expect(await channel.textContent()).toContain("Desuscrito");
    expect(new URL(page.url()).pathname).toBe(`/contacts/${ids.Rosa}`);
    await shot("c5-contact-sms-optout");

    // The campaigns list tells the SMS campaign by its channel and text.
    await page.getByRole("navigation", { name: "Navegación principal" }).getByRole("link", { name: "Campañas", exact: true }).click();
    const row = page.locator('tr[data-campaign-name="Vacunación en el Cercado"]');
    await row.waitFor();
    expect(await row.locator(".cell-sub").textContent()).toBe(`SMS · ${[...template()].slice(0, 60).join("").trimEnd()}…`);
    expect(await row.getByTestId("campaign-progress").textContent()).toBe("3 / 3");
    await shot("c6-campaigns-list");

    // The campaign page on a phone.
    await page.goto(campaignUrl);
    await page.setViewportSize({ width: 375, height: 800 });
    await kpi("sms-live-replies").waitFor();
    await page.getByTestId("sms-recipients").locator("tbody tr").first().waitFor();
    await shot("c7-sms-campaign-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
