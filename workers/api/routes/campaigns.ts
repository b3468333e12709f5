/**
 * Email campaigns (E1, W8): drafts that snapshot their template, validated on save; scheduling
 * at a time in any zone (America/Lima by default) or sending now; pause, resume and cancel; the
 * send-time indicator (E4) in every answer; previews with a contact's data (W9).
 */
import { Hono, type Context } from "hono";
import { operations } from "../../../shared/api/operations";
import { ScheduleBody, TemplatePreviewBody } from "../../../shared/api/schemas-email";
import { CreateCampaignBody, UpdateCampaignBody } from "../../../shared/api/schemas-sms-campaign";
import { canDo, type CampaignAction, type CampaignState } from "../../../shared/campaigns/states";
import { isTimeZone, parseScheduleTime, sendProgress, subjectFor } from "../../../shared/campaigns/schedule";
import { drawsFromMainPool } from "../../../shared/auth/roles";
import { MAIN } from "../../../shared/credits/ledger";
import type { AppEnv } from "../context";
import { ApiError, conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { findTemplate } from "./templates";
import { checkAudience, checkMergeFields, checkSender } from "../../email/campaign-validate";
import { audienceSql, countAudience, type CampaignRow } from "../../email/campaign-store";
import { renderPreview } from "../../email/preview";
import { CAMPAIGN_EXTRAS, abEtaMs, abInputOf, abToStore, presentAb } from "../../email/campaign-ab";
import { ledgerOf } from "../../ledger";
import { createSmsDraft, smsScheduleCheck, updateSmsDraft } from "../../sms/campaign-draft";
import { archiveUrls } from "../../../shared/archive/urls";
import { publicBase } from "../../archive/store";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The slug of the account's archive when it is on (W6), for `publicUrl`. */
const ARCHIVE_SLUG = "(SELECT s.slug FROM archive_settings s WHERE s.account_id = campaigns.account_id AND s.enabled = 1) AS archive_slug";
/** The base of public links (W6) for `present`. */
export const baseOf = (c: Context<AppEnv>) => publicBase(c.env, c.req.url);

/** The campaign as the API shows it; `base` makes `publicUrl`, its public archive page (W6). */
export function present(r: CampaignRow & { created_at: number; timezone: string; template_id: string | null; pause_reason: string | null; unknown_count?: number; ab_variants?: string | null; published_at?: number | null; archive_slug?: string | null }, base: string) {
  const p = sendProgress({ sent: r.sent, failed: r.failed, total: r.total, startedAt: r.started_at, finishedAt: r.finished_at, now: Date.now() });
  return {
    id: r.id,
    name: r.name,
    status: r.status as CampaignState,
    subject: r.subject,
    preheader: r.preheader,
    fromName: r.from_name,
    fromAddress: r.from_address,
    replyTo: r.reply_to,
    commercial: r.commercial === 1,
    templateId: r.template_id,
    audience: JSON.parse(r.audience) as { listIds: string[]; segmentIds: string[] },
    scheduledAt: iso(r.scheduled_at),
    timezone: r.timezone,
    progress: { total: r.total, sent: r.sent, failed: r.failed, unknown: r.unknown_count ?? 0, perMinute: p.perMinute, elapsedMs: p.elapsedMs, etaMs: abEtaMs(r, p.etaMs, Date.now()) },
    pauseReason: r.pause_reason,
    ab: presentAb(r),
    round: r.round,
    channel: r.channel === "sms" ? ("sms" as const) : ("email" as const),
    text: r.channel === "sms" ? r.text : null,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    publishedAt: iso(r.published_at ?? null),
    publicUrl: r.published_at != null && r.archive_slug ? archiveUrls(base, r.archive_slug).campaign(r.id) : null,
  };
}
type FullRow = Parameters<typeof present>[0];

export async function findCampaign(c: Context<AppEnv>, id: string): Promise<FullRow> {
  const row = await c.env.DB.prepare(`SELECT campaigns.*, ${CAMPAIGN_EXTRAS}, ${ARCHIVE_SLUG} FROM campaigns WHERE id = ? AND account_id = ?`).bind(id, c.var.actor.accountId).first<FullRow>();
  if (!row) throw notFound("Campaign");
  return row;
}

const DONE: Record<CampaignAction, string> = { edit: "edited", schedule: "scheduled", send: "sent", pause: "paused", resume: "resumed", cancel: "cancelled" };

function must(row: FullRow, action: CampaignAction) {
  if (!canDo(row.status as CampaignState, action)) throw conflict(`The campaign is ${row.status}: it cannot be ${DONE[action]}`);
}

const runner = (c: Context<AppEnv>, id: string) => c.env.CAMPAIGN_RUNNER.get(c.env.CAMPAIGN_RUNNER.idFromName(id));

/** Schedule (or send now): future time, a reachable audience, and enough credit. */
async function schedule(c: Context<AppEnv>, row: FullRow, at: number, timezone: string) {
  const now = Date.now();
  if (at < now - 60_000) throw new ApiError(400, "invalid_field", "at: the time is in the past", "at");
  const total = row.channel === "sms" ? await smsScheduleCheck(c, row, now) : await emailScheduleCheck(c, row, now);
  const actor = c.var.actor;
  const { meta } = await c.env.DB.prepare("UPDATE campaigns SET status = 'scheduled', scheduled_at = ?, timezone = ?, sent_by = ?, total = ?, updated_at = ? WHERE id = ? AND status IN ('draft', 'scheduled')")
    .bind(Math.max(at, now), timezone, actor.userId, total, now, row.id)
    .run();
  if (meta.changes !== 1) throw conflict("The campaign changed meanwhile; reload it");
  await runner(c, row.id).schedule(row.id, row.account_id, Math.max(at, now));
  c.set("audit", { targetType: "campaign", targetId: row.id, details: { at: new Date(Math.max(at, now)).toISOString(), recipients: total } });
}

/** Before scheduling an email campaign: recipients, and the email credit for all of them. */
async function emailScheduleCheck(c: Context<AppEnv>, row: FullRow, now: number): Promise<number> {
  const audience = await audienceSql(c.env.DB, row, now);
  const total = await countAudience(c.env.DB, row.account_id, audience);
  if (total === 0) throw new ApiError(400, "empty_audience", "audience: nobody can be sent to (empty, unsubscribed, invalid or suppressed)", "audience");
  const actor = c.var.actor;
  const holder = drawsFromMainPool(actor.role) ? MAIN : actor.userId;
  const balance = (await ledgerOf(c.env, actor.accountId).overview()).holders[holder]?.email.available ?? 0;
  if (balance < total) throw new ApiError(409, "insufficient_credit", `Not enough email credit: ${total} needed, ${balance} available`);
  return total;
}

async function validateDraft(c: Context<AppEnv>, d: { subject: string; preheader?: string | null; fromAddress: string; audience: { listIds: string[]; segmentIds: string[] } }, html: string, text: string) {
  await checkSender(c.env, c.env.DB, c.var.actor.accountId, d.fromAddress);
  await checkMergeFields(c.env.DB, c.var.actor.accountId, { subject: d.subject, preheader: d.preheader, html, text });
  await checkAudience(c.env.DB, c.var.actor.accountId, d.audience);
}

export const campaigns = new Hono<AppEnv>()
  .get("/", guard("listCampaigns", operations.listCampaigns), async (c) => {
    const rows = await c.env.DB.prepare(`SELECT campaigns.*, ${CAMPAIGN_EXTRAS}, ${ARCHIVE_SLUG} FROM campaigns WHERE account_id = ? AND automation_id IS NULL ORDER BY created_at DESC LIMIT 100`).bind(c.var.actor.accountId).all<FullRow>();
    return c.json({ campaigns: rows.results.map((r) => present(r, baseOf(c))), nextCursor: null });
  })
  .post("/", guard("createCampaign", operations.createCampaign), ...json(CreateCampaignBody), async (c) => {
    const body = c.req.valid("json");
    if (body.channel === "sms") {
      const id = await createSmsDraft(c, body);
      c.set("audit", { targetType: "campaign", targetId: id, details: { name: body.name, channel: "sms" } });
      return c.json(present(await findCampaign(c, id), baseOf(c)), 201);
    }
    const tpl = await findTemplate(c, body.templateId).catch(() => {
      throw new ApiError(404, "not_found", "templateId: template not found", "templateId");
    });
    await validateDraft(c, body, tpl.html, tpl.text);
    const ab = await abToStore(c.env.DB, c.var.actor.accountId, body.ab, { subject: body.subject, templateId: tpl.id });
    const now = Date.now();
    const id = crypto.randomUUID();
    await c.env.DB.prepare(
      `INSERT INTO campaigns (id, account_id, name, status, subject, preheader, from_name, from_address, reply_to, commercial, template_id, html, text, audience, ab, created_by, created_at, updated_at)
       VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .bind(id, c.var.actor.accountId, body.name, body.subject, body.preheader ?? null, body.fromName, body.fromAddress.toLowerCase(), body.replyTo ?? null, body.commercial ? 1 : 0, tpl.id, tpl.html, tpl.text, JSON.stringify(body.audience), ab, c.var.actor.userId, now, now)
      .run();
    c.set("audit", { targetType: "campaign", targetId: id, details: { name: body.name } });
    return c.json(present(await findCampaign(c, id), baseOf(c)), 201);
  })
  .get("/:id", guard("getCampaign", operations.getCampaign), async (c) => {
    const row = await findCampaign(c, c.req.param("id"));
    // An SMS campaign's members dropped on the send day (no mobile, opted out…) are kept by its runner.
    return c.json(row.channel === "sms" ? { ...present(row, baseOf(c)), dropped: await runner(c, row.id).smsDrops() } : present(row, baseOf(c)));
  })
  .patch("/:id", guard("updateCampaign", operations.updateCampaign), ...json(UpdateCampaignBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findCampaign(c, c.req.param("id"));
    c.set("audit", { targetType: "campaign", targetId: row.id, details: { fields: Object.keys(body) } });
    must(row, "edit");
    if (row.channel === "sms") {
      await updateSmsDraft(c, row, body);
      return c.json(present(await findCampaign(c, row.id), baseOf(c)));
    }
    if (body.text !== undefined) throw new ApiError(400, "invalid_field", "text: an email campaign's text comes from its template", "text");
    let html = row.html;
    let text = row.text;
    let templateId = row.template_id;
    if (body.templateId) {
      const tpl = await findTemplate(c, body.templateId).catch(() => {
        throw new ApiError(404, "not_found", "templateId: template not found", "templateId");
      });
      ({ html, text } = tpl);
      templateId = tpl.id;
    }
    const merged = {
      name: body.name ?? row.name,
      subject: body.subject ?? row.subject,
      preheader: body.preheader !== undefined ? body.preheader : row.preheader,
      fromName: body.fromName ?? row.from_name,
      fromAddress: (body.fromAddress ?? row.from_address).toLowerCase(),
      replyTo: body.replyTo !== undefined ? body.replyTo : row.reply_to,
      commercial: body.commercial ?? row.commercial === 1,
      audience: body.audience ?? (JSON.parse(row.audience) as { listIds: string[]; segmentIds: string[] }),
    };
    await validateDraft(c, merged, html, text);
    // The test is checked again against the merged campaign (and B's template copied again).
    const ab = await abToStore(c.env.DB, c.var.actor.accountId, body.ab !== undefined ? body.ab : abInputOf(row.ab), { subject: merged.subject, templateId });
    const { meta } = await c.env.DB.prepare(
      `UPDATE campaigns SET name = ?, subject = ?, preheader = ?, from_name = ?, from_address = ?, reply_to = ?, commercial = ?, template_id = ?, html = ?, text = ?, audience = ?, ab = ?, updated_at = ?
       WHERE id = ? AND status IN ('draft', 'scheduled')`,
    )
      .bind(merged.name, merged.subject, merged.preheader, merged.fromName, merged.fromAddress, merged.replyTo, merged.commercial ? 1 : 0, templateId, html, text, JSON.stringify(merged.audience), ab, Date.now(), row.id)
      .run();
    if (meta.changes !== 1) throw conflict("The campaign started sending meanwhile; it can no longer be edited");
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  })
  .post("/:id/schedule", guard("scheduleCampaign", operations.scheduleCampaign), ...json(ScheduleBody), async (c) => {
    const body = c.req.valid("json");
    const row = await findCampaign(c, c.req.param("id"));
    must(row, "schedule");
    const zone = body.timezone ?? "America/Lima";
    if (!isTimeZone(zone)) throw new ApiError(400, "invalid_field", "timezone: unknown time zone", "timezone");
    const at = parseScheduleTime(body.at, zone);
    if (at === null) throw new ApiError(400, "invalid_field", "at: use YYYY-MM-DDTHH:mm (in the time zone) or an ISO time with offset", "at");
    await schedule(c, row, at, zone);
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  })
  .post("/:id/send", guard("sendCampaign", operations.sendCampaign), async (c) => {
    const row = await findCampaign(c, c.req.param("id"));
    must(row, "send");
    await schedule(c, row, Date.now(), row.timezone);
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  })
  .post("/:id/pause", guard("pauseCampaign", operations.pauseCampaign), async (c) => transition(c, "pause", "paused"))
  .post("/:id/resume", guard("resumeCampaign", operations.resumeCampaign), async (c) => transition(c, "resume", "sending"))
  .post("/:id/cancel", guard("cancelCampaign", operations.cancelCampaign), async (c) => transition(c, "cancel", "cancelled"))
  .post("/:id/resend-unknown", guard("resendUnknown", operations.resendUnknown), async (c) => {
    const row = await findCampaign(c, c.req.param("id"));
    c.set("audit", { targetType: "campaign", targetId: row.id, details: { unknown: row.unknown_count ?? 0, round: row.round + 1 } });
    // The runner checks again and does the work (runner-resend.ts); these answers spare it a wake-up.
    if (row.status !== "sent") throw new ApiError(409, "not_finished", `The campaign is ${row.status}: only a sent campaign's unconfirmed messages can be re-sent`);
    if (!row.unknown_count) throw new ApiError(409, "nothing_to_resend", "The campaign has no unconfirmed messages to re-send");
    const r = await runner(c, row.id).resendUnknown(c.var.actor.userId);
    if (!r.ok) throw new ApiError(409, r.code, r.message);
    return c.json(present(await findCampaign(c, row.id), baseOf(c)));
  })
  .post("/:id/preview", guard("previewCampaign", operations.previewCampaign), ...json(TemplatePreviewBody), async (c) => {
    const row = await findCampaign(c, c.req.param("id"));
    return c.json(await renderPreview(c, { html: row.html, text: row.text, subject: subjectFor(row.subject, row.commercial === 1) }, c.req.valid("json").contactId ?? null));
  });

async function transition(c: Context<AppEnv>, action: "pause" | "resume" | "cancel", next: CampaignState) {
  const row = await findCampaign(c, c.req.param("id")!);
  c.set("audit", { targetType: "campaign", targetId: row.id, details: { from: row.status } });
  must(row, action);
  // A paused campaign that never started goes back to scheduled; one that was sending, to sending.
  const target = action === "resume" && !row.started_at ? "scheduled" : next;
  const { meta } = await c.env.DB.prepare("UPDATE campaigns SET status = ?, pause_reason = NULL, updated_at = ? WHERE id = ? AND status = ?").bind(target, Date.now(), row.id, row.status).run();
  if (meta.changes !== 1) throw conflict("The campaign changed meanwhile; reload it");
  if (action !== "pause") await runner(c, row.id).wake(Math.max(Date.now(), row.scheduled_at ?? 0));
  return c.json(present(await findCampaign(c, row.id), baseOf(c)));
}
