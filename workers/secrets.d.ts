/**
 * Secrets and optional settings that `wrangler types` cannot see (they live in `.dev.vars`
 * locally and in `wrangler secret put` at Cloudflare). Merged into the generated `Env`.
 */
interface Env {
  /** Owner created on an empty database (first start). */
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  /** Name of the main account created on first start. */
  ACCOUNT_NAME?: string;
  /** Domains this deployment may send from (comma-separated). */
  SENDER_DOMAINS?: string;
  /** "true": webhooks and SMS connections may target loopback and private addresses (local development only). */
  ALLOW_PRIVATE_TARGETS?: string;
  /** Base URL of tracking, unsubscribe and web-version links. */
  PUBLIC_URL?: string;
  /** HMAC secret of tracking and unsubscribe links. */
  LINK_SECRET?: string;
  /** API requests per minute per API key or session, per isolate (default 600; docs/security.md). */
  API_RATE_PER_MINUTE?: string;
  /** Recipient requests (/t /u /v /s, form posts) per minute per IP and endpoint family, per isolate (default 120). */
  RECIPIENT_RATE_PER_MINUTE?: string;
  /** DKIM: PKCS#8 PEM private key, selector, signing domain (default: the sender's), algorithm. */
  DKIM_PRIVATE_KEY?: string;
  DKIM_SELECTOR?: string;
  DKIM_DOMAIN?: string;
  DKIM_ALGORITHM?: string;
  /** Secret the DKIM keys of sending domains are encrypted under at rest (default: LINK_SECRET). */
  DKIM_KEY_SECRET?: string;
  /** The relay's SPF domain that sending domains must include, e.g. "spf.relay.example". */
  SPF_INCLUDE?: string;
  /** Domain of the VERP bounce address (default: the sender's). */
  BOUNCE_DOMAIN?: string;
  /** The relay: host, port, TLS mode (none | starttls | implicit), credentials, pool size, HELO name. */
  SMTP_HOST?: string;
  SMTP_PORT?: string;
  SMTP_TLS?: string;
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  SMTP_POOL?: string;
  SMTP_HELO?: string;
  /** The relay's rate: messages released per minute by every account together (unset: no limit). */
  SMTP_RATE_PER_MINUTE?: string;
  /** Base of the backoff before a deferred (4xx) message is tried again, in seconds (default 30). */
  EMAIL_RETRY_SECONDS?: string;
  /** Relay webhooks (/hooks/email/:provider). SES: pin the SNS topic (optional). */
  SES_SNS_TOPIC_ARN?: string;
  /** SendGrid signed event webhook: the verification key (base64 ECDSA P-256 public key). */
  SENDGRID_WEBHOOK_PUBLIC_KEY?: string;
  /** Mailgun: the HTTP webhook signing key. */
  MAILGUN_WEBHOOK_SIGNING_KEY?: string;
  /** Postmark: "user:password" of the basic auth in the webhook URL. */
  POSTMARK_WEBHOOK_AUTH?: string;
  /** Sender of the deployment's own mail (the monthly report): "Name <address>" or an address. */
  SYSTEM_FROM?: string;
  /** Days an export is kept in R2 before the cron deletes it (default 7). */
  EXPORT_TTL_DAYS?: string;
  /** SMS: the deployment's default Kannel (every account without a connection of its own sends through it). */
  SMS_KANNEL_URL?: string;
  SMS_KANNEL_USER?: string;
  SMS_KANNEL_PASSWORD?: string;
  /** Parts per second the default Kannel takes (default 500). */
  SMS_KANNEL_RATE?: string;
  /** Sender id of the default Kannel (default "PREGON"). */
  SMS_SENDER?: string;
  /** Secret in the default Kannel's callback URLs (default: derived from LINK_SECRET). */
  SMS_HOOK_SECRET?: string;
  /** How long a provider may take to answer a send, in ms (default 10000). */
  SMS_SEND_TIMEOUT_MS?: string;
  /** Base of the backoff before a provider fault (5xx, timeout) is retried, in seconds (default 10). */
  SMS_RETRY_SECONDS?: string;
  /** Social publishing (W6): base URLs of the Facebook Graph, LinkedIn and X APIs (defaults: the real ones). */
  FACEBOOK_API_URL?: string;
  LINKEDIN_API_URL?: string;
  X_API_URL?: string;
  /** Base of the backoff before a social post that got no answer or a 5xx is retried, in seconds (default 30). */
  SOCIAL_RETRY_SECONDS?: string;
}
