/**
 * Applies one located bounce or complaint to the authoritative state in D1 and says which event
 * to put on the EVENTS queue. Every write is conditional, so applying the same report twice
 * changes nothing more, and the event id is derived from the delivery, so a repeat counts once.
 *
 * - hard: the delivery becomes 'bounced' (only from 'sent'; the campaign's counters follow),
 *   the address is suppressed ('hard_bounce') and the contact marked 'bounced'.
 * - soft: the delivery keeps 'sent' and its detail records the soft bounce ("soft_bounce …"),
 *   once per campaign; SOFT_BOUNCE_LIMIT such deliveries suppress the address ('soft_bounce').
 * - complaint: the address is suppressed ('complaint') and the contact marked 'complained'.
 */
import type { Feedback } from "../../shared/bounces/types";
import type { TrackEvent } from "../../shared/events/types";
import type { Target } from "./locate";

/** Soft bounces (in distinct campaigns) after which an address is suppressed. */
export const SOFT_BOUNCE_LIMIT = 3;

const SUPPRESSED = `CASE WHEN reasons LIKE '%"suppressed"%' THEN reasons ELSE json_insert(reasons, '$[#]', 'suppressed') END`;

function suppress(db: D1Database, t: Target, reason: string, now: number, status: string | null) {
  return [
    db.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'email', ?, ?, ?) ON CONFLICT DO NOTHING").bind(t.accountId, t.email.toLowerCase(), reason, now),
    // A complaint outranks a bounce: a contact who complained stays 'complained'.
    db
      .prepare(`UPDATE contacts SET email_status = COALESCE(?4, email_status), reasons = ${SUPPRESSED}, verdict = 'invalid', updated_at = ?3 WHERE account_id = ?1 AND id = ?2 AND (email_status != 'complained' OR ?4 IS NULL)`)
      .bind(t.accountId, t.contactId, now, status),
  ];
}

/** The delivery's SMTP-like code for a status ("5.1.1" → 550, "4.2.2" → 450). */
const codeOf = (status: string) => (status[0] === "4" ? 450 : 550);

/**
 * Writes the outcome of `f` for `t` and returns the event to emit.
 * @example const event = await applyFeedback(env.DB, target, feedback, Date.now())
 */
export async function applyFeedback(db: D1Database, t: Target, f: Feedback, now: number): Promise<TrackEvent> {
  const detail = `${f.source} ${f.status}: ${f.detail}`.slice(0, 300);
  if (f.kind === "hard") {
    const changed = await db
      .prepare("UPDATE deliveries SET status = 'bounced', code = ?, detail = ? WHERE campaign_id = ? AND contact_id = ? AND status = 'sent' RETURNING contact_id")
      .bind(codeOf(f.status), detail, t.campaignId, t.contactId)
      .first();
    const stmts = suppress(db, t, "hard_bounce", now, "bounced");
    if (changed) stmts.push(db.prepare("UPDATE campaigns SET sent = MAX(sent - 1, 0), failed = failed + 1 WHERE id = ?").bind(t.campaignId));
    await db.batch(stmts);
  } else if (f.kind === "soft") {
    await db
      .prepare("UPDATE deliveries SET code = ?, detail = ? WHERE campaign_id = ? AND contact_id = ? AND status = 'sent' AND COALESCE(detail, '') NOT LIKE 'soft_bounce %'")
      .bind(codeOf(f.status), `soft_bounce ${detail}`.slice(0, 300), t.campaignId, t.contactId)
      .run();
    const n = await db.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE contact_id = ? AND detail LIKE 'soft_bounce %'").bind(t.contactId).first<number>("n");
    if ((n ?? 0) >= SOFT_BOUNCE_LIMIT) await db.batch(suppress(db, t, "soft_bounce", now, null));
  } else {
    await db.batch(suppress(db, t, "complaint", now, "complained"));
  }
  const kind = f.kind === "hard" ? "bounce_hard" : f.kind === "soft" ? "bounce_soft" : "complaint";
  return { id: `${kind}:${t.campaignId}:${t.contactId}`, kind, accountId: t.accountId, campaignId: t.campaignId, contactId: t.contactId, at: now, status: f.status, detail: f.detail, source: f.source };
}
