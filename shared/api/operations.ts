/**
 * Every operation of the REST API in one table: method, path, the permission it needs, and its
 * schemas. The Worker mounts a guard per operation from this table (permission + audit), the
 * OpenAPI document is generated from it, and a test checks that the app's routes and this table
 * are the same set. Paths are relative to `/api/v1` and use Hono's `:param` syntax.
 */
import { z } from "zod";
import type { Permission } from "../auth/roles";
import * as S from "./schemas";
import * as A from "./schemas-audience";
import * as E from "./schemas-email";
import * as EC from "./schemas-sms-campaign";
import * as L from "./schemas-sending";
import * as D from "./schemas-domains";
import * as V from "./schemas-live";
import * as N from "./schemas-analytics";
import * as R from "./schemas-reports";
import * as P from "./schemas-recipients";
import * as X from "./schemas-exports";
import * as I from "./schemas-sms-inbox";
import * as M from "./schemas-sms";
import * as MS from "./schemas-sms-stats";
import * as WH from "./schemas-webhooks";
import * as W from "./schemas-welcome";
import * as AU from "./schemas-automations";
import * as AR from "./schemas-archive";
import * as SO from "./schemas-social";

export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  /** `null`: public (no credentials); a permission: that permission is required. */
  permission: Permission | null;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** Success status (200 unless given). */
  status?: number;
};

export const operations = {
  health: { method: "get", path: "/health", permission: null, tag: "system", summary: "Liveness check", response: S.HealthOut },
  login: { method: "post", path: "/auth/login", permission: null, tag: "auth", summary: "Log in with email and password; sets the session cookie", body: S.LoginBody, response: S.MeOut },
  logout: { method: "post", path: "/auth/logout", permission: "profile", tag: "auth", summary: "End the current session", response: S.Ok },
  changePassword: { method: "post", path: "/auth/password", permission: "profile", tag: "auth", summary: "Change one's own password; ends every other session", body: S.PasswordChangeBody, response: S.Ok },
  me: { method: "get", path: "/me", permission: "profile", tag: "auth", summary: "The caller, its account and permissions", response: S.MeOut },
  updateMe: { method: "patch", path: "/me", permission: "profile", tag: "auth", summary: "Change one's own name or language", body: S.ProfilePatch, response: S.MeOut },
  getPasswordToken: { method: "get", path: "/auth/password-token/:token", permission: null, tag: "auth", summary: "Who a set-password link (the welcome mail's) is for; 404 for an unknown link, 410 when used or expired", response: W.PasswordTokenOut },
  setPassword: { method: "post", path: "/auth/set-password", permission: null, tag: "auth", summary: "Set one's password with a set-password link (single use, 72 h); revokes the user's other links and sessions; then log in", body: W.SetPasswordBody, response: W.SetPasswordOut },

  listUsers: { method: "get", path: "/users", permission: "users.read", tag: "users", summary: "List the account's users", response: S.UserList },
  createUser: { method: "post", path: "/users", permission: "users.manage", tag: "users", summary: "Create a sub-user and mail them the usage guide; without a password, the mail carries a link to choose one (72 h, single use). The answer says whether the mail went out", body: S.CreateUserBody, response: W.CreatedUserOut, status: 201 },
  getUser: { method: "get", path: "/users/:id", permission: "users.read", tag: "users", summary: "One user", response: S.UserOut },
  updateUser: { method: "patch", path: "/users/:id", permission: "users.manage", tag: "users", summary: "Change a sub-user's name, role, password, or disable it", body: S.UpdateUserBody, response: S.UserOut },
  resendWelcome: { method: "post", path: "/users/:id/welcome", permission: "users.manage", tag: "users", summary: "Mail a sub-user the welcome again with a new set-password link (72 h, single use); their open links stop working. 409 for a disabled user. The answer says whether the mail went out", response: W.CreatedUserOut },

  listApiKeys: { method: "get", path: "/api-keys", permission: "apikeys.manage", tag: "api-keys", summary: "List API keys (never their secrets)", response: S.ApiKeyList },
  createApiKey: { method: "post", path: "/api-keys", permission: "apikeys.manage", tag: "api-keys", summary: "Create an API key; the secret is in this response only", body: S.CreateApiKeyBody, response: S.ApiKeyCreated, status: 201 },
  revokeApiKey: { method: "delete", path: "/api-keys/:id", permission: "apikeys.manage", tag: "api-keys", summary: "Revoke an API key", response: S.ApiKeyOut },

  getCredits: { method: "get", path: "/credits", permission: "credits.read", tag: "credits", summary: "Balances: the caller's own, and for owner/admin the pool, allocations and bags", response: S.CreditsOut },
  allocateCredits: { method: "post", path: "/credits/allocations", permission: "credits.allocate", tag: "credits", summary: "Move credit between the main pool and a sub-user", body: S.AllocationBody, response: S.CreditsOut },
  grantBag: { method: "post", path: "/credits/bags", permission: "credits.grant", tag: "credits", summary: "Add a credit bag (e.g. a new purchase) to the main account", body: S.GrantBagBody, response: S.CreditsOut, status: 201 },
  creditHistory: { method: "get", path: "/credits/history", permission: "credits.read", tag: "credits", summary: "Ledger history, newest first (owner/admin: all; others: their own)", query: S.PageQuery, response: S.LedgerPage },

  listLists: { method: "get", path: "/lists", permission: "contacts.read", tag: "lists", summary: "Lists with their live counts (W1)", response: A.ListList },
  createList: { method: "post", path: "/lists", permission: "contacts.edit", tag: "lists", summary: "Create a static list", body: A.CreateListBody, response: A.ListOut, status: 201 },
  getList: { method: "get", path: "/lists/:id", permission: "contacts.read", tag: "lists", summary: "One list with its live counts", response: A.ListOut },
  updateList: { method: "patch", path: "/lists/:id", permission: "contacts.edit", tag: "lists", summary: "Rename or describe a list", body: A.UpdateListBody, response: A.ListOut },
  deleteList: { method: "delete", path: "/lists/:id", permission: "contacts.edit", tag: "lists", summary: "Delete a list (its contacts stay)", response: S.Ok },
  listCleaning: { method: "get", path: "/lists/:id/cleaning", permission: "contacts.read", tag: "lists", summary: "Cleaning report of a list: valid, risky, invalid, by reason (E7)", response: A.CleaningReport },
  validateList: { method: "post", path: "/lists/:id/validate", permission: "contacts.edit", tag: "lists", summary: "Run the send-day cleaning now: refresh MX answers, re-apply suppression, count who can be sent to", response: A.SendCheck },
  createImport: { method: "post", path: "/lists/:id/imports", permission: "contacts.edit", tag: "imports", summary: "Upload a CSV (multipart field `file`; optional fields `mapping` (JSON array), `policy`, `start`=false to stop at the mapping step)", response: A.ImportCreated, status: 202 },
  listImports: { method: "get", path: "/lists/:id/imports", permission: "contacts.read", tag: "imports", summary: "Imports into a list, newest first", response: A.ImportList },
  getImport: { method: "get", path: "/imports/:id", permission: "contacts.read", tag: "imports", summary: "Status, progress and counts of an import", response: A.ImportOut },
  startImport: { method: "post", path: "/imports/:id/start", permission: "contacts.edit", tag: "imports", summary: "Confirm the column mapping and start the import", body: A.StartImportBody, response: A.ImportOut, status: 202 },
  discardImport: { method: "delete", path: "/imports/:id", permission: "contacts.edit", tag: "imports", summary: "Discard an upload still waiting at the mapping step (its file is deleted)", response: S.Ok },
  importReport: { method: "get", path: "/imports/:id/report.csv", permission: "contacts.read", tag: "imports", summary: "Rejected rows with line number and reason, as CSV", response: z.string() },

  listSegments: { method: "get", path: "/segments", permission: "contacts.read", tag: "segments", summary: "Segments with their live counts", response: A.SegmentList },
  createSegment: { method: "post", path: "/segments", permission: "contacts.edit", tag: "segments", summary: "Create a dynamic segment", body: A.CreateSegmentBody, response: A.SegmentOut, status: 201 },
  previewSegment: { method: "post", path: "/segments/preview", permission: "contacts.read", tag: "segments", summary: "Count and sample the contacts a definition matches, without saving it", body: A.PreviewSegmentBody, response: A.SegmentPreview },
  getSegment: { method: "get", path: "/segments/:id", permission: "contacts.read", tag: "segments", summary: "One segment with its live count", response: A.SegmentOut },
  updateSegment: { method: "patch", path: "/segments/:id", permission: "contacts.edit", tag: "segments", summary: "Rename or redefine a segment", body: A.UpdateSegmentBody, response: A.SegmentOut },
  deleteSegment: { method: "delete", path: "/segments/:id", permission: "contacts.edit", tag: "segments", summary: "Delete a segment", response: S.Ok },
  segmentContacts: { method: "get", path: "/segments/:id/contacts", permission: "contacts.read", tag: "segments", summary: "The contacts of a segment, newest first, keyset paged", query: A.PageOnlyQuery, response: A.ContactPage },

  listFields: { method: "get", path: "/fields", permission: "contacts.read", tag: "contacts", summary: "Custom contact fields and their types", response: A.FieldList },
  createField: { method: "post", path: "/fields", permission: "contacts.edit", tag: "contacts", summary: "Define a custom field (text, number, date, boolean)", body: A.CreateFieldBody, response: A.FieldOut, status: 201 },
  updateField: { method: "patch", path: "/fields/:key", permission: "contacts.edit", tag: "contacts", summary: "Relabel or retype a custom field", body: A.UpdateFieldBody, response: A.FieldOut },

  listContacts: { method: "get", path: "/contacts", permission: "contacts.read", tag: "contacts", summary: "Search and filter contacts, newest first, keyset paged", query: A.ContactQuery, response: A.ContactPage },
  createContact: { method: "post", path: "/contacts", permission: "contacts.edit", tag: "contacts", summary: "Create or update one contact by email or phone, recording consent", body: A.CreateContactBody, response: A.ContactDetail, status: 201 },
  getContact: { method: "get", path: "/contacts/:id", permission: "contacts.read", tag: "contacts", summary: "One contact with consent history and lists", response: A.ContactDetail },
  updateContact: { method: "patch", path: "/contacts/:id", permission: "contacts.edit", tag: "contacts", summary: "Change a contact's fields or channel status", body: A.UpdateContactBody, response: A.ContactDetail },
  deleteContact: { method: "delete", path: "/contacts/:id", permission: "contacts.edit", tag: "contacts", summary: "Erase a contact (Ley 29733 right of deletion); its email and phone stay suppressed", response: S.Ok },

  listSuppressions: { method: "get", path: "/suppressions", permission: "contacts.read", tag: "suppression", summary: "Suppressed emails, phones and domains", query: A.SuppressionQuery, response: A.SuppressionPage },
  addSuppression: { method: "post", path: "/suppressions", permission: "contacts.edit", tag: "suppression", summary: "Suppress an email, phone or whole domain", body: A.CreateSuppressionBody, response: A.SuppressionOut, status: 201 },
  removeSuppression: { method: "post", path: "/suppressions/remove", permission: "contacts.edit", tag: "suppression", summary: "Lift a suppression", body: A.DeleteSuppressionBody, response: S.Ok },
  importSuppressions: { method: "post", path: "/suppressions/import", permission: "contacts.edit", tag: "suppression", summary: "Add suppressions from a CSV body (text/csv, up to 1 MB): one value a row, or kind,value,reason rows", response: A.SuppressionImportOut },
  exportSuppressions: { method: "get", path: "/suppressions/export.csv", permission: "contacts.read", tag: "suppression", summary: "All suppressions as CSV", response: z.string() },

  getBranding: { method: "get", path: "/branding", permission: "campaigns.read", tag: "templates", summary: "The account's logo, colours and sender identity used by every template", response: E.BrandingOut },
  updateBranding: { method: "patch", path: "/branding", permission: "users.manage", tag: "templates", summary: "Set the account's logo, colours and sender identity", body: E.BrandingBody, response: E.BrandingOut },
  templateGallery: { method: "get", path: "/templates/gallery", permission: "campaigns.read", tag: "templates", summary: "Pre-designed templates to start from (W2)", response: E.GalleryOut },
  listTemplates: { method: "get", path: "/templates", permission: "campaigns.read", tag: "templates", summary: "Saved templates", response: E.TemplateList },
  createTemplate: { method: "post", path: "/templates", permission: "campaigns.edit", tag: "templates", summary: "Save a template from MJML or from the gallery; compiled now, errors at their line", body: E.CreateTemplateBody, response: E.TemplateOut, status: 201 },
  getTemplate: { method: "get", path: "/templates/:id", permission: "campaigns.read", tag: "templates", summary: "One template with its MJML", response: E.TemplateOut },
  updateTemplate: { method: "patch", path: "/templates/:id", permission: "campaigns.edit", tag: "templates", summary: "Rename or change a template's MJML", body: E.UpdateTemplateBody, response: E.TemplateOut },
  duplicateTemplate: { method: "post", path: "/templates/:id/duplicate", permission: "campaigns.edit", tag: "templates", summary: "Copy a template", response: E.TemplateOut, status: 201 },
  deleteTemplate: { method: "delete", path: "/templates/:id", permission: "campaigns.edit", tag: "templates", summary: "Delete a template (campaigns keep their copy)", response: S.Ok },
  previewTemplate: { method: "post", path: "/templates/:id/preview", permission: "campaigns.read", tag: "templates", summary: "Render with a contact's data (or sample data)", body: E.TemplatePreviewBody, response: E.TemplatePreview },

  listCampaigns: { method: "get", path: "/campaigns", permission: "campaigns.read", tag: "campaigns", summary: "Campaigns, newest first, with their progress", response: E.CampaignList },
  createCampaign: { method: "post", path: "/campaigns", permission: "campaigns.edit", tag: "campaigns", summary: "Create a draft: email from a template (merge fields, sender domain and audience checked now) or SMS (channel \"sms\" with text)", body: EC.CreateCampaignBody, response: E.CampaignOut, status: 201 },
  getCampaign: { method: "get", path: "/campaigns/:id", permission: "campaigns.read", tag: "campaigns", summary: "One campaign with the send-time indicator (E4)", response: E.CampaignOut },
  updateCampaign: { method: "patch", path: "/campaigns/:id", permission: "campaigns.edit", tag: "campaigns", summary: "Edit a draft or scheduled campaign", body: EC.UpdateCampaignBody, response: E.CampaignOut },
  scheduleCampaign: { method: "post", path: "/campaigns/:id/schedule", permission: "campaigns.send", tag: "campaigns", summary: "Schedule at a date and time (America/Lima unless a zone is given)", body: E.ScheduleBody, response: E.CampaignOut },
  sendCampaign: { method: "post", path: "/campaigns/:id/send", permission: "campaigns.send", tag: "campaigns", summary: "Send now", response: E.CampaignOut },
  pauseCampaign: { method: "post", path: "/campaigns/:id/pause", permission: "campaigns.send", tag: "campaigns", summary: "Pause a scheduled or sending campaign", response: E.CampaignOut },
  resumeCampaign: { method: "post", path: "/campaigns/:id/resume", permission: "campaigns.send", tag: "campaigns", summary: "Resume a paused campaign", response: E.CampaignOut },
  cancelCampaign: { method: "post", path: "/campaigns/:id/cancel", permission: "campaigns.send", tag: "campaigns", summary: "Cancel; unsent credit is released", response: E.CampaignOut },
  resendUnknown: {
    method: "post",
    path: "/campaigns/:id/resend-unknown",
    permission: "campaigns.send",
    tag: "campaigns",
    summary: "Re-send a sent campaign's messages lost to a platform fault (settled unknown, never debited): credit is reserved for them and each goes out once more; 409 not_finished or nothing_to_resend otherwise",
    response: E.CampaignOut,
  },
  testSendCampaign: { method: "post", path: "/campaigns/:id/test", permission: "campaigns.edit", tag: "campaigns", summary: "Send the campaign as it stands, with a contact's data and [Prueba] before the subject (email) or the text (SMS), to up to 5 addresses (`to`, email campaigns, free) or mobile numbers (`numbers`, SMS campaigns, one credit per segment, senders and above) (W9)", body: EC.CampaignTestBody, response: EC.CampaignTestOut },
  previewCampaign: { method: "post", path: "/campaigns/:id/preview", permission: "campaigns.read", tag: "campaigns", summary: "Subject, HTML and text rendered with a contact's data", body: E.TemplatePreviewBody, response: E.TemplatePreview },

  listDomains: { method: "get", path: "/domains", permission: "campaigns.read", tag: "domains", summary: "Sending domains with their SPF, DKIM and DMARC status", response: D.DomainList },
  createDomain: { method: "post", path: "/domains", permission: "users.manage", tag: "domains", summary: "Add a sending domain; its DKIM key pair is generated now", body: D.CreateDomainBody, response: D.DomainDetail, status: 201 },
  getDomain: { method: "get", path: "/domains/:id", permission: "campaigns.read", tag: "domains", summary: "One sending domain with the exact records to publish and its last check", response: D.DomainDetail },
  checkDomain: { method: "post", path: "/domains/:id/check", permission: "users.manage", tag: "domains", summary: "Look up SPF, DKIM and DMARC over DNS-over-HTTPS and store the result; verified when SPF and DKIM are ok", response: D.DomainDetail },
  deleteDomain: { method: "delete", path: "/domains/:id", permission: "users.manage", tag: "domains", summary: "Remove a sending domain and its DKIM key", response: S.Ok },

  getSendLimits: { method: "get", path: "/sending/limits", permission: "campaigns.read", tag: "sending", summary: "The account's send limits per mailbox provider and warm-up schedule, the relay's rate, and what they have used now (E5, B6)", response: L.SendLimitsOut },
  updateSendLimits: { method: "put", path: "/sending/limits", permission: "users.manage", tag: "sending", summary: "Replace the account's hourly limits per mailbox provider and its warm-up schedule", body: L.SendLimitsBody, response: L.SendLimitsOut },
  campaignThrottle: { method: "get", path: "/campaigns/:id/throttle", permission: "campaigns.read", tag: "campaigns", summary: "Which send limits hold a sending campaign back now, and when its next batch goes", response: L.ThrottleOut },
  campaignLive: {
    method: "get",
    path: "/campaigns/:id/live",
    permission: "campaigns.read",
    tag: "campaigns",
    summary: "WebSocket (send Upgrade: websocket): live counters of the campaign. The first frame is a snapshot (counters, opens and clicks per minute for 72 h), then updates as events arrive, at most one every 250 ms; send {\"type\":\"snapshot\"} for a fresh one, \"ping\" gets \"pong\". 426 without the upgrade header",
    response: V.LiveFrame,
    status: 101,
  },

  campaignAnalytics: { method: "get", path: "/campaigns/:id/analytics", permission: "campaigns.read", tag: "analytics", summary: "Opens and clicks per hour for the first 72 h and per day over the whole life, a weekday × hour heatmap of human opens and the peak open hours, in Lima time; machine opens and clicks apart (W3, R1f)", response: N.CampaignAnalyticsOut },
  campaignSmsOperators: { method: "get", path: "/campaigns/:id/sms-operators", permission: "campaigns.read", tag: "analytics", summary: "An SMS campaign's messages per operator: sent (accepted by the provider), delivered, failed (failed, expired or rejected) and pending, from the hourly event buckets; an email campaign has none", response: MS.SmsOperatorsOut },
  campaignSmsRecipients: { method: "get", path: "/campaigns/:id/sms-recipients", permission: "campaigns.read", tag: "recipients", summary: "An SMS campaign's recipients, one per message: number, status, operator, segments, sent and final times, error, and short-link clicks (people and machines apart); keyset paged by contact id", query: MS.SmsRecipientQuery, response: MS.SmsRecipientPage },
  accountEngagement: { method: "get", path: "/analytics/engagement", permission: "campaigns.read", tag: "analytics", summary: "The weekday × hour heatmap of human opens and the peak open hours across every campaign of the account, in Lima time (W3)", response: N.EngagementOut },
  monthlyReport: { method: "get", path: "/reports/monthly", permission: "campaigns.read", tag: "reports", summary: "The monthly consumption report (R1) of a Lima month (default: the current one): per campaign and per mailbox provider sent, delivered, bounced, opened (unique, re-opens), clicked, unsubscribed, peak open hours; credit used, granted, expired and balances; bags and their expiry. Owner and admin: the whole account, or one user's with user=<id>; other roles: their own. format=csv (text/csv) or pdf (application/pdf) download it as an attachment, in Spanish unless lang=en", query: R.MonthlyReportQuery, response: R.MonthlyReportOut },

  campaignRecipients: { method: "get", path: "/campaigns/:id/recipients", permission: "campaigns.read", tag: "recipients", summary: "The campaign's recipients with their delivery, first open, opens (people and machines apart), first click, clicks, unsubscribe and complaint; filtered, searched by email prefix, keyset paged by contact id", query: P.RecipientQuery, response: P.RecipientPage },
  campaignRecipient: { method: "get", path: "/campaigns/:id/recipients/:contactId", permission: "campaigns.read", tag: "recipients", summary: "One recipient's timeline: the delivery and every event (time, kind, link, person or machine with the rule, device, client), oldest first", response: P.RecipientTimeline },
  campaignRecipientsCsv: { method: "get", path: "/campaigns/:id/recipients.csv", permission: "campaigns.read", tag: "recipients", summary: "The recipients list (same filter and search) as CSV, streamed; Spanish headings unless lang=en. An SMS campaign: one row per message (number, operator, segments, status, error, times, clicks, replies), filter all or clicked, q a number prefix", query: P.RecipientsCsvQuery, response: z.string() },
  campaignEventsCsv: { method: "get", path: "/campaigns/:id/events.csv", permission: "campaigns.read", tag: "recipients", summary: "Every raw event of the campaign as CSV (Lima and UTC times, email, event, link, machine rule, provider, device, client, status, detail), by recipient then time, streamed; Spanish headings unless lang=en. An SMS campaign: its SMS events (sent, delivered, failed, click, reply) with number, operator, final status, segments and reply text", query: P.EventsCsvQuery, response: z.string() },

  createExport: { method: "post", path: "/exports", permission: "campaigns.read", tag: "exports", summary: "Ask for a file: the monthly report (csv or pdf; others than owner and admin only their own), a campaign's events or recipients (csv). Produced in the background into R2; poll GET /exports/:id for its signed URL", body: X.CreateExportBody, response: X.ExportCreated, status: 202 },
  listExports: { method: "get", path: "/exports", permission: "campaigns.read", tag: "exports", summary: "Exports, newest first (owner and admin: the account's; others: their own), each ready one with a fresh signed download URL", response: X.ExportList },
  getExport: { method: "get", path: "/exports/:id", permission: "campaigns.read", tag: "exports", summary: "One export: status, size, rows, expiry and, when ready, a signed download URL (/x/…, no session needed)", response: X.ExportOut },
  deleteExport: { method: "delete", path: "/exports/:id", permission: "campaigns.read", tag: "exports", summary: "Delete an export and its file; its links stop working", response: S.Ok },
  createExportSchedule: { method: "post", path: "/export-schedules", permission: "campaigns.read", tag: "exports", summary: "Produce an export daily, weekly (Mondays) or monthly (the 1st) at a Lima hour; a monthly-report schedule reports on the month before each run", body: X.CreateScheduleBody, response: X.ScheduleOut, status: 201 },
  listExportSchedules: { method: "get", path: "/export-schedules", permission: "campaigns.read", tag: "exports", summary: "Export schedules with their next run (owner and admin: the account's; others: their own)", response: X.ScheduleList },
  deleteExportSchedule: { method: "delete", path: "/export-schedules/:id", permission: "campaigns.read", tag: "exports", summary: "Stop an export schedule (exports it made stay until they expire)", response: S.Ok },

  smsInbox: { method: "get", path: "/sms/inbox", permission: "campaigns.read", tag: "sms", summary: "SMS conversations: one thread per number that wrote to the account, newest activity (either way) first, keyset paged, with the last message and the unread count", query: I.InboxQuery, response: I.InboxPage },
  smsThread: { method: "get", path: "/sms/inbox/:number", permission: "campaigns.read", tag: "sms", summary: "One conversation: incoming and outgoing messages with that number, oldest first (the newest 200), with their delivery status; marks its incoming messages read", response: I.ThreadOut },
  smsReply: { method: "post", path: "/sms/inbox/:number/reply", permission: "campaigns.send", tag: "sms", summary: "Answer a conversation: an SMS with the same checks and credit as POST /sms", body: I.ReplyBody, response: I.ReplyOut, status: 202 },
  listSmsKeywords: { method: "get", path: "/sms/keywords", permission: "campaigns.read", tag: "sms", summary: "The account's SMS keywords and what each triggers (reply, tag, webhook), and the built-in opt-out words", response: I.KeywordList },
  createSmsKeyword: { method: "post", path: "/sms/keywords", permission: "users.manage", tag: "sms", summary: "Define a keyword: an incoming SMS starting with it replies, adds the contact to the list named by the tag, and/or calls a webhook (signed POST). Opt-out words cannot be defined", body: I.CreateKeywordBody, response: I.KeywordOut, status: 201 },
  deleteSmsKeyword: { method: "delete", path: "/sms/keywords/:id", permission: "users.manage", tag: "sms", summary: "Remove a keyword", response: S.Ok },

  sendSms: { method: "post", path: "/sms", permission: "campaigns.send", tag: "sms", summary: "Send one SMS to a Peruvian mobile: checked (number, opt-out, text, the account's segment policy), its credit (one per segment) reserved, then queued; delivery is followed through GET /sms/messages/:id", body: M.SendSmsBody, response: M.SmsQueued, status: 202 },
  listSmsMessages: { method: "get", path: "/sms/messages", permission: "campaigns.read", tag: "sms", summary: "SMS sent by the account, newest first, keyset paged, with each part's receipt status; filter by campaign or status", query: M.SmsMessagesQuery, response: M.SmsMessagePage },
  getSmsMessage: { method: "get", path: "/sms/messages/:id", permission: "campaigns.read", tag: "sms", summary: "One SMS with its status, error and parts", response: M.SmsMessageOut },
  listSmsConnections: { method: "get", path: "/sms/connections", permission: "users.manage", tag: "sms", summary: "The account's SMS provider connections (Kannel, Jasmin, generic JSON) by priority, with the callback URLs to configure at the provider; the deployment's default (local) when the account has none active", response: M.SmsConnectionList },
  createSmsConnection: { method: "post", path: "/sms/connections", permission: "users.manage", tag: "sms", summary: "Add a provider connection: operators it serves, priority (failover order), rate per second; the password is stored encrypted and never returned", body: M.CreateSmsConnectionBody, response: M.SmsConnectionOut, status: 201 },
  updateSmsConnection: { method: "patch", path: "/sms/connections/:id", permission: "users.manage", tag: "sms", summary: "Change a provider connection (a password given replaces the stored one; null removes it)", body: M.UpdateSmsConnectionBody, response: M.SmsConnectionOut },
  deleteSmsConnection: { method: "delete", path: "/sms/connections/:id", permission: "users.manage", tag: "sms", summary: "Remove a provider connection; its callbacks stop being accepted", response: S.Ok },
  getSmsSettings: { method: "get", path: "/sms/settings", permission: "campaigns.read", tag: "sms", summary: "The account's SMS settings: the single-segment policy (enforce, confirm, allow) and the segment cap", response: M.SmsSettingsOut },
  updateSmsSettings: { method: "put", path: "/sms/settings", permission: "users.manage", tag: "sms", summary: "Set the single-segment policy: more than one segment refused (enforce), allowed once confirmed (confirm) or allowed (allow)", body: M.SmsSettingsBody, response: M.SmsSettingsOut },
  uploadSmsPortability: { method: "post", path: "/sms/portability", permission: "users.manage", tag: "sms", summary: "Upload the portability table (multipart field `file`: CSV of number,operator; operators claro, movistar, entel, bitel, other): numbers are routed to their operator's connections; rejected lines come back with their reason", response: M.PortabilityResult },
  getSmsPortability: { method: "get", path: "/sms/portability", permission: "users.manage", tag: "sms", summary: "How many numbers the portability table holds, per operator", response: M.PortabilitySummary },

  listAudit: { method: "get", path: "/audit", permission: "audit.read", tag: "audit", summary: "Audit log, newest first", query: S.PageQuery, response: S.AuditPage },
  listWebhooks: { method: "get", path: "/webhooks", permission: "users.manage", tag: "webhooks", summary: "The account's outgoing webhooks (B1), never their secrets", response: WH.WebhookList },
  createWebhook: { method: "post", path: "/webhooks", permission: "users.manage", tag: "webhooks", summary: "Register a URL for events (sent, delivered, opened, clicked, bounced, unsubscribed, sms_delivered, sms_received), POSTed as signed JSON and retried with backoff; the signing secret is in this answer only", body: WH.CreateWebhookBody, response: WH.WebhookCreated, status: 201 },
  updateWebhook: { method: "patch", path: "/webhooks/:id", permission: "users.manage", tag: "webhooks", summary: "Change a webhook's URL, events, description, or pause it (active false)", body: WH.UpdateWebhookBody, response: WH.WebhookOut },
  deleteWebhook: { method: "delete", path: "/webhooks/:id", permission: "users.manage", tag: "webhooks", summary: "Remove a webhook and its delivery log", response: S.Ok },
  testWebhook: { method: "post", path: "/webhooks/:id/test", permission: "users.manage", tag: "webhooks", summary: "POST a signed \"ping\" event now and answer what the target said (logged, not retried)", response: WH.WebhookTestOut },
  listWebhookDeliveries: { method: "get", path: "/webhooks/:id/deliveries", permission: "users.manage", tag: "webhooks", summary: "The delivery log of a webhook (every attempt's status and error), newest first, keyset paged", query: WH.DeliveryQuery, response: WH.DeliveryPage },

  listSocialAccounts: { method: "get", path: "/social-accounts", permission: "users.manage", tag: "social", summary: "The connected Facebook Pages, LinkedIn organisations and X accounts (W6), each with its token's last four characters (never the token) and its latest post", response: SO.SocialAccountList },
  createSocialAccount: { method: "post", path: "/social-accounts", permission: "users.manage", tag: "social", summary: "Connect a Facebook Page (page id), LinkedIn organisation (urn:li:organization:<id>) or X account (user id) with its access token, sealed at rest; with autoPublish every email campaign is posted when it starts sending", body: SO.CreateSocialAccountBody, response: SO.SocialAccountOut, status: 201 },
  updateSocialAccount: { method: "patch", path: "/social-accounts/:id", permission: "users.manage", tag: "social", summary: "Rename a social account, turn auto-publish on or off, or give it a new token", body: SO.UpdateSocialAccountBody, response: SO.SocialAccountOut },
  deleteSocialAccount: { method: "delete", path: "/social-accounts/:id", permission: "users.manage", tag: "social", summary: "Disconnect a social account (its token and its post records are deleted)", response: S.Ok },
  campaignSocialPosts: { method: "get", path: "/campaigns/:id/social", permission: "campaigns.read", tag: "social", summary: "The campaign's social posts: network, status (pending, posting, posted, failed), the post's address and the network's error", response: SO.SocialPostList },
  publishCampaignSocial: { method: "post", path: "/campaigns/:id/social", permission: "users.manage", tag: "social", summary: "Post a campaign that has gone out to the given social accounts (default: all) now; failed posts are tried afresh, posted ones are not posted again. 409 when the campaign has not been sent or the account has no public archive", body: SO.PublishSocialBody, response: SO.SocialPostList },

  getArchive: { method: "get", path: "/archive", permission: "users.manage", tag: "archive", summary: "The account's public archive (W6): its address, title, description, whether it is on, and the public, feed and widget URLs; defaults (off, from the account's name) until saved", response: AR.ArchiveOut },
  updateArchive: { method: "put", path: "/archive", permission: "users.manage", tag: "archive", summary: "Set the public archive's address (slug, unique across accounts: 409 naming slug), title, description and whether it is on", body: AR.ArchiveBody, response: AR.ArchiveOut },
  publishCampaign: { method: "post", path: "/campaigns/:id/publish", permission: "campaigns.edit", tag: "archive", summary: "Publish an email campaign that went out to the account's public archive and feeds (W6); 409 not_sent for a draft or scheduled one, not_email for SMS", response: E.CampaignOut },
  unpublishCampaign: { method: "delete", path: "/campaigns/:id/publish", permission: "campaigns.edit", tag: "archive", summary: "Take a campaign out of the public archive and feeds", response: E.CampaignOut },

  listAutomations: { method: "get", path: "/automations", permission: "campaigns.read", tag: "automations", summary: "The account's automations (W4, S6), newest first, with how many contacts entered and how many are in progress", response: AU.AutomationList },
  createAutomation: { method: "post", path: "/automations", permission: "campaigns.edit", tag: "automations", summary: "Create a draft automation: a trigger (subscribed, optin_confirmed, date, segment, event, sms_keyword, engagement) and steps (email, sms, wait, condition, tag, untag, webhook) without cycles; data it names is checked now", body: AU.CreateAutomationBody, response: AU.AutomationOut, status: 201 },
  getAutomation: { method: "get", path: "/automations/:id", permission: "campaigns.read", tag: "automations", summary: "One automation; email steps carry the id of their hidden campaign, and webhookSecret signs its webhook steps' calls", response: AU.AutomationOut },
  updateAutomation: { method: "patch", path: "/automations/:id", permission: "campaigns.edit", tag: "automations", summary: "Change a draft or paused automation (409 while active); runs waiting at a removed step leave it", body: AU.UpdateAutomationBody, response: AU.AutomationOut },
  deleteAutomation: { method: "delete", path: "/automations/:id", permission: "campaigns.edit", tag: "automations", summary: "Delete a draft or paused automation and its runs (its emails stay in the reports)", response: S.Ok },
  activateAutomation: { method: "post", path: "/automations/:id/activate", permission: "campaigns.send", tag: "automations", summary: "Start enrolling contacts and running steps (every minute or sooner); credit is spent per email and SMS sent", response: AU.AutomationOut },
  pauseAutomation: { method: "post", path: "/automations/:id/pause", permission: "campaigns.send", tag: "automations", summary: "Stop enrolling and running; runs wait where they are until it is activated again", response: AU.AutomationOut },
  automationStats: { method: "get", path: "/automations/:id/stats", permission: "campaigns.read", tag: "automations", summary: "Live figures: runs by status and, per step, entered, done, yes/no, skipped, failed, waiting now, and email opens and clicks", response: AU.AutomationStats },
  automationRuns: { method: "get", path: "/automations/:id/runs", permission: "campaigns.read", tag: "automations", summary: "The contacts that entered, newest first, with where each run is", query: AU.RunQuery, response: AU.RunPage },
  postEvent: { method: "post", path: "/events", permission: "campaigns.send", tag: "automations", summary: "Tell of an event of a contact (by id, email or phone): active automations triggered by its name enrol the contact; the same `id` twice enrols once", body: AU.EventBody, response: AU.EventAccepted, status: 202 },

  openapi: { method: "get", path: "/openapi.json", permission: null, tag: "system", summary: "This document", response: z.record(z.string(), z.unknown()) },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
export const API_PREFIX = "/api/v1";
