/**
 * Request and response schemas of the SMS send path: single sends and the messages
 * list, the provider connections (Kannel, Jasmin, generic JSON) with the callback URLs to give
 * the provider, the account's segment policy, and the portability table (number → operator).
 * The inbox and keywords have their own file.
 */
import { z } from "zod";

const isoDate = z.iso.datetime();

export const SMS_STATUSES = ["queued", "sending", "accepted", "delivered", "failed", "expired", "rejected", "cancelled"] as const;
export const PART_STATUSES = ["sending", "accepted", "buffered", "delivered", "failed", "expired", "rejected"] as const;
export const CONNECTION_KINDS = ["kannel", "jasmin", "http-json"] as const;
export const SEGMENT_POLICIES = ["enforce", "confirm", "allow"] as const;
/** Operators a connection may serve; "*" is every operator (and numbers whose operator is unknown). */
export const ROUTE_OPERATORS = ["claro", "movistar", "entel", "bitel", "other", "*"] as const;

export const SendSmsBody = z.strictObject({
  to: z.string().min(1).max(64).meta({ description: "A Peruvian mobile, as typed (987 654 321, +51987654321…)" }),
  text: z.string().max(2000).meta({ description: "The message; at most 10 segments" }),
  contactId: z.number().int().positive().optional().meta({ description: "The contact the message is for (its opt-out is checked too)" }),
  confirmMultipart: z.boolean().optional().meta({ description: "Under the policy \"confirm\": the sender agrees to more than one segment" }),
});

export const SmsQueued = z.object({
  id: z.string(),
  to: z.string().meta({ description: "E.164" }),
  encoding: z.enum(["GSM-7", "UCS-2"]),
  segments: z.number().int(),
  status: z.literal("queued"),
});

export const SmsPartOut = z.object({ part: z.number().int().meta({ description: "1-based; 0 when the provider reports the message as a whole" }), status: z.enum(PART_STATUSES) });

export const SmsMessageOut = z.object({
  id: z.string(),
  to: z.string(),
  contactId: z.number().int().nullable(),
  campaignId: z.string().nullable(),
  text: z.string(),
  encoding: z.enum(["GSM-7", "UCS-2"]),
  segments: z.number().int(),
  status: z.enum(SMS_STATUSES),
  error: z.string().nullable().meta({ description: "Why it failed, or the last provider fault while it is retried" }),
  operator: z.string().nullable(),
  connectionId: z.string().nullable(),
  createdAt: isoDate,
  sentAt: isoDate.nullable(),
  doneAt: isoDate.nullable(),
  parts: z.array(SmsPartOut),
});

export const SmsMessagesQuery = z.strictObject({
  cursor: z.string().max(200).optional().meta({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  campaignId: z.string().max(100).optional(),
  status: z.enum(SMS_STATUSES).optional(),
});
export const SmsMessagePage = z.object({ messages: z.array(SmsMessageOut), nextCursor: z.string().nullable() });

const operatorList = z
  .array(z.enum(ROUTE_OPERATORS))
  .min(1)
  .max(6)
  .refine((ops) => new Set(ops).size === ops.length, { error: "must not repeat an operator" })
  .meta({ description: "Operators this connection serves: claro, movistar, entel, bitel, other, or \"*\" for all" });
const httpUrl = z
  .string()
  .max(500)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), { error: "must be an http(s) URL, e.g. http://kannel.interno:13013" });

export const CreateSmsConnectionBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(CONNECTION_KINDS),
  baseUrl: httpUrl.meta({ description: "Kannel: smsbox's base (…:13013); Jasmin: ja-http's base (…:1401); http-json: the full URL to POST to" }),
  username: z.string().max(200).optional(),
  password: z.string().max(500).optional().meta({ description: "Write-only; stored encrypted (http-json: the bearer token)" }),
  sender: z.string().trim().min(1).max(20).regex(/^[\w .+-]+$/, { error: "must be a short code, a number or up to 11 letters" }).meta({ description: "Sender id or short code" }),
  operators: operatorList.default(["*"]),
  priority: z.number().int().min(0).max(1000).default(0).meta({ description: "Lower goes first; the next ones are the failover" }),
  ratePerSecond: z.number().int().min(1).max(10_000).default(50).meta({ description: "Messages (parts) per second this connection may take" }),
  active: z.boolean().default(true),
});
export const UpdateSmsConnectionBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(CONNECTION_KINDS).optional(),
  baseUrl: httpUrl.optional(),
  username: z.string().max(200).nullable().optional(),
  password: z.string().max(500).nullable().optional().meta({ description: "A new password; null removes it; absent keeps it" }),
  sender: z.string().trim().min(1).max(20).regex(/^[\w .+-]+$/, { error: "must be a short code, a number or up to 11 letters" }).optional(),
  operators: operatorList.optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  ratePerSecond: z.number().int().min(1).max(10_000).optional(),
  active: z.boolean().optional(),
});

export const SmsConnectionOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CONNECTION_KINDS),
  baseUrl: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  sender: z.string(),
  operators: z.array(z.string()),
  priority: z.number().int(),
  ratePerSecond: z.number().int(),
  active: z.boolean(),
  builtIn: z.boolean().meta({ description: "The deployment's default connection (id \"local\", from SMS_KANNEL_URL): read-only" }),
  callbackUrls: z.object({ dlr: z.string(), mo: z.string() }).meta({ description: "Give these to the provider: delivery receipts and incoming messages (the secret is in them)" }),
  createdAt: isoDate.nullable(),
  updatedAt: isoDate.nullable(),
});
export const SmsConnectionList = z.object({ connections: z.array(SmsConnectionOut) });

export const SmsSettingsBody = z.strictObject({ segmentPolicy: z.enum(SEGMENT_POLICIES) });
export const SmsSettingsOut = z.object({
  segmentPolicy: z.enum(SEGMENT_POLICIES).meta({ description: "More than one segment: refused (enforce), allowed once confirmed (confirm) or allowed (allow)" }),
  maxSegments: z.number().int(),
});

export const PortabilityResult = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })).meta({ description: "The first 1,000 rejected lines" }),
  rejectedTotal: z.number().int(),
});
export const PortabilitySummary = z.object({ count: z.number().int(), byOperator: z.record(z.string(), z.number().int()) });
