/**
 * The SMS send path's API (S2, S4, S7): `POST /sms` queues one message (workers/sms/queue-sms.ts
 * checks the number, the opt-out, the text and the policy, and reserves the credit);
 * `GET /sms/messages` and `/sms/messages/:id` show messages with their parts' receipts;
 * `GET|PUT /sms/settings` read and set the account's single-segment policy.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { SendSmsBody, SmsMessagesQuery, SmsSettingsBody } from "../../../shared/api/schemas-sms";
import { MAX_SEGMENTS } from "../../../shared/sms/send-checks";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { holderOf } from "./credits";
import { queueSms } from "../../sms/queue-sms";
import { cursorOf, getMessage, listMessages, parseCursor, type SmsMessageRow } from "../../sms/messages-store";
import { loadSmsSettings, saveSmsSettings } from "../../sms/settings-store";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function present(r: SmsMessageRow) {
  return {
    id: r.id,
    to: r.to_number,
    contactId: r.contact_id,
    campaignId: r.campaign_id,
    text: r.text,
    encoding: r.encoding,
    segments: r.segments,
    status: r.status as "queued",
    error: r.error,
    operator: r.operator,
    connectionId: r.connection_id,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
    // While `sending`, done_at is the claim time (send-rows.ts), not a final time.
    doneAt: r.status === "sending" ? null : iso(r.done_at),
    parts: r.parts.map((p) => ({ part: p.part, status: p.status as "accepted" })),
  };
}

export const sms = new Hono<AppEnv>()
  .post("/", guard("sendSms", operations.sendSms), ...json(SendSmsBody), async (c) => {
    const body = c.req.valid("json");
    const actor = c.var.actor;
    const r = await queueSms(c.env, { accountId: actor.accountId, to: body.to, text: body.text, contactId: body.contactId ?? null, sentBy: actor.userId, holder: holderOf(actor), confirmMultipart: body.confirmMultipart === true });
    if (!r.ok) throw new ApiError(r.status, r.code, r.message, r.field);
    const { ok: _, ...queued } = r;
    c.set("audit", { targetType: "sms", targetId: r.id, details: { to: r.to, segments: r.segments } });
    return c.json(queued, 202);
  })
  .get("/messages", guard("listSmsMessages", operations.listSmsMessages), query(SmsMessagesQuery), async (c) => {
    const q = c.req.valid("query");
    const after = q.cursor ? parseCursor(q.cursor) : null;
    if (q.cursor && !after) throw new ApiError(400, "invalid_field", "cursor: must be the nextCursor of a previous page", "cursor");
    const limit = q.limit ?? 50;
    const page = await listMessages(c.env.DB, c.var.actor.accountId, { campaignId: q.campaignId, status: q.status }, after, limit);
    const last = page.rows.at(-1);
    return c.json({ messages: page.rows.map(present), nextCursor: page.more && last ? cursorOf(last) : null });
  })
  .get("/messages/:id", guard("getSmsMessage", operations.getSmsMessage), async (c) => {
    const row = await getMessage(c.env.DB, c.var.actor.accountId, c.req.param("id"));
    if (!row) throw notFound("SMS");
    return c.json(present(row));
  })
  .get("/settings", guard("getSmsSettings", operations.getSmsSettings), async (c) => {
    const s = await loadSmsSettings(c.env.DB, c.var.actor.accountId);
    return c.json({ segmentPolicy: s.segmentPolicy, maxSegments: MAX_SEGMENTS });
  })
  .put("/settings", guard("updateSmsSettings", operations.updateSmsSettings), ...json(SmsSettingsBody), async (c) => {
    const body = c.req.valid("json");
    c.set("audit", { targetType: "sms_settings", targetId: c.var.actor.accountId, details: body });
    const s = await saveSmsSettings(c.env.DB, c.var.actor.accountId, { segmentPolicy: body.segmentPolicy }, Date.now());
    return c.json({ segmentPolicy: s.segmentPolicy, maxSegments: MAX_SEGMENTS });
  });
