/**
 * Test sends of an SMS campaign (W9 for SMS): the campaign's text as it stands, rendered with a
 * chosen contact's data (or sample data), "[Prueba] " before it, to up to five mobile numbers.
 * Unlike an email test, an SMS costs real money at the carrier, so each one is a single send
 * through `queueSms`: the same checks (an opted-out number is refused), one credit per segment
 * from whoever sends (the main pool for owners and admins), the same consumer and receipts. The
 * message rows carry no campaign, so a test never counts in the campaign's figures; its links
 * are short links without a contact (a tester's click is never a recipient's). The campaign's
 * text was checked against the account's segment policy when it was saved; the prefix is ours,
 * so the policy is not applied to it again.
 */
import { compileTemplate, systemFields, type MergeData } from "../../shared/email/merge";
import { renderTestSms } from "../../shared/sms/campaign-message";
import type { CampaignRow } from "../email/campaign-store";
import { linkKey } from "../tracking/record";
import { shortLinkBase } from "./campaign-validate";
import { queueSms } from "./queue-sms";

export type SmsTestResult = { to: string; status: "queued" | "refused"; messageId: string | null; segments: number; code: string | null; message: string };

/**
 * Render and queue one test SMS per number (already E.164 mobiles); refusals come back per number.
 * @example await sendSmsTest(env, campaign, data, ["+51987654321"], { accountId, userId, holder: "main" }) // [{ to: "+51987654321", status: "queued", messageId: "sms_…", segments: 2, code: null, message: "" }]
 */
export async function sendSmsTest(env: Env, c: CampaignRow, data: MergeData, numbers: readonly string[], actor: { accountId: string; userId: string; holder: string }): Promise<SmsTestResult[]> {
  const t = compileTemplate(c.text);
  if (!t.ok) throw new Error(`SMS campaign text no longer compiles: ${t.error.message}`);
  const key = await linkKey(env);
  const base = shortLinkBase(env);
  // SMS has no unsubscribe or web-version link (opting out is by replying BAJA).
  const smsData: MergeData = { ...data, system: systemFields({ unsubscribeUrl: "", webUrl: "", now: new Date() }) };
  const results: SmsTestResult[] = [];
  for (const number of numbers) {
    const m = await renderTestSms(key, t.template, smsData, { base, campaignId: c.id, number });
    // Written first, so the link works as soon as the SMS can arrive (a refused test leaves an unused row).
    if (m.links.length > 0) {
      await env.DB.prepare(
        `INSERT INTO short_links (code, account_id, campaign_id, message_id, contact_id, url, created_at)
         SELECT value ->> 'code', ?1, ?2, NULL, NULL, value ->> 'url', ?3 FROM json_each(?4) WHERE true ON CONFLICT DO NOTHING`,
      )
        .bind(actor.accountId, c.id, Date.now(), JSON.stringify(m.links))
        .run();
    }
    const r = await queueSms(env, { accountId: actor.accountId, to: number, text: m.text, sentBy: actor.userId, holder: actor.holder, policy: "allow" });
    if (!r.ok) {
      results.push({ to: number, status: "refused", messageId: null, segments: m.segments, code: r.code, message: r.message });
      continue;
    }
    results.push({ to: r.to, status: "queued", messageId: r.id, segments: r.segments, code: null, message: "" });
  }
  return results;
}
