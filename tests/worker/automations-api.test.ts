/**
 * Automations through the API (W4, S6, B4): bad definitions refused with the field at fault
 * (cycles, missing steps, impossible dates, the wrong kind of field, unknown templates and
 * senders, edits while active), API events (forged, repeated, another account's contact), the
 * resend to non-openers after N days, segment entry (members before activation are a baseline),
 * an SMS keyword, the webhook step's signed call and its retries, and the cron's catch-up of a
 * lost alarm.
 */
import { env } from "cloudflare:workers";
import { createScheduledController, SELF } from "cloudflare:test";
import { sha256Hex } from "../../shared/auth/crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleScheduled } from "../../workers/cron/index";
import { api, errorOf, ledgerStub, seedAccount } from "./helpers";
import { receivedFor, until } from "./send-helpers";
import { mailDomain, mobile, newList, sendEmailCampaign, sms } from "./channel-helpers";
import { createAutomation, dateField, emailStep, fireAlarm, lima, runnerOf, runsOf, statsOf, template, travelTo } from "./automation-helpers";
import { verifyWebhook } from "../../shared/sms/keyword-webhook";

afterEach(() => {
  vi.useRealTimers();
});

const tag = (id: string, next?: string | null) => ({ id, type: "tag", tag: "t", ...(next === undefined ? {} : { next }) });

describe("bad definitions", () => {
  it("refuses cycles, dangling links, unreachable steps, impossible dates and wrong data, naming the field", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    await dateField(s);
    await api("/fields", { key, body: { key: "ruc", label: "RUC", type: "text" } });
    const tpl = await template(s);
    const listId = await newList(s);
    const ok = { name: "X", trigger: { type: "subscribed", listId } };
    const refusal = async (body: unknown) => {
      const res = await api("/automations", { key, body });
      return { status: res.status, ...(await errorOf(res)) };
    };
    expect(await refusal({ ...ok, steps: [tag("a", "b"), tag("b", "a")] })).toMatchObject({ status: 400, field: "steps.0", message: expect.stringContaining("cycle") });
    expect(await refusal({ ...ok, steps: [tag("a", "a")] })).toMatchObject({ status: 400, field: "steps.0.next", message: expect.stringContaining("itself") });
    expect(await refusal({ ...ok, steps: [{ id: "c", type: "condition", condition: { type: "verdict", verdict: "valid" }, yes: "c2", no: null }, tag("c2", "c")] })).toMatchObject({ status: 400, message: expect.stringContaining("cycle") });
    expect(await refusal({ ...ok, steps: [tag("a", "zz")] })).toMatchObject({ status: 400, field: "steps.0.next", message: expect.stringContaining('"zz"') });
    expect(await refusal({ ...ok, steps: [tag("a", null), tag("b")] })).toMatchObject({ status: 400, field: "steps.1.id", message: expect.stringContaining("never reached") });
    expect(await refusal({ ...ok, steps: [tag("a"), tag("a")] })).toMatchObject({ status: 400, field: "steps.1.id" });
    expect(await refusal({ ...ok, steps: [] })).toMatchObject({ status: 400, field: "steps" });
    expect(await refusal({ ...ok, steps: [{ id: "w", type: "wait", amount: 400, unit: "days" }] })).toMatchObject({ status: 400, field: "steps.0.amount" });
    expect(await refusal({ ...ok, steps: [{ id: "w", type: "wait", amount: 0, unit: "days" }] })).toMatchObject({ status: 400, field: "steps.0.amount" });
    expect(await refusal({ ...ok, steps: [{ ...emailStep("m", tpl, "Hola") }].map(({ subject: _, ...rest }) => rest) })).toMatchObject({ status: 400, field: "steps.0.subject" });
    const date = { type: "date", field: "custom:vencimiento", direction: "before", days: 7, at: "09:00" };
    expect(await refusal({ name: "X", trigger: { ...date, at: "25:00" }, steps: [tag("a")] })).toMatchObject({ status: 400, field: "trigger.at" });
    expect(await refusal({ name: "X", trigger: { ...date, days: 400 }, steps: [tag("a")] })).toMatchObject({ status: 400, field: "trigger.days" });
    expect(await refusal({ name: "X", trigger: { ...date, field: "custom:ruc" }, steps: [tag("a")] })).toMatchObject({ status: 400, field: "trigger.field", message: expect.stringContaining("not a date") });
    expect(await refusal({ name: "X", trigger: { ...date, field: "custom:nada" }, steps: [tag("a")] })).toMatchObject({ status: 404, field: "trigger.field" });
    expect(await refusal({ name: "X", trigger: { type: "optin_confirmed", listId }, steps: [tag("a")] })).toMatchObject({ status: 400, field: "trigger.listId", message: expect.stringContaining("double opt-in") });
    expect(await refusal({ name: "X", trigger: { type: "sms_keyword", keyword: "CITA" }, steps: [tag("a")] })).toMatchObject({ status: 400, field: "trigger.keyword" });
    expect(await refusal({ name: "X", trigger: { type: "segment", segmentId: "nope" }, steps: [tag("a")] })).toMatchObject({ status: 404, field: "trigger.segmentId" });
    expect(await refusal({ ...ok, steps: [emailStep("m", "tpl_nope", "Hola")] })).toMatchObject({ status: 404, field: "steps.0.templateId" });
    expect(await refusal({ ...ok, steps: [tag("a"), { ...emailStep("m", tpl, "Hola"), fromAddress: "x@gmail.com" }] })).toMatchObject({ status: 400, field: "steps.1.fromAddress" });
    expect(await refusal({ ...ok, steps: [emailStep("m", tpl, "Hola {{cargo_raro}}")] })).toMatchObject({ status: 400, field: "steps.0.subject", message: expect.stringContaining("cargo_raro") });
    expect(await refusal({ ...ok, steps: [tag("a"), { id: "c", type: "condition", condition: { type: "step_engagement", stepId: "a", event: "opened" }, yes: null, no: null }] })).toMatchObject({ status: 400, field: "steps.1.condition.stepId" });
    // Nothing was written by any refusal.
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM automations WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM campaigns WHERE account_id = ? AND automation_id IS NOT NULL").bind(s.accountId).first("n")).toBe(0);

    // An active automation cannot be edited or deleted; paused it can.
    const a = await createAutomation(s, { ...ok, steps: [emailStep("m", tpl, "Hola")] });
    const patch = await api(`/automations/${a.id}`, { method: "PATCH", key, body: { name: "Y" } });
    expect(patch.status).toBe(409);
    expect((await errorOf(patch)).field).toBe("status");
    expect((await api(`/automations/${a.id}`, { method: "DELETE", key })).status).toBe(409);
    expect((await api(`/automations/${a.id}/pause`, { method: "POST", key })).status).toBe(200);
    const edited = await api(`/automations/${a.id}`, { method: "PATCH", key, body: { steps: [emailStep("m", tpl, "Hola de nuevo")] } });
    expect(edited.status).toBe(200);
    // The step keeps its hidden campaign, with the new subject.
    const after = (await edited.json()) as { steps: { campaignId: string }[] };
    expect(after.steps[0]!.campaignId).toBe(a.steps[0]!.campaignId);
    expect(await env.DB.prepare("SELECT subject FROM campaigns WHERE id = ?").bind(a.steps[0]!.campaignId!).first("subject")).toBe("Hola de nuevo");
    // Editors write, only senders and up switch it on.
    expect((await api(`/automations/${a.id}/activate`, { method: "POST", key: s.users.editor.key })).status).toBe(403);
  });
});

describe("API events", () => {
  it("enrols the account's own contact once per event id; forged or foreign contacts get clear errors", async () => {
    const s = await seedAccount();
    const other = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s);
    const domain = mailDomain("evt");
    const r = await api("/contacts", { key, body: { email: `pago@${domain}`, firstName: "Pía", listIds: [listId], consent: { email: true } } });
    const contactId = ((await r.json()) as { id: number }).id;
    const foreign = ((await (await api("/contacts", { key: other.users.owner.key, body: { email: `otro@${domain}`, consent: { email: true } } })).json()) as { id: number }).id;
    const tpl = await template(s);
    const a = await createAutomation(s, { name: "Pago recibido", trigger: { type: "event", name: "pago_recibido" }, steps: [emailStep("gracias", tpl, "Recibimos su pago, {{nombre}}")] });

    const post = (body: unknown, k = key) => api("/events", { key: k, body });
    const first = await post({ name: "pago_recibido", contact: { email: `PAGO@${domain}` }, id: "op-1", data: { monto: 120.5 } });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ contactId, automations: [{ id: a.id, enrolled: true }] });
    const again = await post({ name: "pago_recibido", contact: { id: contactId }, id: "op-1" });
    expect(await again.json()).toEqual({ contactId, automations: [{ id: a.id, enrolled: false }] });
    // Forged: no credentials, another account's contact, an unknown address, a malformed body.
    expect((await api("/events", { body: { name: "pago_recibido", contact: { id: contactId }, id: "op-2" } })).status).toBe(401);
    const notMine = await post({ name: "pago_recibido", contact: { id: foreign }, id: "op-3" });
    expect([notMine.status, (await errorOf(notMine)).field]).toEqual([404, "contact.id"]);
    const unknown = await post({ name: "pago_recibido", contact: { email: `nadie@${domain}` } });
    expect([unknown.status, (await errorOf(unknown)).field]).toEqual([404, "contact.email"]);
    expect((await errorOf(await post({ name: "Pago Recibido!", contact: { id: contactId } }))).field).toBe("name");
    expect((await errorOf(await post({ name: "pago_recibido", contact: {} }))).field).toBe("contact");
    expect((await errorOf(await post({ name: "pago_recibido", contact: { phone: "12" } }))).field).toBe("contact.phone");
    expect((await post({ name: "pago_recibido", contact: { id: contactId } }, s.users.viewer.key)).status).toBe(403);
    // An event no automation listens to is accepted and enrols nobody.
    expect(await (await post({ name: "otra_cosa", contact: { id: contactId } })).json()).toEqual({ contactId, automations: [] });

    await fireAlarm(a.id);
    await fireAlarm(a.id);
    const got = await receivedFor(domain);
    expect(got.map((g) => g.subject)).toEqual(["Recibimos su pago, Pía"]);
    expect((await runsOf(a.id)).map((x) => [x.status, x.occurrence])).toEqual([["done", "event:pago_recibido:op-1"]]);
  });
});

describe("triggers that are looked for", () => {
  it("resends to non-openers once the N days after the send are over (B4)", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s);
    const domain = mailDomain("nonop");
    for (const n of ["abre", "calla"]) await api("/contacts", { key, body: { email: `${n}@${domain}`, listIds: [listId], consent: { email: true } } });
    await sendEmailCampaign(s, listId, domain);
    const campaignId = (await env.DB.prepare("SELECT id FROM campaigns WHERE account_id = ? AND automation_id IS NULL").bind(s.accountId).first<string>("id"))!;
    const opener = (await env.DB.prepare("SELECT id FROM contacts WHERE email = ?").bind(`abre@${domain}`).first<number>("id"))!;
    await env.DB.prepare("UPDATE deliveries SET opened_at = ? WHERE campaign_id = ? AND contact_id = ?").bind(Date.now(), campaignId, opener).run();
    const tpl = await template(s);
    const a = await createAutomation(s, { name: "Reenvío", trigger: { type: "engagement", campaignId, on: "not_opened", days: 2 }, steps: [emailStep("otra-vez", tpl, "Por si no lo vio")] });
    travelTo(Date.now() + 86_400_000);
    await fireAlarm(a.id);
    expect((await receivedFor(domain)).filter((g) => g.subject === "Por si no lo vio")).toHaveLength(0);
    travelTo(Date.now() + 86_400_000 + 60_000);
    await fireAlarm(a.id);
    await fireAlarm(a.id);
    const resent = (await receivedFor(domain)).filter((g) => g.subject === "Por si no lo vio");
    expect(resent.map((g) => g.rcptTo[0])).toEqual([`calla@${domain}`]);
  });

  it("enrols contacts who enter a segment after activation, not those already in it", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const domain = mailDomain("seg");
    const seg = await api("/segments", { key, body: { name: "Lima", definition: { match: "all", conditions: [{ type: "field", field: "company", op: "contains", value: "lima" }] } } });
    expect(seg.status).toBe(201);
    const segmentId = ((await seg.json()) as { id: string }).id;
    await api("/contacts", { key, body: { email: `antes@${domain}`, company: "Lima SAC", consent: { email: true } } });
    const tpl = await template(s);
    const t0 = lima("2027-07-01", "10:00");
    travelTo(t0);
    const a = await createAutomation(s, { name: "Entra a Lima", trigger: { type: "segment", segmentId }, steps: [emailStep("hola", tpl, "Bienvenido al segmento")] });
    await fireAlarm(a.id); // the baseline
    const late = await api("/contacts", { key, body: { email: `despues@${domain}`, company: "Agro Lima EIRL", consent: { email: true } } });
    expect(late.status).toBe(201);
    travelTo(t0 + 60_000);
    await fireAlarm(a.id);
    await fireAlarm(a.id);
    expect((await receivedFor(domain)).map((g) => g.rcptTo[0])).toEqual([`despues@${domain}`]);
    const stats = await statsOf(s, a.id);
    expect(stats).toMatchObject({ enrolled: 1, completed: 1 });
    expect(await runnerOf(a.id).nextAlarm()).toBe(t0 + 120_000);
  });
});

describe("SMS keyword trigger and webhook step", () => {
  it("a keyword enrols its sender; the webhook step's call is signed and retried until it fails, and the run goes on", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const phone = mobile();
    const listId = await newList(s);
    const r = await api("/contacts", { key, body: { phone, firstName: "Rosa", listIds: [listId], consent: { sms: true } } });
    const contactId = ((await r.json()) as { id: number }).id;
    expect((await api("/sms/keywords", { key, body: { keyword: "CITA", actions: { reply: "Recibido" } } })).status).toBe(201);
    const path = `/auto-${crypto.randomUUID()}`;
    const failing = `/fail-${crypto.randomUUID()}`;
    const t0 = lima("2027-08-02", "09:00");
    travelTo(t0);
    const a = await createAutomation(s, {
      name: "Citas",
      trigger: { type: "sms_keyword", keyword: "cita" },
      steps: [
        { id: "avisar", type: "webhook", url: `${env.TEST_WEBHOOK_URL}${path}` },
        { id: "roto", type: "webhook", url: `${env.TEST_WEBHOOK_URL}${failing}` },
        { id: "marca", type: "tag", tag: "pidió cita" },
      ],
    });
    const secret = ((await (await api(`/automations/${a.id}`, { key })).json()) as { webhookSecret: string }).webhookSecret;
    await sms(phone, "cita mañana por favor");
    await until("enrolled", async () => ((await runsOf(a.id)).length === 1 ? true : undefined));
    await fireAlarm(a.id);
    const calls = (await (await fetch(`${env.TEST_WEBHOOK_URL}/calls?path=${encodeURIComponent(path)}`)).json()) as { calls: { headers: Record<string, string>; body: string }[] };
    expect(calls.calls).toHaveLength(1);
    const body = JSON.parse(calls.calls[0]!.body) as { contact: { id: number; phone: string }; run: { data: { keyword: string } } };
    expect(body.contact).toMatchObject({ id: contactId, phone });
    expect(body.run.data.keyword).toBe("CITA");
    expect(await verifyWebhook(secret, calls.calls[0]!.body, calls.calls[0]!.headers["x-pregon-signature"]!, Math.floor(t0 / 1000))).toBe(true);
    // The failing one: retried at 1 and 5 minutes, then failed; the tag step still runs.
    expect((await runsOf(a.id))[0]).toMatchObject({ status: "waiting", step_id: "roto", next_at: t0 + 60_000 });
    travelTo(t0 + 60_000);
    await fireAlarm(a.id);
    travelTo(t0 + 60_000 + 300_000);
    await fireAlarm(a.id);
    const failedCalls = (await (await fetch(`${env.TEST_WEBHOOK_URL}/calls?path=${encodeURIComponent(failing)}`)).json()) as { calls: unknown[] };
    expect(failedCalls.calls).toHaveLength(3);
    expect((await runsOf(a.id))[0]).toMatchObject({ status: "done" });
    const stats = await statsOf(s, a.id);
    expect(stats.steps.map((x) => [x.stepId, x.done, x.failed])).toEqual([["avisar", 1, 0], ["roto", 0, 1], ["marca", 1, 0]]);
  });
});

describe("the minute cron", () => {
  it("wakes an automation whose alarm was lost", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s);
    const domain = mailDomain("cron");
    const tpl = await template(s);
    const t0 = lima("2027-09-01", "10:00");
    travelTo(t0);
    const a = await createAutomation(s, { name: "Eco", trigger: { type: "subscribed", listId }, steps: [emailStep("uno", tpl, "Hola")] });
    await api("/contacts", { key, body: { email: `x@${domain}`, listIds: [listId], consent: { email: true } } });
    await until("enrolled", async () => ((await runsOf(a.id)).length === 1 ? true : undefined));
    await runnerOf(a.id).stop(); // the alarm is lost
    travelTo(t0 + 5 * 60_000);
    await handleScheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.now() }), env);
    expect(await runnerOf(a.id).nextAlarm()).toBe(t0 + 5 * 60_000);
    await fireAlarm(a.id);
    expect((await receivedFor(domain)).map((g) => g.rcptTo[0])).toEqual([`x@${domain}`]);
  });
});

describe("subscription triggers and the SMS step", () => {
  it("a form subscription enrols at once, a double opt-in enrols on confirmation; the SMS step sends the merged text with credit", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const plain = (await (await api("/lists", { key, body: { name: "Avisos SMS" } })).json()) as { id: string; formUrl: string };
    const confirmed = (await (await api("/lists", { key, body: { name: "Boletín confirmado", doubleOptIn: true } })).json()) as { id: string; formUrl: string };
    const t0 = lima("2027-10-04", "11:00");
    travelTo(t0);
    const welcome = await createAutomation(s, { name: "Bienvenida SMS", trigger: { type: "subscribed", listId: plain.id }, steps: [{ id: "sms", type: "sms", text: "Hola {{nombre}}, ya está suscrito a los avisos." }] });
    const optin = await createAutomation(s, { name: "Tras confirmar", trigger: { type: "optin_confirmed", listId: confirmed.id }, steps: [{ id: "marca", type: "tag", tag: "confirmados" }] });
    const phone = mobile();
    const form = (url: string, fields: Record<string, string>) =>
      SELF.fetch(`http://127.0.0.1${new URL(url).pathname}`, { method: "POST", body: new URLSearchParams(fields), headers: { "CF-Connecting-IP": "190.12.34.56", Accept: "application/json" } });
    expect((await form(plain.formUrl, { email: `sol@${mailDomain("f")}`, firstName: "Sol", phone, smsConsent: "yes", consent: "yes" })).status).toBe(200);
    await until("form enrolment", async () => ((await runsOf(welcome.id)).length === 1 ? true : undefined));
    await fireAlarm(welcome.id);
    const msg = await env.DB.prepare("SELECT text, to_number, segments FROM sms_messages WHERE account_id = ?").bind(s.accountId).first();
    expect(msg).toEqual({ text: "Hola Sol, ya está suscrito a los avisos.", to_number: phone, segments: 1 });
    expect((await statsOf(s, welcome.id)).steps[0]).toMatchObject({ done: 1, skipped: 0 });
    // One segment of the main pool's SMS credit is held or spent for it (800 granted).
    expect((await ledgerStub(s.accountId).overview()).holders.main!.sms.available).toBe(799);

    // Double opt-in: nothing on the form, the run starts on the confirmation link.
    const email = `eva@${mailDomain("o")}`;
    expect((await form(confirmed.formUrl, { email, consent: "yes" })).status).toBe(200);
    await fireAlarm(optin.id);
    expect(await runsOf(optin.id)).toHaveLength(0);
    const contactId = (await env.DB.prepare("SELECT id FROM contacts WHERE email = ?").bind(email).first<number>("id"))!;
    const token = "tok-" + crypto.randomUUID();
    await env.DB.prepare("INSERT INTO optin_tokens (id, account_id, list_id, contact_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(await sha256Hex(token), s.accountId, confirmed.id, contactId, t0, t0 + 86_400_000)
      .run();
    expect((await SELF.fetch(`http://127.0.0.1/f/confirm/${token}`)).status).toBe(200);
    await until("confirmation enrolment", async () => ((await runsOf(optin.id)).length === 1 ? true : undefined));
    await fireAlarm(optin.id);
    expect((await runsOf(optin.id))[0]).toMatchObject({ contact_id: contactId, status: "done" });
  });
});
