/**
 * Queue one SMS (S2): the single send of POST /api/v1/sms, an inbox reply, or a system message
 * such as the opt-out confirmation. Everything that can be refused is refused here, before any
 * credit moves: a number that is not a Peruvian mobile, an opted-out number (the contact's
 * sms_status, or a suppressed phone), a text that is empty, over the cap or against the account's
 * segment policy. Then the credit (one per segment) is reserved in the CreditLedger under the
 * message's id, the `sms_messages` row is written `queued`, and its id goes on the SMS_SENDS
 * Queue; the consumer (workers/queues/sms.ts) sends it and settles the reservation.
 * Refusals come back as values (status, code, field, message) for the caller to answer with.
 */
import { checkPhone } from "../../shared/audience/phone";
import { MAIN } from "../../shared/credits/ledger";
import { randomToken } from "../../shared/auth/crypto";
import { checkSmsText, type SegmentPolicy } from "../../shared/sms/send-checks";
import type { SmsEncoding } from "../../shared/sms/chunks";
import { ledgerOf } from "../ledger";
import { loadSmsSettings } from "./settings-store";

export type QueueSmsInput = {
  accountId: string;
  /** As typed; normalised to E.164 here. */
  to: string;
  text: string;
  contactId?: number | null;
  /** The user who sends (null: the system); recorded as sent_by. */
  sentBy?: string | null;
  /** Whose credit pays: the main pool (default) or a sub-user's allocation. */
  holder?: string;
  /** Costs no credit (the opt-out confirmation, Ley 32323). */
  free?: boolean;
  /** Under the policy "confirm": the sender agreed to more than one segment. */
  confirmMultipart?: boolean;
  /** Overrides the account's policy (system messages are written to fit; "allow" skips it). */
  policy?: SegmentPolicy;
  /** Send even to an opted-out number: only for the confirmation of that opt-out. */
  ignoreOptOut?: boolean;
};

export type QueuedSms = { id: string; to: string; encoding: SmsEncoding; segments: number; status: "queued" };
export type QueueSmsRefusal = { ok: false; status: 400 | 409; code: string; message: string; field?: string };
export type QueueSmsResult = ({ ok: true } & QueuedSms) | QueueSmsRefusal;

const refuse = (status: 400 | 409, code: string, message: string, field?: string): QueueSmsRefusal => ({ ok: false, status, code, message, ...(field ? { field } : {}) });

/**
 * The E.164 form of `raw` if it is a Peruvian mobile, else the refusal naming `to`.
 * @example mobileOrRefusal("987 654 321") // "+51987654321"
 * @example mobileOrRefusal("(01) 411-7000") // { ok: false, status: 400, code: "invalid_field", field: "to", message: "to: (01) 411-7000 is a landline, not a mobile number" }
 */
export function mobileOrRefusal(raw: string): string | QueueSmsRefusal {
  const phone = checkPhone(raw.trim());
  const bad = (why: string) => refuse(400, "invalid_field", `to: ${raw.trim().slice(0, 40)} ${why}`, "to");
  if (phone.phone === null) return bad("is not a valid phone number");
  if (phone.reasons.includes("phone_foreign")) return bad("is not a Peruvian number (+51)");
  if (phone.type === "FIXED_LINE") return bad("is a landline, not a mobile number");
  if (phone.type !== "MOBILE") return bad("is not a mobile number");
  return phone.phone;
}

/**
 * Validate, reserve and queue one SMS.
 * @example await queueSms(env, { accountId, to: "987654321", text: "Hola", sentBy: userId }) // { ok: true, id: "sms_…", to: "+51987654321", encoding: "GSM-7", segments: 1, status: "queued" }
 */
export async function queueSms(env: Env, input: QueueSmsInput): Promise<QueueSmsResult> {
  const to = mobileOrRefusal(input.to);
  if (typeof to !== "string") return to;
  const db = env.DB;
  const contactId = input.contactId ?? null;
  const [contact, optedOut, settings] = await Promise.all([
    contactId === null ? null : db.prepare("SELECT id FROM contacts WHERE id = ? AND account_id = ?").bind(contactId, input.accountId).first<{ id: number }>(),
    input.ignoreOptOut ? null : optOutOf(db, input.accountId, to, contactId),
    input.policy ? { segmentPolicy: input.policy } : loadSmsSettings(db, input.accountId),
  ]);
  if (contactId !== null && !contact) return refuse(400, "invalid_field", "contactId: no such contact in this account", "contactId");
  if (optedOut) return refuse(409, "opted_out", `${to} ${optedOut}: no SMS may be sent to it`, "to");
  const check = checkSmsText(input.text, settings.segmentPolicy, input.confirmMultipart === true);
  if (!check.ok) return refuse(400, check.code, `text: ${check.reason}`, "text");
  const { encoding, segments } = check.analysis;

  const id = `sms_${randomToken(12)}`;
  const now = Date.now();
  let reservationId: string | null = null;
  if (!input.free) {
    const r = await ledgerOf(env, input.accountId).reserve({ accountId: input.accountId, key: `sms:${id}`, holder: input.holder ?? MAIN, channel: "sms", amount: segments, actorUserId: input.sentBy ?? null, note: `SMS ${to}` });
    if (!r.ok) {
      if (r.code === "insufficient_credit") return refuse(409, "insufficient_credit", `This SMS needs ${segments} credit${segments === 1 ? "" : "s"}; ${r.available ?? 0} available`);
      throw new Error(`SMS credit reservation failed: ${r.message}`);
    }
    reservationId = r.reservationId;
  }
  try {
    await db
      .prepare(
        `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, sender, text, encoding, segments, status, attempts, sent_by, reservation_id, created_at)
         VALUES (?, ?, NULL, ?, ?, NULL, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
      )
      .bind(id, input.accountId, contactId, to, input.text, encoding, segments, input.sentBy ?? null, reservationId, now)
      .run();
    await env.SMS_SENDS.send({ type: "sms", ids: [id] } satisfies SmsSendMessage);
  } catch (err) {
    // Not queued: nothing will send it, so it must not hold credit either.
    await db.prepare("UPDATE sms_messages SET status = 'failed', error = 'not queued', done_at = ? WHERE id = ? AND status = 'queued'").bind(Date.now(), id).run().catch(() => undefined);
    if (reservationId) await ledgerOf(env, input.accountId).release({ accountId: input.accountId, key: `sms-release:${id}`, reservationId });
    throw err;
  }
  return { ok: true, id, to, encoding, segments, status: "queued" };
}

/** What travels on SMS_SENDS: ids of `sms_messages` rows to send. */
export type SmsSendMessage = { type: "sms"; ids: string[] };

/**
 * Why `to` may not receive SMS from the account, or null: a suppressed phone, or a contact
 * with that number (or the given one) who opted out.
 */
async function optOutOf(db: D1Database, accountId: string, to: string, contactId: number | null): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM suppressions WHERE account_id = ?1 AND kind = 'phone' AND value = ?2) AS suppressed,
              EXISTS (SELECT 1 FROM contacts WHERE account_id = ?1 AND phone = ?2 AND sms_status = 'unsubscribed')
                OR EXISTS (SELECT 1 FROM contacts WHERE id = ?3 AND account_id = ?1 AND sms_status = 'unsubscribed') AS unsubscribed`,
    )
    .bind(accountId, to, contactId ?? -1)
    .first<{ suppressed: number; unsubscribed: number }>();
  if (row?.suppressed) return "is suppressed";
  if (row?.unsubscribed) return "opted out of SMS";
  return null;
}
