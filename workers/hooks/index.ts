/**
 * Relay webhooks, POST /hooks/email/:provider for ses (through SNS), sendgrid, mailgun and
 * postmark: authenticate as the provider allows, normalise (shared/bounces/relays.ts) and apply
 * like a bounce mail (workers/bounces). Wrong or missing signature → 401, malformed payload → 400,
 * unknown provider → 404, a provider without its secret configured → 404 as well; every failure
 * is the API's JSON error shape and nothing escapes as a 500.
 */
import { Hono, type Context } from "hono";
import { readMailgun, readPostmark, readSendgrid, readSes } from "../../shared/bounces/relays";
import { verifyBasic, verifyMailgun, verifySendgrid } from "../../shared/bounces/signatures";
import type { Feedback } from "../../shared/bounces/types";
import { recordFeedback } from "../bounces/inbound";
import { checkSns, type SnsFetch } from "./sns";

type HooksEnv = { Bindings: Env };
const err = (c: Context<HooksEnv>, status: 400 | 401 | 404, code: string, message: string) => c.json({ error: { code, message } }, status);
const MAX_BODY = 1024 * 1024;

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The hooks app; `deps.snsFetch` reaches SNS hosts (tests give a local stand-in). */
export function createHooks(deps: { snsFetch: SnsFetch } = { snsFetch: (url) => fetch(url) }) {
  return new Hono<HooksEnv>()
    .post("/email/:provider", async (c) => {
      const provider = c.req.param("provider");
      const body = await c.req.text();
      if (body.length > MAX_BODY) return err(c, 400, "too_large", "Payload too large");
      const payload = json(body);
      const now = new Date();
      let feedback: Feedback[] | null;
      switch (provider) {
        case "ses": {
          const sns = await checkSns(payload, c.env, deps.snsFetch);
          if (sns.status !== "ok") return sns.status === "malformed" ? err(c, 400, "bad_payload", sns.message) : err(c, 401, "bad_signature", sns.message);
          if (sns.confirmed) return c.json({ ok: true, confirmed: true });
          feedback = readSes(json(sns.message));
          break;
        }
        case "sendgrid": {
          if (!c.env.SENDGRID_WEBHOOK_PUBLIC_KEY) return err(c, 404, "not_found", "No such webhook");
          const ok = await verifySendgrid(c.env.SENDGRID_WEBHOOK_PUBLIC_KEY, c.req.header("x-twilio-email-event-webhook-signature") ?? "", c.req.header("x-twilio-email-event-webhook-timestamp") ?? "", body, now);
          if (!ok) return err(c, 401, "bad_signature", "Signature does not verify");
          feedback = readSendgrid(payload);
          break;
        }
        case "mailgun": {
          if (!c.env.MAILGUN_WEBHOOK_SIGNING_KEY) return err(c, 404, "not_found", "No such webhook");
          const sig = (payload as { signature?: { timestamp?: unknown; token?: unknown; signature?: unknown } } | undefined)?.signature;
          if (typeof sig?.timestamp !== "string" || typeof sig.token !== "string" || typeof sig.signature !== "string") return err(c, 401, "bad_signature", "Missing signature");
          if (!(await verifyMailgun(c.env.MAILGUN_WEBHOOK_SIGNING_KEY, { timestamp: sig.timestamp, token: sig.token, signature: sig.signature }, now))) return err(c, 401, "bad_signature", "Signature does not verify");
          feedback = readMailgun(payload);
          break;
        }
        case "postmark": {
          if (!c.env.POSTMARK_WEBHOOK_AUTH) return err(c, 404, "not_found", "No such webhook");
          if (!verifyBasic(c.req.header("authorization"), c.env.POSTMARK_WEBHOOK_AUTH)) return err(c, 401, "bad_signature", "Wrong credentials");
          feedback = readPostmark(payload);
          break;
        }
        default:
          return err(c, 404, "not_found", "No such webhook");
      }
      if (!feedback) return err(c, 400, "bad_payload", `Malformed ${provider} payload`);
      const events = await recordFeedback(c.env, feedback, { trustEmail: true });
      return c.json({ ok: true, recorded: events.length });
    })
    .onError((e, c) => {
      console.error("hooks: webhook failed", e);
      // A storage fault: the relay retries on 503, so nothing is lost.
      return c.json({ error: { code: "unavailable", message: "Try again later" } }, 503);
    });
}

export const hooks = createHooks();
