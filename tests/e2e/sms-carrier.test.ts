/**
 * The local SMS carrier that `npm start` runs (dev/services/sms-carrier.mjs), on its own: the
 * vars it hands the Worker, receipts after the delay with the configured failure rate, the
 * default DLR URL on the Worker's port, Kannel's cut of long texts, quiet 404s while the Worker
 * has no SMS hooks, and its page in a real browser: the message listed under its number, a
 * reply typed there reaching the Worker's MO hook. A small HTTP server (sms-hooks.ts) plays the
 * Worker. Screenshot: tests/e2e/screenshots/sms-carrier.png.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { smsCarrier } from "../../dev/services/sms-carrier.mjs";
import { startHooks, type Hooks } from "./sms-hooks";
import { bold, freePort, sendsms } from "./sms-helpers";
import { launchBrowser, type Browser } from "./browser";

const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
let hooks: Hooks;
let carrier: { stop: () => Promise<unknown>; banner: [string, string][]; vars: Record<string, string> };
let base = "";

type Callback = { dlr: number; url: string; http: number | null; html: boolean; error: string | null };
type Message = { id: string; to: string; from: string; text: string; coding: number; segments: number; truncated: boolean; brokenPair: boolean; state: string; callbacks: Callback[] };
type State = { version: number; config: { failureRate: number; deliveryDelayMs: number }; messages: Message[]; mos: { from: string; text: string; result: { http: number | null; html: boolean; error: string | null } | null }[] };

const login = () => ({ username: carrier.vars.SMS_KANNEL_USER!, password: carrier.vars.SMS_KANNEL_PASSWORD! });
const send = (params: Record<string, string>) => sendsms(`${carrier.vars.SMS_KANNEL_URL}/cgi-bin/sendsms`, { ...login(), from: "PREGON", ...params });
const state = async () => (await (await fetch(`${base}/api/state`)).json()) as State;
const post = async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, data: (await res.json()) as any };
};
const message = async (to: string) => (await state()).messages.filter((m) => m.to === to);

beforeAll(async () => {
  hooks = await startHooks();
  process.env.PREGON_SMS_PORT = String(await freePort());
  process.env.PREGON_SMS_DLR_DELAY_MS = "100";
  carrier = await smsCarrier.start({ host: "127.0.0.1", port: hooks.port });
  base = `http://127.0.0.1:${process.env.PREGON_SMS_PORT}`;
});

afterAll(async () => {
  await carrier?.stop();
  await hooks?.close();
  delete process.env.PREGON_SMS_PORT;
  delete process.env.PREGON_SMS_DLR_DELAY_MS;
});

describe("the local SMS carrier", () => {
  it("tells the Worker where it listens (SMS_KANNEL_*) and shows its page in the banner", () => {
    // SMS_HOOK_SECRET: the secret of the Worker's local hooks, in the MO and DLR URLs (random here: no .dev.vars given).
    expect(carrier.vars).toEqual({ SMS_KANNEL_URL: base, SMS_KANNEL_USER: "pregon", SMS_KANNEL_PASSWORD: "pregon-sms-local", SMS_HOOK_SECRET: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(carrier.banner[0]).toEqual(["Operador SMS de prueba", base]);
    expect(smsCarrier.ports()).toEqual([Number(process.env.PREGON_SMS_PORT)]);
  });

  it("accepts a message, acknowledges it (DLR 8) and reports it delivered (DLR 1) after the delay", async () => {
    const to = "51987200001";
    const started = Date.now();
    expect(await send({ to, text: "Su cita es mañana", "dlr-mask": "31", "dlr-url": `${hooks.url}/dlr?t=a&d=%d&F=%F&p=%p` })).toEqual({ status: 202, body: "0: Accepted for delivery" });
    const final = await hooks.waitFor((h) => h.path === "/dlr" && h.query.get("t") === "a" && h.query.get("d") === "1");
    expect(final.at - started).toBeGreaterThanOrEqual(100);
    expect(hooks.at("/dlr", { t: "a" }).map((h) => h.query.get("d"))).toEqual(["8", "1"]);
    const [m] = await message(to);
    expect(m).toMatchObject({ text: "Su cita es mañana", coding: 0, segments: 1, state: "delivered" });
    expect(final.query.get("F")).toBe(m!.id);
    expect(final.query.get("p")).toBe(to);
    await expect.poll(async () => (await message(to))[0]!.callbacks.map((c) => [c.dlr, c.http])).toEqual([[8, 200], [1, 200]]);
  });

  it("fails the configured fraction (DLR 2, stat:UNDELIV) and refuses a bad rate naming the field", async () => {
    expect(await post("/api/config", { failureRate: 1.5 })).toMatchObject({ status: 400, data: { error: { field: "failureRate" } } });
    expect(await post("/api/config", { failureRate: 1 })).toMatchObject({ status: 200, data: { config: { failureRate: 1, deliveryDelayMs: 100 } } });
    try {
      await send({ to: "51987200002", text: "Falla", "dlr-mask": "3", "dlr-url": `${hooks.url}/dlr?t=b&d=%d&A=%A` });
      const hit = await hooks.waitFor((h) => h.path === "/dlr" && h.query.get("t") === "b");
      expect(hit.query.get("d")).toBe("2");
      expect(hit.query.get("A")).toMatch(/ stat:UNDELIV err:003 text:Falla$/);
      expect((await message("51987200002"))[0]!.state).toBe("failed");
    } finally {
      await post("/api/config", { failureRate: 0 });
    }
  });

  it("sends DLRs to the Worker's /hooks/sms/local/dlr when a request asks for them without a dlr-url", async () => {
    await send({ to: "51987200003", text: "Sin URL", "dlr-mask": "1" });
    const hit = await hooks.waitFor((h) => h.path === "/hooks/sms/local/dlr" && h.query.get("to") === "51987200003");
    expect(Object.fromEntries(hit.query)).toMatchObject({ status: "1", from: "PREGON", smsc: "sim" });
  });

  it("cuts long texts as Kannel would: a surrogate pair split is flagged, past 10 parts truncated (still 202)", async () => {
    expect((await send({ to: "51987200004", text: bold("AtencionVecinos".repeat(3)), coding: "2", charset: "UTF-8" })).status).toBe(202);
    expect((await send({ to: "51987200005", text: "y".repeat(2000) })).status).toBe(202);
    expect(await message("51987200004")).toMatchObject([{ coding: 2, segments: 2, brokenPair: true, truncated: false }]);
    expect(await message("51987200005")).toMatchObject([{ segments: 10, truncated: true }]);
  });

  it("logs a Worker without SMS hooks (404, or 200 with its dashboard's HTML) once per path, and keeps working", async () => {
    hooks.notFound.add("/gone");
    hooks.html.add("/spa");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      for (const path of ["/gone", "/spa"]) {
        for (const to of ["51987200006", "51987200007"]) await send({ to, text: "x", "dlr-mask": "8", "dlr-url": `${hooks.url}${path}?to=%p` });
      }
      await expect.poll(() => [hooks.at("/gone").length, hooks.at("/spa").length]).toEqual([2, 2]);
      await expect.poll(async () => (await message("51987200007")).map((m) => m.callbacks.map((c) => [c.http, c.html]))).toEqual([[[404, false]], [[200, true]]]);
      expect(log.mock.calls.map((c) => String(c[0])).filter((l) => /\/(gone|spa)/.test(l))).toEqual([
        "[sms-carrier] GET /gone answered 404 (the Worker has no SMS hooks yet?); further 404s there are not shown",
        "[sms-carrier] GET /spa answered with an HTML page, not a hook (the Worker has no SMS hooks yet?); not shown again",
      ]);
      expect((await send({ to: "51987200008", text: "sigue" })).status).toBe(202);
    } finally {
      log.mockRestore();
    }
  });

  it("rejects a reply without text or with a bad number, naming the field", async () => {
    expect(await post("/api/mo", { from: "51987200009", to: "PREGON", text: " " })).toMatchObject({ status: 400, data: { error: { field: "text" } } });
    expect(await post("/api/mo", { from: "Ana", to: "PREGON", text: "BAJA" })).toMatchObject({ status: 400, data: { error: { field: "from" } } });
  });
});

describe("the carrier's page", () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("lists a message under its number, and a BAJA typed there reaches the Worker's MO hook", async () => {
    const to = "51987200010";
    await send({ to, from: "PREGON", text: `${bold("Vacunación")} gratuita el sábado en la plaza. Responda BAJA para no recibir más.`, coding: "2", charset: "UTF-8", "dlr-mask": "3", "dlr-url": `${hooks.url}/dlr?d=%d` });
    const page = browser.page;
    await page.goto(base);
    await page.getByText("+51 987 200 010").click();
    const bubble = page.locator(".bubble.in").filter({ hasText: "gratuita el sábado" });
    await expect.poll(() => bubble.textContent(), { timeout: 10_000 }).toContain("Entregado");
    expect(await bubble.textContent()).toContain(`${bold("Vacunación")} gratuita`);
    expect(await page.locator("#moFrom").inputValue()).toBe(to);
    expect(await page.locator("#moTo").inputValue()).toBe("PREGON");

    await page.getByRole("button", { name: "BAJA", exact: true }).click();
    await page.getByRole("button", { name: "Enviar respuesta" }).click();
    const mo = await hooks.waitFor((h) => h.path === "/hooks/sms/local/mo" && h.query.get("from") === to);
    expect(Object.fromEntries(mo.query)).toMatchObject({ from: to, to: "PREGON", text: "BAJA", coding: "0", charset: "UTF-8", smsc: "sim" });
    await expect.poll(() => page.locator(".bubble.out").filter({ hasText: "BAJA" }).textContent()).toContain("Entregado al Worker (HTTP 200)");
    await page.screenshot({ path: `${SHOTS}sms-carrier.png` });
  });
});
