/**
 * The email step: one email to the run's contact through the step's hidden campaign (so the
 * renderer, signed links, open pixel, VERP bounces, live counters and the monthly report are
 * those of every campaign). Credit: one email reserved per (run, step) — the key makes a retry
 * reuse it — debited on the relay's acceptance, released on a refusal or when retries run out.
 * A contact who cannot receive it (no address, unsubscribed, suppressed, judged invalid) is
 * skipped with the reason. A 4xx answer is retried (1, 2, 4, 8 minutes), a 5xx is a hard bounce.
 */
import type { Step } from "../../shared/automations/definition";
import type { TrackEvent } from "../../shared/events/types";
import { loadCampaign } from "../email/campaign-store";
import { renderFor, rendererFor } from "../email/render";
import { sendBatch } from "../email/smtp";
import { queueEvents } from "../events/queue-events";
import { ledgerOf } from "../ledger";
import type { ContactRow, StepContext, StepResult } from "./steps";
import type { Automation } from "./store";
import type { DueRun } from "./engine";

export const EMAIL_STEP_ATTEMPTS = 5;

async function whyNot(db: D1Database, accountId: string, c: ContactRow): Promise<string | null> {
  if (!c.email) return "no email address";
  if (c.email_status !== "subscribed") return `email ${c.email_status}`;
  if (c.verdict === "invalid") return "address judged invalid";
  const domain = c.email.split("@")[1] ?? "";
  const hit = await db
    .prepare("SELECT kind FROM suppressions WHERE account_id = ? AND ((kind = 'email' AND value = ?) OR (kind = 'domain' AND value = ?)) LIMIT 1")
    .bind(accountId, c.email.toLowerCase(), domain.toLowerCase())
    .first<string>("kind");
  return hit ? `suppressed (${hit})` : null;
}

export async function emailStep(ctx: StepContext, a: Automation, run: DueRun, step: Extract<Step, { type: "email" }>, c: ContactRow, attempts: number, now: number): Promise<StepResult> {
  const { env } = ctx;
  const db = env.DB;
  const reason = await whyNot(db, a.account_id, c);
  if (reason) return { outcome: "skipped", detail: reason };
  const campaign = step.campaignId ? await loadCampaign(db, step.campaignId) : null;
  if (!campaign) return { outcome: "failed", detail: "the step's campaign is missing" };
  const ledger = ledgerOf(env, a.account_id);
  const key = `auto:${run.id}:${step.id}`;
  const held = await ledger.reserve({ accountId: a.account_id, key, holder: await ctx.holder(), channel: "email", amount: 1, actorUserId: a.created_by, note: campaign.name });
  if (!held.ok) return { outcome: "failed", detail: held.code === "insufficient_credit" ? "insufficient email credit" : held.message };
  const email = c.email!;
  // A new occurrence (the same contact again, e.g. next year's expiry) starts the row afresh.
  await db
    .prepare(
      `INSERT INTO deliveries (campaign_id, contact_id, email, status, attempts, claimed_at) VALUES (?1, ?2, ?3, 'sending', 1, ?4)
       ON CONFLICT (campaign_id, contact_id) DO UPDATE SET email = ?3, status = 'sending', claimed_at = ?4, code = NULL, detail = NULL,
         attempts = CASE WHEN ?5 = 0 THEN 1 ELSE deliveries.attempts + 1 END,
         opened_at = CASE WHEN ?5 = 0 THEN NULL ELSE deliveries.opened_at END,
         clicked_at = CASE WHEN ?5 = 0 THEN NULL ELSE deliveries.clicked_at END`,
    )
    .bind(campaign.id, c.id, email, now, attempts)
    .run();
  const message = await renderFor(await rendererFor(env, campaign), { contact_id: c.id, email, first_name: c.first_name, last_name: c.last_name, position: c.position, company: c.company, phone: c.phone, fields: c.fields });
  const [result] = await sendBatch(ctx.messenger(), [{ ...message, id: String(c.id) }]);
  const at = Date.now();
  const common = { accountId: a.account_id, campaignId: campaign.id, contactId: c.id, at };
  const settle = (status: string, code: number | null, detail: string) =>
    db
      .prepare("UPDATE deliveries SET status = ?, code = ?, detail = ?, message_id = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE campaign_id = ? AND contact_id = ?")
      .bind(status, code, detail.slice(0, 300), message.messageId, status, at, campaign.id, c.id);
  if (result?.status === "accepted") {
    await db.batch([settle("sent", result.code || null, result.message), db.prepare("UPDATE campaigns SET sent = sent + 1, total = total + 1 WHERE id = ?").bind(campaign.id)]);
    await ledger.commit({ accountId: a.account_id, key: `${key}:commit`, reservationId: key, amount: 1 });
    await emit(env, [{ ...common, id: `sent:${campaign.id}:${c.id}:a${run.id}`, kind: "sent" }]);
    return { outcome: "done", detail: message.messageId };
  }
  const code = result?.code || null;
  const said = `${code ?? ""} ${result?.message ?? "no answer"}`.trim().slice(0, 250);
  if (result?.status === "rejected") {
    await db.batch([
      settle("bounced", code, said),
      db.prepare("UPDATE campaigns SET failed = failed + 1, total = total + 1 WHERE id = ?").bind(campaign.id),
      db.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'email', ?, 'hard_bounce', ?) ON CONFLICT DO NOTHING").bind(a.account_id, email.toLowerCase(), at),
      db
        .prepare(`UPDATE contacts SET email_status = 'bounced', reasons = CASE WHEN reasons LIKE '%"suppressed"%' THEN reasons ELSE json_insert(reasons, '$[#]', 'suppressed') END, verdict = 'invalid', updated_at = ? WHERE id = ?`)
        .bind(at, c.id),
    ]);
    await ledger.release({ accountId: a.account_id, key: `${key}:release`, reservationId: key });
    await emit(env, [{ ...common, id: `rejected:${campaign.id}:${c.id}:a${run.id}`, kind: "rejected", status: code === null ? undefined : String(code), detail: said, source: "smtp" }]);
    return { outcome: "failed", detail: `bounced: ${said}` };
  }
  if (attempts + 1 < EMAIL_STEP_ATTEMPTS) {
    await settle("deferred", code, said).run();
    return { outcome: "retry", at: now + 60_000 * 2 ** attempts, detail: `attempt ${attempts + 1}: ${said}` };
  }
  await db.batch([settle("failed", code, said), db.prepare("UPDATE campaigns SET failed = failed + 1, total = total + 1 WHERE id = ?").bind(campaign.id)]);
  await ledger.release({ accountId: a.account_id, key: `${key}:release`, reservationId: key });
  return { outcome: "failed", detail: `not accepted after ${EMAIL_STEP_ATTEMPTS} attempts: ${said}` };
}

async function emit(env: Env, events: TrackEvent[]): Promise<void> {
  await queueEvents(env, events).catch((err: unknown) => console.error("automation email events not queued", err));
}
