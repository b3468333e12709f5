/**
 * The CampaignRunner's throttled release (E5, B6), used instead of its fast enqueue when the
 * account has send limits or the operator set a relay rate. The audience is walked with one
 * keyset cursor per mailbox provider (`c.email_domain IN (...)`; "other" is NOT IN them all),
 * each provider released within what its windows allow now, every release claimed in D1 before
 * it is queued. When every budget is spent the runner sleeps until the next window turns over.
 * The provider cursors and what holds the campaign back live in the runner's storage under
 * "throttle"; the runner's own cursor becomes the lowest provider cursor, a checkpoint below
 * which everyone was released. A crash re-releases at most one pass, which the consumer's claim
 * on each delivery row makes harmless.
 */
import { PROVIDERS, providerDomains, type Provider } from "../shared/campaigns/providers";
import { hasLimits, nextLook, parseRelayLimit, releaseBudget, type Budget, type Limiter, type SendLimits } from "../shared/campaigns/throttle";
import { queueDeliveries, recipientsPage, type AudienceSql, type CampaignRow } from "../workers/email/campaign-store";
import { loadLimits } from "../workers/email/send-settings";
import { claimsFor, claimWindows, readUsage } from "../workers/email/send-windows";
import { PER_MESSAGE, toMessages, type RecipientGroup } from "./runner-groups";

/** The part of the runner's state this step advances. */
export type Walk = { cursor: number; maxId: number; enqueued: number };
/** A limit holding back a provider's recipients until `nextAt` (ms). */
export type Hold = { provider: Provider; limitedBy: Limiter; limit: number; nextAt: number };
export type ThrottleStep = { done: boolean; wakeAt: number };
type Saved = { mark: string; cursors: Record<Provider, number>; done: Provider[]; turn: number; holds: Hold[] };

const KEY = "throttle";
/** Most recipients of one provider looked up at once. */
const PAGE = 1000;
/** Passes over the providers per alarm before yielding (the alarm re-arms at once). */
const PASSES = 10;
/** A pass that released nothing though budget seemed left (another runner's claim): retry soon, not at once. */
const CONTENDED_MS = 1000;

/** The SQL condition of a provider's recipients; the domains are constants, safe to inline. */
export function providerSql(p: Provider): string {
  const { in: inside, domains } = providerDomains(p);
  const list = domains.map((d) => `'${d}'`).join(", ");
  return inside ? `c.email_domain IN (${list})` : `(c.email_domain IS NULL OR c.email_domain NOT IN (${list}))`;
}

/** The runner's cursor, enqueued count and audience bound: if the runner moved them itself, the provider cursors start over from its cursor. */
const markOf = (w: Walk) => `${w.maxId}:${w.cursor}:${w.enqueued}`;

async function cursorsFor(storage: DurableObjectStorage, walk: Walk): Promise<Saved> {
  const saved = await storage.get<Saved>(KEY);
  if (saved && saved.mark === markOf(walk)) return saved;
  return { mark: "", cursors: Object.fromEntries(PROVIDERS.map((p) => [p, walk.cursor])) as Record<Provider, number>, done: [], turn: 0, holds: [] };
}

type Recipient = { id: number; email: string };
/** Which of a page's recipients this stage of the walk sends, grouped for the Queue (the runner's A/B split). */
export type PickRecipients = (rows: Recipient[]) => { rows: (Recipient & { variant?: string | null })[]; groups: RecipientGroup[] };

type Pass = { env: Env; t: Saved; c: CampaignRow; a: AudienceSql; pick: PickRecipients; budget: Budget; limits: SendLimits | null; relay: number | null; now: number };

/**
 * One pass over the providers still pending, starting with a different one each time so that a
 * shared budget is shared fairly. Returns whether anything moved (a release or a cursor).
 */
async function onePass({ env, t, c, a, pick, budget, limits, relay, now }: Pass): Promise<{ released: number; moved: boolean }> {
  let shared = budget.shared.allowed ?? Infinity;
  let released = 0;
  let moved = false;
  const pending = PROVIDERS.filter((p) => !t.done.includes(p));
  const start = t.turn++ % Math.max(pending.length, 1);
  for (const p of [...pending.slice(start), ...pending.slice(0, start)]) {
    const want = Math.min(budget.providers[p].allowed ?? Infinity, shared, PAGE);
    if (want <= 0) continue;
    // One row more than wanted tells whether this provider has anyone left after this pass.
    const rows = await recipientsPage(env.DB, c.account_id, { sql: `${a.sql} AND ${providerSql(p)}`, params: a.params }, t.cursors[p], want + 1);
    const last = rows.length <= want;
    const scan = rows.slice(0, want);
    const picked = pick(scan);
    const granted = picked.rows.length ? await claimWindows(env.DB, claimsFor(c.account_id, p, limits, relay, now), picked.rows.length) : 0;
    if (granted === picked.rows.length) {
      if (picked.rows.length) await release(env, c.id, picked);
      if (scan.length) t.cursors[p] = scan[scan.length - 1]!.id;
      if (last) t.done.push(p);
      moved ||= scan.length > 0 || last;
    } else if (granted > 0) {
      // Only part fits: release up to the last granted recipient and continue from there next time.
      const upTo = picked.rows[granted - 1]!.id;
      await release(env, c.id, pick(scan.filter((r) => r.id <= upTo)));
      t.cursors[p] = upTo;
      moved = true;
    }
    shared -= granted;
    released += granted;
  }
  return { released, moved };
}

async function release(env: Env, campaignId: string, picked: ReturnType<PickRecipients>): Promise<void> {
  await queueDeliveries(env.DB, campaignId, picked.rows).run();
  const messages = toMessages(campaignId, picked.groups, PER_MESSAGE);
  for (let i = 0; i < messages.length; i += 100) await env.EMAIL_SENDS.sendBatch(messages.slice(i, i + 100));
}

const holdsOf = (b: Budget, pending: Provider[]): Hold[] =>
  pending.flatMap((p) => {
    const a = b.providers[p];
    return a.allowed === 0 && a.limitedBy && a.limit !== null && a.resetAt !== null ? [{ provider: p, limitedBy: a.limitedBy, limit: a.limit, nextAt: a.resetAt }] : [];
  });

/**
 * Release what the limits allow now. Null when nothing limits this account (the runner keeps its
 * fast path); else whether everyone has been released, and when to wake up next. Advances
 * `walk` in place; the runner saves it.
 * @example const step = await releaseThrottled(env, ctx.storage, state, campaign, audience, (rows) => abPick(campaign, state.ab, rows), Date.now());
 */
export async function releaseThrottled(env: Env, storage: DurableObjectStorage, walk: Walk, c: CampaignRow, a: AudienceSql, pick: PickRecipients, now: number): Promise<ThrottleStep | null> {
  const stored = await loadLimits(env.DB, c.account_id);
  const limits = stored && hasLimits(stored.limits) ? stored.limits : null;
  const relay = parseRelayLimit(env.SMTP_RATE_PER_MINUTE);
  if (!limits && relay === null) return null;
  const t = await cursorsFor(storage, walk);
  let step: ThrottleStep = { done: false, wakeAt: now };
  for (let pass = 0; pass < PASSES; pass++) {
    const budget = releaseBudget({ limits, relayPerMinute: relay, used: await readUsage(env.DB, c.account_id, now), now });
    const { released, moved } = await onePass({ env, t, c, a, pick, budget, limits, relay, now });
    const pending = PROVIDERS.filter((p) => !t.done.includes(p));
    walk.enqueued += released;
    walk.cursor = pending.length ? Math.min(...pending.map((p) => t.cursors[p])) : Math.max(walk.cursor, ...PROVIDERS.map((p) => t.cursors[p]));
    t.holds = holdsOf(budget, pending);
    if (pending.length === 0) step = { done: true, wakeAt: now };
    else if (!moved) {
      const at = nextLook(budget, pending, now) ?? now;
      step = { done: false, wakeAt: at > now ? at : now + CONTENDED_MS };
    }
    if (step.done || !moved) break;
  }
  t.mark = markOf(walk);
  await storage.put(KEY, t);
  return step;
}

/** What holds the campaign back now (empty when nothing does). */
export async function throttleHolds(storage: DurableObjectStorage, now: number): Promise<Hold[]> {
  const saved = await storage.get<Saved>(KEY);
  return (saved?.holds ?? []).filter((h) => h.nextAt > now);
}
