/**
 * The SMS API's shapes as the dashboard uses them: type-only aliases of the Worker's zod schemas
 * (shared/api/schemas-sms.ts), so zod stays out of the bundle and a change of the API breaks the
 * type check here. A file of its own (re-exported by api.ts) because the pure view modules
 * (sms-messages.ts, sms-connections.ts) need them too and must not import api.ts, which uses
 * browser-only APIs that the unit tests' type check does not know.
 */
import type { z } from "zod";
import type * as M from "../../../shared/api/schemas-sms";

export type SmsStatus = (typeof M.SMS_STATUSES)[number];
export type SegmentPolicy = (typeof M.SEGMENT_POLICIES)[number];
export type SmsConnectionKind = (typeof M.CONNECTION_KINDS)[number];
export type SmsSendBody = z.input<typeof M.SendSmsBody>;
export type SmsSendOut = z.infer<typeof M.SmsQueued>;
export type SmsMessageOut = z.infer<typeof M.SmsMessageOut>;
export type SmsMessagePage = z.infer<typeof M.SmsMessagePage>;
/** GET /sms/messages's query (its zod input types `limit` as unknown, being coerced). */
export type SmsMessageQuery = { cursor?: string | null; limit?: number; campaignId?: string; status?: SmsStatus };
export type SmsConnectionOut = z.infer<typeof M.SmsConnectionOut>;
export type SmsConnectionCreate = z.input<typeof M.CreateSmsConnectionBody>;
export type SmsConnectionUpdate = z.input<typeof M.UpdateSmsConnectionBody>;
export type SmsSettingsOut = z.infer<typeof M.SmsSettingsOut>;
export type PortabilityImportOut = z.infer<typeof M.PortabilityResult>;
export type PortabilitySummary = z.infer<typeof M.PortabilitySummary>;
