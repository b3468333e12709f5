/**
 * Credits (E6): balances from the account's CreditLedger, allocation between the main pool and
 * sub-users, new bags, and the ledger history mirrored in D1. Owner and admin see the whole
 * account; other roles see their own allocation only.
 */
import { Hono } from "hono";
import { and, desc, eq, lt } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { AllocationBody, GrantBagBody, PageQuery, type CreditsOut } from "../../../shared/api/schemas";
import { creditDefaults, MAIN } from "../../../shared/credits/ledger";
import { drawsFromMainPool, type Role } from "../../../shared/auth/roles";
import { creditEntries, users as usersTable } from "../../../shared/db/schema";
import type { Overview } from "../../../durable-objects/credit-ledger";
import type { Actor, AppEnv } from "../context";
import { ApiError, notFound } from "../errors";
import { guard } from "../guard";
import { json, query } from "../validate";
import { ledgerOf } from "../../ledger";
import type { Context } from "hono";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function holderView(o: Overview, holder: string) {
  const h = o.holders[holder];
  const one = (ch: "email" | "sms") => ({ available: h?.[ch].available ?? 0, reserved: h?.[ch].reserved ?? 0, nextExpiry: iso(h?.[ch].nextExpiry ?? null) });
  return { holder, email: one("email"), sms: one("sms") };
}

/** The caller's ledger holder: the main pool for owner and admin, its own allocation otherwise. */
export const holderOf = (actor: Pick<Actor, "role" | "userId">) => (drawsFromMainPool(actor.role) ? MAIN : actor.userId);

async function creditsView(c: Context<AppEnv>): Promise<CreditsOut> {
  const actor = c.var.actor;
  const o = await ledgerOf(c.env, actor.accountId).overview();
  const me = holderView(o, holderOf(actor));
  if (!drawsFromMainPool(actor.role)) return { me };
  const members = await c.var.db.select({ id: usersTable.id, role: usersTable.role }).from(usersTable).where(eq(usersTable.accountId, actor.accountId)).all();
  const now = Date.now();
  return {
    me,
    main: holderView(o, MAIN),
    allocations: members.filter((m) => !drawsFromMainPool(m.role as Role)).map((m) => holderView(o, m.id)),
    bags: o.bags.map((b) => ({ ...b, activatedAt: iso(b.activatedAt)!, expiresAt: iso(b.expiresAt)!, expired: b.expiresAt <= now })),
  };
}

const idempotencyKey = (c: Context) => c.req.header("Idempotency-Key")?.slice(0, 200) || crypto.randomUUID();

export const credits = new Hono<AppEnv>()
  .get("/", guard("getCredits", operations.getCredits), async (c) => c.json(await creditsView(c)))
  .post("/allocations", guard("allocateCredits", operations.allocateCredits), ...json(AllocationBody), async (c) => {
    const body = c.req.valid("json");
    const actor = c.var.actor;
    c.set("audit", { targetType: "user", targetId: body.userId, details: { channel: body.channel, amount: body.amount } });
    const target = await c.var.db.select().from(usersTable).where(and(eq(usersTable.id, body.userId), eq(usersTable.accountId, actor.accountId))).get();
    if (!target) throw notFound("User");
    if (drawsFromMainPool(target.role as Role)) throw new ApiError(400, "invalid_field", "userId: owners and admins draw from the main pool", "userId");
    const r = await ledgerOf(c.env, actor.accountId).allocate({
      accountId: actor.accountId,
      key: `alloc:${idempotencyKey(c)}`,
      userId: target.id,
      channel: body.channel,
      amount: body.amount,
      actorUserId: actor.userId,
    });
    if (!r.ok) throw new ApiError(409, r.code, r.message, "amount");
    return c.json(await creditsView(c));
  })
  .post("/bags", guard("grantBag", operations.grantBag), ...json(GrantBagBody), async (c) => {
    const body = c.req.valid("json");
    const actor = c.var.actor;
    const validDays = body.validDays ?? creditDefaults(c.env).validityDays;
    const r = await ledgerOf(c.env, actor.accountId).grant({ accountId: actor.accountId, key: `grant:${idempotencyKey(c)}`, channel: body.channel, amount: body.amount, validDays, actorUserId: actor.userId });
    if (!r.ok) throw new ApiError(400, r.code, r.message);
    c.set("audit", { targetType: "bag", targetId: r.bagId, details: { ...body, validDays } });
    return c.json(await creditsView(c), 201);
  })
  .get("/history", guard("creditHistory", operations.creditHistory), query(PageQuery), async (c) => {
    const { cursor, limit = 50 } = c.req.valid("query");
    const actor = c.var.actor;
    const conds = [eq(creditEntries.accountId, actor.accountId)];
    if (!drawsFromMainPool(actor.role)) conds.push(eq(creditEntries.holder, actor.userId));
    if (cursor) conds.push(lt(creditEntries.seq, Number(cursor)));
    const rows = await c.var.db.select().from(creditEntries).where(and(...conds)).orderBy(desc(creditEntries.seq)).limit(limit + 1).all();
    const page = rows.slice(0, limit);
    return c.json({
      entries: page.map((r) => ({
        id: r.id,
        seq: r.seq,
        at: iso(r.at)!,
        kind: r.kind as "grant",
        channel: r.channel as "email",
        holder: r.holder,
        amount: r.amount,
        reference: r.reference,
        actorUserId: r.actorUserId,
        note: r.note,
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
    });
  });
