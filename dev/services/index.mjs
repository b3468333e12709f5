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
 * Planned here, before the Worker (see docs/architecture.md, "Local and at scale"):
 *   - smsCarrier: a local SMS carrier simulator, HTTP-to-SMPP style, with DLRs (vars: SMS_…)
 */
import { smtpInbox } from "./smtp-inbox.mjs";
import { worker } from "./worker.mjs";

export const services = [smtpInbox, worker];
