/**
 * The account's SMS settings: for now its single-segment policy (S7). They live in the JSON of
 * D1 `send_settings.limits` under the key `sms`, next to the email send limits, so no table was
 * added; the email limits' writer (workers/email/send-settings.ts) keeps this key when it
 * replaces the rest, and this writer touches only this key. An account that never chose has
 * DEFAULT_SEGMENT_POLICY.
 */
import { DEFAULT_SEGMENT_POLICY, SEGMENT_POLICIES, type SegmentPolicy } from "../../shared/sms/send-checks";

export type SmsSettings = { segmentPolicy: SegmentPolicy };

/** The account's SMS settings, defaults filled in. */
export async function loadSmsSettings(db: D1Database, accountId: string): Promise<SmsSettings> {
  const raw = await db.prepare("SELECT limits ->> '$.sms.segmentPolicy' AS policy FROM send_settings WHERE account_id = ?").bind(accountId).first<string | null>("policy");
  const policy = SEGMENT_POLICIES.find((p) => p === raw) ?? DEFAULT_SEGMENT_POLICY;
  return { segmentPolicy: policy };
}

/** Store the account's SMS settings (already validated), leaving the email limits as they are. */
export async function saveSmsSettings(db: D1Database, accountId: string, settings: SmsSettings, now: number): Promise<SmsSettings> {
  const sms = JSON.stringify({ segmentPolicy: settings.segmentPolicy });
  await db
    .prepare(
      // A new row gets the email side's "no limits" shape ({ perProviderPerHour: {} }).
      `INSERT INTO send_settings (account_id, limits, updated_at) VALUES (?1, json_object('perProviderPerHour', json_object(), 'sms', json(?2)), ?3)
       ON CONFLICT (account_id) DO UPDATE SET limits = json_set(send_settings.limits, '$.sms', json(?2))`,
    )
    .bind(accountId, sms, now)
    .run();
  return settings;
}
