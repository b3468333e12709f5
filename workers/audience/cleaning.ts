/**
 * List cleaning that needs the outside world or the whole audience (E7): MX lookups per domain
 * with a shared cache, and `validateForSend`, the send-day step the pipelines call right before
 * sending: it refreshes MX results older than their TTL (at most 24 h), re-applies every email
 * and domain suppression to the audience, and answers how many contacts may be sent to and why the others
 * may not. Per-row checks (syntax, typos, phones) already ran at import.
 */
import { DohResolver, isStale, mxReasons, type MxResolver, type MxStatus } from "../../shared/audience/dns";
import { verdictSql } from "./contacts-store";

const DNS_REASONS = ["mx_none", "mx_null", "domain_missing", "dns_unknown"];
const LOOKUP_CONCURRENCY = 16;
/** Domains looked up per call; more wait for the next call (cron or the next send). */
const MAX_LOOKUPS = 5000;

/** The resolver from configuration: DoH by default, none when MX_CHECKS is "off" (no network). */
export function resolverFor(env: { MX_CHECKS?: string; DOH_URL?: string }): MxResolver | null {
  if (env.MX_CHECKS === "off") return null;
  return new DohResolver({ endpoint: env.DOH_URL || undefined, timeoutMs: 3000 });
}

/** SQL: `reasons` without DNS reasons, plus the given ones. */
const reasonsWith = (add: string[]) =>
  `(SELECT json_group_array(value) FROM (SELECT value FROM json_each(contacts.reasons) WHERE value NOT IN (${DNS_REASONS.map((r) => `'${r}'`).join(", ")})
     UNION ALL SELECT value FROM json_each('${JSON.stringify(add)}')))`;

/**
 * Look up the stale or unknown domains among `domains`, cache the answers, and write the DNS
 * reasons (and the verdict) of every contact of `accountId` on those domains.
 * @returns how many domains were looked up now
 */
export async function refreshMx(db: D1Database, resolver: MxResolver, accountId: string, domains: string[], now: number): Promise<number> {
  if (domains.length === 0) return 0;
  const cached = new Map<string, { status: MxStatus; ttl_seconds: number; checked_at: number }>();
  for (let i = 0; i < domains.length; i += 1000) {
    const rows = await db
      .prepare("SELECT domain, status, ttl_seconds, checked_at FROM mx_cache WHERE domain IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(domains.slice(i, i + 1000)))
      .all<{ domain: string; status: MxStatus; ttl_seconds: number; checked_at: number }>();
    for (const r of rows.results) cached.set(r.domain, r);
  }
  const due = domains.filter((d) => {
    const c = cached.get(d);
    return !c || isStale(c.checked_at, c.ttl_seconds, now);
  }).slice(0, MAX_LOOKUPS);
  const fresh = new Map<string, MxStatus>();
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const domain = due[next++]!;
      const r = await resolver.lookup(domain);
      fresh.set(domain, r.status);
      await db
        .prepare("INSERT INTO mx_cache (domain, status, ttl_seconds, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET status = excluded.status, ttl_seconds = excluded.ttl_seconds, checked_at = excluded.checked_at")
        .bind(domain, r.status, r.ttlSeconds, now)
        .run();
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, due.length) }, worker));
  // Write reasons for every domain we know now, grouped by status: one statement per status.
  const byStatus = new Map<MxStatus, string[]>();
  for (const d of domains) {
    const status = fresh.get(d) ?? cached.get(d)?.status;
    if (status) byStatus.set(status, [...(byStatus.get(status) ?? []), d]);
  }
  const stmts = [...byStatus].map(([status, ds]) =>
    db
      .prepare(
        `UPDATE contacts SET reasons = ${reasonsWith(mxReasons(status))}, verdict = ${verdictSql(reasonsWith(mxReasons(status)))}
         WHERE account_id = ?1 AND email_domain IN (SELECT value FROM json_each(?2))`,
      )
      .bind(accountId, JSON.stringify(ds)),
  );
  if (stmts.length) await db.batch(stmts);
  return due.length;
}

export type Audience = { accountId: string; listIds: string[] };
export type SendCheck = {
  total: number;
  email: { sendable: number; suppressed: number; unsubscribed: number; invalid: number; noAddress: number };
  domainsLookedUp: number;
};

const MEMBERS = `FROM contacts c WHERE c.account_id = ?1 AND EXISTS (
  SELECT 1 FROM list_members m WHERE m.contact_id = c.id AND m.status = 'subscribed' AND m.list_id IN (SELECT value FROM json_each(?2)))`;

/**
 * The send-day cleaning step (E7): refresh stale MX answers, re-apply suppression, and count who
 * may be sent to. `resolver` null skips DNS (no network); suppression is always re-applied.
 * @example await validateForSend(env.DB, resolver, { accountId, listIds: [listId] }, Date.now())
 */
export async function validateForSend(db: D1Database, resolver: MxResolver | null, audience: Audience, now: number): Promise<SendCheck> {
  const lists = JSON.stringify(audience.listIds);
  let domainsLookedUp = 0;
  if (resolver) {
    const domains = await db.prepare(`SELECT DISTINCT c.email_domain AS d ${MEMBERS} AND c.email_domain IS NOT NULL`).bind(audience.accountId, lists).all<{ d: string }>();
    domainsLookedUp = await refreshMx(db, resolver, audience.accountId, domains.results.map((r) => r.d), now);
  }
  // Email suppressions only: a suppressed phone stops SMS, not email (Ley 32323).
  const covered = `EXISTS (SELECT 1 FROM suppressions s WHERE s.account_id = c.account_id AND (
      (s.kind = 'email' AND s.value = c.email) OR (s.kind = 'domain' AND s.value = c.email_domain)))`;
  await db
    .prepare(
      `UPDATE contacts SET reasons = json_insert(reasons, '$[#]', 'suppressed'), verdict = 'invalid', updated_at = ?3
       WHERE id IN (SELECT c.id ${MEMBERS} AND c.reasons NOT LIKE '%"suppressed"%' AND ${covered})`,
    )
    .bind(audience.accountId, lists, now)
    .run();
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS total,
         COALESCE(SUM(c.email IS NULL), 0) AS noAddress,
         COALESCE(SUM(c.email IS NOT NULL AND c.reasons LIKE '%"suppressed"%'), 0) AS suppressed,
         COALESCE(SUM(c.email IS NOT NULL AND c.reasons NOT LIKE '%"suppressed"%' AND c.email_status != 'subscribed'), 0) AS unsubscribed,
         COALESCE(SUM(c.email IS NOT NULL AND c.reasons NOT LIKE '%"suppressed"%' AND c.email_status = 'subscribed' AND c.verdict = 'invalid'), 0) AS invalid,
         COALESCE(SUM(c.email IS NOT NULL AND c.email_status = 'subscribed' AND c.verdict != 'invalid'), 0) AS sendable
       ${MEMBERS}`,
    )
    .bind(audience.accountId, lists)
    .first<{ total: number; noAddress: number; suppressed: number; unsubscribed: number; invalid: number; sendable: number }>();
  const r = row ?? { total: 0, noAddress: 0, suppressed: 0, unsubscribed: 0, invalid: 0, sendable: 0 };
  return { total: r.total, email: { sendable: r.sendable, suppressed: r.suppressed, unsubscribed: r.unsubscribed, invalid: r.invalid, noAddress: r.noAddress }, domainsLookedUp };
}
