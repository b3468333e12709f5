/**
 * First start: on an empty database, create the main account and its owner from ADMIN_EMAIL /
 * ADMIN_PASSWORD and grant the default credit bags (E6). Runs once per isolate; every write is
 * idempotent (fixed ids, INSERT OR IGNORE, ledger keys), so concurrent first requests agree.
 */
import { drizzle } from "drizzle-orm/d1";
import { accounts, users } from "../../shared/db/schema";
import { hashPassword, sha256Hex } from "../../shared/auth/crypto";
import { creditDefaults } from "../../shared/credits/ledger";
import { ledgerOf } from "../ledger";

let done = false;

export async function ensureBootstrap(env: Env): Promise<void> {
  if (done) return;
  const any = await env.DB.prepare("SELECT 1 FROM accounts LIMIT 1").first();
  const email = env.ADMIN_EMAIL?.trim().toLowerCase();
  if (any || !email || !env.ADMIN_PASSWORD) {
    done = true;
    return;
  }
  if (env.ADMIN_PASSWORD.length < 10) throw new Error("ADMIN_PASSWORD must have at least 10 characters");
  const defaults = creditDefaults(env);
  const accountId = `acc_${(await sha256Hex(email)).slice(0, 24)}`;
  const now = Date.now();
  const db = drizzle(env.DB);
  await db.insert(accounts).values({ id: accountId, name: env.ACCOUNT_NAME || "Mi organización", createdAt: now }).onConflictDoNothing();
  await db
    .insert(users)
    .values({ id: `usr_${accountId.slice(4)}`, accountId, email, name: "Propietario", role: "owner", passwordHash: await hashPassword(env.ADMIN_PASSWORD), createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const ledger = ledgerOf(env, accountId);
  for (const channel of ["email", "sms"] as const) {
    const amount = defaults[channel];
    if (amount > 0) await ledger.grant({ accountId, key: `activation:${channel}`, channel, amount, validDays: defaults.validityDays, note: "activation" });
  }
  done = true;
}
