/**
 * Contacts: keyset search, detail with consent history and lists, create-or-update through the
 * API with a consent record (source api, the caller's IP as proof), edits of fields and channel
 * status (an unsubscribe is a revocation, recorded at once: Ley 32323; resubscribing SMS lifts the
 * opt-out's phone suppression, workers/sms/resubscribe.ts), and erasure.
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { ContactQuery, CreateContactBody, UpdateContactBody } from "../../../shared/api/schemas-audience";
import { checkEmail } from "../../../shared/audience/email";
import { checkPhone } from "../../../shared/audience/phone";
import { verdictOf, type Reason } from "../../../shared/audience/verdict";
import type { AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { clientIp } from "../authn";
import { presentContact, searchContacts, suppressionReasons, type ContactRow } from "../../audience/contacts-store";
import { liftSmsOptOut, SMS_OPTOUT_REASON, smsOptOutToLift } from "../../sms/resubscribe";
import { checkFieldValues } from "../../audience/fields-store";
import { onSubscribed } from "../../automations/enrol";

async function findContact(c: Context<AppEnv>, id: string): Promise<ContactRow> {
  const n = Number(id);
  const row = Number.isSafeInteger(n) ? await c.env.DB.prepare("SELECT * FROM contacts WHERE id = ? AND account_id = ?").bind(n, c.var.actor.accountId).first<ContactRow>() : null;
  if (!row) throw notFound("Contact");
  return row;
}

async function detail(c: Context<AppEnv>, row: ContactRow) {
  const [consents, lists] = await c.env.DB.batch<Record<string, string | number>>([
    c.env.DB.prepare("SELECT channel, action, source, at, proof FROM consents WHERE contact_id = ? ORDER BY id DESC LIMIT 100").bind(row.id),
    c.env.DB.prepare("SELECT l.id, l.name, m.status FROM list_members m JOIN lists l ON l.id = m.list_id WHERE m.contact_id = ? ORDER BY l.name").bind(row.id),
  ]);
  return {
    ...presentContact(row),
    consents: consents!.results.map((r) => ({ channel: String(r.channel), action: String(r.action), source: String(r.source), at: new Date(Number(r.at)).toISOString(), proof: JSON.parse(String(r.proof)) as Record<string, unknown> })),
    lists: lists!.results.map((r) => ({ id: String(r.id), name: String(r.name), status: String(r.status) })),
  };
}

/** Normalise email and phone of a body; a present but unusable value is a 400 naming the field. */
function cleanIdentity(body: { email?: string; phone?: string }) {
  const reasons: Reason[] = [];
  let email: string | null = null;
  let domain: string | null = null;
  let phone: string | null = null;
  let suggestion: string | null = null;
  if (body.email !== undefined && body.email.trim() !== "") {
    const e = checkEmail(body.email);
    if (!e.email) throw new ApiError(400, "invalid_field", `email: is not a usable address (${e.reasons.join(", ")})`, "email");
    ({ email, domain, suggestion } = e);
    reasons.push(...e.reasons);
  }
  if (body.phone !== undefined && body.phone.trim() !== "") {
    const p = checkPhone(body.phone);
    if (!p.phone) throw new ApiError(400, "invalid_field", `phone: is not a usable number (${p.reasons.join(", ")})`, "phone");
    phone = p.phone;
    reasons.push(...p.reasons);
  }
  return { email, domain, phone, suggestion, reasons };
}

const proofOf = (c: Context<AppEnv>) => JSON.stringify({ ip: clientIp(c), userId: c.var.actor.userId, apiKeyId: c.var.actor.apiKeyId });

export const contacts = new Hono<AppEnv>()
  .get("/", guard("listContacts", operations.listContacts), query(ContactQuery), async (c) => {
    const { rows, nextCursor } = await searchContacts(c.env.DB, c.var.actor.accountId, c.req.valid("query"));
    return c.json({ contacts: rows.map(presentContact), nextCursor });
  })
  .post("/", guard("createContact", operations.createContact), ...json(CreateContactBody), async (c) => {
    const body = c.req.valid("json");
    const accountId = c.var.actor.accountId;
    const db = c.env.DB;
    const id = cleanIdentity(body);
    if (!id.email && !id.phone) throw new ApiError(400, "invalid_field", "email: an email or a phone is required", "email");
    const listIds = [...new Set(body.listIds ?? [])];
    if (listIds.length) {
      const found = await db.prepare("SELECT COUNT(*) AS n FROM lists WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))").bind(accountId, JSON.stringify(listIds)).first<number>("n");
      if (found !== listIds.length) throw new ApiError(404, "not_found", "listIds: a list was not found", "listIds");
    }
    id.reasons.push(...(await suppressionReasons(db, accountId, id.email, id.domain, id.phone)));
    const now = Date.now();
    const existing = id.email
      ? await db.prepare("SELECT * FROM contacts WHERE account_id = ? AND email = ?").bind(accountId, id.email).first<ContactRow>()
      : await db.prepare("SELECT * FROM contacts WHERE account_id = ? AND email IS NULL AND phone = ?").bind(accountId, id.phone).first<ContactRow>();
    const custom = await checkFieldValues(db, accountId, body.fields ?? {}, Date.now());
    const values = [id.email, id.phone, body.firstName ?? null, body.lastName ?? null, body.position ?? null, body.company ?? null, JSON.stringify(custom), verdictOf(id.reasons, id.email !== null || existing?.email != null), JSON.stringify(id.reasons), id.suggestion, id.domain];
    let contactId: number;
    if (existing) {
      contactId = existing.id;
      await db
        .prepare(
          `UPDATE contacts SET email = COALESCE(?1, email), phone = COALESCE(?2, phone), first_name = COALESCE(?3, first_name), last_name = COALESCE(?4, last_name),
             position = COALESCE(?5, position), company = COALESCE(?6, company), fields = json_patch(fields, ?7), verdict = ?8, reasons = ?9, suggestion = ?10,
             email_domain = COALESCE(?11, email_domain), updated_at = ?12 WHERE id = ?13`,
        )
        .bind(...values, now, contactId)
        .run();
    } else {
      const r = await db
        .prepare(
          `INSERT INTO contacts (email, phone, first_name, last_name, position, company, fields, verdict, reasons, suggestion, email_domain, account_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .bind(...values, accountId, now, now)
        .first<number>("id");
      contactId = r!;
    }
    const stmts: D1PreparedStatement[] = listIds.map((l) =>
      db.prepare("INSERT INTO list_members (list_id, contact_id, status, added_at) VALUES (?, ?, 'subscribed', ?) ON CONFLICT DO NOTHING RETURNING list_id").bind(l, contactId, now),
    );
    for (const channel of ["email", "sms"] as const) {
      if (body.consent[channel] && (channel === "email" ? id.email : id.phone)) {
        stmts.push(db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, ?, 'granted', 'api', ?, ?)").bind(accountId, contactId, channel, now, proofOf(c)));
      }
    }
    const results = stmts.length ? await db.batch<{ list_id: string }>(stmts) : [];
    // A new membership is a subscription: welcome-series automations enrol the contact (W4).
    const joined = results.slice(0, listIds.length).flatMap((r) => r.results.map((x) => x.list_id));
    if (joined.length) c.executionCtx.waitUntil(Promise.all(joined.map((l) => onSubscribed(c.env, accountId, contactId, l))));
    c.set("audit", { targetType: "contact", targetId: String(contactId), details: { created: !existing } });
    return c.json(await detail(c, await findContact(c, String(contactId))), existing ? 200 : 201);
  })
  .get("/:id", guard("getContact", operations.getContact), async (c) => c.json(await detail(c, await findContact(c, c.req.param("id")))))
  .patch("/:id", guard("updateContact", operations.updateContact), ...json(UpdateContactBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findContact(c, c.req.param("id"));
    c.set("audit", { targetType: "contact", targetId: String(row.id), details: { fields: Object.keys(body) } });
    const db = c.env.DB;
    const id = cleanIdentity(body);
    const email = id.email ?? row.email;
    const phone = id.phone ?? row.phone;
    const domain = id.domain ?? row.email_domain;
    if (id.email && id.email !== row.email) {
      const taken = await db.prepare("SELECT id FROM contacts WHERE account_id = ? AND email = ? AND id != ?").bind(row.account_id, id.email, row.id).first();
      if (taken) throw new ApiError(409, "conflict", "email: another contact has this address", "email");
    }
    const kept = (JSON.parse(row.reasons) as Reason[]).filter((r) => (id.email ? !r.startsWith("email_") && !r.startsWith("mx_") : true) && (id.phone ? !r.startsWith("phone_") : true) && r !== "suppressed" && r !== "phone_suppressed");
    // Resubscribing SMS after a BAJA lifts that opt-out's phone suppression, in the same batch.
    const lift = body.smsStatus === "subscribed" && row.sms_status !== "subscribed" && phone !== null && (await smsOptOutToLift(db, row.account_id, phone));
    const suppressed = await suppressionReasons(db, row.account_id, email, domain, phone);
    const reasons = [...new Set([...kept, ...id.reasons, ...suppressed.filter((r) => !(lift && r === "phone_suppressed"))])];
    const now = Date.now();
    const custom = await checkFieldValues(db, row.account_id, body.fields ?? {}, now);
    const stmts = [
      ...(lift ? liftSmsOptOut(db, row.account_id, phone) : []),
      db
        .prepare(
          `UPDATE contacts SET email = ?, phone = ?, email_domain = ?, first_name = COALESCE(?, first_name), last_name = COALESCE(?, last_name), position = COALESCE(?, position),
             company = COALESCE(?, company), fields = json_patch(fields, ?), email_status = COALESCE(?, email_status), sms_status = COALESCE(?, sms_status),
             reasons = ?, verdict = ?, suggestion = CASE WHEN ? THEN ? ELSE suggestion END, updated_at = ? WHERE id = ?`,
        )
        .bind(email, phone, domain, body.firstName ?? null, body.lastName ?? null, body.position ?? null, body.company ?? null, JSON.stringify(custom),
          body.emailStatus ?? null, body.smsStatus ?? null, JSON.stringify(reasons), verdictOf(reasons, email !== null), id.email ? 1 : 0, id.suggestion, now, row.id),
    ];
    // A change of channel status is a consent event, with the caller as proof (and the opt-out it lifted).
    for (const [channel, next, prev] of [["email", body.emailStatus, row.email_status], ["sms", body.smsStatus, row.sms_status]] as const) {
      if (next && next !== prev) {
        const proof = channel === "sms" && lift ? JSON.stringify({ ...JSON.parse(proofOf(c)), lifted: { kind: "phone", value: phone, reason: SMS_OPTOUT_REASON } }) : proofOf(c);
        stmts.push(db.prepare("INSERT INTO consents (account_id, contact_id, channel, action, source, at, proof) VALUES (?, ?, ?, ?, 'api', ?, ?)")
          .bind(row.account_id, row.id, channel, next === "subscribed" ? "granted" : "revoked", now, proof));
      }
    }
    await db.batch(stmts);
    return c.json(await detail(c, await findContact(c, String(row.id))));
  })
  .delete("/:id", guard("deleteContact", operations.deleteContact), async (c) => {
    const row = await findContact(c, c.req.param("id"));
    c.set("audit", { targetType: "contact", targetId: String(row.id) });
    const db = c.env.DB;
    const now = Date.now();
    // The person's data goes; their address stays suppressed so they are never contacted again.
    const keep = (kind: string, value: string | null) =>
      value ? [db.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, ?, ?, 'erased', ?) ON CONFLICT DO NOTHING").bind(row.account_id, kind, value, now)] : [];
    await db.batch([
      ...keep("email", row.email),
      ...keep("phone", row.phone),
      db.prepare("DELETE FROM list_members WHERE contact_id = ?").bind(row.id),
      db.prepare("DELETE FROM consents WHERE contact_id = ?").bind(row.id),
      db.prepare("DELETE FROM contacts WHERE id = ?").bind(row.id),
    ]);
    return c.json({ ok: true as const });
  });
