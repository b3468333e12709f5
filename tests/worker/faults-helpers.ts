/**
 * Shared by the fault-injection tests (tests/worker/faults-*.test.ts): after a campaign
 * has gone through a fault, the figures docs/reliability.md reports, measured from the outside —
 * what the SMTP test server (or the fake SMS provider) received per recipient, the `sent` events
 * written to D1 against the accepted deliveries, the CampaignLive counter against D1, the ledger's
 * debit against the deliveries sent — and `record`, which prints them as one `RELIABILITY {json}`
 * line that dev/reliability/run.mjs collects. A D1 proxy that fails chosen writes is here too.
 */
import { env } from "cloudflare:workers";
import { ledgerStub, type Seeded } from "./helpers";
import { emailBalance, perRecipient, receivedFor } from "./send-helpers";
import { liveStub } from "./live-helpers";

/** One fault's figures, as docs/reliability.md lists them. */
export type Figures = {
  fault: string;
  recipients: number;
  /** Recipients the relay (or provider) took more than one copy from. */
  mailedTwice: number;
  /** Recipients the relay (or provider) never took a copy from, after the fault cleared. */
  neverMailed: number;
  /** Accepted deliveries without their `sent` event in D1. */
  eventsLost: number;
  /** |live `sent` counter − `sent` events in D1|. */
  liveDrift: number;
  /** Credit gone from the balance − deliveries (or segments) the platform counts as accepted. */
  creditDrift: number;
  /** Credit still reserved after the campaign closed. */
  reservedLeft: number;
  /** Free-form: what the test saw that the zeros do not say (e.g. unknown outcomes). */
  note?: string;
};

/** Print the figures for dev/reliability/run.mjs (one line, parsed from the test output). */
export function record(f: Figures): void {
  const { fault, recipients, mailedTwice, neverMailed, eventsLost, liveDrift, creditDrift, reservedLeft, note } = f;
  console.log(`RELIABILITY ${JSON.stringify({ fault, recipients, mailedTwice, neverMailed, eventsLost, liveDrift, creditDrift, reservedLeft, note })}`);
}

/** Poll `read` until it returns `want` (about 15 s at most); the last value either way. */
export async function settleTo<T>(read: () => Promise<T>, want: T): Promise<T> {
  let v = await read();
  for (let i = 0; i < 150 && v !== want; i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

/**
 * An email campaign's figures once it is closed. `expected`: every address that must have been
 * mailed. Events are written by their own Queue consumer, so they are waited for (a bounded poll)
 * before the count is taken.
 */
export async function emailFigures(fault: string, s: Seeded, campaignId: string, domain: string, expected: string[], startCredit: number): Promise<Figures & { got: Record<string, number>; ledgerDebited: number }> {
  const got = perRecipient(await receivedFor(domain));
  const accepted = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE campaign_id = ? AND sent_at IS NOT NULL").bind(campaignId).first<number>("n")) ?? 0;
  const sentRows = await accepted();
  const events = () => env.DB.prepare("SELECT COUNT(*) AS n FROM events WHERE campaign_id = ? AND kind = 'sent'").bind(campaignId).first<number>("n").then((n) => n ?? 0);
  const sentEvents = await settleTo(events, sentRows);
  const live = await settleTo(async () => (await liveStub(campaignId).snapshot()).counters.sent, sentEvents);
  const ledger = ledgerStub(s.accountId);
  const rounds = (await env.DB.prepare("SELECT round FROM campaigns WHERE id = ?").bind(campaignId).first<number>("round")) ?? 0;
  let debited = 0;
  let reserved = 0;
  for (let r = 0; r <= rounds; r++) {
    const st = await ledger.reservationState(r === 0 ? `campaign:${campaignId}` : `campaign:${campaignId}:r${r}`);
    debited += st?.debited ?? 0;
    reserved += st?.reserved ?? 0;
  }
  const balance = await emailBalance(s);
  return {
    fault,
    recipients: expected.length,
    mailedTwice: Object.values(got).filter((n) => n > 1).length,
    neverMailed: expected.filter((e) => !got[e]).length,
    eventsLost: sentRows - sentEvents,
    liveDrift: Math.abs(live - sentEvents),
    creditDrift: startCredit - balance.available - sentRows,
    ledgerDebited: debited,
    reservedLeft: reserved + balance.reserved,
    got,
  };
}

/**
 * A D1 binding whose `batch()` throws while `fail(statements' SQL and bound values)` says so:
 * statements are tagged when prepared and bound, so a test can fail exactly the email consumer's
 * settle (say) and leave every other write alone. Everything else is the real binding.
 * @example const db = failingBatches(env.DB, (calls) => calls.some((c) => c.sql.includes("UPDATE deliveries SET status = j.status")) && n-- > 0);
 */
export function failingBatches(db: D1Database, fail: (calls: { sql: string; args: unknown[] }[]) => boolean): D1Database {
  const tags = new WeakMap<object, { sql: string; args: unknown[] }>();
  const tag = (st: D1PreparedStatement, sql: string, args: unknown[]): D1PreparedStatement => {
    tags.set(st, { sql, args });
    return new Proxy(st, {
      get(target, p) {
        if (p === "bind") return (...a: unknown[]) => tagReal(target.bind(...a), sql, a);
        const v = Reflect.get(target, p, target) as unknown;
        return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
  // Bound statements are handed to batch() as they are (workerd checks their type), only remembered.
  const tagReal = (st: D1PreparedStatement, sql: string, args: unknown[]) => (tags.set(st, { sql, args }), st);
  return new Proxy(db, {
    get(target, p) {
      if (p === "prepare") return (sql: string) => tag(target.prepare(sql), sql, []);
      if (p === "batch")
        return async (stmts: D1PreparedStatement[]) => {
          const calls = stmts.map((st) => tags.get(st) ?? { sql: "", args: [] });
          if (fail(calls)) throw new Error("D1_ERROR: injected fault: batch refused (fault suite)");
          return target.batch(stmts);
        };
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === "function" ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The email consumer's settle statement (workers/queues/email.ts), as failingBatches sees it. */
export const SETTLE_SQL = "UPDATE deliveries SET status = j.status";
