/**
 * The D1 schema, written once here and turned into SQL migrations by drizzle-kit
 * (`npm run db:generate` → `migrations/`). Every tenant row carries `accountId`, and every
 * query in the Worker is scoped by it. Times are stored as integer milliseconds since epoch.
 */
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";

/** A main account (a tenant): the agency. Its owner and sub-users are `users` rows. */
export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  locale: text("locale").notNull().default("es-PE"),
  timezone: text("timezone").notNull().default("America/Lima"),
  createdAt: integer("created_at").notNull(),
});

/** People who log in. `role` is one of ROLES in shared/auth/roles.ts. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    locale: text("locale"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastLoginAt: integer("last_login_at"),
  },
  (t) => [uniqueIndex("users_email").on(t.email), index("users_account").on(t.accountId)],
);

/** Browser sessions. `id` is the SHA-256 of the cookie value; the raw token is never stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    accountId: text("account_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** API keys: `keyHash` is the SHA-256 of the secret, shown once at creation. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    role: text("role").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.keyHash), index("api_keys_account").on(t.accountId)],
);

/** Failed-login counters in fixed windows, keyed `email:<addr>` or `ip:<addr>`. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});

/** Append-only audit trail (B9, C3); a trigger in the migrations forbids UPDATE and DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    actorUserId: text("actor_user_id"),
    actorApiKeyId: text("actor_api_key_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    status: integer("status").notNull(),
    ip: text("ip"),
    at: integer("at").notNull(),
    details: text("details"),
  },
  (t) => [index("audit_account_id").on(t.accountId, t.id)],
);

/**
 * Mirror of the CreditLedger Durable Object's history, for reports. The Durable Object is the
 * only writer of balances; rows here are copied from it, keyed by its entry id (idempotent).
 */
export const creditEntries = sqliteTable(
  "credit_entries",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    holder: text("holder").notNull(),
    amount: integer("amount").notNull(),
    bagId: text("bag_id"),
    reference: text("reference"),
    actorUserId: text("actor_user_id"),
    note: text("note"),
  },
  (t) => [uniqueIndex("credit_entries_account_seq").on(t.accountId, t.seq)],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type CreditEntryRow = typeof creditEntries.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Audience: contacts, lists, segments, consent, suppression, imports (issue: Audience).
// Contacts use integer ids so keyset paging and list membership joins stay cheap at 10^6 rows.

/** A person the account can reach. `fields` is a JSON object of custom fields. */
export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    email: text("email"),
    phone: text("phone"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    position: text("position"),
    company: text("company"),
    fields: text("fields").notNull().default("{}"),
    emailStatus: text("email_status").notNull().default("subscribed"),
    smsStatus: text("sms_status").notNull().default("subscribed"),
    verdict: text("verdict").notNull().default("valid"),
    reasons: text("reasons").notNull().default("[]"),
    suggestion: text("suggestion"),
    emailDomain: text("email_domain"),
    lastImportId: text("last_import_id"),
    lastImportLine: integer("last_import_line"),
    lastOpenAt: integer("last_open_at"),
    lastClickAt: integer("last_click_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("contacts_account_email").on(t.accountId, t.email),
    index("contacts_account_phone").on(t.accountId, t.phone),
    index("contacts_account_id").on(t.accountId, t.id),
    index("contacts_domain").on(t.emailDomain),
  ],
);

/** Custom fields an account has defined (key, label, type). */
export const customFields = sqliteTable(
  "custom_fields",
  {
    accountId: text("account_id").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

export const lists = sqliteTable(
  "lists",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    doubleOptIn: integer("double_opt_in", { mode: "boolean" }).notNull().default(false),
    formToken: text("form_token").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("lists_account").on(t.accountId), uniqueIndex("lists_form_token").on(t.formToken)],
);

/** Membership of a contact in a static list; `status` is subscribed, unsubscribed or pending (double opt-in). */
export const listMembers = sqliteTable(
  "list_members",
  {
    listId: text("list_id").notNull(),
    contactId: integer("contact_id").notNull(),
    status: text("status").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.contactId] }), index("list_members_contact").on(t.contactId)],
);

/** A dynamic segment: `definition` is a JSON SegmentDefinition (shared/audience/segments.ts). */
export const segments = sqliteTable(
  "segments",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    definition: text("definition").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("segments_account").on(t.accountId)],
);

/** Consent given or revoked per channel (Ley 29733, Ley 32323), with its proof. Append-only. */
export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: text("account_id").notNull(),
    contactId: integer("contact_id").notNull(),
    channel: text("channel").notNull(),
    action: text("action").notNull(),
    source: text("source").notNull(),
    at: integer("at").notNull(),
    proof: text("proof").notNull(),
  },
  (t) => [index("consents_contact").on(t.contactId, t.id)],
);

/** Addresses, phones or whole domains never to be sent to, per account. */
export const suppressions = sqliteTable(
  "suppressions",
  {
    accountId: text("account_id").notNull(),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind, t.value] })],
);

/** A file import into a list: its state, its counts and where the file is in R2. */
export const imports = sqliteTable(
  "imports",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    listId: text("list_id").notNull(),
    status: text("status").notNull(),
    fileKey: text("file_key").notNull(),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    encoding: text("encoding"),
    delimiter: text("delimiter"),
    hasHeader: integer("has_header", { mode: "boolean" }),
    header: text("header"),
    preview: text("preview"),
    mapping: text("mapping"),
    policy: text("policy").notNull().default("upsert"),
    rowsRead: integer("rows_read").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** Line of the last record written; a retried import resumes after it. */
    checkpointLine: integer("checkpoint_line").notNull().default(0),
    bytesRead: integer("bytes_read").notNull().default(0),
    verdicts: text("verdicts").notNull().default("{}"),
    error: text("error"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [index("imports_account").on(t.accountId, t.createdAt)],
);

/** One rejected row of an import: line number and reason, for the downloadable report. */
export const importRejects = sqliteTable(
  "import_rejects",
  {
    importId: text("import_id").notNull(),
    line: integer("line").notNull(),
    reason: text("reason").notNull(),
    raw: text("raw"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/** The mapping an account last chose for a header layout, offered again next time. */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    accountId: text("account_id").notNull(),
    signature: text("signature").notNull(),
    mapping: text("mapping").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.signature] })],
);

/** MX lookups per domain (DNS facts, shared by all accounts), refreshed when older than their TTL or 24 h. */
export const mxCache = sqliteTable("mx_cache", {
  domain: text("domain").primaryKey(),
  status: text("status").notNull(),
  ttlSeconds: integer("ttl_seconds").notNull(),
  checkedAt: integer("checked_at").notNull(),
});

/** Double opt-in (B2): a pending subscription waits for its token to be confirmed. */
export const optinTokens = sqliteTable(
  "optin_tokens",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    listId: text("list_id").notNull(),
    contactId: integer("contact_id").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    sentAt: integer("sent_at"),
    confirmedAt: integer("confirmed_at"),
  },
  (t) => [index("optin_tokens_contact").on(t.contactId)],
);

// ---------------------------------------------------------------------------------------------
// Email: branding, templates, campaigns and per-recipient deliveries (issue: Email campaigns).

/** The account's look, set once and applied to every gallery template (W2). */
export const branding = sqliteTable("branding", {
  accountId: text("account_id").primaryKey(),
  logoUrl: text("logo_url"),
  primaryColor: text("primary_color").notNull(),
  secondaryColor: text("secondary_color").notNull(),
  organisation: text("organisation").notNull(),
  address: text("address").notNull(),
  website: text("website"),
  updatedAt: integer("updated_at").notNull(),
});

/** A saved template: its MJML source and what it compiles to, with the merge fields it uses. */
export const templates = sqliteTable(
  "templates",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    source: text("source").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    fields: text("fields").notNull(),
    galleryKey: text("gallery_key"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("templates_account").on(t.accountId, t.updatedAt)],
);

/** An email campaign and its state machine (draft → scheduled → sending → paused/cancelled → sent). */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    status: text("status").notNull(),
    subject: text("subject").notNull(),
    preheader: text("preheader"),
    fromName: text("from_name").notNull(),
    fromAddress: text("from_address").notNull(),
    replyTo: text("reply_to"),
    commercial: integer("commercial", { mode: "boolean" }).notNull().default(false),
    templateId: text("template_id"),
    html: text("html").notNull(),
    text: text("text").notNull(),
    audience: text("audience").notNull(),
    scheduledAt: integer("scheduled_at"),
    timezone: text("timezone").notNull().default("America/Lima"),
    total: integer("total").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    reservationId: text("reservation_id"),
    /** Who scheduled or sent it: whose credit pays (the main pool for owner/admin). */
    sentBy: text("sent_by"),
    pauseReason: text("pause_reason"),
    /** A/B test (B3): JSON AbTest (shared/campaigns/ab.ts), or null for a plain campaign. */
    ab: text("ab"),
    /** "A" or "B" once the test is decided; the rest of the audience gets that version. */
    abWinner: text("ab_winner"),
    /** JSON AbResult: each variant's sends, opens and clicks when the winner was picked. */
    abResult: text("ab_result"),
    /** Re-send rounds of deliveries lost to a platform fault (C1); 0 for the first send. */
    round: integer("round").notNull().default(0),
    /** "email" or "sms". An SMS campaign's message is `text`; subject, html and from are unused. */
    channel: text("channel").notNull().default("email"),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
    /** Set on the hidden campaign that carries one email step of an automation (W4); such campaigns are not listed. */
    automationId: text("automation_id"),
    /** When the campaign was published to the account's public archive (W6); null when it is not. */
    publishedAt: integer("published_at"),
  },
  (t) => [index("campaigns_account").on(t.accountId, t.createdAt), index("campaigns_published").on(t.accountId, t.publishedAt)],
);

/**
 * One recipient of one campaign. The row is written when the runner enqueues the recipient,
 * claimed (status `sending`) before the SMTP transaction and settled after it, so a redelivered
 * Queue message never mails anyone twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    campaignId: text("campaign_id").notNull(),
    contactId: integer("contact_id").notNull(),
    email: text("email").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    claimedAt: integer("claimed_at"),
    sentAt: integer("sent_at"),
    code: integer("code"),
    detail: text("detail"),
    messageId: text("message_id"),
    /** A/B variant ("A" or "B") this recipient got; null outside a test. */
    variant: text("variant"),
    /** First open and first click (filled by tracking; A/B winners and engagement segments read them). */
    openedAt: integer("opened_at"),
    clickedAt: integer("clicked_at"),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.contactId] }),
    index("deliveries_status").on(t.campaignId, t.status),
    // A contact's deliveries across campaigns (bounce reports, soft-bounce counts, history).
    index("deliveries_contact").on(t.contactId),
  ],
);

/**
 * A domain the account sends from: its DKIM key pair (the private key encrypted with the
 * deployment's secret) and the outcome of the last SPF / DKIM / DMARC check over DNS-over-HTTPS.
 */
export const sendingDomains = sqliteTable(
  "sending_domains",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    domain: text("domain").notNull(),
    selector: text("selector").notNull(),
    /** PKCS#8 RSA-2048 private key, AES-GCM encrypted (workers/email/domain-keys.ts). */
    privateKey: text("private_key").notNull(),
    /** Base64 SubjectPublicKeyInfo: the `p=` of the DKIM record. */
    publicKey: text("public_key").notNull(),
    spf: text("spf").notNull().default("pending"),
    dkim: text("dkim").notNull().default("pending"),
    dmarc: text("dmarc").notNull().default("pending"),
    verified: integer("verified", { mode: "boolean" }).notNull().default(false),
    /** JSON: what the last check found for each record. */
    checkDetails: text("check_details"),
    checkedAt: integer("checked_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("sending_domains_account_domain").on(t.accountId, t.domain)],
);

/** Per-account sending limits: per mailbox provider and an optional warm-up (JSON SendLimits). */
export const sendSettings = sqliteTable("send_settings", {
  accountId: text("account_id").primaryKey(),
  limits: text("limits").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Messages released per throttle scope and time window (e.g. "acc:…:gmail:h" × the hour), shared
 * by every campaign so that limits hold across campaigns. Old windows are pruned by the cron.
 */
export const sendWindows = sqliteTable(
  "send_windows",
  {
    scope: text("scope").notNull(),
    window: integer("window").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.window] })],
);

// ---------------------------------------------------------------------------------------------
// Tracking (E2, B5): raw events and hourly buckets, written by the events Queue consumer.

/**
 * One recorded event (open, click, view, unsubscribe, sent, bounce, complaint), unique by the id
 * its producer gave it, so a redelivered Queue message inserts nothing. `msg` is the Queue
 * message that inserted the row and `attempt` the consumer run that did (what the rest of that
 * run's D1 batch works on, so a retried batch counts nothing twice); `first` marks a contact's first
 * human open / click / unsubscribe of the campaign; `live` is set once CampaignLive was told.
 */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    contactId: integer("contact_id").notNull(),
    kind: text("kind").notNull(),
    at: integer("at").notNull(),
    url: text("url"),
    userAgent: text("user_agent"),
    ipHash: text("ip_hash"),
    /** The machine rule (B5), null for a human. */
    machine: text("machine"),
    provider: text("provider"),
    device: text("device"),
    client: text("client"),
    status: text("status"),
    detail: text("detail"),
    source: text("source"),
    msg: text("msg").notNull(),
    attempt: text("attempt").notNull(),
    first: integer("first").notNull().default(0),
    live: integer("live").notNull().default(0),
  },
  (t) => [index("events_contact").on(t.campaignId, t.contactId, t.kind), index("events_msg").on(t.msg)],
);

/**
 * Hourly counts per campaign, kind and machine flag, for one dimension: "all" (value ""), "link"
 * (the URL), "provider" (gmail, outlook, yahoo, other), "device" and "client" (from the UA).
 * `n` counts events, `u` the first (unique) ones.
 */
export const eventBuckets = sqliteTable(
  "event_buckets",
  {
    campaignId: text("campaign_id").notNull(),
    hour: integer("hour").notNull(),
    kind: text("kind").notNull(),
    machine: integer("machine").notNull(),
    dim: text("dim").notNull(),
    value: text("value").notNull(),
    accountId: text("account_id").notNull(),
    n: integer("n").notNull().default(0),
    u: integer("u").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.hour, t.kind, t.machine, t.dim, t.value] }), index("event_buckets_account").on(t.accountId, t.hour)],
);

// ---------------------------------------------------------------------------------------------
// Reports and exports (R1, S3).

/**
 * A file produced for download: a report or a per-recipient event list written to R2 and
 * fetched through a signed, expiring URL. `scheduleId` is set when a schedule produced it.
 */
export const exportsTable = sqliteTable(
  "exports",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    /** "monthly-report" | "campaign-events" | "campaign-recipients" */
    kind: text("kind").notNull(),
    /** JSON parameters of the kind (month, userId, campaignId, …). */
    params: text("params").notNull(),
    /** "csv" | "pdf" */
    format: text("format").notNull(),
    /** "pending" | "ready" | "failed" */
    status: text("status").notNull(),
    r2Key: text("r2_key"),
    bytes: integer("bytes"),
    rows: integer("rows"),
    error: text("error"),
    scheduleId: text("schedule_id"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
    /** When the file is deleted from R2 and its links stop working. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("exports_account").on(t.accountId, t.createdAt), index("exports_expires").on(t.expiresAt)],
);

/** A recurring export: the cron produces one `exports` row each time it falls due. */
export const exportSchedules = sqliteTable(
  "export_schedules",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    kind: text("kind").notNull(),
    params: text("params").notNull(),
    format: text("format").notNull(),
    /** "daily" | "weekly" | "monthly" (in the schedule's time zone, at `hour`). */
    cadence: text("cadence").notNull(),
    hour: integer("hour").notNull().default(6),
    timezone: text("timezone").notNull().default("America/Lima"),
    nextRunAt: integer("next_run_at").notNull(),
    lastRunAt: integer("last_run_at"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("export_schedules_due").on(t.active, t.nextRunAt), index("export_schedules_account").on(t.accountId)],
);

/** The monthly report emailed to an account's owner: one row per account and month, so the cron mails it once. */
export const reportMails = sqliteTable(
  "report_mails",
  {
    accountId: text("account_id").notNull(),
    month: text("month").notNull(),
    /** "sending" | "sent" | "failed" */
    status: text("status").notNull(),
    recipient: text("recipient"),
    detail: text("detail"),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.month] })],
);

// ---------------------------------------------------------------------------------------------
// SMS (S1–S9): provider connections, messages and their parts, inbound messages, keywords,
// the portability table and per-recipient short links.

/**
 * An HTTP-to-SMPP provider the account sends through (Kannel's sendsms, Jasmin's HTTP API or a
 * generic JSON provider). `operators` lists the operators it serves ("*" for all); among the
 * connections serving an operator the lowest `priority` goes first and the next ones are the
 * failover. `secret` authenticates the provider's callbacks (receipts and inbound messages).
 */
export const smsConnections = sqliteTable(
  "sms_connections",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    /** "kannel" | "jasmin" | "http-json" */
    kind: text("kind").notNull(),
    baseUrl: text("base_url").notNull(),
    username: text("username"),
    /** AES-GCM encrypted (like DKIM keys), never returned by the API. */
    password: text("password"),
    /** Sender id or short code. */
    sender: text("sender").notNull(),
    /** JSON array of operators ("claro", "movistar", "entel", "bitel", "other") or ["*"]. */
    operators: text("operators").notNull().default('["*"]'),
    priority: integer("priority").notNull().default(0),
    /** Messages (parts) per second this connection may take. */
    ratePerSecond: integer("rate_per_second").notNull().default(50),
    secret: text("secret").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sms_connections_account").on(t.accountId, t.priority)],
);

/**
 * One SMS to one number: a campaign's recipient (unique per campaign and contact, so a
 * redelivered Queue message never sends twice), a single send, or a reply from the inbox.
 * Claimed (`sending`) before the provider call and settled after it, like email deliveries.
 */
export const smsMessages = sqliteTable(
  "sms_messages",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    campaignId: text("campaign_id"),
    contactId: integer("contact_id"),
    toNumber: text("to_number").notNull(),
    sender: text("sender"),
    text: text("text").notNull(),
    /** "GSM-7" | "UCS-2" */
    encoding: text("encoding").notNull(),
    segments: integer("segments").notNull(),
    /** queued | sending | accepted | delivered | failed | expired | rejected | cancelled */
    status: text("status").notNull(),
    connectionId: text("connection_id"),
    operator: text("operator"),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** Who sent it (single sends and replies): whose credit paid. */
    sentBy: text("sent_by"),
    /** The ledger reservation that pays for it (single sends). */
    reservationId: text("reservation_id"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    doneAt: integer("done_at"),
  },
  (t) => [
    uniqueIndex("sms_messages_campaign_contact").on(t.campaignId, t.contactId),
    index("sms_messages_campaign_status").on(t.campaignId, t.status),
    index("sms_messages_account_number").on(t.accountId, t.toNumber, t.createdAt),
    index("sms_messages_account_created").on(t.accountId, t.createdAt),
  ],
);

/** One segment of an SMS as the provider saw it: its id there and its own receipt (S4). */
export const smsParts = sqliteTable(
  "sms_parts",
  {
    messageId: text("message_id").notNull(),
    part: integer("part").notNull(),
    providerId: text("provider_id"),
    /** sending | accepted | delivered | failed | expired | rejected | buffered */
    status: text("status").notNull(),
    error: text("error"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.part] }), index("sms_parts_provider").on(t.providerId)],
);

/** An incoming SMS (MO): threaded per number in the inbox; keywords acted upon are recorded. */
export const smsInbound = sqliteTable(
  "sms_inbound",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    connectionId: text("connection_id"),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number"),
    text: text("text").notNull(),
    contactId: integer("contact_id"),
    /** The keyword matched (BAJA, or an account's), and what was done: "optout" | "keyword". */
    keyword: text("keyword"),
    action: text("action"),
    read: integer("read", { mode: "boolean" }).notNull().default(false),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("sms_inbound_account_number").on(t.accountId, t.fromNumber, t.receivedAt), index("sms_inbound_account_received").on(t.accountId, t.receivedAt)],
);

/** An account's keyword (S6): what an incoming message starting with it triggers (JSON actions: reply, tag, webhook). */
export const smsKeywords = sqliteTable(
  "sms_keywords",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    keyword: text("keyword").notNull(),
    actions: text("actions").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("sms_keywords_account_keyword").on(t.accountId, t.keyword)],
);

/** Number → operator, uploaded by the account (portability); other numbers use the provider's own routing. */
export const smsPortability = sqliteTable(
  "sms_portability",
  {
    accountId: text("account_id").notNull(),
    number: text("number").notNull(),
    operator: text("operator").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.number] })],
);

/** A per-recipient short link of an SMS (`/s/{code}`): its click is attributed to the contact (B10, S9). */
export const shortLinks = sqliteTable(
  "short_links",
  {
    code: text("code").primaryKey(),
    accountId: text("account_id").notNull(),
    campaignId: text("campaign_id"),
    messageId: text("message_id"),
    contactId: integer("contact_id"),
    url: text("url").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("short_links_campaign").on(t.campaignId)],
);

/**
 * A single-use, expiring link to set a user's password (W5: the welcome mail of a new sub-user;
 * also a reset). `id` is the SHA-256 of the token in the link; the raw token is never stored.
 */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    accountId: text("account_id").notNull(),
    /** "welcome" (a new sub-user) | "reset". */
    purpose: text("purpose").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("password_tokens_user").on(t.userId)],
);

/** An outgoing webhook (B1): events of the account POSTed to `url`, signed with HMAC-SHA256 of the (sealed) secret. */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    url: text("url").notNull(),
    /** JSON array of event names (sent, delivered, opened, clicked, bounced, unsubscribed, sms_delivered, sms_received). */
    events: text("events").notNull(),
    /** The signing secret, sealed at rest. */
    secret: text("secret").notNull(),
    description: text("description"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Set when deliveries keep failing (after the last retry); cleared by the next success. */
    failingSince: integer("failing_since"),
    lastStatus: integer("last_status"),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("webhooks_account").on(t.accountId)],
);

/** One event for one webhook: the delivery log and retry state (B1). Unique per (webhook, event), so an event is delivered once. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id").notNull(),
    accountId: text("account_id").notNull(),
    eventId: text("event_id").notNull(),
    event: text("event").notNull(),
    payload: text("payload").notNull(),
    /** "pending" | "delivered" | "failed" (given up). */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAt: integer("next_at"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    doneAt: integer("done_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event").on(t.webhookId, t.eventId),
    index("webhook_deliveries_log").on(t.webhookId, t.createdAt),
    index("webhook_deliveries_due").on(t.status, t.nextAt),
  ],
);

// ---------------------------------------------------------------------------------------------
// Automations (W4, S6): a trigger and a graph of steps; contacts go through it as runs.

/** An automation: `trigger` is a JSON Trigger and `steps` a JSON Step[] (shared/automations/definition.ts). */
export const automations = sqliteTable(
  "automations",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    /** "draft" | "active" | "paused". Only active automations enrol contacts and run steps. */
    status: text("status").notNull(),
    trigger: text("trigger").notNull(),
    steps: text("steps").notNull(),
    /** Whose credit pays for its emails and SMS (the main pool for owner/admin). */
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    activatedAt: integer("activated_at"),
    /** When a periodic trigger (date field, segment, engagement) last looked for contacts. */
    checkedAt: integer("checked_at"),
  },
  (t) => [index("automations_account").on(t.accountId, t.createdAt)],
);

/**
 * One contact going through one automation once per occurrence (the date value, the event id,
 * ...): unique, so a trigger seen twice enrols once. `stepId` is where it waits until `nextAt`.
 */
export const automationRuns = sqliteTable(
  "automation_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    automationId: text("automation_id").notNull(),
    accountId: text("account_id").notNull(),
    contactId: integer("contact_id").notNull(),
    occurrence: text("occurrence").notNull().default(""),
    /** "waiting" | "done" | "exited" | "failed". */
    status: text("status").notNull(),
    stepId: text("step_id"),
    nextAt: integer("next_at"),
    attempts: integer("attempts").notNull().default(0),
    /** JSON: what the trigger carried (event data, campaign id), readable by conditions. */
    context: text("context").notNull().default("{}"),
    enteredAt: integer("entered_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("automation_runs_once").on(t.automationId, t.contactId, t.occurrence),
    index("automation_runs_due").on(t.automationId, t.status, t.nextAt),
    index("automation_runs_waiting").on(t.status, t.nextAt),
  ],
);

/** A step a run went through, once: the primary key is the idempotency of every step (and the per-step stats). */
export const automationSteps = sqliteTable(
  "automation_step_log",
  {
    runId: integer("run_id").notNull(),
    stepId: text("step_id").notNull(),
    automationId: text("automation_id").notNull(),
    /** "done" | "yes" | "no" (a condition) | "skipped" | "failed". */
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] }), index("automation_step_log_stats").on(t.automationId, t.stepId, t.outcome)],
);

// ---------------------------------------------------------------------------------------------
// Social (W6): the public archive, connected social accounts and what was posted to them.

/** The account's public archive: its address (`/archivo/{slug}`), title and whether it is on. */
export const archiveSettings = sqliteTable(
  "archive_settings",
  {
    accountId: text("account_id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("archive_settings_slug").on(t.slug)],
);

/** A connected Facebook Page, LinkedIn organisation or X account; its access token sealed at rest. */
export const socialAccounts = sqliteTable(
  "social_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    /** "facebook" | "linkedin" | "x". */
    network: text("network").notNull(),
    name: text("name").notNull(),
    /** The page id, organisation URN or X user id posts go to. */
    target: text("target").notNull(),
    token: text("token").notNull(),
    autoPublish: integer("auto_publish", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("social_accounts_account").on(t.accountId)],
);

/** One campaign posted to one social account: once (unique), with the network's answer. */
export const socialPosts = sqliteTable(
  "social_posts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    socialAccountId: text("social_account_id").notNull(),
    /** "pending" | "posted" | "failed". */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    remoteId: text("remote_id"),
    url: text("url"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("social_posts_once").on(t.campaignId, t.socialAccountId), index("social_posts_account").on(t.accountId, t.createdAt)],
);
