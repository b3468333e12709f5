/**
 * Request and response schemas of the audience API: lists, contacts, imports, suppression and
 * list cleaning reports. Strict request objects, as in schemas.ts.
 */
import { z } from "zod";
import { SegmentDefinition } from "../audience/segments";

const isoDate = z.iso.datetime();
const name = z.string().trim().min(1).max(120);

export const CONTACT_STATUSES = ["subscribed", "unsubscribed", "bounced", "complained", "invalid"] as const;
export const VERDICTS = ["valid", "risky", "invalid"] as const;

export const ListCounts = z.object({
  members: z.number().int().meta({ description: "Contacts in the list" }),
  subscribed: z.number().int().meta({ description: "Members reachable by email now (subscribed, not suppressed)" }),
  sms: z.number().int().meta({ description: "Members reachable by SMS now" }),
});
export const ListOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  doubleOptIn: z.boolean(),
  formUrl: z.string().meta({ description: "Hosted subscription form" }),
  createdAt: isoDate,
  counts: ListCounts,
});
export const ListList = z.object({ lists: z.array(ListOut) });
export const CreateListBody = z.strictObject({ name, description: z.string().max(500).optional(), doubleOptIn: z.boolean().optional() });
export const UpdateListBody = CreateListBody.partial();

export const CleaningReport = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  risky: z.number().int(),
  invalid: z.number().int(),
  byReason: z.record(z.string(), z.number().int()),
});

export const SendCheck = z.object({
  total: z.number().int(),
  email: z.object({ sendable: z.number().int(), suppressed: z.number().int(), unsubscribed: z.number().int(), invalid: z.number().int(), noAddress: z.number().int() }),
  domainsLookedUp: z.number().int(),
});

export const ColumnTarget = z.union([
  z.enum(["email", "phone", "firstName", "lastName", "position", "company"]),
  z.string().regex(/^custom:[a-z][a-z0-9_]{0,39}$/, { error: 'custom fields are "custom:<key>" with a lower-case key' }) as unknown as z.ZodType<`custom:${string}`>,
  z.null(),
]);
export const IMPORT_POLICIES = ["upsert", "insert"] as const;
export const StartImportBody = z.strictObject({
  mapping: z.array(ColumnTarget).min(1).max(200),
  policy: z.enum(IMPORT_POLICIES).optional().meta({ description: "upsert: insert new, update existing (default); insert: leave existing contacts untouched" }),
  hasHeader: z.boolean().optional(),
});

export const ImportOut = z.object({
  id: z.string(),
  listId: z.string(),
  status: z.enum(["ready", "queued", "running", "done", "failed"]),
  fileName: z.string(),
  fileSize: z.number().int(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  hasHeader: z.boolean().nullable(),
  header: z.array(z.string()).nullable(),
  preview: z.array(z.array(z.string())),
  mapping: z.array(ColumnTarget).nullable(),
  policy: z.enum(IMPORT_POLICIES),
  progress: z.number().meta({ description: "0…1, by bytes of the file processed" }),
  counts: z.object({ rowsRead: z.number().int(), inserted: z.number().int(), updated: z.number().int(), skipped: z.number().int(), rejected: z.number().int() }),
  verdicts: z.record(z.string(), z.number().int()),
  error: z.string().nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});
export const ImportCreated = z.object({ importId: z.string(), import: ImportOut });
export const ImportList = z.object({ imports: z.array(ImportOut) });

export const ContactOut = z.object({
  id: z.number().int(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  position: z.string().nullable(),
  company: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  emailStatus: z.enum(CONTACT_STATUSES),
  smsStatus: z.enum(CONTACT_STATUSES),
  verdict: z.enum(VERDICTS),
  reasons: z.array(z.string()),
  suggestion: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ContactOut = z.infer<typeof ContactOut>;
export const ContactPage = z.object({ contacts: z.array(ContactOut), nextCursor: z.string().nullable() });
export const ContactQuery = z.strictObject({
  q: z.string().trim().max(200).optional().meta({ description: "Prefix of email, phone, first or last name, or company" }),
  listId: z.string().optional(),
  verdict: z.enum(VERDICTS).optional(),
  emailStatus: z.enum(CONTACT_STATUSES).optional(),
  cursor: z.string().regex(/^\d+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const ConsentOut = z.object({ channel: z.string(), action: z.string(), source: z.string(), at: isoDate, proof: z.record(z.string(), z.unknown()) });
export const ContactDetail = ContactOut.extend({
  consents: z.array(ConsentOut),
  lists: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
});
const fieldValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const contactFields = {
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  firstName: z.string().max(120).optional(),
  lastName: z.string().max(120).optional(),
  position: z.string().max(120).optional(),
  company: z.string().max(200).optional(),
  fields: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), fieldValue).optional(),
};
export const CreateContactBody = z.strictObject({
  ...contactFields,
  listIds: z.array(z.string()).max(50).optional(),
  consent: z.strictObject({ email: z.boolean().optional(), sms: z.boolean().optional() }).meta({ description: "What the contact agreed to, recorded with source api and the caller's IP" }),
});
export const UpdateContactBody = z.strictObject({
  ...contactFields,
  emailStatus: z.enum(["subscribed", "unsubscribed"]).optional(),
  smsStatus: z.enum(["subscribed", "unsubscribed"]).optional(),
});

export const SUPPRESSION_KINDS = ["email", "phone", "domain"] as const;
export const SuppressionOut = z.object({ kind: z.enum(SUPPRESSION_KINDS), value: z.string(), reason: z.string(), createdAt: isoDate });
export const SuppressionPage = z.object({ suppressions: z.array(SuppressionOut), nextCursor: z.string().nullable() });
export const CreateSuppressionBody = z.strictObject({ kind: z.enum(SUPPRESSION_KINDS), value: z.string().trim().min(1).max(320), reason: z.string().trim().min(1).max(200) });
export const DeleteSuppressionBody = z.strictObject({ kind: z.enum(SUPPRESSION_KINDS), value: z.string().trim().min(1).max(320) });
export const SuppressionQuery = z.strictObject({
  kind: z.enum(SUPPRESSION_KINDS).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const SegmentOut = z.object({
  id: z.string(),
  name: z.string(),
  definition: SegmentDefinition,
  count: z.number().int().meta({ description: "Contacts matching now (W1)" }),
  createdAt: isoDate,
});
export const SegmentList = z.object({ segments: z.array(SegmentOut) });
export const CreateSegmentBody = z.strictObject({ name, definition: SegmentDefinition });
export const UpdateSegmentBody = CreateSegmentBody.partial();
export const PreviewSegmentBody = z.strictObject({ definition: SegmentDefinition });
export const SegmentPreview = z.object({ count: z.number().int(), sample: z.array(ContactOut) });
export const PageOnlyQuery = z.strictObject({
  cursor: z.string().regex(/^\d+$/, { error: "must be a cursor returned by a previous page" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const FIELD_TYPES = ["text", "number", "date", "boolean"] as const;
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: "must be lower-case letters, digits and _ (start with a letter)" });
export const FieldOut = z.object({ key: z.string(), label: z.string(), type: z.enum(FIELD_TYPES), createdAt: isoDate });
export const FieldList = z.object({ fields: z.array(FieldOut) });
export const CreateFieldBody = z.strictObject({ key: fieldKey, label: z.string().trim().min(1).max(80), type: z.enum(FIELD_TYPES) });
export const UpdateFieldBody = z.strictObject({ label: z.string().trim().min(1).max(80).optional(), type: z.enum(FIELD_TYPES).optional() });

export const SuppressionImportOut = z.object({
  added: z.number().int().meta({ description: "New suppressions (values already suppressed are not counted)" }),
  rejected: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
