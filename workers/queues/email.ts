/**
 * The email-sends Queue consumer (E4): for one message (up to PER_MESSAGE recipients of one
 * campaign) it claims the delivery rows, renders each email (merge fields, signed links and open
 * pixel, one-click unsubscribe, VERP, DKIM), pushes them through the pooled SMTP messenger, and
 * settles everything in one D1 batch. Only claimed rows are sent, and a row is claimed once per
 * attempt, so a redelivered message never mails anyone twice. 4xx answers are retried with
 * backoff; 5xx are hard bounces, suppressed at once.
 */
import type { EmailSendMessage } from "../../durable-objects/campaign-runner";
import { loadCampaign, type CampaignRow } from "../email/campaign-store";
import { renderFor, rendererFor } from "../email/render";
import { sendBatch, type SmtpMessenger } from "../email/smtp";
import { pauseReason } from "../../shared/campaigns/protection";
import { ledgerOf } from "../ledger";
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../events/queue-events";

/** Attempts before a deferred recipient is given up as failed. */
export const MAX_ATTEMPTS = 5;
export type BatchOutcome = "ack" | { retryInSeconds: number };

type Claimed = { contact_id: number; email: string; attempts: number; first_name: string | null; last_name: string | null; position: string | null; company: string | null; phone: string | null; fields: string };

/** Runs `work` when its turn comes (see renderOneAtATime); the default runs it at once. */
export type Turn = <T>(work: () => Promise<T>) => Promise<T>;
const atOnce: Turn = (work) => work();

/**
 * A Turn that lets one rendering run at a time. The messages of a batch otherwise move in step:
 * all rendering at once (CPU only, the relay idle), then all sending at once (the CPU mostly
 * waiting for replies). One at a time, one message renders while the others' copies go out.
 */
export function renderOneAtATime(): Turn {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = last.then(work);
    last = run.catch(() => undefined);
    return run;
  };
}

export async function processEmailBatch(env: Env, messenger: SmtpMessenger, body: EmailSendMessage, attempt: number, renderTurn: Turn = atOnce): Promise<BatchOutcome> {
  const db = env.DB;
  const campaign = await loadCampaign(db, body.campaignId);
  if (!campaign) return "ack";
  if (campaign.status === "paused" || campaign.status === "scheduled") return { retryInSeconds: 15 };
  if (campaign.status !== "sending") return "ack"; // cancelled or finished: the runner settles the rows
  const now = Date.now();
  const claimed = await db
    .prepare(
      // "+status": rows are found by primary key (campaign, contact); left to itself SQLite walks
      // the (campaign_id, status) index through every queued row of the campaign (~20 ms a
      // claim at 50,000 recipients, for every message of the campaign).
      `UPDATE deliveries SET status = 'sending', claimed_at = ?1, attempts = attempts + 1
       WHERE campaign_id = ?2 AND contact_id IN (SELECT value FROM json_each(?3)) AND +status IN ('queued', 'deferred')
       RETURNING contact_id, email, attempts`,
    )
    .bind(now, campaign.id, JSON.stringify(body.contactIds))
    .all<{ contact_id: number; email: string; attempts: number }>();
  if (claimed.results.length === 0) return "ack";
  const people = await db
    .prepare(
      `SELECT d.contact_id, d.email, d.attempts, c.first_name, c.last_name, c.position, c.company, c.phone, c.fields
       FROM deliveries d JOIN contacts c ON c.id = d.contact_id WHERE d.campaign_id = ? AND d.contact_id IN (SELECT value FROM json_each(?))`,
    )
    .bind(campaign.id, JSON.stringify(claimed.results.map((r) => r.contact_id)))
    .all<Claimed>();
  let messages;
  try {
    const renderer = await rendererFor(env, campaign, body.variant);
    messages = await renderTurn(() => Promise.all(people.results.map((p) => renderFor(renderer, p))));
  } catch (err) {
    // Nothing was sent yet: hand the rows back so a retry can claim them.
    await db.prepare("UPDATE deliveries SET status = 'deferred' WHERE campaign_id = ? AND status = 'sending' AND contact_id IN (SELECT value FROM json_each(?))")
      .bind(campaign.id, JSON.stringify(claimed.results.map((r) => r.contact_id)))
      .run();
    throw err;
  }
  const results = await sendBatch(messenger, messages);
  const byId = new Map(results.map((r) => [r.id, r]));
  const messageIds = new Map(messages.map((m) => [m.id, m.messageId]));
  const settled = people.results.map((p) => {
    const r = byId.get(String(p.contact_id));
    const status = !r ? "deferred" : r.status === "accepted" ? "sent" : r.status === "rejected" ? "bounced" : p.attempts >= MAX_ATTEMPTS ? "failed" : "deferred";
    return { id: p.contact_id, email: p.email, status, code: r?.code ?? null, detail: r?.message.slice(0, 300) ?? "no answer", messageId: messageIds.get(String(p.contact_id)) ?? null };
  });
  const settledAt = Date.now();
  await settleRetrying(() => settle(db, campaign, settled, settledAt));
  await emitSettled(env, campaign, settled, settledAt);
  const totals = await guardReputation(db, campaign.id);
  const accepted = settled.filter((s) => s.status === "sent").length;
  if (accepted && campaign.reservation_id) {
    // Debit on acceptance; the key makes a redelivered batch count once (per re-send round, C1).
    // The runner reconciles at the end.
    const round = campaign.round ? `:r${campaign.round}` : "";
    await ledgerOf(env, campaign.account_id).commit({ accountId: campaign.account_id, key: `commit:${campaign.id}${round}:${settled[0]!.id}:${attempt}`, reservationId: campaign.reservation_id, amount: accepted });
  }
  if (totals && totals.sent + totals.failed >= totals.total) {
    // Every recipient is settled: the runner closes the campaign now instead of at its next
    // poll (it checks for itself, so an early or repeated wake-up is harmless).
    await env.CAMPAIGN_RUNNER.get(env.CAMPAIGN_RUNNER.idFromName(campaign.id)).wake(Date.now());
  }
  const deferred = settled.some((s) => s.status === "deferred");
  // Backoff from EMAIL_RETRY_SECONDS (default 30): 60, 120, 240, 480, 480 s with the default.
  const base = Number(env.EMAIL_RETRY_SECONDS ?? 30);
  return deferred ? { retryInSeconds: Math.min(600, (Number.isFinite(base) && base >= 0 ? base : 30) * 2 ** Math.min(attempt, 4)) } : "ack";
}

/** Tries of the settle write before giving up (see settleRetrying). */
export const SETTLE_TRIES = 3;

/**
 * The settle write, tried SETTLE_TRIES times with a short pause. The emails are already out, so
 * a failed write cannot be left to the Queue: a redelivery finds the rows claimed and settles
 * nothing, and they would end "unknown" (mailed, but neither counted, evented nor debited). A D1
 * fault longer than the tries leaves exactly that, as a Worker killed at this point does
 * (docs/reliability.md, faults 3 and 5).
 */
async function settleRetrying(write: () => Promise<void>): Promise<void> {
  for (let tri = 1; ; tri++) {
    try {
      return await write();
    } catch (err) {
      if (tri >= SETTLE_TRIES) throw err;
      console.warn(`settle failed (try ${tri} of ${SETTLE_TRIES}), trying again`, err);
      await new Promise((r) => setTimeout(r, 250 * tri));
    }
  }
}

/**
 * One `sent` event per accepted recipient and one `rejected` event per recipient the relay
 * refused at once (a hard bounce at send time, with its SMTP code), in one Queue message for the
 * whole batch (cheap on the send path). Ids are per campaign, contact and re-send round, so a
 * redelivery counts once. A failure is logged, not thrown: the rows are settled and must not be
 * claimed again.
 */
async function emitSettled(env: Env, c: CampaignRow, rows: { id: number; status: string; code: number | null; detail: string }[], at: number): Promise<void> {
  const common = { accountId: c.account_id, campaignId: c.id, at };
  const events = rows.flatMap((r): TrackEvent[] =>
    r.status === "sent"
      ? [{ ...common, id: `sent:${c.id}:${r.id}:${c.round}`, kind: "sent", contactId: r.id }]
      : r.status === "bounced"
        ? [{ ...common, id: `rejected:${c.id}:${r.id}:${c.round}`, kind: "rejected", contactId: r.id, status: r.code === null ? undefined : String(r.code), detail: r.detail, source: "smtp" }]
        : [],
  );
  if (events.length === 0) return;
  await queueEvents(env, events).catch((err: unknown) => console.error(`send events of ${c.id} not queued`, err));
}

/** Pause the campaign, with the reason, when its bounce rate says the list is bad (B6). Returns its counts. */
async function guardReputation(db: D1Database, campaignId: string) {
  const c = await db.prepare("SELECT sent, failed, total FROM campaigns WHERE id = ?").bind(campaignId).first<{ sent: number; failed: number; total: number }>();
  const reason = c ? pauseReason({ sent: c.sent, bounced: c.failed, complaints: 0 }) : null;
  if (reason) await db.prepare("UPDATE campaigns SET status = 'paused', pause_reason = ?, updated_at = ? WHERE id = ? AND status = 'sending'").bind(reason, Date.now(), campaignId).run();
  return c;
}

async function settle(db: D1Database, c: CampaignRow, rows: { id: number; email: string; status: string; code: number | null; detail: string; messageId: string | null }[], now: number) {
  const bounced = rows.filter((r) => r.status === "bounced");
  const stmts = [
    // The rows are unpacked once (MATERIALIZED) and each one's delivery found by primary key.
    // Joined to json_each directly, SQLite walked every delivery of the campaign and re-read the
    // JSON for each: 1.4 s a settle at 50,000 recipients.
    db
      .prepare(
        `WITH j AS MATERIALIZED (
           SELECT value ->> 'id' AS id, value ->> 'status' AS status, value ->> 'code' AS code, value ->> 'detail' AS detail, value ->> 'messageId' AS message_id FROM json_each(?2)
         )
         UPDATE deliveries SET status = j.status, code = j.code, detail = j.detail, message_id = j.message_id,
           sent_at = CASE WHEN j.status = 'sent' THEN ?1 ELSE sent_at END
         FROM j WHERE deliveries.campaign_id = ?3 AND deliveries.contact_id = j.id`,
      )
      .bind(now, JSON.stringify(rows), c.id),
    db
      .prepare("UPDATE campaigns SET sent = sent + ?, failed = failed + ? WHERE id = ?")
      .bind(rows.filter((r) => r.status === "sent").length, rows.filter((r) => r.status === "bounced" || r.status === "failed").length, c.id),
  ];
  if (bounced.length) {
    // A hard bounce suppresses the address at once (B11) and marks the contact.
    const emails = JSON.stringify(bounced.map((b) => b.email));
    stmts.push(
      db
        .prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) SELECT ?1, 'email', value, 'hard_bounce', ?2 FROM json_each(?3) WHERE true ON CONFLICT DO NOTHING")
        .bind(c.account_id, now, emails),
      db
        .prepare(
          `UPDATE contacts SET email_status = 'bounced', reasons = CASE WHEN reasons LIKE '%"suppressed"%' THEN reasons ELSE json_insert(reasons, '$[#]', 'suppressed') END,
             verdict = 'invalid', updated_at = ?2 WHERE account_id = ?1 AND email IN (SELECT value FROM json_each(?3))`,
        )
        .bind(c.account_id, now, emails),
    );
  }
  await db.batch(stmts);
}
