/**
 * The SMS side of the campaigns API: saving a draft whose message is `text` (checked by
 * campaign-validate.ts; no subject, template or sender), editing one (email-only fields refused,
 * naming the field), and the check before scheduling: someone reachable by SMS, and credit for at
 * least one message (S8: the runner sends in groups while the credit lasts and pauses when it
 * runs out, so a short balance does not refuse the whole campaign).
 */
import type { Context } from "hono";
import type { z } from "zod";
import { drawsFromMainPool } from "../../shared/auth/roles";
import { MAIN } from "../../shared/credits/ledger";
import type { CreateSmsCampaignBody, UpdateCampaignBody } from "../../shared/api/schemas-sms-campaign";
import type { AppEnv } from "../api/context";
import { ApiError, conflict } from "../api/errors";
import type { CampaignRow } from "../email/campaign-store";
import { checkAudience } from "../email/campaign-validate";
import { ledgerOf } from "../ledger";
import { smsAudienceCount } from "./campaign-audience";
import { checkSmsCampaignText } from "./campaign-validate";

type Audience = { listIds: string[]; segmentIds: string[] };
/** Fields of the email body an SMS campaign has no use for. */
const EMAIL_ONLY = ["subject", "preheader", "fromName", "fromAddress", "replyTo", "templateId", "ab"] as const;

/**
 * Validate and insert an SMS draft; returns its id.
 * @example await createSmsDraft(c, { channel: "sms", name: "Aviso", text: "Hola {{nombre}}", audience: { listIds: [l], segmentIds: [] } }) // "3f…"
 */
export async function createSmsDraft(c: Context<AppEnv>, body: z.infer<typeof CreateSmsCampaignBody>): Promise<string> {
  const actor = c.var.actor;
  await checkSmsCampaignText(c.env, actor.accountId, body.text, body.confirmMultipart === true);
  await checkAudience(c.env.DB, actor.accountId, body.audience);
  const now = Date.now();
  const id = crypto.randomUUID();
  await c.env.DB.prepare(
    `INSERT INTO campaigns (id, account_id, name, status, subject, preheader, from_name, from_address, reply_to, commercial, template_id, html, text, audience, ab, channel, created_by, created_at, updated_at)
     VALUES (?, ?, ?, 'draft', '', NULL, '', '', NULL, ?, NULL, '', ?, ?, NULL, 'sms', ?, ?, ?)`,
  )
    .bind(id, actor.accountId, body.name, body.commercial ? 1 : 0, body.text, JSON.stringify(body.audience), actor.userId, now, now)
    .run();
  return id;
}

/** Apply a PATCH to an SMS draft (or scheduled campaign). */
export async function updateSmsDraft(c: Context<AppEnv>, row: CampaignRow, body: z.infer<typeof UpdateCampaignBody>): Promise<void> {
  for (const field of EMAIL_ONLY) if (body[field] !== undefined) throw new ApiError(400, "invalid_field", `${field}: an SMS campaign has no ${field}; its message is text`, field);
  const text = body.text ?? row.text;
  const audience = body.audience ?? (JSON.parse(row.audience) as Audience);
  await checkSmsCampaignText(c.env, row.account_id, text, body.confirmMultipart === true);
  await checkAudience(c.env.DB, row.account_id, audience);
  const { meta } = await c.env.DB.prepare("UPDATE campaigns SET name = ?, text = ?, commercial = ?, audience = ?, updated_at = ? WHERE id = ? AND status IN ('draft', 'scheduled')")
    .bind(body.name ?? row.name, text, (body.commercial ?? row.commercial === 1) ? 1 : 0, JSON.stringify(audience), Date.now(), row.id)
    .run();
  if (meta.changes !== 1) throw conflict("The campaign started sending meanwhile; it can no longer be edited");
}

/**
 * Before scheduling an SMS campaign: how many it reaches today; 400 naming `audience` when nobody,
 * 409 `insufficient_credit` when the payer has no SMS credit at all.
 */
export async function smsScheduleCheck(c: Context<AppEnv>, row: CampaignRow, now: number): Promise<number> {
  const { total } = await smsAudienceCount(c.env.DB, row, now);
  if (total === 0) throw new ApiError(400, "empty_audience", "audience: nobody can be sent an SMS (no Peruvian mobile, opted out or suppressed)", "audience");
  const actor = c.var.actor;
  const holder = drawsFromMainPool(actor.role) ? MAIN : actor.userId;
  const balance = (await ledgerOf(c.env, actor.accountId).overview()).holders[holder]?.sms.available ?? 0;
  if (balance < 1) throw new ApiError(409, "insufficient_credit", "Not enough SMS credit: none available");
  return total;
}
