/**
 * The two-way SMS inbox (S4): threads per number, newest activity first; one conversation
 * (opening it marks its incoming messages read); and the reply, which is an SMS like POST /sms:
 * the same checks (Peruvian mobile, opt-out, segment policy, credit) through queueSms, paid by
 * the replier (the main pool for owner and admin). `:number` may be written as the person typed
 * it or in E.164 ("+51987654321", URL-encoded "%2B51…"); it is normalised before use.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { InboxQuery, ReplyBody } from "../../../shared/api/schemas-sms-inbox";
import { decodeThreadCursor, encodeThreadCursor } from "../../../shared/sms/inbox";
import { senderNumber } from "../../../shared/sms/inbound";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { holderOf } from "./credits";
import { listThreads, readThread } from "../../sms/inbox-store";
import { queueSms } from "../../sms/queue-sms";

function numberParam(raw: string): string {
  const number = senderNumber(raw);
  if (number === null) throw new ApiError(400, "invalid_field", `number: ${raw.slice(0, 40)} is not a phone number`, "number");
  return number;
}

export const smsInbox = new Hono<AppEnv>()
  .get("/", guard("smsInbox", operations.smsInbox), query(InboxQuery), async (c) => {
    const q = c.req.valid("query");
    const cursor = q.cursor === undefined ? null : decodeThreadCursor(q.cursor);
    if (q.cursor !== undefined && cursor === null) throw new ApiError(400, "invalid_field", "cursor: is not a cursor this API gave", "cursor");
    const page = await listThreads(c.env.DB, c.var.actor.accountId, cursor, q.limit ?? 30);
    return c.json({ threads: page.threads, nextCursor: page.next === null ? null : encodeThreadCursor(page.next) });
  })
  .get("/:number", guard("smsThread", operations.smsThread), async (c) => {
    return c.json(await readThread(c.env.DB, c.var.actor.accountId, numberParam(c.req.param("number"))));
  })
  .post("/:number/reply", guard("smsReply", operations.smsReply), ...json(ReplyBody), async (c) => {
    const actor = c.var.actor;
    const to = numberParam(c.req.param("number"));
    const contact = await c.env.DB.prepare("SELECT id FROM contacts WHERE account_id = ? AND phone = ? ORDER BY id LIMIT 1").bind(actor.accountId, to).first<{ id: number }>();
    const body = c.req.valid("json");
    const result = await queueSms(c.env, {
      accountId: actor.accountId,
      to,
      text: body.text,
      contactId: contact?.id ?? null,
      sentBy: actor.userId,
      holder: holderOf(actor),
      confirmMultipart: body.confirmMultipart === true,
    });
    if (!result.ok) throw new ApiError(result.status, result.code, result.message, result.field);
    const { ok: _ok, ...queued } = result;
    c.set("audit", { targetType: "sms", targetId: queued.id, details: { to, segments: queued.segments, reply: true } });
    return c.json(queued, 202);
  });
