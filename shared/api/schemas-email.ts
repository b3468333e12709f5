/**
 * Request and response schemas of the email API: branding, templates, campaigns.
 */
import { z } from "zod";
import { CAMPAIGN_STATES } from "../campaigns/states";
import { AbBody, AbOut } from "./schemas-ab";

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(120);
const color = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: "must be a colour like #1d4ed8" });

export const BrandingOut = z.object({
  logoUrl: z.string().nullable(),
  primaryColor: z.string(),
  secondaryColor: z.string(),
  organisation: z.string(),
  address: z.string(),
  website: z.string().nullable(),
});
export const BrandingBody = z.strictObject({
  logoUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(500).nullable().optional(),
  primaryColor: color.optional(),
  secondaryColor: color.optional(),
  organisation: z.string().trim().min(1).max(200).optional(),
  address: z.string().trim().max(300).optional(),
  website: z.url({ protocol: /^https?$/ }).max(300).nullable().optional(),
});

export const GalleryOut = z.object({ templates: z.array(z.object({ key: z.string(), name: z.string(), description: z.string(), subject: z.string(), preheader: z.string() })) });

export const TemplateOut = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  fields: z.array(z.string()),
  galleryKey: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export const TemplateList = z.object({ templates: z.array(TemplateOut.omit({ source: true })) });
export const CreateTemplateBody = z.strictObject({
  name,
  source: z.string().min(1).max(512 * 1024).optional().meta({ description: "MJML; or give galleryKey to start from a gallery template" }),
  galleryKey: z.string().optional(),
});
export const UpdateTemplateBody = z.strictObject({ name: name.optional(), source: z.string().min(1).max(512 * 1024).optional() });
export const TemplatePreviewBody = z.strictObject({ contactId: z.number().int().optional() });
export const TemplatePreview = z.object({ html: z.string(), text: z.string(), subject: z.string().optional() });

const subject = z.string().trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" });
export const Audience = z.strictObject({
  listIds: z.array(z.string()).max(50).default([]),
  segmentIds: z.array(z.string()).max(50).default([]),
});
export const CreateCampaignBody = z.strictObject({
  name,
  subject,
  preheader: z.string().trim().max(200).optional(),
  fromName: z.string().trim().min(1).max(100),
  fromAddress: z.email().max(254),
  replyTo: z.email().max(254).optional(),
  commercial: z.boolean().optional().meta({ description: "Commercial mail: the subject gets the PUBLICIDAD prefix (Ley 28493)" }),
  templateId: z.string(),
  audience: Audience,
  ab: AbBody.nullable().optional(),
});
export const UpdateCampaignBody = CreateCampaignBody.partial();
export const ScheduleBody = z.strictObject({
  at: z.string().min(10).max(40).meta({ description: "ISO date-time with offset, or local YYYY-MM-DDTHH:mm read in `timezone`" }),
  timezone: z.string().max(60).optional().meta({ description: "IANA zone, default America/Lima" }),
});
export const CampaignOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATES),
  subject: z.string(),
  preheader: z.string().nullable(),
  fromName: z.string(),
  fromAddress: z.string(),
  replyTo: z.string().nullable(),
  commercial: z.boolean(),
  templateId: z.string().nullable(),
  audience: z.object({ listIds: z.array(z.string()), segmentIds: z.array(z.string()) }),
  scheduledAt: isoDate.nullable(),
  timezone: z.string(),
  progress: z.object({ total: z.number().int(), sent: z.number().int(), failed: z.number().int(), unknown: z.number().int().meta({ description: "Messages lost to a platform fault (not debited); re-send them with resend-unknown" }), perMinute: z.number(), elapsedMs: z.number(), etaMs: z.number().nullable() }),
  pauseReason: z.string().nullable(),
  ab: AbOut.nullable(),
  /** Re-send rounds so far (C1). */
  round: z.number().int(),
  /** "email", or "sms": an SMS campaign's message is `text`; subject, template and sender are empty. */
  channel: z.enum(["email", "sms"]),
  text: z.string().nullable().meta({ description: "SMS campaigns: the message, with merge fields; null for email" }),
  dropped: z
    .object({ noPhone: z.number().int(), notMobile: z.number().int(), optedOut: z.number().int(), suppressed: z.number().int() })
    .nullable()
    .optional()
    .meta({ description: "SMS campaigns, GET only: members left out on the send day, by reason (null before it)" }),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  publishedAt: isoDate.nullable().meta({ description: "When the campaign was published to the account's public archive (W6); null when it is not" }),
  publicUrl: z.string().nullable().meta({ description: "Its public archive page; null when not published or the archive is off" }),
});
export const CampaignList = z.object({ campaigns: z.array(CampaignOut), nextCursor: z.string().nullable() });
export const TestSendOut = z.object({
  results: z.array(z.object({ to: z.string(), status: z.enum(["sent", "rejected", "deferred"]), code: z.number().int().nullable(), message: z.string() })),
  remainingThisHour: z.number().int(),
});
