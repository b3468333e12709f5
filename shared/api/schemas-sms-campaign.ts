/**
 * Request bodies of campaigns on either channel: `channel: "sms"` makes an SMS
 * campaign, whose message is `text` (merge fields as in email, links shortened per recipient at
 * send time) and which has no subject, template or sender; without `channel` (or "email") the
 * body is the email one, unchanged. A discriminated union, so a missing field is named by the
 * branch the caller chose (400 `text: …` for SMS, `subject: …` for email).
 */
import { z } from "zod";
import { Audience, CreateCampaignBody as CreateEmailCampaignBody, TestSendOut } from "./schemas-email";

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

/**
 * POST /campaigns/:id/test on either channel (W9): an email campaign's test goes to `to`
 * (addresses), an SMS campaign's to `numbers` (Peruvian mobiles); the route refuses the other
 * channel's field by name. Both at most 5.
 */
export const CampaignTestBody = z.strictObject({
  to: z.array(z.email().max(254)).min(1).max(5).optional().meta({ description: "Email campaigns: up to 5 addresses; anyone may receive a test" }),
  numbers: z.array(z.string().trim().min(1).max(40)).min(1).max(5).optional().meta({ description: "SMS campaigns: up to 5 Peruvian mobile numbers; each test SMS costs its segments in credit" }),
  contactId: z.number().int().optional().meta({ description: "Whose data fills the merge fields (sample data when absent)" }),
});

/** An SMS campaign's test: each number's message queued (with its id and segments, debited) or refused. */
export const SmsTestSendOut = z.object({
  results: z.array(
    z.object({
      to: z.string().meta({ description: "The number, E.164" }),
      status: z.enum(["queued", "refused"]),
      messageId: z.string().nullable().meta({ description: "GET /sms/messages/:id follows it; null when refused" }),
      segments: z.number().int().meta({ description: "Segments of the test SMS, \"[Prueba] \" included: the credits it costs" }),
      code: z.string().nullable().meta({ description: "Why it was refused (opted_out, insufficient_credit…)" }),
      message: z.string(),
    }),
  ),
  remainingThisHour: z.number().int(),
});

/** The answer of POST /campaigns/:id/test: the email results, or the SMS ones. */
export const CampaignTestOut = z.union([TestSendOut, SmsTestSendOut]);
