/**
 * A/B tests (B3) through the real pipeline with a controlled clock: the runner sends only the
 * sample (each member its version, counted at the SMTP server), sleeps until the decision time,
 * and after the clock is moved past it (the test start moved back, the alarm run now) picks the
 * winner by the metric and sends it to everyone else. Nobody gets two emails, and the credit
 * adds up. Pause, resume and cancel work during the wait.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { abVariant } from "../../shared/campaigns/ab";
import { api, errorOf, seedAccount, type Seeded } from "./helpers";
import { audience, campaign, emailBalance, perRecipient, receivedFor, runnerOf, until, untilStatus } from "./send-helpers";

const HOUR = 3_600_000;
const SUBJECT_B = "Última semana para postular, {{nombre}}";
const MJML_B = `<mjml><mj-body><mj-section><mj-column><mj-text>Versión B para {{nombre}}</mj-text><mj-button href="https://www.gob.pe/b">Postular</mj-button></mj-column></mj-section></mj-body></mjml>`;

/** Sends and waits until the sample is settled and the runner sleeps until the decision time. */
async function runTest(s: Seeded, id: string, ids: number[], pct: number) {
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
  const sample = ids.filter((c) => abVariant(id, c, pct));
  await until("the sample settled", async () => {
    const r = await env.DB.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(status = 'sent'), 0) AS sent FROM deliveries WHERE campaign_id = ?").bind(id).first<{ n: number; sent: number }>();
    return r && r.n === sample.length && r.sent === sample.length ? true : undefined;
  });
  const startedAt = (await env.DB.prepare("SELECT started_at FROM campaigns WHERE id = ?").bind(id).first<number>("started_at"))!;
  const alarm = await until("the runner asleep until the decision", () => runInDurableObject(runnerOf(id), async (_i, state) => ((await state.storage.getAlarm()) === startedAt + 2 * HOUR ? true : undefined)));
  expect(alarm).toBe(true);
  return sample;
}

/** The clock moves past the decision: the test is made to have started three hours ago. */
async function timeTravel(id: string) {
  await env.DB.prepare("UPDATE campaigns SET started_at = started_at - ? WHERE id = ?").bind(3 * HOUR, id).run();
  return runDurableObjectAlarm(runnerOf(id));
}

describe("A/B test", () => {
  it("sends the subject sample, waits, picks the winner by opens and sends it to the rest", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `ab${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 40);
    const res = await api("/campaigns", { key, body: { ...draft, ab: { kind: "subject", subjectB: SUBJECT_B, testPercent: 50, metric: "opens", waitHours: 2 } } });
    expect(res.status).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    const ids = contacts.map((c) => c.id);
    const sample = await runTest(s, id, ids, 50);
    const variantOf = (cid: number) => abVariant(id, cid, 50);
    expect(sample.filter((c) => variantOf(c) === "A").length).toBeGreaterThan(0);
    expect(sample.filter((c) => variantOf(c) === "B").length).toBeGreaterThan(0);

    // Exactly the sample got an email, each its own version; the credit for everyone is held.
    let got = await receivedFor(t);
    const subjectOf = (cid: number) => got.find((g) => g.rcptTo[0] === contacts.find((c) => c.id === cid)!.email)?.subject;
    expect(got).toHaveLength(sample.length);
    for (const cid of sample) expect(subjectOf(cid)).toBe(variantOf(cid) === "A" ? `Convocatoria abierta, Nombre${ids.indexOf(cid)}` : `Última semana para postular, Nombre${ids.indexOf(cid)}`);
    expect(await emailBalance(s)).toEqual({ available: 60, reserved: 40 - sample.length });
    const during = await campaign(s, id);
    // Nothing more goes out before the decision, two hours after the start.
    expect(during.progress.etaMs).toBeGreaterThan(HOUR);
    expect(during.ab).toMatchObject({ winner: null, variants: { A: { sent: sample.filter((c) => variantOf(c) === "A").length }, B: { sent: sample.filter((c) => variantOf(c) === "B").length } } });

    // Tracking records opens: B opens more (as a rate).
    await env.DB.prepare("UPDATE deliveries SET opened_at = ? WHERE campaign_id = ? AND variant = 'B'").bind(Date.now(), id).run();

    // Paused during the wait: the decision time passes and nothing happens until it resumes.
    expect((await api(`/campaigns/${id}/pause`, { method: "POST", key })).status).toBe(200);
    expect(await timeTravel(id)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(await receivedFor(t)).toHaveLength(sample.length);
    expect((await campaign(s, id)).ab!.winner).toBeNull();
    expect((await api(`/campaigns/${id}/resume`, { method: "POST", key })).status).toBe(200);

    const done = await untilStatus(s, id, "sent");
    expect(done.progress).toMatchObject({ total: 40, sent: 40, failed: 0, unknown: 0 });
    got = await receivedFor(t);
    expect(got).toHaveLength(40);
    expect(Object.values(perRecipient(got)).every((n) => n === 1)).toBe(true);
    expect(Object.keys(perRecipient(got)).sort()).toEqual(contacts.map((c) => c.email).sort());
    for (const cid of ids.filter((c) => !variantOf(c))) expect(subjectOf(cid)).toBe(`Última semana para postular, Nombre${ids.indexOf(cid)}`);

    const nA = sample.filter((c) => variantOf(c) === "A").length;
    const nB = sample.length - nA;
    expect(done.ab).toMatchObject({ winner: "B", result: { metric: "opens", A: { sent: nA, opens: 0, clicks: 0, rate: 0 }, B: { sent: nB, opens: nB, clicks: 0, rate: 1 } } });
    const rows = await env.DB.prepare("SELECT variant, COUNT(*) AS n FROM deliveries WHERE campaign_id = ? GROUP BY variant ORDER BY variant").bind(id).all();
    expect(rows.results).toEqual([{ variant: null, n: 40 - sample.length }, { variant: "A", n: nA }, { variant: "B", n: nB }]);
    expect(await emailBalance(s)).toEqual({ available: 60, reserved: 0 });
  });

  it("tests the content by clicks: the sample's version B shows B's template, the rest gets the winner A", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `abc${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 30);
    const templateIdB = ((await (await api("/templates", { key, body: { name: "B", source: MJML_B } })).json()) as { id: string }).id;
    const res = await api("/campaigns", { key, body: { ...draft, ab: { kind: "content", templateIdB, testPercent: 40, metric: "clicks", waitHours: 2 } } });
    const id = ((await res.json()) as { id: string }).id;
    const ids = contacts.map((c) => c.id);
    const sample = await runTest(s, id, ids, 40);
    // A is clicked once; B never: A wins even with fewer opens.
    await env.DB.prepare("UPDATE deliveries SET opened_at = 1 WHERE campaign_id = ? AND variant = 'B'").bind(id).run();
    await env.DB.prepare("UPDATE deliveries SET clicked_at = 1 WHERE campaign_id = ? AND variant = 'A' AND contact_id = (SELECT MIN(contact_id) FROM deliveries WHERE campaign_id = ? AND variant = 'A')").bind(id, id).run();
    await timeTravel(id);
    const done = await untilStatus(s, id, "sent");
    expect(sample.length).toBeGreaterThan(0);
    expect(done.ab).toMatchObject({ winner: "A", result: { metric: "clicks", B: { clicks: 0, rate: 0 } } });
    const got = await receivedFor(t);
    expect(got).toHaveLength(30);
    expect(Object.values(perRecipient(got)).every((n) => n === 1)).toBe(true);
    for (const [i, c] of contacts.entries()) {
      const g = got.find((x) => x.rcptTo[0] === c.email)!;
      expect(g.subject).toBe(`Convocatoria abierta, Nombre${i}`);
      if (abVariant(id, c.id, 40) === "B") expect(g.text).toContain(`Versión B para Nombre${i}`);
      else expect(g.text).toContain(`Hola Nombre${i} de Andina SAC`);
    }
    expect(await emailBalance(s)).toEqual({ available: 70, reserved: 0 });
  });

  it("cancelled during the wait: the rest is never sent and its credit is released", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `abx${Date.now().toString(36)}`;
    const { key, contacts, draft } = await audience(s, t, 20);
    const id = ((await (await api("/campaigns", { key, body: { ...draft, ab: { kind: "subject", subjectB: SUBJECT_B, testPercent: 50, metric: "opens", waitHours: 2 } } })).json()) as { id: string }).id;
    const sample = await runTest(s, id, contacts.map((c) => c.id), 50);
    expect((await api(`/campaigns/${id}/cancel`, { method: "POST", key })).status).toBe(200);
    await untilStatus(s, id, "cancelled");
    await timeTravel(id);
    await new Promise((r) => setTimeout(r, 500));
    expect(await receivedFor(t)).toHaveLength(sample.length);
    expect((await campaign(s, id)).ab!.winner).toBeNull();
    expect(await emailBalance(s)).toEqual({ available: 100 - sample.length, reserved: 0 });
  });
});

describe("A/B test: bad input", () => {
  it("refuses an incomplete or out-of-range test, naming the field, and saves nothing", async () => {
    const s = await seedAccount();
    const { key, draft, templateId } = await audience(s, `abv${Date.now().toString(36)}`, 1);
    const ok = { kind: "subject", subjectB: "Otra", testPercent: 20, metric: "opens", waitHours: 4 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ testPercent: 5 }, "ab.testPercent", "invalid_field"],
      [{ testPercent: 60 }, "ab.testPercent", "invalid_field"],
      [{ waitHours: 0 }, "ab.waitHours", "invalid_field"],
      [{ waitHours: 100 }, "ab.waitHours", "invalid_field"],
      [{ metric: "replies" }, "ab.metric", "invalid_field"],
      [{ subjectB: undefined }, "ab.subjectB", "invalid_field"],
      [{ subjectB: "Hola {{apodo}}" }, "ab.subjectB", "unknown_merge_field"],
      [{ subjectB: draft.subject }, "ab.subjectB", "invalid_field"],
      [{ kind: "content", subjectB: undefined }, "ab.templateIdB", "invalid_field"],
      [{ kind: "content", templateIdB: "nope" }, "ab.templateIdB", "not_found"],
      [{ kind: "content", templateIdB: templateId }, "ab.templateIdB", "invalid_field"],
    ];
    for (const [patch, field, code] of cases) {
      const res = await api("/campaigns", { key, body: { ...draft, ab: { ...ok, ...patch } } });
      expect(res.status, JSON.stringify(patch)).toBeGreaterThanOrEqual(400);
      expect(await errorOf(res), JSON.stringify(patch)).toMatchObject({ field, code });
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM campaigns WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);

    const created = await api("/campaigns", { key, body: { ...draft, ab: ok } });
    const c = (await created.json()) as { id: string; ab: unknown };
    expect(c.ab).toEqual({ kind: "subject", subjectB: "Otra", templateIdB: null, testPercent: 20, metric: "opens", waitHours: 4, decideAt: null, winner: null, variants: { A: { sent: 0, opens: 0, clicks: 0 }, B: { sent: 0, opens: 0, clicks: 0 } }, result: null });
    // An edit that makes A equal B is refused; removing the test is allowed.
    expect(await errorOf(await api(`/campaigns/${c.id}`, { method: "PATCH", key, body: { subject: "Otra" } }))).toMatchObject({ field: "ab.subjectB" });
    const removed = await api(`/campaigns/${c.id}`, { method: "PATCH", key, body: { ab: null } });
    expect(((await removed.json()) as { ab: unknown }).ab).toBeNull();
  });
});
