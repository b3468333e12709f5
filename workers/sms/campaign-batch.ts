/**
 * One group of an SMS campaign's recipients (S8, S9): each contact's message rendered
 * (shared/sms/campaign-message.ts), the credit of exactly the segments rendered reserved under a
 * key of the group (so a retried alarm reserves nothing twice), then in ONE D1 batch the
 * `sms_messages` rows (unique per campaign and contact: a repeat inserts nothing) and their
 * `short_links`, and the ids put on SMS_SENDS. The consumer commits each message's segments to
 * the group's reservation when the provider takes it; the runner releases what is left at the end.
 *
 * Why per group and on the rendered text: merge fields and links make every message's length
 * its own, so a reservation on the template would be wrong both ways; rendering first costs
 * nothing extra (the text is stored for the consumer to send as is) and the reservation is exact.
 * When the credit does not cover the whole group, the recipients that fit are sent and the
 * caller pauses the campaign (`credit_exhausted`).
 */
import { compileTemplate } from "../../shared/email/merge";
import { fittingPrefix, renderCampaignSms } from "../../shared/sms/campaign-message";
import { MAX_SEGMENTS } from "../../shared/sms/send-checks";
import type { CampaignRow } from "../email/campaign-store";
import { ledgerOf } from "../ledger";
import { linkKey } from "../tracking/record";
import type { SmsRecipient } from "./campaign-audience";
import { shortLinkBase } from "./campaign-validate";
import type { SmsSendMessage } from "./queue-sms";
import { loadSmsSettings } from "./settings-store";

/** Message ids per Queue message (each is claimed, sent and settled together by the consumer). */
export const SMS_PER_MESSAGE = 50;

export type GroupResult = { queued: number; lastId: number; exhausted: boolean };

/** The id of a campaign's message to a contact: the same on every attempt, so a repeat is a no-op. */
export const campaignMessageId = (campaignId: string, contactId: number) => `smsc_${campaignId}_${contactId}`;

/**
 * Render, reserve, write and queue `rows` (in id order); `holder` pays.
 * @example await sendGroup(env, campaign, rows, "main", Date.now()) // { queued: 100, lastId: 4711, exhausted: false }
 */
export async function sendGroup(env: Env, c: CampaignRow, rows: readonly SmsRecipient[], holder: string, now: number): Promise<GroupResult> {
  const t = compileTemplate(c.text);
  // Validated when the campaign was saved; failing here is a platform fault.
  if (!t.ok) throw new Error(`SMS campaign text no longer compiles: ${t.error.message}`);
  const key = await linkKey(env);
  const base = shortLinkBase(env);
  const [rendered, settings] = await Promise.all([Promise.all(rows.map((p) => renderCampaignSms(key, t.template, p, { base, campaignId: c.id, now: new Date(now) }))), loadSmsSettings(env.DB, c.account_id)]);
  // A message that renders empty or past the cap (one segment under the policy "enforce", where
  // a contact's long name can push it over) is recorded failed and costs nothing.
  const cap = settings.segmentPolicy === "enforce" ? 1 : MAX_SEGMENTS;
  const sendable = rendered.map((r) => r.segments > 0 && r.segments <= cap);
  const cost = rendered.map((r, i) => (sendable[i] ? r.segments : 0));
  const ledger = ledgerOf(env, c.account_id);
  const first = rows[0]!.id;
  let take = rows.length;
  let reservationId: string | null = null;
  const reserve = (n: number) => {
    const amount = cost.slice(0, n).reduce((a, b) => a + b, 0);
    return amount === 0 ? null : ledger.reserve({ accountId: c.account_id, key: `campaign:${c.id}:sms:${first}:${n}`, holder, channel: "sms", amount, actorUserId: c.sent_by, note: c.name });
  };
  let r = await reserve(take);
  if (r && !r.ok) {
    if (r.code !== "insufficient_credit") throw new Error(`SMS campaign credit reservation failed: ${r.message}`);
    take = fittingPrefix(cost, r.available ?? 0);
    r = take > 0 ? await reserve(take) : null;
    if (r && !r.ok) return { queued: 0, lastId: first - 1, exhausted: true };
  }
  if (r?.ok) reservationId = r.reservationId;
  if (take === 0) return { queued: 0, lastId: first - 1, exhausted: true };

  const group = rows.slice(0, take).map((p, i) => ({ p, m: rendered[i]!, ok: sendable[i]!, id: campaignMessageId(c.id, p.id) }));
  const messages = group.map(({ p, m, ok, id }) => ({ id, contact: p.id, to: p.phone, text: m.text, enc: m.encoding, seg: m.segments, status: ok ? "queued" : "failed", error: ok ? null : m.segments === 0 ? "empty text" : `${m.segments} segments: over the limit of ${cap}` }));
  const links = group.filter((g) => g.ok).flatMap(({ p, m, id }) => m.links.map((l) => ({ code: l.code, message: id, contact: p.id, url: l.url })));
  const db = env.DB;
  const stmts = [
    db
      .prepare(
        `INSERT INTO sms_messages (id, account_id, campaign_id, contact_id, to_number, sender, text, encoding, segments, status, attempts, error, sent_by, reservation_id, created_at, done_at)
         SELECT value ->> 'id', ?1, ?2, value ->> 'contact', value ->> 'to', NULL, value ->> 'text', value ->> 'enc', value ->> 'seg', value ->> 'status', 0, value ->> 'error', ?3, ?4, ?5,
                CASE WHEN value ->> 'status' = 'failed' THEN ?5 END
         FROM json_each(?6) WHERE true ON CONFLICT DO NOTHING`,
      )
      .bind(c.account_id, c.id, c.sent_by, reservationId, now, JSON.stringify(messages)),
  ];
  if (links.length > 0) {
    stmts.push(
      db
        .prepare(
          `INSERT INTO short_links (code, account_id, campaign_id, message_id, contact_id, url, created_at)
           SELECT value ->> 'code', ?1, ?2, value ->> 'message', value ->> 'contact', value ->> 'url', ?3 FROM json_each(?4) WHERE true ON CONFLICT DO NOTHING`,
        )
        .bind(c.account_id, c.id, now, JSON.stringify(links)),
    );
  }
  await db.batch(stmts);
  const ids = messages.filter((m) => m.status === "queued").map((m) => m.id);
  const batch: { body: SmsSendMessage }[] = [];
  for (let i = 0; i < ids.length; i += SMS_PER_MESSAGE) batch.push({ body: { type: "sms", ids: ids.slice(i, i + SMS_PER_MESSAGE) } });
  for (let i = 0; i < batch.length; i += 100) await env.SMS_SENDS.sendBatch(batch.slice(i, i + 100));
  return { queued: ids.length, lastId: group[group.length - 1]!.p.id, exhausted: take < rows.length };
}
