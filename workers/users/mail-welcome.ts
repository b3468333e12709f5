/**
 * The welcome mail of a sub-user (W5) as the user routes send it: gathers the account's name and
 * the creator's, issues a set-password link when asked, and sends the mail. Shared by creating a
 * user and by re-issuing the link (`POST /users/:id/welcome`), so both mails read the same.
 */
import type { Context } from "hono";
import { eq } from "drizzle-orm";
import { setPasswordUrl } from "../../shared/auth/password-token";
import type { SubUserRole } from "../../shared/guide/welcome-mail";
import { accounts, users } from "../../shared/db/schema";
import type { AppEnv } from "../api/context";
import { issueWelcomeToken } from "./password-tokens";
import { sendWelcomeMail } from "./welcome-mail";

export type WelcomeUser = { id: string; accountId: string; email: string; name: string; role: SubUserRole; createdBy: string | null };

/**
 * Sends `user` the welcome mail, with a new set-password link when `withLink`; the mail names
 * the user's creator (`user.createdBy`), not whoever re-sends it. Never throws on the relay.
 * @example const welcomeMail = await mailWelcome(c, row, true, Date.now()) // { sent: true, error: null, link: true }
 */
export async function mailWelcome(c: Context<AppEnv>, user: WelcomeUser, withLink: boolean, now: number) {
  const db = c.var.db;
  const account = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, user.accountId)).get();
  const creator = user.createdBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, user.createdBy)).get() : undefined;
  const publicUrl = c.env.PUBLIC_URL || new URL(c.req.url).origin;
  const token = withLink ? await issueWelcomeToken(db, user, c.var.actor.userId, now) : null;
  const result = await sendWelcomeMail(
    c.env,
    { name: user.name, email: user.email, role: user.role, accountName: account?.name ?? "", createdByName: creator?.name ?? null, setPasswordUrl: token ? setPasswordUrl(publicUrl, token) : null, publicUrl },
    now,
  );
  return { ...result, link: withLink };
}
