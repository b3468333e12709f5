/**
 * Resubscribing a contact to SMS after an opt-out (Ley 32323: consent is per channel and can be
 * given again). A BAJA by SMS left two marks: the contact's `sms_status = unsubscribed` and a
 * phone suppression with reason "sms_optout" (workers/sms/optout.ts). Setting SMS back to
 * subscribed on the contact (PATCH /contacts/:id, which records the `granted` consent with the
 * acting user as proof) must lift the second too, or the number would stay unreachable. Only an
 * opt-out's suppression is lifted this way: a phone suppressed for another reason (a manual
 * entry, an erased contact's number) is refused, to be removed on the suppression page, where
 * the decision is explicit. Email is untouched: its suppressions are of other kinds.
 */
import { ApiError } from "../api/errors";
import { unmarkSuppressed } from "../audience/contacts-store";

/** The reason optout.ts stores on the phone suppression of an SMS opt-out. */
export const SMS_OPTOUT_REASON = "sms_optout";

/**
 * Whether resubscribing `phone` lifts a suppression: true for an SMS opt-out's, false when the
 * phone is not suppressed; a suppression for any other reason is a 409 naming smsStatus.
 * @example await smsOptOutToLift(db, accountId, "+51987654321") // true after a BAJA
 */
export async function smsOptOutToLift(db: D1Database, accountId: string, phone: string): Promise<boolean> {
  const reason = await db.prepare("SELECT reason FROM suppressions WHERE account_id = ? AND kind = 'phone' AND value = ?").bind(accountId, phone).first<string>("reason");
  if (reason === null) return false;
  if (reason === SMS_OPTOUT_REASON) return true;
  throw new ApiError(409, "conflict", `smsStatus: the phone is on the suppression list (${reason}); remove it there first`, "smsStatus");
}

/**
 * The statements that lift the opt-out suppression of `phone`, to run in the same batch as the
 * contact's status change and consent row: the suppression row goes (only if it is still an
 * opt-out's) and every contact with that phone loses "phone_suppressed".
 */
export function liftSmsOptOut(db: D1Database, accountId: string, phone: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM suppressions WHERE account_id = ? AND kind = 'phone' AND value = ? AND reason = ?").bind(accountId, phone, SMS_OPTOUT_REASON),
    unmarkSuppressed(db, accountId, "phone", phone),
  ];
}
