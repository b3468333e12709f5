/**
 * Automations driven through their Durable Object's alarm with a controlled clock (W4, S6): the
 * date trigger enrols at its Lima minute, N days before the field's date, once; waits end when
 * they should; a condition branches on engagement with an earlier email; a replayed alarm or a
 * pass that died mid-step never sends twice.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ledgerStub, seedAccount } from "./helpers";
import { receivedFor, until } from "./send-helpers";
import { mailDomain, newList } from "./channel-helpers";
import { createAutomation, dateField, emailStep, fireAlarm, lima, runnerOf, runsOf, statsOf, template, travelTo } from "./automation-helpers";

afterEach(() => {
  vi.useRealTimers();
});

describe("date trigger (a supplier's registration expires)", () => {
  it("sends the reminder 7 days before the expiry at 09:00 Lima, exactly once, and the next day's contacts the next day", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    await dateField(s);
    const listId = await newList(s);
    const domain = mailDomain("venc");
    travelTo(lima("2027-03-01", "08:00"));
    const contact = async (name: string, date: string) => {
      const r = await api("/contacts", { key, body: { email: `${name}@${domain}`, firstName: name, fields: { vencimiento: date }, listIds: [listId], consent: { email: true } } });
      expect(r.status).toBe(201);
      return ((await r.json()) as { id: number }).id;
    };
    const ana = await contact("ana", "2027-03-08"); // expires in 7 days
    const beto = await contact("beto", "2027-03-09"); // in 8 days: tomorrow's reminder
    await contact("ciro", "2027-03-04"); // in 3 days: never in this automation
    const tpl = await template(s);
    const a = await createAutomation(s, {
      name: "Recordatorio de vencimiento",
      trigger: { type: "date", field: "custom:vencimiento", direction: "before", days: 7, at: "09:00" },
      steps: [emailStep("aviso", tpl, "Su registro vence pronto, {{nombre}}")],
    });
    // Activated at 08:00: a first pass at once, which enrols nobody and sets the alarm for 09:00 Lima.
    expect(await runnerOf(a.id).nextAlarm()).toBe(lima("2027-03-01", "08:00"));
    await fireAlarm(a.id);
    expect(await runnerOf(a.id).nextAlarm()).toBe(lima("2027-03-01", "09:00"));

    // An early wake-up (08:59) enrols nobody either.
    travelTo(lima("2027-03-01", "08:59"));
    await fireAlarm(a.id);
    expect(await receivedFor(domain)).toHaveLength(0);
    expect(await runnerOf(a.id).nextAlarm()).toBe(lima("2027-03-01", "09:00"));

    travelTo(lima("2027-03-01", "09:00") + 5_000);
    expect(await fireAlarm(a.id)).toBe(true);
    let got = await receivedFor(domain);
    expect(got.map((g) => g.rcptTo[0])).toEqual([`ana@${domain}`]);
    expect(got[0]!.subject).toBe("Su registro vence pronto, ana");
    // A replayed alarm at the same minute sends nothing more; the next one is tomorrow 09:00.
    await runnerOf(a.id).wake(a.id, Date.now());
    await fireAlarm(a.id);
    expect(await receivedFor(domain)).toHaveLength(1);
    expect(await runnerOf(a.id).nextAlarm()).toBe(lima("2027-03-02", "09:00"));

    travelTo(lima("2027-03-02", "09:00") + 30_000);
    await fireAlarm(a.id);
    got = await receivedFor(domain);
    expect(got.map((g) => g.rcptTo[0]).sort()).toEqual([`ana@${domain}`, `beto@${domain}`]);
    const runs = await runsOf(a.id);
    expect(runs.map((r) => [r.contact_id, r.status, r.occurrence])).toEqual([
      [ana, "done", "2027-03-08"],
      [beto, "done", "2027-03-09"],
    ]);
    const stats = await statsOf(s, a.id);
    expect(stats).toMatchObject({ enrolled: 2, completed: 2, inProgress: 0, failed: 0 });
    // Two emails accepted, two credits debited, nothing left held.
    expect((await ledgerStub(s.accountId).overview()).holders.main!.email).toMatchObject({ available: 4998, reserved: 0 });
    expect(stats.steps[0]).toMatchObject({ stepId: "aviso", entered: 2, done: 2, skipped: 0, failed: 0 });
    // The email's hidden campaign carries the sends (tracking, report), and is not listed.
    const hidden = await env.DB.prepare("SELECT status, sent, automation_id FROM campaigns WHERE id = ?").bind(a.steps[0]!.campaignId!).first();
    expect(hidden).toEqual({ status: "automation", sent: 2, automation_id: a.id });
    const listed = (await (await api("/campaigns", { key })).json()) as { campaigns: { id: string }[] };
    expect(listed.campaigns.map((c) => c.id)).not.toContain(a.steps[0]!.campaignId);
  });

  it("catches up a missed minute after an outage, but not days before the automation was activated", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    await dateField(s);
    const listId = await newList(s);
    const domain = mailDomain("late");
    travelTo(lima("2027-04-10", "10:00"));
    await api("/contacts", { key, body: { email: `hoy@${domain}`, fields: { vencimiento: "2027-04-11" }, listIds: [listId], consent: { email: true } } });
    await api("/contacts", { key, body: { email: `manana@${domain}`, fields: { vencimiento: "2027-04-12" }, listIds: [listId], consent: { email: true } } });
    const tpl = await template(s);
    // "1 day before at 09:00": today's 09:00 passed before activation; nobody from today is enrolled.
    const a = await createAutomation(s, { name: "Un día antes", trigger: { type: "date", field: "custom:vencimiento", direction: "before", days: 1, at: "09:00" }, steps: [emailStep("aviso", tpl, "Mañana vence")] });
    // The alarm is lost; it comes back at 09:40 the next day: the 09:00 enrolment still happens.
    travelTo(lima("2027-04-11", "09:40"));
    await fireAlarm(a.id);
    expect((await receivedFor(domain)).map((g) => g.rcptTo[0])).toEqual([`manana@${domain}`]);
  });
});

describe("welcome series: wait, condition on the welcome's engagement, tag", () => {
  it("waits 2 days, then tags who opened the welcome and reminds who did not; a replay changes nothing", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s, "Boletín");
    const domain = mailDomain("welc");
    const tpl = await template(s);
    const t0 = lima("2027-05-03", "10:00");
    travelTo(t0);
    const a = await createAutomation(s, {
      name: "Bienvenida",
      trigger: { type: "subscribed", listId },
      steps: [
        emailStep("bienvenida", tpl, "Bienvenido, {{nombre}}"),
        { id: "espera", type: "wait", amount: 2, unit: "days" },
        { id: "abrio", type: "condition", condition: { type: "step_engagement", stepId: "bienvenida", event: "opened" }, yes: "interesado", no: "recordatorio" },
        { id: "interesado", type: "tag", tag: "interesados", next: null },
        emailStep("recordatorio", tpl, "¿Vio nuestro mensaje, {{nombre}}?"),
      ],
    });
    const join = async (name: string) => {
      const r = await api("/contacts", { key, body: { email: `${name}@${domain}`, firstName: name, listIds: [listId], consent: { email: true } } });
      expect(r.status).toBe(201);
      return ((await r.json()) as { id: number }).id;
    };
    const rosa = await join("rosa");
    const luis = await join("luis");
    await until("two runs", async () => ((await runsOf(a.id)).length === 2 ? true : undefined));
    await fireAlarm(a.id);
    expect((await receivedFor(domain)).map((g) => g.subject).sort()).toEqual(["Bienvenido, luis", "Bienvenido, rosa"]);
    expect(await runnerOf(a.id).nextAlarm()).toBe(t0 + 2 * 86_400_000);
    let stats = await statsOf(s, a.id);
    expect(stats.steps.find((x) => x.stepId === "espera")).toMatchObject({ waiting: 2 });

    // Rosa opened the welcome (as the tracking pipeline records it on her delivery).
    await env.DB.prepare("UPDATE deliveries SET opened_at = ? WHERE campaign_id = ? AND contact_id = ?").bind(t0 + 3_600_000, a.steps[0]!.campaignId!, rosa).run();
    // A day later nothing is due yet.
    travelTo(t0 + 86_400_000);
    await fireAlarm(a.id);
    expect(await receivedFor(domain)).toHaveLength(2);

    travelTo(t0 + 2 * 86_400_000 + 1_000);
    await fireAlarm(a.id);
    await fireAlarm(a.id);
    const got = await receivedFor(domain);
    expect(got.map((g) => g.subject).sort()).toEqual(["Bienvenido, luis", "Bienvenido, rosa", "¿Vio nuestro mensaje, luis?"]);
    const tagged = await env.DB.prepare("SELECT m.contact_id FROM list_members m JOIN lists l ON l.id = m.list_id WHERE l.account_id = ? AND l.name = 'interesados'").bind(s.accountId).all<{ contact_id: number }>();
    expect(tagged.results.map((r) => r.contact_id)).toEqual([rosa]);
    stats = await statsOf(s, a.id);
    expect(stats).toMatchObject({ enrolled: 2, completed: 2, inProgress: 0 });
    expect(Object.fromEntries(stats.steps.map((x) => [x.stepId, [x.entered, x.done, x.yes, x.no, x.waiting]]))).toEqual({
      bienvenida: [2, 2, 0, 0, 0],
      espera: [2, 2, 0, 0, 0],
      abrio: [2, 0, 1, 1, 0],
      interesado: [1, 1, 0, 0, 0],
      recordatorio: [1, 1, 0, 0, 0],
    });
    expect(stats.steps[0]!.opened).toBe(1);
    expect(luis).toBeGreaterThan(rosa);
  });

  it("never repeats a step a crashed pass left half done, and skips who cannot receive email", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s);
    const domain = mailDomain("crash");
    const tpl = await template(s);
    travelTo(lima("2027-06-01", "12:00"));
    const a = await createAutomation(s, { name: "Eco", trigger: { type: "subscribed", listId }, steps: [emailStep("uno", tpl, "Uno"), { id: "marca", type: "tag", tag: "visto" }] });
    const r = await api("/contacts", { key, body: { email: `eva@${domain}`, listIds: [listId], consent: { email: true } } });
    const eva = ((await r.json()) as { id: number }).id;
    await until("one run", async () => ((await runsOf(a.id)).length === 1 ? true : undefined));
    // A pass claimed the email step and died before recording what happened.
    const run = await env.DB.prepare("SELECT id FROM automation_runs WHERE automation_id = ?").bind(a.id).first<number>("id");
    await env.DB.prepare("INSERT INTO automation_step_log (run_id, step_id, automation_id, outcome, at) VALUES (?, 'uno', ?, 'pending', ?)").bind(run, a.id, Date.now()).run();
    await ledgerStub(s.accountId).reserve({ accountId: s.accountId, key: `auto:${run}:uno`, holder: "main", channel: "email", amount: 1 });
    expect((await ledgerStub(s.accountId).overview()).holders.main!.email.available).toBe(4999);
    await fireAlarm(a.id);
    expect(await receivedFor(domain)).toHaveLength(0);
    // Not sent, not charged: the credit it had reserved is back.
    expect((await ledgerStub(s.accountId).overview()).holders.main!.email).toMatchObject({ available: 5000, reserved: 0 });
    const stats = await statsOf(s, a.id);
    expect(stats.steps.map((x) => [x.stepId, x.failed, x.done])).toEqual([["uno", 1, 0], ["marca", 0, 1]]);

    // An unsubscribed contact is skipped (with the reason), and the run goes on.
    const r2 = await api("/contacts", { key, body: { email: `baja@${domain}`, listIds: [listId], consent: { email: true } } });
    const baja = ((await r2.json()) as { id: number }).id;
    await api(`/contacts/${baja}`, { method: "PATCH", key, body: { emailStatus: "unsubscribed" } });
    await until("two runs", async () => ((await runsOf(a.id)).length === 2 ? true : undefined));
    await fireAlarm(a.id);
    expect(await receivedFor(domain)).toHaveLength(0);
    const detail = await env.DB.prepare("SELECT l.outcome, l.detail FROM automation_step_log l JOIN automation_runs r ON r.id = l.run_id WHERE r.contact_id = ? AND l.step_id = 'uno'").bind(baja).first();
    expect(detail).toEqual({ outcome: "skipped", detail: "email unsubscribed" });
    expect(eva).toBeLessThan(baja);
  });
});
