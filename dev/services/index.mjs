/**
 * What `npm start` runs, started in this order and stopped in reverse.
 *
 * A service is `{ name, title, ports(opts) → number[], start(ctx) → Promise<running> }` where
 *   ctx     = { root, host, port, vars, devVars }  (`port` is the Worker's, from --port)
 *   running = { stop(), exited?, banner?: [label, value][], vars?: {}, warnings?: string[] }
 * `ports` are checked before anything is built, so a busy port fails fast with a clear message.
 * `vars` a service returns are handed to the services after it; the Worker receives them as
 * `wrangler dev --var KEY:VALUE`, so a local relay or carrier can tell the Worker where it listens.
 * `exited` (a promise) lets the dev command stop everything when a service dies on its own.
 *
 * Before the Worker:
 *   - smtpInbox:  a local SMTP capture relay with a web inbox (vars: SMTP_HOST, SMTP_PORT, SMTP_TLS)
 *   - smsCarrier: a local SMS carrier that speaks Kannel's sendsms HTTP API, with DLRs and a page
 *                 to answer as the handset (vars: SMS_KANNEL_URL, SMS_KANNEL_USER, SMS_KANNEL_PASSWORD)
 */
import { smtpInbox } from "./smtp-inbox.mjs";
import { smsCarrier } from "./sms-carrier.mjs";
import { worker } from "./worker.mjs";

export const services = [smtpInbox, smsCarrier, worker];
