/**
 * Schemas of the account's outgoing webhooks (B1): create, update, the webhook as listed (never
 * its secret, which is in the create answer only), the answer of a test call, and the delivery
 * log (newest first, keyset paged). Targets are any http(s) URL, the same rule as an SMS
 * keyword's webhook (schemas-sms-inbox.ts KeywordActions.webhookUrl).
 */
import { z } from "zod";
import { eventsProblem, WEBHOOK_EVENTS } from "../webhooks/events";

const isoDate = z.iso.datetime();

const WebhookUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000).describe("Where events are POSTed (http or https)");
const WebhookEvents = z
  .array(z.string().max(40))
  .max(WEBHOOK_EVENTS.length)
  .superRefine((events, ctx) => {
    const problem = eventsProblem(events);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe(`Events to receive: ${WEBHOOK_EVENTS.join(", ")} (email "delivered" fires for nothing yet: there is no email delivery signal)`);

export const CreateWebhookBody = z.strictObject({
  url: WebhookUrl,
  events: WebhookEvents,
  description: z.string().trim().max(200).optional(),
});

export const UpdateWebhookBody = z.strictObject({
  url: WebhookUrl.optional(),
  events: WebhookEvents.optional(),
  description: z.string().trim().max(200).nullable().optional(),
  active: z.boolean().optional(),
});

export const WebhookOut = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  description: z.string().nullable(),
  active: z.boolean(),
  failingSince: isoDate.nullable().describe("Set when a delivery used all its retries; cleared by the next success"),
  lastStatus: z.number().int().nullable().describe("HTTP status of the latest attempt (null: none yet, or no answer)"),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type WebhookOut = z.infer<typeof WebhookOut>;
export const WebhookList = z.object({ webhooks: z.array(WebhookOut) });
export const WebhookCreated = WebhookOut.extend({
  secret: z.string().describe("Signing secret (HMAC-SHA256 of \"<t>.<body>\", header X-Pregon-Signature); shown in this answer only"),
});

export const WebhookTestOut = z.object({
  ok: z.boolean().describe("The target answered 2xx"),
  status: z.number().int().nullable().describe("The target's HTTP status; null when it did not answer"),
  error: z.string().nullable().describe("Why there is no answer (timeout, connection refused …)"),
  body: z.string().nullable().describe("The first 500 characters of the target's answer"),
  deliveryId: z.string(),
});

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export const DeliveryOut = z.object({
  id: z.string(),
  event: z.string(),
  eventId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: isoDate.nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  payload: z.unknown().describe("The JSON body POSTed"),
  createdAt: isoDate,
  doneAt: isoDate.nullable(),
});
export const DeliveryPage = z.object({ deliveries: z.array(DeliveryOut), nextCursor: z.string().nullable() });
export const DeliveryQuery = z.strictObject({
  cursor: z.string().regex(/^\d+_[\w-]+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe("Deliveries per page (default 50)"),
});
