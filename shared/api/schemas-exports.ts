/**
 * Schemas of exports (S3) and export schedules: what a caller may ask to have written to R2
 * (the monthly report as CSV or PDF, a campaign's per-recipient events or recipients as CSV)
 * and how an export is presented, with a fresh signed download URL once it is ready. The rules
 * that span fields (PDF only for the report, which params each kind takes) are in
 * shared/exports/request.ts, so the same check serves exports and schedules.
 */
import { z } from "zod";
import { MONTH_RE, REPORT_LANGS } from "./schemas-reports";
import { CADENCES } from "../exports/cadence";
import { EVENT_KINDS, RECIPIENT_FILTERS } from "../reports/recipients";

export const EXPORT_KINDS = ["monthly-report", "campaign-events", "campaign-recipients"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ["csv", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** `expired`: past `expiresAt`, its file deleted by the cron (the row stays as a record). */
export const EXPORT_STATUSES = ["pending", "ready", "failed", "expired"] as const;

const isoDate = z.iso.datetime();
const n = z.number().int().nonnegative();

export const ExportParams = z.strictObject({
  month: z.string().regex(MONTH_RE, "must be YYYY-MM").optional().describe("monthly-report: the Lima month (required for an export; a schedule uses the month before each run)"),
  userId: z.string().min(1).max(100).optional().describe("monthly-report: limit it to one sub-user (others than owner and admin: only themselves)"),
  campaignId: z.string().min(1).max(100).optional().describe("campaign-events, campaign-recipients: the campaign (required)"),
  filter: z.string().min(1).max(40).optional().describe(`campaign-events: one event kind (${EVENT_KINDS.join(", ")}; absent: every event); campaign-recipients: one of the seven recipient filters (${RECIPIENT_FILTERS.join(", ")}; absent: all), as in GET /campaigns/:id/recipients; an SMS campaign's events are sms_sent, sms_delivered, sms_failed, click, sms_reply and its recipients take all or clicked`),
  lang: z.enum(REPORT_LANGS).optional().describe("Language of headings and labels (default es)"),
});
export type ExportParams = z.infer<typeof ExportParams>;

export const CreateExportBody = z.strictObject({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  params: ExportParams.default({}),
});
export type CreateExportBody = z.infer<typeof CreateExportBody>;

export const ExportCreated = z.object({ id: z.string() });

export const ExportOut = z.object({
  id: z.string(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  params: ExportParams,
  status: z.enum(EXPORT_STATUSES),
  bytes: n.nullable(),
  rows: n.nullable().describe("Data rows of a CSV (campaigns of the month for the report)"),
  error: z.string().nullable(),
  scheduleId: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
  expiresAt: isoDate.describe("When the file is deleted and its links stop working"),
  url: z.string().nullable().describe("Signed download URL (ready exports only), valid until urlExpiresAt; no session needed"),
  urlExpiresAt: isoDate.nullable(),
});
export type ExportOut = z.infer<typeof ExportOut>;
export const ExportList = z.object({ exports: z.array(ExportOut) });

export const CreateScheduleBody = z.strictObject({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  params: ExportParams.default({}),
  cadence: z.enum(CADENCES).describe("daily; weekly (Mondays); monthly (the 1st)"),
  hour: z.number().int().min(0).max(23).default(6).describe("Lima hour of the run"),
});
export type CreateScheduleBody = z.infer<typeof CreateScheduleBody>;

export const ScheduleOut = z.object({
  id: z.string(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  params: ExportParams,
  cadence: z.enum(CADENCES),
  hour: z.number().int(),
  timezone: z.string(),
  nextRunAt: isoDate,
  lastRunAt: isoDate.nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
});
export type ScheduleOut = z.infer<typeof ScheduleOut>;
export const ScheduleList = z.object({ schedules: z.array(ScheduleOut) });
