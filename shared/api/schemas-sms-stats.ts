/**
 * Schemas of an SMS campaign's per-operator table (GET /campaigns/:id/sms-operators) and its
 * recipients (GET /campaigns/:id/sms-recipients, one row per `sms_messages` row); `satisfies`
 * keeps them in step with shared/sms/operator-stats.ts and sms-recipients.ts.
 */
import { z } from "zod";
import type { OperatorRow } from "../sms/operator-stats";
import type { SmsRecipient } from "../sms/sms-recipients";

const n = z.number().int().nonnegative();

const OperatorRowOut = z.object({
  operator: z.string().describe("claro | movistar | entel | bitel | other | unknown"),
  sent: n.describe("Messages the provider accepted"),
  delivered: n.describe("Final receipt delivered"),
  failed: n.describe("Final receipt failed, expired or rejected"),
  pending: n.describe("Sent without a final receipt yet"),
}) satisfies z.ZodType<OperatorRow>;

export const SmsOperatorsOut = z.object({ operators: z.array(OperatorRowOut).describe("Known operators first, then others") });

/** `GET /campaigns/:id/sms-recipients`: a keyset page by contact id. */
export const SmsRecipientQuery = z.strictObject({
  cursor: z.string().regex(/^\d+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Rows a page (default 50)"),
});

export const SmsRecipientOut = z.object({
  messageId: z.string(),
  contactId: n,
  name: z.string().nullable().describe("The contact's first and last name; null when it has none or was erased"),
  number: z.string().describe("The number the message went to, E.164"),
  status: z.string().describe("queued | sending | accepted | delivered | failed | expired | rejected | cancelled"),
  operator: z.string().nullable(),
  segments: n,
  sentAt: z.iso.datetime().nullable().describe("When the provider accepted it"),
  doneAt: z.iso.datetime().nullable().describe("When it reached its final status"),
  error: z.string().nullable(),
  firstClickAt: z.iso.datetime().nullable().describe("First short-link click by a person"),
  clicks: n.describe("Short-link clicks by a person"),
  machineClicks: n.describe("Clicks by machines (link scanners), counted apart"),
  replies: n.describe("Incoming messages from this recipient linked to the campaign"),
}) satisfies z.ZodType<SmsRecipient>;

export const SmsRecipientPage = z.object({ recipients: z.array(SmsRecipientOut), nextCursor: z.string().nullable() });
