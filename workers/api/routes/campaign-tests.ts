/**
 * POST /campaigns/:id/test: the campaign as it stands, with a contact's data, to a few
 * addresses (email, W9; workers/email/test-send.ts) or mobile numbers (SMS; workers/sms/test-send.ts).
 * Each channel takes only its own field (`to` or `numbers`) and a refusal names the other. An SMS
 * test costs its segments in credit, so it needs the right to send (senders and above) and the
 * credit of whoever sends; both channels count against the same hourly allowance.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CampaignTestBody } from "../../../shared/api/schemas-sms-campaign";
import { can } from "../../../shared/auth/roles";
import type { AppEnv } from "../context";
import { ApiError, forbidden, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import type { CampaignRow } from "../../email/campaign-store";
import { mergeDataFor } from "../../email/preview";
import { TEST_SENDS_PER_HOUR, claimTestSends, sendTest } from "../../email/test-send";
import { mobileOrRefusal } from "../../sms/queue-sms";
import { sendSmsTest } from "../../sms/test-send";
import { holderOf } from "./credits";

const invalid = (field: string, message: string) => new ApiError(400, "invalid_field", `${field}: ${message}`, field);

/** The numbers as E.164 mobiles, each once; the first that is not one is a 400 naming `numbers.<i>`. */
function mobiles(numbers: readonly string[]): string[] {
  const out: string[] = [];
  numbers.forEach((raw, i) => {
    const m = mobileOrRefusal(raw);
    if (typeof m !== "string") throw invalid(`numbers.${i}`, m.message.replace(/^to: /, ""));
    if (!out.includes(m)) out.push(m);
  });
  return out;
}

export const campaignTests = new Hono<AppEnv>().post("/:id/test", guard("testSendCampaign", operations.testSendCampaign), ...json(CampaignTestBody), async (c) => {
  const body = c.req.valid("json");
  const actor = c.var.actor;
  const row = await c.env.DB.prepare("SELECT * FROM campaigns WHERE id = ? AND account_id = ?").bind(c.req.param("id"), actor.accountId).first<CampaignRow>();
  if (!row) throw notFound("Campaign");
  const sms = row.channel === "sms";
  if (sms && body.to) throw invalid("to", "an SMS campaign's test goes to mobile numbers: send them in `numbers`");
  if (!sms && body.numbers) throw invalid("numbers", "an email campaign's test goes to addresses: send them in `to`");
  if (sms && !body.numbers) throw invalid("numbers", "required: up to 5 mobile numbers");
  if (!sms && !body.to) throw invalid("to", "required: up to 5 addresses");
  if (sms && !can(actor.role, "campaigns.send")) throw forbidden("An SMS test costs credit: your role may edit campaigns but not send them");
  const to = sms ? mobiles(body.numbers!) : [...new Set(body.to!.map((a) => a.trim().toLowerCase()))];
  const data = await mergeDataFor(c, body.contactId ?? null);
  c.set("audit", { targetType: "campaign", targetId: row.id, details: { to, contactId: body.contactId ?? null } });
  const left = await claimTestSends(c.env.DB, actor.accountId, to.length, Date.now());
  const field = sms ? "numbers" : "to";
  if (left === null) throw new ApiError(429, "test_send_limit", `${field}: at most ${TEST_SENDS_PER_HOUR} tests an hour per account; try again later`, field);
  if (sms) return c.json({ results: await sendSmsTest(c.env, row, data, to, { accountId: actor.accountId, userId: actor.userId, holder: holderOf(actor) }), remainingThisHour: left });
  return c.json({ results: await sendTest(c.env, row, data, to), remainingThisHour: left });
});
