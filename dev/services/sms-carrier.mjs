/**
 * A local SMS carrier for `npm start`, so a new user sees the whole SMS loop with no provider
 * account and no Kannel installed: one HTTP server on 127.0.0.1:8026 that speaks Kannel's
 * sendsms interface itself (/cgi-bin/sendsms, same parameters and answers), keeps what it
 * receives in memory, calls each message's dlr-url after a short delay (delivered, or failed for
 * a configurable fraction), and shows a page ("Operador SMS de prueba") with the messages per
 * number and a form to answer as the handset; replies go to the Worker in the shape of Kannel's
 * MO get-url. The real Kannel in front of a simulated SMSC is for the tests (dev/sms/).
 *
 * The Worker is told where to send: SMS_KANNEL_URL (Kannel's base URL, to which the product adds
 * /cgi-bin/sendsms, as shared/sms/kannel.ts does), SMS_KANNEL_USER and SMS_KANNEL_PASSWORD as `--var`s. MO and default DLR calls go to the Worker's port at
 * /hooks/sms/local/mo and /hooks/sms/local/dlr, the hooks of the Worker's default connection
 * `local`, with its secret in `?s=`: SMS_HOOK_SECRET from .dev.vars, else the Worker's own
 * derivation from LINK_SECRET (HMAC-SHA256 of "sms-hook", 32 hex digits; workers/sms/connections-store.ts),
 * else a random one; the secret is also handed to the Worker as a `--var`, so both always agree.
 * Environment: $PREGON_SMS_PORT (default 8026), $PREGON_SMS_FAILURE_RATE (0–1, default 0),
 * $PREGON_SMS_DLR_DELAY_MS (default 1500), $PREGON_SMS_MO_URL (overrides the MO URL).
 */
import { createHmac, randomBytes } from "node:crypto";
import { createCarrier } from "./carrier/engine.mjs";
import { createCarrierWeb } from "./carrier/web.mjs";

const port = () => Number(process.env.PREGON_SMS_PORT ?? 8026);
const USER = { username: "pregon", password: "pregon-sms-local", maxMessages: 10 };

export const smsCarrier = {
  name: "sms-carrier",
  title: "the local SMS carrier",
  ports: () => [port()],
  async start({ host, port: workerPort, devVars = {} }) {
    const local = host === "0.0.0.0" ? "127.0.0.1" : host;
    const worker = `http://${local}:${workerPort}`;
    const secret = hookSecret(devVars);
    const carrier = settings(() => createCarrier({
      user: USER,
      moUrl: process.env.PREGON_SMS_MO_URL || `${worker}/hooks/sms/local/mo?s=${secret}`,
      defaultDlrUrl: `${worker}/hooks/sms/local/dlr?s=${secret}`,
      failureRate: fromEnv("PREGON_SMS_FAILURE_RATE", 0),
      deliveryDelayMs: fromEnv("PREGON_SMS_DLR_DELAY_MS", 1500),
      log: (line) => console.log(`[sms-carrier] ${line}`),
    }));
    const pageUrl = `http://${local}:${port()}`;
    const sendsmsUrl = `${pageUrl}/cgi-bin/sendsms`;
    const web = createCarrierWeb(carrier, { sendsmsUrl, username: USER.username });
    const close = await listen(web, host, port());
    return {
      stop: async () => (carrier.stop(), await close()),
      banner: [
        ["Operador SMS de prueba", pageUrl],
        ["Kannel sendsms local", `${sendsmsUrl} (usuario ${USER.username})`],
      ],
      vars: { SMS_KANNEL_URL: pageUrl, SMS_KANNEL_USER: USER.username, SMS_KANNEL_PASSWORD: USER.password, SMS_HOOK_SECRET: secret },
    };
  },
};

/**
 * The secret of the `local` connection's hooks, as the Worker computes it (hex, so it needs no
 * escaping in a URL).
 * @example hookSecret({ LINK_SECRET: "dev-only-change-me-in-production" }) // 32 hex digits
 */
export function hookSecret(devVars) {
  if (devVars.SMS_HOOK_SECRET) return devVars.SMS_HOOK_SECRET;
  if (devVars.LINK_SECRET) return createHmac("sha256", devVars.LINK_SECRET).update("sms-hook").digest("hex").slice(0, 32);
  return randomBytes(16).toString("hex");
}

/** Runs `make`, naming the environment variable behind a rejected setting. */
function settings(make) {
  try {
    return make();
  } catch (err) {
    const name = { failureRate: "PREGON_SMS_FAILURE_RATE", deliveryDelayMs: "PREGON_SMS_DLR_DELAY_MS" }[err.message.split(":")[0]];
    throw name ? new Error(`${name}: ${err.message.split(": ").slice(1).join(": ")}`) : err;
  }
}

/** A number from the environment (checked by the carrier's configure, which names the setting). */
function fromEnv(name, fallback) {
  const raw = process.env[name];
  return raw === undefined || raw === "" ? fallback : Number(raw);
}

/** Listens; resolves with a close function that also ends kept-alive connections. */
function listen(server, host, p) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(p, host, () => {
      server.off("error", reject);
      resolve(() => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))));
    });
  });
}
