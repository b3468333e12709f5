/**
 * Request bodies of campaigns on either channel (issue 6): `channel: "sms"` makes an SMS
 * campaign, whose message is `text` (merge fields as in email, links shortened per recipient at
 * send time) and which has no subject, template or sender; without `channel` (or "email") the
 * body is the email one, unchanged. A discriminated union, so a missing field is named by the
 * branch the caller chose (400 `text: …` for SMS, `subject: …` for email).
 */
import { z } from "zod";
import { Audience, CreateCampaignBody as CreateEmailCampaignBody } from "./schemas-email";

/** At most 10 GSM-7 segments of template, before merge fields and short links. */
const smsText = z.string().max(1530, { error: "must be at most 1530 characters" }).meta({ description: "The SMS body; merge fields such as {{nombre}}; http(s) links become per-recipient short links" });

export const CreateSmsCampaignBody = z.strictObject({
  channel: z.literal("sms"),
  name: z.string().trim().min(1).max(120),
  text: smsText,
  commercial: z.boolean().optional(),
  audience: Audience,
  confirmMultipart: z.boolean().optional().meta({ description: "Under the segment policy \"confirm\": the sender agrees to messages of more than one segment" }),
});

/** POST /campaigns: an email campaign (as before) or an SMS campaign. */
export const CreateCampaignBody = z.discriminatedUnion("channel", [CreateEmailCampaignBody.extend({ channel: z.literal("email").optional() }), CreateSmsCampaignBody]);

/** PATCH /campaigns/:id: the fields of the campaign's own channel (the channel itself cannot change). */
export const UpdateCampaignBody = CreateEmailCampaignBody.partial().extend({ text: smsText.optional(), confirmMultipart: z.boolean().optional() });
