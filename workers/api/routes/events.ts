/**
 * `POST /events` (S6): the agency's systems tell of something that happened to a contact (e.g.
 * "registro_por_vencer", "pago_recibido"); every active automation triggered by that event name
 * enrols the contact. The event's own `id` makes it idempotent (sent twice, enrolled once);
 * without one every call is a new occurrence. The contact must be the account's own: an id,
 * email or phone of another account's contact is "not found", never enrolled.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { EventBody } from "../../../shared/api/schemas-automations";
import { checkPhone } from "../../../shared/audience/phone";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { triggerAutomations } from "../../automations/enrol";

export const events = new Hono<AppEnv>().post("/", guard("postEvent", operations.postEvent), ...json(EventBody), async (c) => {
  const b = c.req.valid("json");
  const accountId = c.var.actor.accountId;
  if (b.data && Object.keys(b.data).length > 20) throw new ApiError(400, "invalid_field", "data: at most 20 values", "data");
  const db = c.env.DB;
  let contactId: number | null = null;
  if (b.contact.id !== undefined) {
    contactId = await db.prepare("SELECT id FROM contacts WHERE id = ? AND account_id = ?").bind(b.contact.id, accountId).first<number>("id");
  } else if (b.contact.email !== undefined) {
    contactId = await db.prepare("SELECT id FROM contacts WHERE account_id = ? AND email = ?").bind(accountId, b.contact.email.toLowerCase()).first<number>("id");
  } else {
    const phone = checkPhone(b.contact.phone!).phone;
    if (phone === null) throw new ApiError(400, "invalid_field", "contact.phone: not a valid phone number", "contact.phone");
    contactId = await db.prepare("SELECT id FROM contacts WHERE account_id = ? AND phone = ? ORDER BY id LIMIT 1").bind(accountId, phone).first<number>("id");
  }
  const field = b.contact.id !== undefined ? "contact.id" : b.contact.email !== undefined ? "contact.email" : "contact.phone";
  if (contactId === null) throw new ApiError(404, "not_found", `${field}: no such contact in this account`, field);
  c.set("audit", { targetType: "event", targetId: b.name, details: { contactId, id: b.id ?? null } });
  const occurrence = `event:${b.name}:${b.id ?? crypto.randomUUID()}`;
  const automations = await triggerAutomations(c.env, accountId, (t) => t.type === "event" && t.name === b.name, { contactId, occurrence, context: { event: b.name, id: b.id ?? null, data: b.data ?? {} } });
  return c.json({ contactId, automations }, 202);
});
