/**
 * Automations (W4, S6): create and edit while draft or paused (the trigger, the steps and their
 * data checked now: workers/automations/checks.ts), activate (its Durable Object's alarm starts
 * its clock), pause, delete, the live figures per step, and the runs. Email steps get a hidden
 * campaign each (workers/automations/store.ts). Activating and pausing spend or stop spending
 * credit, so they need the send permission; editing needs the edit permission.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateAutomationBody, RunQuery, UpdateAutomationBody } from "../../../shared/api/schemas-automations";
import type { Step, Trigger } from "../../../shared/automations/definition";
import type { AppEnv } from "../context";
import { conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { checkSteps, checkTrigger } from "../../automations/checks";
import { wakeAutomation } from "../../automations/enrol";
import { automationStats, runsPage } from "../../automations/stats";
import { emailStepCampaigns, loadAutomation, parsed, presentAutomation, type Automation, type AutomationRow } from "../../automations/store";
import { automationWebhookSecret } from "../../automations/step-webhook";

async function find(c: Context<AppEnv>): Promise<Automation> {
  const a = await loadAutomation(c.env.DB, c.req.param("id")!, c.var.actor.accountId);
  if (!a) throw notFound("Automation");
  return a;
}

async function out(c: Context<AppEnv>, a: Automation) {
  const hasWebhook = a.def.steps.some((s) => s.type === "webhook");
  return { ...presentAutomation(a), webhookSecret: hasWebhook ? await automationWebhookSecret(c.env, a.id) : null };
}

/** Check the definition against the account's data and write it with its email steps' campaigns. */
async function save(c: Context<AppEnv>, a: { id: string; name: string; trigger: Trigger; steps: Step[]; previous: Step[]; insert: boolean }): Promise<void> {
  const actor = c.var.actor;
  const db = c.env.DB;
  await checkTrigger(db, actor.accountId, a.trigger);
  const templates = await checkSteps(c.env, actor.accountId, a.steps);
  const now = Date.now();
  const { steps, statements } = await emailStepCampaigns(db, { id: a.id, accountId: actor.accountId, name: a.name, userId: actor.userId }, a.steps, a.previous, templates, now);
  const write = a.insert
    ? db
        .prepare("INSERT INTO automations (id, account_id, name, status, trigger, steps, created_by, created_at, updated_at) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?)")
        .bind(a.id, actor.accountId, a.name, JSON.stringify(a.trigger), JSON.stringify(steps), actor.userId, now, now)
    : db
        .prepare("UPDATE automations SET name = ?, trigger = ?, steps = ?, updated_at = ? WHERE id = ? AND account_id = ? AND status != 'active'")
        .bind(a.name, JSON.stringify(a.trigger), JSON.stringify(steps), now, a.id, actor.accountId);
  await db.batch([write, ...statements]);
}

export const automations = new Hono<AppEnv>()
  .get("/", guard("listAutomations", operations.listAutomations), async (c) => {
    const db = c.env.DB;
    const rows = await db.prepare("SELECT * FROM automations WHERE account_id = ? ORDER BY created_at DESC, id LIMIT 200").bind(c.var.actor.accountId).all<AutomationRow>();
    const counts = await db
      .prepare(
        `SELECT automation_id, SUM(status != 'baseline') AS enrolled, SUM(status = 'waiting') AS waiting FROM automation_runs
         WHERE automation_id IN (SELECT value FROM json_each(?)) GROUP BY automation_id`,
      )
      .bind(JSON.stringify(rows.results.map((r) => r.id)))
      .all<{ automation_id: string; enrolled: number; waiting: number }>();
    const by = new Map(counts.results.map((r) => [r.automation_id, r]));
    return c.json({
      automations: rows.results.map((r) => ({ ...presentAutomation(parsed(r)), enrolled: by.get(r.id)?.enrolled ?? 0, inProgress: by.get(r.id)?.waiting ?? 0 })),
    });
  })
  .post("/", guard("createAutomation", operations.createAutomation), ...json(CreateAutomationBody), async (c) => {
    const b = c.req.valid("json");
    const id = `au_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await save(c, { id, name: b.name, trigger: b.trigger, steps: b.steps, previous: [], insert: true });
    c.set("audit", { targetType: "automation", targetId: id, details: { name: b.name, trigger: b.trigger.type, steps: b.steps.length } });
    return c.json(await out(c, (await loadAutomation(c.env.DB, id))!), 201);
  })
  .get("/:id", guard("getAutomation", operations.getAutomation), async (c) => c.json(await out(c, await find(c))))
  .patch("/:id", guard("updateAutomation", operations.updateAutomation), ...json(UpdateAutomationBody), async (c) => {
    const a = await find(c);
    const b = c.req.valid("json");
    c.set("audit", { targetType: "automation", targetId: a.id, details: { fields: Object.keys(b) } });
    if (a.status === "active") throw conflict("The automation is active: pause it before changing it", "status");
    await save(c, { id: a.id, name: b.name ?? a.name, trigger: b.trigger ?? a.def.trigger, steps: b.steps ?? a.def.steps, previous: a.def.steps, insert: false });
    return c.json(await out(c, (await loadAutomation(c.env.DB, a.id))!));
  })
  .delete("/:id", guard("deleteAutomation", operations.deleteAutomation), async (c) => {
    const a = await find(c);
    c.set("audit", { targetType: "automation", targetId: a.id, details: { name: a.name } });
    if (a.status === "active") throw conflict("The automation is active: pause it before deleting it", "status");
    const db = c.env.DB;
    await db.batch([
      db.prepare("DELETE FROM automation_step_log WHERE automation_id = ?").bind(a.id),
      db.prepare("DELETE FROM automation_runs WHERE automation_id = ?").bind(a.id),
      db.prepare("DELETE FROM automations WHERE id = ?").bind(a.id),
    ]);
    await c.env.AUTOMATION_RUNNER.get(c.env.AUTOMATION_RUNNER.idFromName(a.id)).stop();
    return c.json({ ok: true as const });
  })
  .post("/:id/activate", guard("activateAutomation", operations.activateAutomation), async (c) => {
    const a = await find(c);
    c.set("audit", { targetType: "automation", targetId: a.id, details: { name: a.name } });
    if (a.status === "active") throw conflict("The automation is already active", "status");
    const now = Date.now();
    // A segment trigger's first look records who is in it already (checked_at null); any other
    // trigger starts looking from now: a date that passed while paused is not caught up.
    const firstSegmentLook = a.def.trigger.type === "segment" && a.checked_at === null;
    await c.env.DB.prepare("UPDATE automations SET status = 'active', activated_at = COALESCE(activated_at, ?1), checked_at = ?2, updated_at = ?1 WHERE id = ?3")
      .bind(now, firstSegmentLook ? null : now, a.id)
      .run();
    await wakeAutomation(c.env, a.id, now);
    return c.json(await out(c, (await loadAutomation(c.env.DB, a.id))!));
  })
  .post("/:id/pause", guard("pauseAutomation", operations.pauseAutomation), async (c) => {
    const a = await find(c);
    c.set("audit", { targetType: "automation", targetId: a.id, details: { name: a.name } });
    if (a.status !== "active") throw conflict(`The automation is ${a.status}, not active`, "status");
    await c.env.DB.prepare("UPDATE automations SET status = 'paused', updated_at = ? WHERE id = ?").bind(Date.now(), a.id).run();
    await c.env.AUTOMATION_RUNNER.get(c.env.AUTOMATION_RUNNER.idFromName(a.id)).stop();
    return c.json(await out(c, (await loadAutomation(c.env.DB, a.id))!));
  })
  .get("/:id/stats", guard("automationStats", operations.automationStats), async (c) => c.json(await automationStats(c.env.DB, await find(c), Date.now())))
  .get("/:id/runs", guard("automationRuns", operations.automationRuns), query(RunQuery), async (c) => {
    const a = await find(c);
    const q = c.req.valid("query");
    const page = await runsPage(c.env.DB, a.id, q.after, q.limit);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json({
      runs: page.runs.map((r) => ({ id: r.id, contactId: r.contact_id, email: r.email, phone: r.phone, status: r.status, stepId: r.step_id, nextAt: iso(r.next_at), enteredAt: iso(r.entered_at)!, occurrence: r.occurrence })),
      next: page.next,
    });
  });
