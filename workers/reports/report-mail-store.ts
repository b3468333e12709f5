/**
 * The `report_mails` claims: one row per account and month says whether its monthly email went
 * out. A run claims an account with INSERT OR IGNORE (first attempt) or a conditional UPDATE
 * (a failed attempt whose wait is over, or a claim left `sending` by a run that died), so
 * overlapping crons never mail the same report twice. The attempt number is kept at the start
 * of `detail` ("attempt 2: 451 try later"), which bounds the retries without a schema change.
 */

/** Attempts before a month's email is given up (status stays `failed`). */
export const REPORT_MAIL_MAX_ATTEMPTS = 5;
/** Wait after a failed attempt before the next minute cron tries again. */
export const REPORT_MAIL_RETRY_MS = 10 * 60_000;
/** A claim still `sending` after this is taken to have died with its run. */
const STALE_SENDING_MS = 15 * 60_000;

/** The attempt number written at the start of `detail` (0 when there is none). */
const ATTEMPTS_SQL = "COALESCE(CAST(substr(detail, 9, instr(detail, ':') - 9) AS INTEGER), 0)";

/**
 * Accounts due for `month`'s email at `now`: existing before `monthEnd` and without a row, or
 * with a retryable one. New ones first, so given-up rows never crowd them out.
 */
export async function dueReportMails(db: D1Database, month: string, monthEnd: number, now: number, limit: number): Promise<{ id: string }[]> {
  const rows = await db
    .prepare(
      `SELECT a.id FROM accounts a LEFT JOIN report_mails r ON r.account_id = a.id AND r.month = ?1
       WHERE a.created_at < ?2 AND (r.account_id IS NULL OR (${ATTEMPTS_SQL.replaceAll("detail", "r.detail")} < ?5
         AND ((r.status = 'failed' AND r.at <= ?3) OR (r.status = 'sending' AND r.at <= ?4))))
       ORDER BY r.account_id IS NULL DESC, a.created_at LIMIT ?6`,
    )
    .bind(month, monthEnd, now - REPORT_MAIL_RETRY_MS, now - STALE_SENDING_MS, REPORT_MAIL_MAX_ATTEMPTS, limit)
    .all<{ id: string }>();
  return rows.results;
}

/** Claim the account's email for `month`; returns the attempt number, or null when another run has it. */
export async function claimReportMail(db: D1Database, accountId: string, month: string, now: number): Promise<number | null> {
  const fresh = await db
    .prepare("INSERT OR IGNORE INTO report_mails (account_id, month, status, detail, at) VALUES (?, ?, 'sending', 'attempt 1: sending', ?)")
    .bind(accountId, month, now)
    .run();
  if (fresh.meta.changes === 1) return 1;
  const again = await db
    .prepare(
      `UPDATE report_mails SET status = 'sending', at = ?3, detail = 'attempt ' || (${ATTEMPTS_SQL} + 1) || ': sending'
       WHERE account_id = ?1 AND month = ?2 AND ${ATTEMPTS_SQL} < ?6 AND ((status = 'failed' AND at <= ?4) OR (status = 'sending' AND at <= ?5))
       RETURNING detail`,
    )
    .bind(accountId, month, now, now - REPORT_MAIL_RETRY_MS, now - STALE_SENDING_MS, REPORT_MAIL_MAX_ATTEMPTS)
    .first<string>("detail");
  return again === null ? null : Number(/^attempt (\d+):/.exec(again)?.[1] ?? 1);
}

/** Record how the attempt ended. */
export async function settleReportMail(db: D1Database, accountId: string, month: string, attempt: number, outcome: { status: "sent" | "failed"; recipient: string | null; detail: string }, now: number): Promise<void> {
  await db
    .prepare("UPDATE report_mails SET status = ?3, recipient = ?4, detail = ?5, at = ?6 WHERE account_id = ?1 AND month = ?2")
    .bind(accountId, month, outcome.status, outcome.recipient, `attempt ${attempt}: ${outcome.detail}`.slice(0, 500), now)
    .run();
}
