/**
 * All data access of the dashboard: one fetch wrapper for /api/v1 and one function per
 * operation of shared/api/operations.ts. Cookies travel same-origin; every POST/PATCH/DELETE
 * carries `Content-Type: application/json` and `X-CSRF-Token` (the token comes with /me and the
 * login answer). Failures throw `ApiError` with the server's `{ code, message, field }`; a 401
 * calls the handler registered with `onUnauthorized` (the layout sends the person to login).
 * Types come from the API's zod schemas, type-only, so zod stays out of the bundle.
 */
import type { z } from "zod";
import type * as S from "../../../shared/api/schemas";
import type * as A from "../../../shared/api/schemas-audience";
import type * as E from "../../../shared/api/schemas-email";
import type * as EC from "../../../shared/api/schemas-sms-campaign";
import type * as L from "../../../shared/api/schemas-sending";
import type * as D from "../../../shared/api/schemas-domains";
import type * as N from "../../../shared/api/schemas-analytics";
import type * as R from "../../../shared/api/schemas-reports";
import type * as P from "../../../shared/api/schemas-recipients";
import type * as X from "../../../shared/api/schemas-exports";
import type * as MS from "../../../shared/api/schemas-sms-stats";
import type * as W from "../../../shared/api/schemas-welcome";
import type { Condition as SegmentCondition, SegmentDefinition } from "../../../shared/audience/segments";
import type * as Sms from "./sms-types";
export type * from "./sms-types";
import type * as Inbox from "./inbox-types";
export type * from "./inbox-types";
import type * as Hooks from "./webhooks-types";
export type * from "./webhooks-types";
import type * as Arch from "./archive-types";
export type * from "./archive-types";
import type * as Auto from "./automations-types";
export type * from "./automations-types";
import type * as Social from "./social-types";
export type * from "./social-types";

export type MeOut = z.infer<typeof S.MeOut>;
export type UserOut = z.infer<typeof S.UserOut>;
export type CreditsOut = z.infer<typeof S.CreditsOut>;
export type HolderBalance = z.infer<typeof S.HolderBalance>;
export type ChannelBalance = z.infer<typeof S.ChannelBalance>;
export type BagOut = z.infer<typeof S.BagOut>;
export type LedgerPage = z.infer<typeof S.LedgerPage>;
export type LedgerEntry = z.infer<typeof S.LedgerEntryOut>;
export type AuditPage = z.infer<typeof S.AuditPage>;
export type AuditEntry = z.infer<typeof S.AuditEntryOut>;
export type Channel = S.Channel;
export type LoginBody = z.input<typeof S.LoginBody>;
export type CreateUserBody = z.input<typeof S.CreateUserBody>;
export type UpdateUserBody = z.input<typeof S.UpdateUserBody>;
export type ProfilePatch = z.input<typeof S.ProfilePatch>;
export type PasswordChangeBody = z.input<typeof S.PasswordChangeBody>;
export type AllocationBody = z.input<typeof S.AllocationBody>;
export type CreatedUserOut = W.CreatedUserOut;
export type PasswordTokenOut = W.PasswordTokenOut;
export type SetPasswordBody = W.SetPasswordBody;
export type SetPasswordOut = W.SetPasswordOut;

export type ListOut = z.infer<typeof A.ListOut>;
export type CleaningReport = z.infer<typeof A.CleaningReport>;
export type SendCheck = z.infer<typeof A.SendCheck>;
export type ImportOut = z.infer<typeof A.ImportOut>;
export type ColumnTarget = z.infer<typeof A.ColumnTarget>;
export type StartImportBody = z.input<typeof A.StartImportBody>;
export type ContactOut = z.infer<typeof A.ContactOut>;
export type ContactDetail = z.infer<typeof A.ContactDetail>;
export type ContactPage = z.infer<typeof A.ContactPage>;
export type ContactQuery = Omit<z.infer<typeof A.ContactQuery>, "cursor"> & { cursor?: string | null };
export type CreateContactBody = z.input<typeof A.CreateContactBody>;
export type UpdateContactBody = z.input<typeof A.UpdateContactBody>;
export type CreateListBody = z.input<typeof A.CreateListBody>;
export type UpdateListBody = z.input<typeof A.UpdateListBody>;
export type SuppressionOut = z.infer<typeof A.SuppressionOut>;
export type SuppressionPage = z.infer<typeof A.SuppressionPage>;
export type SuppressionKind = SuppressionOut["kind"];
export type CreateSuppressionBody = z.input<typeof A.CreateSuppressionBody>;
export type SegmentOut = z.infer<typeof A.SegmentOut>;
export type SegmentPreview = z.infer<typeof A.SegmentPreview>;
export type FieldOut = z.infer<typeof A.FieldOut>;
export type ContactStatus = ContactOut["emailStatus"];
export type Verdict = ContactOut["verdict"];
export type { SegmentCondition, SegmentDefinition };

export type BrandingOut = z.infer<typeof E.BrandingOut>;
export type BrandingBody = z.input<typeof E.BrandingBody>;
export type GalleryTemplate = z.infer<typeof E.GalleryOut>["templates"][number];
export type TemplateOut = z.infer<typeof E.TemplateOut>;
export type TemplateSummary = z.infer<typeof E.TemplateList>["templates"][number];
export type CreateTemplateBody = z.input<typeof E.CreateTemplateBody>;
export type UpdateTemplateBody = z.input<typeof E.UpdateTemplateBody>;
export type TemplatePreview = z.infer<typeof E.TemplatePreview>;
export type CampaignOut = z.infer<typeof E.CampaignOut>;
export type TestSendOut = z.infer<typeof E.TestSendOut>;
export type SmsTestSendOut = z.infer<typeof EC.SmsTestSendOut>;
export type CampaignStatus = CampaignOut["status"];
export type CreateCampaignBody = z.input<typeof E.CreateCampaignBody>;
export type UpdateCampaignBody = z.input<typeof EC.UpdateCampaignBody>;
export type CreateSmsCampaignBody = z.input<typeof EC.CreateSmsCampaignBody>;
export type SendLimitsOut = z.infer<typeof L.SendLimitsOut>;
export type SendLimitsBody = z.input<typeof L.SendLimitsBody>;
export type ThrottleOut = z.infer<typeof L.ThrottleOut>;
export type ThrottleHold = ThrottleOut["holds"][number];
export type CampaignAnalytics = z.infer<typeof N.CampaignAnalyticsOut>;
export type EngagementOut = z.infer<typeof N.EngagementOut>;
export type HeatmapRow = CampaignAnalytics["heatmap"][number];
export type MonthlyReport = R.MonthlyReport;
export type MonthlyCounts = R.MonthlyCounts;
export type PeakHour = CampaignAnalytics["peakHours"][number];
export type RecipientOut = z.infer<typeof P.RecipientOut>;
export type RecipientPage = z.infer<typeof P.RecipientPage>;
export type RecipientTimeline = z.infer<typeof P.RecipientTimeline>;
export type TimelineEvent = z.infer<typeof P.TimelineEventOut>;
export type RecipientFilter = z.infer<typeof P.RecipientQuery>["filter"];
export type ExportOut = z.infer<typeof X.ExportOut>;
export type ExportScheduleOut = z.infer<typeof X.ScheduleOut>;
export type CreateExportBody = z.input<typeof X.CreateExportBody>;
export type CreateExportScheduleBody = z.input<typeof X.CreateScheduleBody>;

export type DomainOut = z.infer<typeof D.DomainOut>;
export type DomainDetail = z.infer<typeof D.DomainDetail>;
export type PublishRecord = z.infer<typeof D.PublishRecordOut>;
export type RecordCheck = z.infer<typeof D.RecordCheckOut>;

const BASE = "/api/v1";

/** A failed call: HTTP status plus the server's error code, message and (maybe) field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let unauthorized: (() => void) | null = null;

/** Remembers the CSRF token of the current session (from /me or the login answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the session is gone (any 401 outside the login form). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorized = handler;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: "same-origin",
      body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, "network", "Network error");
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
    const apiError = new ApiError(
      res.status,
      typeof err?.code === "string" ? err.code : `http_${res.status}`,
      typeof err?.message === "string" ? err.message : res.statusText,
      typeof err?.field === "string" ? err.field : undefined,
    );
    if (res.status === 401 && !opts.quiet401) unauthorized?.();
    throw apiError;
  }
  return data as T;
}

/**
 * A multipart upload with progress (fetch cannot report upload progress, and an import file can
 * be hundreds of megabytes). Same headers and error shape as `request`.
 */
function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", BASE + path);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "Network error"));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
      if (xhr.status === 401) unauthorized?.();
      reject(
        new ApiError(
          xhr.status,
          typeof err?.code === "string" ? err.code : `http_${xhr.status}`,
          typeof err?.message === "string" ? err.message : xhr.statusText,
          typeof err?.field === "string" ? err.field : undefined,
        ),
      );
    };
    xhr.send(form);
  });
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

const id = (value: string | number) => encodeURIComponent(String(value));

function pageQuery(cursor?: string | null, limit?: number): string {
  const q = new URLSearchParams();
  if (cursor) q.set("cursor", cursor);
  if (limit) q.set("limit", String(limit));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** "?month=2026-11&user=…" plus any extra parameters, for the monthly report and its downloads. */
function reportQuery(month: string, userId?: string | null, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ month, ...(userId ? { user: userId } : {}), ...extra });
  return `?${q}`;
}

/** Address of the monthly report as a CSV or PDF file (a plain link: the session cookie goes along). */
export function monthlyReportUrl(format: "csv" | "pdf", month: string, userId: string | null, lang: string): string {
  return `${BASE}/reports/monthly${reportQuery(month, userId, { format, lang })}`;
}

export const api = {
  /** @example await api.login({ email: "admin@pregon.local", password: "…" }) */
  login: (body: LoginBody) => request<MeOut>("POST", "/auth/login", body, { quiet401: true }),
  logout: () => request<{ ok: true }>("POST", "/auth/logout", {}, { quiet401: true }),
  changePassword: (body: PasswordChangeBody) => request<{ ok: true }>("POST", "/auth/password", body),
  /** The session's user; `quiet` so that a missing session is an answer, not a redirect. */
  me: () => request<MeOut>("GET", "/me", undefined, { quiet401: true }),
  updateMe: (body: ProfilePatch) => request<MeOut>("PATCH", "/me", body),

  listUsers: () => request<{ users: UserOut[] }>("GET", "/users"),
  /** Creates the user and mails them the guide (with a set-password link when `password` is left out); `welcomeMail` says whether it went out. */
  createUser: (body: CreateUserBody) => request<CreatedUserOut>("POST", "/users", body),
  /** Who a set-password link is for; 404 unknown, 410 used or expired. Public. */
  passwordToken: (token: string) => request<PasswordTokenOut>("GET", `/auth/password-token/${encodeURIComponent(token)}`, undefined, { quiet401: true }),
  /** Sets the password with a link; then the person logs in. Public. */
  setPassword: (body: SetPasswordBody) => request<SetPasswordOut>("POST", "/auth/set-password", body, { quiet401: true }),
  updateUser: (id: string, body: UpdateUserBody) => request<UserOut>("PATCH", `/users/${encodeURIComponent(id)}`, body),
  /** Mails the user a new set-password link (their open ones stop working); `welcomeMail` says whether it went out. 409 when disabled. */
  resendWelcome: (id: string) => request<CreatedUserOut>("POST", `/users/${encodeURIComponent(id)}/welcome`, {}),

  credits: () => request<CreditsOut>("GET", "/credits"),
  allocate: (body: AllocationBody) => request<CreditsOut>("POST", "/credits/allocations", body),
  creditHistory: (cursor?: string | null, limit = 50) => request<LedgerPage>("GET", `/credits/history${pageQuery(cursor, limit)}`),

  audit: (cursor?: string | null, limit = 50) => request<AuditPage>("GET", `/audit${pageQuery(cursor, limit)}`),

  lists: () => request<{ lists: ListOut[] }>("GET", "/lists"),
  list: (listId: string) => request<ListOut>("GET", `/lists/${id(listId)}`),
  createList: (body: CreateListBody) => request<ListOut>("POST", "/lists", body),
  updateList: (listId: string, body: UpdateListBody) => request<ListOut>("PATCH", `/lists/${id(listId)}`, body),
  deleteList: (listId: string) => request<{ ok: true }>("DELETE", `/lists/${id(listId)}`),
  listCleaning: (listId: string) => request<CleaningReport>("GET", `/lists/${id(listId)}/cleaning`),
  /** "Depurar ahora": the send-day cleaning (MX refresh, suppression re-applied) with its counts. */
  validateList: (listId: string) => request<SendCheck>("POST", `/lists/${id(listId)}/validate`),
  listImports: (listId: string) => request<{ imports: ImportOut[] }>("GET", `/lists/${id(listId)}/imports`),

  /**
   * Uploads a CSV to a list and stops at the mapping step (`start=false`).
   * @example await api.uploadImport(listId, file, (f) => setProgress(f))
   */
  uploadImport: (listId: string, file: File, onProgress?: (fraction: number) => void) => {
    const form = new FormData();
    form.set("start", "false");
    form.set("file", file, file.name);
    return upload<{ importId: string; import: ImportOut }>(`/lists/${id(listId)}/imports`, form, onProgress);
  },
  getImport: (importId: string) => request<ImportOut>("GET", `/imports/${id(importId)}`),
  startImport: (importId: string, body: StartImportBody) => request<ImportOut>("POST", `/imports/${id(importId)}/start`, body),
  /** The address of the rejected-rows CSV (a download link, not a fetch). */
  importReportUrl: (importId: string) => `${BASE}/imports/${id(importId)}/report.csv`,

  contacts: (q: ContactQuery = {}) => request<ContactPage>("GET", `/contacts${query(q)}`),
  contact: (contactId: number | string) => request<ContactDetail>("GET", `/contacts/${id(contactId)}`),
  createContact: (body: CreateContactBody) => request<ContactDetail>("POST", "/contacts", body),
  updateContact: (contactId: number, body: UpdateContactBody) => request<ContactDetail>("PATCH", `/contacts/${id(contactId)}`, body),
  deleteContact: (contactId: number) => request<{ ok: true }>("DELETE", `/contacts/${id(contactId)}`),

  fields: () => request<{ fields: FieldOut[] }>("GET", "/fields"),
  createField: (body: { key: string; label: string; type: FieldOut["type"] }) => request<FieldOut>("POST", "/fields", body),
  updateField: (key: string, body: { label?: string; type?: FieldOut["type"] }) => request<FieldOut>("PATCH", `/fields/${id(key)}`, body),

  segments: () => request<{ segments: SegmentOut[] }>("GET", "/segments"),
  segment: (segmentId: string) => request<SegmentOut>("GET", `/segments/${id(segmentId)}`),
  createSegment: (body: { name: string; definition: SegmentDefinition }) => request<SegmentOut>("POST", "/segments", body),
  updateSegment: (segmentId: string, body: { name?: string; definition?: SegmentDefinition }) => request<SegmentOut>("PATCH", `/segments/${id(segmentId)}`, body),
  deleteSegment: (segmentId: string) => request<{ ok: true }>("DELETE", `/segments/${id(segmentId)}`),
  previewSegment: (definition: SegmentDefinition) => request<SegmentPreview>("POST", "/segments/preview", { definition }),

  suppressions: (kind?: SuppressionKind | "", cursor?: string | null, limit = 50) => request<SuppressionPage>("GET", `/suppressions${query({ kind, cursor, limit })}`),
  addSuppression: (body: CreateSuppressionBody) => request<SuppressionOut>("POST", "/suppressions", body),
  removeSuppression: (kind: SuppressionKind, value: string) => request<{ ok: true }>("POST", "/suppressions/remove", { kind, value }),
  suppressionsExportUrl: () => `${BASE}/suppressions/export.csv`,

  branding: () => request<BrandingOut>("GET", "/branding"),
  updateBranding: (body: BrandingBody) => request<BrandingOut>("PATCH", "/branding", body),

  templateGallery: () => request<{ templates: GalleryTemplate[] }>("GET", "/templates/gallery"),
  templates: () => request<{ templates: TemplateSummary[] }>("GET", "/templates"),
  template: (templateId: string) => request<TemplateOut>("GET", `/templates/${id(templateId)}`),
  /** @example await api.createTemplate({ name: "Boletín", galleryKey: "newsletter" }) */
  createTemplate: (body: CreateTemplateBody) => request<TemplateOut>("POST", "/templates", body),
  updateTemplate: (templateId: string, body: UpdateTemplateBody) => request<TemplateOut>("PATCH", `/templates/${id(templateId)}`, body),
  duplicateTemplate: (templateId: string) => request<TemplateOut>("POST", `/templates/${id(templateId)}/duplicate`, {}),
  deleteTemplate: (templateId: string) => request<{ ok: true }>("DELETE", `/templates/${id(templateId)}`),
  previewTemplate: (templateId: string, contactId?: number) => request<TemplatePreview>("POST", `/templates/${id(templateId)}/preview`, contactId === undefined ? {} : { contactId }),

  campaigns: () => request<{ campaigns: CampaignOut[]; nextCursor: string | null }>("GET", "/campaigns"),
  campaign: (campaignId: string) => request<CampaignOut>("GET", `/campaigns/${id(campaignId)}`),
  createCampaign: (body: CreateCampaignBody | CreateSmsCampaignBody) => request<CampaignOut>("POST", "/campaigns", body),
  updateCampaign: (campaignId: string, body: UpdateCampaignBody) => request<CampaignOut>("PATCH", `/campaigns/${id(campaignId)}`, body),
  /** `at` is "YYYY-MM-DDTHH:mm" read in `timezone` (America/Lima by default). */
  scheduleCampaign: (campaignId: string, at: string, timezone?: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/schedule`, { at, timezone }),
  sendCampaign: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/send`, {}),
  pauseCampaign: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/pause`, {}),
  resumeCampaign: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/resume`, {}),
  cancelCampaign: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/cancel`, {}),
  /** Re-send the messages lost to a platform fault (C1); 409 not_finished / nothing_to_resend otherwise. */
  resendUnknown: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/resend-unknown`, {}),
  /** The campaign as it stands to up to 5 addresses, with a contact's data (W9). */
  testSendCampaign: (campaignId: string, to: string[], contactId?: number) => request<TestSendOut>("POST", `/campaigns/${id(campaignId)}/test`, contactId === undefined ? { to } : { to, contactId }),
  /** An SMS campaign's test to up to 5 mobiles: each queued (and charged its segments) or refused. */
  testSmsCampaign: (campaignId: string, numbers: string[], contactId?: number) =>
    request<SmsTestSendOut>("POST", `/campaigns/${id(campaignId)}/test`, contactId === undefined ? { numbers } : { numbers, contactId }),
  previewCampaign: (campaignId: string, contactId?: number) => request<TemplatePreview>("POST", `/campaigns/${id(campaignId)}/preview`, contactId === undefined ? {} : { contactId }),
  /** Which send limits hold a sending campaign back now, and when its next batch goes. */
  campaignThrottle: (campaignId: string) => request<ThrottleOut>("GET", `/campaigns/${id(campaignId)}/throttle`),
  /** Opens and clicks over time, the Lima weekday × hour heatmap and the peak hours (W3). */
  campaignAnalytics: (campaignId: string) => request<CampaignAnalytics>("GET", `/campaigns/${id(campaignId)}/analytics`),
  /** An SMS campaign's sent, delivered, failed and pending messages per operator. */
  campaignSmsOperators: (campaignId: string) => request<z.infer<typeof MS.SmsOperatorsOut>>("GET", `/campaigns/${id(campaignId)}/sms-operators`),
  /** An SMS campaign's recipients (one per message, with short-link clicks), keyset paged by contact id. */
  campaignSmsRecipients: (campaignId: string, cursor: string | null, limit = 50) =>
    request<z.infer<typeof MS.SmsRecipientPage>>("GET", `/campaigns/${id(campaignId)}/sms-recipients?${new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })}`),
  /** The heatmap and peak hours across every campaign of the account. */
  engagement: () => request<EngagementOut>("GET", "/analytics/engagement"),
  /** A campaign's recipients, filtered and searched by email prefix, keyset paged. */
  campaignRecipients: (campaignId: string, q: { filter: RecipientFilter; q?: string; cursor?: string | null; limit?: number }) =>
    request<RecipientPage>("GET", `/campaigns/${id(campaignId)}/recipients${query(q)}`),
  /** One recipient's delivery and every event of theirs, oldest first. */
  campaignRecipient: (campaignId: string, contactId: number) => request<RecipientTimeline>("GET", `/campaigns/${id(campaignId)}/recipients/${id(contactId)}`),
  /** Download links (the session cookie goes along): the recipients CSV with the same filter and search, and every raw event. */
  campaignRecipientsCsvUrl: (campaignId: string, filter: RecipientFilter, q: string, lang: "es" | "en") => `${BASE}/campaigns/${id(campaignId)}/recipients.csv${query({ filter: filter === "all" ? null : filter, q, lang })}`,
  campaignEventsCsvUrl: (campaignId: string, lang: "es" | "en") => `${BASE}/campaigns/${id(campaignId)}/events.csv${query({ lang })}`,
  /** The monthly consumption report (R1) of the whole account, or of one sub-user. */
  monthlyReport: (month: string, userId?: string | null) => request<MonthlyReport>("GET", `/reports/monthly${reportQuery(month, userId)}`),
  /** Exports (S3), newest first; a ready one carries a signed download URL (`url`, no session needed). */
  exports: () => request<{ exports: ExportOut[] }>("GET", "/exports"),
  /** One export, with a fresh signed URL when it is ready. */
  exportFile: (exportId: string) => request<ExportOut>("GET", `/exports/${id(exportId)}`),
  /** @example await api.createExport({ kind: "monthly-report", format: "pdf", params: { month: "2026-11" } }) // { id } (pending) */
  createExport: (body: CreateExportBody) => request<{ id: string }>("POST", "/exports", body),
  deleteExport: (exportId: string) => request<{ ok: true }>("DELETE", `/exports/${id(exportId)}`),
  exportSchedules: () => request<{ schedules: ExportScheduleOut[] }>("GET", "/export-schedules"),
  createExportSchedule: (body: CreateExportScheduleBody) => request<ExportScheduleOut>("POST", "/export-schedules", body),
  deleteExportSchedule: (scheduleId: string) => request<{ ok: true }>("DELETE", `/export-schedules/${id(scheduleId)}`),

  sendLimits: () => request<SendLimitsOut>("GET", "/sending/limits"),
  /** Replaces the account's limits: absent providers and a null warm-up mean "no limit". */
  updateSendLimits: (body: SendLimitsBody) => request<SendLimitsOut>("PUT", "/sending/limits", body),

  domains: () => request<{ domains: DomainOut[] }>("GET", "/domains"),
  domain: (domainId: string) => request<DomainDetail>("GET", `/domains/${id(domainId)}`),
  /** Adds a sending domain; the server generates its DKIM key pair. */
  createDomain: (domain: string) => request<DomainDetail>("POST", "/domains", { domain }),
  /** Looks its SPF, DKIM and DMARC records up over DNS-over-HTTPS now. */
  checkDomain: (domainId: string) => request<DomainDetail>("POST", `/domains/${id(domainId)}/check`),
  deleteDomain: (domainId: string) => request<{ ok: true }>("DELETE", `/domains/${id(domainId)}`),

  /** One SMS to one Peruvian mobile, paid from the sender's SMS credit (1 per segment). @example await api.sendSms({ to: "987654321", text: "Hola" }) */
  sendSms: (body: Sms.SmsSendBody) => request<Sms.SmsSendOut>("POST", "/sms", body),
  smsMessages: (q: Sms.SmsMessageQuery = {}) => request<Sms.SmsMessagePage>("GET", `/sms/messages${query(q)}`),
  smsMessage: (messageId: string) => request<Sms.SmsMessageOut>("GET", `/sms/messages/${id(messageId)}`),
  smsSettings: () => request<Sms.SmsSettingsOut>("GET", "/sms/settings"),
  updateSmsSettings: (segmentPolicy: Sms.SegmentPolicy) => request<Sms.SmsSettingsOut>("PUT", "/sms/settings", { segmentPolicy }),
  smsConnections: () => request<{ connections: Sms.SmsConnectionOut[] }>("GET", "/sms/connections"),
  createSmsConnection: (body: Sms.SmsConnectionCreate) => request<Sms.SmsConnectionOut>("POST", "/sms/connections", body),
  updateSmsConnection: (connectionId: string, body: Sms.SmsConnectionUpdate) => request<Sms.SmsConnectionOut>("PATCH", `/sms/connections/${id(connectionId)}`, body),
  deleteSmsConnection: (connectionId: string) => request<{ ok: true }>("DELETE", `/sms/connections/${id(connectionId)}`),
  /** Number → operator CSV ("number,operator" lines), as multipart field `file`. */
  uploadPortability: (file: File, onProgress?: (fraction: number) => void) => {
    const form = new FormData();
    form.set("file", file, file.name);
    return upload<Sms.PortabilityImportOut>("/sms/portability", form, onProgress);
  },
  portability: () => request<Sms.PortabilitySummary>("GET", "/sms/portability"),

  /** SMS conversations, newest activity first (keyset paged). */
  smsInbox: (cursor?: string | null, limit = 30) => request<Inbox.InboxPage>("GET", `/sms/inbox${query({ cursor, limit })}`),
  /** One conversation; opening it marks its incoming messages read. */
  smsThread: (number: string) => request<Inbox.ThreadOut>("GET", `/sms/inbox/${id(number)}`),
  smsReply: (number: string, body: Inbox.ReplyBody) => request<Inbox.ReplyOut>("POST", `/sms/inbox/${id(number)}/reply`, body),
  smsKeywords: () => request<Inbox.KeywordList>("GET", "/sms/keywords"),
  createSmsKeyword: (body: Inbox.CreateKeywordBody) => request<Inbox.KeywordOut>("POST", "/sms/keywords", body),
  deleteSmsKeyword: (keywordId: string) => request<{ ok: true }>("DELETE", `/sms/keywords/${id(keywordId)}`),

  webhooks: () => request<{ webhooks: Hooks.WebhookOut[] }>("GET", "/webhooks"),
  /** Registers a URL for events; the answer carries the signing secret, shown only this once. */
  createWebhook: (body: Hooks.CreateWebhookBody) => request<Hooks.WebhookCreated>("POST", "/webhooks", body),
  updateWebhook: (webhookId: string, body: Hooks.UpdateWebhookBody) => request<Hooks.WebhookOut>("PATCH", `/webhooks/${id(webhookId)}`, body),
  deleteWebhook: (webhookId: string) => request<{ ok: true }>("DELETE", `/webhooks/${id(webhookId)}`),
  /** POSTs a signed "ping" now and answers what the target said. */
  testWebhook: (webhookId: string) => request<Hooks.WebhookTestOut>("POST", `/webhooks/${id(webhookId)}/test`),
  webhookDeliveries: (webhookId: string, cursor?: string | null) => request<Hooks.WebhookDeliveryPage>("GET", `/webhooks/${id(webhookId)}/deliveries${query({ cursor, limit: 25 })}`),

  /** The public archive (W6): its address, title, whether it is on, and the public, feed and widget URLs. */
  archive: () => request<Arch.ArchiveOut>("GET", "/archive"),
  /** Saves the archive; a slug another account uses is a 409 naming `slug`. */
  updateArchive: (body: Arch.ArchiveBody) => request<Arch.ArchiveOut>("PUT", "/archive", body),
  /** Puts a sent email campaign in the public archive (409 not_sent / not_email otherwise). */
  publishCampaign: (campaignId: string) => request<CampaignOut>("POST", `/campaigns/${id(campaignId)}/publish`, {}),
  unpublishCampaign: (campaignId: string) => request<CampaignOut>("DELETE", `/campaigns/${id(campaignId)}/publish`),

  /** Connected social accounts (W6), each with its token's last four characters and its latest post. */
  socialAccounts: () => request<{ accounts: Social.SocialAccountOut[] }>("GET", "/social-accounts"),
  /** Connects a Facebook Page, LinkedIn organisation or X account; a bad target is a 400 naming `target`. */
  createSocialAccount: (body: Social.CreateSocialAccountBody) => request<Social.SocialAccountOut>("POST", "/social-accounts", body),
  updateSocialAccount: (accountId: string, body: Social.UpdateSocialAccountBody) => request<Social.SocialAccountOut>("PATCH", `/social-accounts/${id(accountId)}`, body),
  deleteSocialAccount: (accountId: string) => request<{ ok: true }>("DELETE", `/social-accounts/${id(accountId)}`),
  /** A campaign's social posts: status, the post's address and the network's error. */
  campaignSocial: (campaignId: string) => request<Social.SocialPostList>("GET", `/campaigns/${id(campaignId)}/social`),
  /** Posts a sent campaign now (default: to every connected account); failed posts are tried again. */
  publishSocial: (campaignId: string, accounts?: string[]) => request<Social.SocialPostList>("POST", `/campaigns/${id(campaignId)}/social`, accounts ? { accounts } : {}),

  /** Automations (W4, S6), newest first, with how many contacts entered and how many are in progress. */
  automations: () => request<{ automations: Auto.AutomationSummary[] }>("GET", "/automations"),
  automation: (automationId: string) => request<Auto.AutomationOut>("GET", `/automations/${id(automationId)}`),
  /** Creates a draft; the API checks the trigger's and steps' data and names the field it refuses (`steps.1.subject`). */
  createAutomation: (body: Auto.AutomationBody) => request<Auto.AutomationOut>("POST", "/automations", body),
  /** Changes a draft or paused automation (409 while active). */
  updateAutomation: (automationId: string, body: Partial<Auto.AutomationBody>) => request<Auto.AutomationOut>("PATCH", `/automations/${id(automationId)}`, body),
  deleteAutomation: (automationId: string) => request<{ ok: true }>("DELETE", `/automations/${id(automationId)}`),
  /** Starts enrolling contacts; credit is spent per email and SMS sent. */
  activateAutomation: (automationId: string) => request<Auto.AutomationOut>("POST", `/automations/${id(automationId)}/activate`, {}),
  pauseAutomation: (automationId: string) => request<Auto.AutomationOut>("POST", `/automations/${id(automationId)}/pause`, {}),
  /** Live figures: runs by status and, per step, entered, done, yes/no, skipped, failed, waiting, opens and clicks. */
  automationStats: (automationId: string) => request<Auto.AutomationStats>("GET", `/automations/${id(automationId)}/stats`),
  /** The contacts that entered, newest first; `after` is the previous page's `next`. */
  automationRuns: (automationId: string, after?: string | null, limit = 50) => request<Auto.AutomationRunPage>("GET", `/automations/${id(automationId)}/runs${query({ after, limit })}`),
};
