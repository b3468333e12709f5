/**
 * The account's outgoing webhooks (B1), for owners and admins: list, create (the signing secret
 * is in the create answer only, then sealed at rest), change URL / events / active, delete (with
 * its delivery log), a test call answered with what the target said, and the delivery log,
 * newest first. Deliveries themselves are made by workers/webhooks/deliver.ts.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateWebhookBody, DeliveryQuery, UpdateWebhookBody, type WebhookOut } from "../../../shared/api/schemas-webhooks";
import { PING_EVENT, type WebhookEvent, type WebhookPayload } from "../../../shared/webhooks/events";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { checkTarget } from "../../net/targets";
import { postWebhook } from "../../webhooks/deliver";
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from "../../webhooks/secret";
import { deliveryPage, findWebhook, logTestDelivery, type WebhookRow } from "../../webhooks/admin";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(r: WebhookRow): WebhookOut {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as WebhookEvent[],
    description: r.description,
    active: r.active === 1,
    failingSince: iso(r.failing_since),
    lastStatus: r.last_status,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export const webhooks = new Hono<AppEnv>()
  .get("/", guard("listWebhooks", operations.listWebhooks), async (c) => {
    const rows = await c.env.DB.prepare("SELECT * FROM webhooks WHERE account_id = ? ORDER BY created_at, id").bind(c.var.actor.accountId).all<WebhookRow>();
    return c.json({ webhooks: rows.results.map(present) });
  })
  .post("/", guard("createWebhook", operations.createWebhook), ...json(CreateWebhookBody), async (c) => {
    const b = c.req.valid("json");
    checkTarget(c.env, "url", b.url);
    const now = Date.now();
    const id = `wh_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const secret = newWebhookSecret();
    const row: WebhookRow = {
      id, account_id: c.var.actor.accountId, url: b.url, events: JSON.stringify([...new Set(b.events)]), secret: await sealWebhookSecret(c.env, id, secret),
      description: b.description || null, active: 1, failing_since: null, last_status: null, created_by: c.var.actor.userId, created_at: now, updated_at: now,
    };
    await c.env.DB.prepare(
      "INSERT INTO webhooks (id, account_id, url, events, secret, description, active, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
    )
      .bind(row.id, row.account_id, row.url, row.events, row.secret, row.description, row.created_by, now, now)
      .run();
    c.set("audit", { targetType: "webhook", targetId: id, details: { url: b.url, events: b.events } });
    return c.json({ ...present(row), secret }, 201);
  })
  .patch("/:id", guard("updateWebhook", operations.updateWebhook), ...json(UpdateWebhookBody), async (c) => {
    const id = c.req.param("id");
    const b = c.req.valid("json");
    if (b.url !== undefined) checkTarget(c.env, "url", b.url);
    c.set("audit", { targetType: "webhook", targetId: id, details: b });
    const row = await c.env.DB.prepare(
      `UPDATE webhooks SET url = coalesce(?3, url), events = coalesce(?4, events), active = coalesce(?5, active),
         description = CASE WHEN ?6 THEN ?7 ELSE description END, updated_at = ?8 WHERE id = ?1 AND account_id = ?2 RETURNING *`,
    )
      .bind(id, c.var.actor.accountId, b.url ?? null, b.events ? JSON.stringify([...new Set(b.events)]) : null, b.active === undefined ? null : b.active ? 1 : 0, b.description !== undefined ? 1 : 0, b.description || null, Date.now())
      .first<WebhookRow>();
    if (!row) throw notFound("Webhook");
    return c.json(present(row));
  })
  .delete("/:id", guard("deleteWebhook", operations.deleteWebhook), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "webhook", targetId: id });
    const [res] = await c.env.DB.batch([
      c.env.DB.prepare("DELETE FROM webhooks WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId),
      c.env.DB.prepare("DELETE FROM webhook_deliveries WHERE webhook_id = ? AND account_id = ?").bind(id, c.var.actor.accountId),
    ]);
    if (res!.meta.changes === 0) throw notFound("Webhook");
    return c.json({ ok: true as const });
  })
  .post("/:id/test", guard("testWebhook", operations.testWebhook), async (c) => {
    const hook = await findWebhook(c.env.DB, c.var.actor.accountId, c.req.param("id"));
    if (!hook) throw notFound("Webhook");
    c.set("audit", { targetType: "webhook", targetId: hook.id });
    const now = Date.now();
    const deliveryId = `whd_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;
    const payload: WebhookPayload = { id: `ping:${deliveryId}`, event: PING_EVENT, occurredAt: new Date(now).toISOString(), accountId: hook.account_id, data: { webhookId: hook.id } };
    const body = JSON.stringify(payload);
    checkTarget(c.env, "url", hook.url);
    const r = await postWebhook(hook.url, await openWebhookSecret(c.env, hook.id, hook.secret), PING_EVENT, deliveryId, body);
    await logTestDelivery(c.env.DB, hook, deliveryId, payload.id, body, r, Date.now());
    return c.json({ ok: r.ok, status: r.status, error: r.error, body: r.answer, deliveryId });
  })
  .get("/:id/deliveries", guard("listWebhookDeliveries", operations.listWebhookDeliveries), query(DeliveryQuery), async (c) => {
    const hook = await findWebhook(c.env.DB, c.var.actor.accountId, c.req.param("id"));
    if (!hook) throw notFound("Webhook");
    const q = c.req.valid("query");
    return c.json(await deliveryPage(c.env.DB, hook.id, q.cursor ?? null, q.limit ?? 50));
  });
