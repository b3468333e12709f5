/**
 * The outgoing webhooks API's shapes as the dashboard uses them (B1): type-only aliases of the
 * Worker's zod schemas (shared/api/schemas-webhooks.ts), so zod stays out of the bundle. A file of
 * its own, re-exported by api.ts, like sms-types.ts.
 */
import type { z } from "zod";
import type * as WH from "../../../shared/api/schemas-webhooks";
import type { WebhookEvent } from "../../../shared/webhooks/events";

export type { WebhookEvent };
export type WebhookOut = z.infer<typeof WH.WebhookOut>;
export type WebhookCreated = z.infer<typeof WH.WebhookCreated>;
export type WebhookTestOut = z.infer<typeof WH.WebhookTestOut>;
export type WebhookDeliveryOut = z.infer<typeof WH.DeliveryOut>;
export type WebhookDeliveryPage = z.infer<typeof WH.DeliveryPage>;
export type CreateWebhookBody = { url: string; events: WebhookEvent[]; description?: string };
export type UpdateWebhookBody = { url?: string; events?: WebhookEvent[]; description?: string | null; active?: boolean };
