/**
 * Sub-users (E3): the owner and admins list, create, edit and disable the users of their own
 * account. An admin manages senders, editors and viewers; only the owner manages admins; nobody
 * changes the owner here. Users of other accounts are invisible (404). A new user is mailed the
 * usage guide (W5); created without a password, the mail carries a set-password link instead.
 * When that link was used or has expired, `POST /users/:id/welcome` revokes the open ones and
 * mails a new one (same rules as editing the user; 409 for a disabled user).
 */
import { Hono } from "hono";
import { and, asc, eq } from "drizzle-orm";
import { operations } from "../../../shared/api/operations";
import { CreateUserBody, UpdateUserBody } from "../../../shared/api/schemas";
import { presentUser } from "../../../shared/api/present";
import { canManageRole, type Role } from "../../../shared/auth/roles";
import { hashPassword, randomToken } from "../../../shared/auth/crypto";
import type { SubUserRole } from "../../../shared/guide/welcome-mail";
import { sessions, users as usersTable } from "../../../shared/db/schema";
import { revokeWelcomeTokens } from "../../users/password-tokens";
import { mailWelcome } from "../../users/mail-welcome";
import type { AppEnv } from "../context";
import { conflict, forbidden, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";

type Db = AppEnv["Variables"]["db"];

async function findUser(db: Db, accountId: string, id: string) {
  const user = await db.select().from(usersTable).where(and(eq(usersTable.id, id), eq(usersTable.accountId, accountId))).get();
  if (!user) throw notFound("User");
  return user;
}

export const users = new Hono<AppEnv>()
  .get("/", guard("listUsers", operations.listUsers), async (c) => {
    const rows = await c.var.db.select().from(usersTable).where(eq(usersTable.accountId, c.var.actor.accountId)).orderBy(asc(usersTable.createdAt), asc(usersTable.id)).all();
    return c.json({ users: rows.map(presentUser) });
  })
  .post("/", guard("createUser", operations.createUser), ...json(CreateUserBody), async (c) => {
    const body = c.req.valid("json");
    const actor = c.var.actor;
    c.set("audit", { targetType: "user", details: { email: body.email, role: body.role } });
    if (!canManageRole(actor.role, body.role)) throw forbidden(`Your role cannot create a user with role ${body.role}`);
    const db = c.var.db;
    const taken = await db.select({ id: usersTable.id }).from(usersTable).where(eq(usersTable.email, body.email)).get();
    if (taken) throw conflict("A user with this email already exists", "email");
    const now = Date.now();
    const row = {
      id: crypto.randomUUID(),
      accountId: actor.accountId,
      email: body.email,
      name: body.name,
      role: body.role,
      // Without a password (W5), a hash of a random one nobody knows: login fails as for a wrong
      // password, in the same time, until the user chooses theirs through the welcome link.
      passwordHash: await hashPassword(body.password ?? randomToken(32)),
      disabled: false,
      locale: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    await db.insert(usersTable).values(row);
    const welcomeMail = await mailWelcome(c, row, body.password === undefined, now);
    c.set("audit", { targetType: "user", targetId: row.id, details: { email: body.email, role: body.role, welcomeMail: welcomeMail.sent, passwordLink: welcomeMail.link } });
    return c.json({ ...presentUser(row), welcomeMail }, 201);
  })
  .get("/:id", guard("getUser", operations.getUser), async (c) => {
    return c.json(presentUser(await findUser(c.var.db, c.var.actor.accountId, c.req.param("id"))));
  })
  .patch("/:id", guard("updateUser", operations.updateUser), ...json(UpdateUserBody), async (c) => {
    const patch = c.req.valid("json");
    const actor = c.var.actor;
    const db = c.var.db;
    const id = c.req.param("id");
    const { password, ...visible } = patch;
    c.set("audit", { targetType: "user", targetId: id, details: { ...visible, ...(password ? { passwordReset: true } : {}) } });
    const user = await findUser(db, actor.accountId, id);
    if (user.id === actor.userId) throw forbidden("Change your own profile under /me");
    if (!canManageRole(actor.role, user.role as Role)) throw forbidden(`Your role cannot change a user with role ${user.role}`);
    if (patch.role && !canManageRole(actor.role, patch.role)) throw forbidden(`Your role cannot give role ${patch.role}`);
    const next = {
      ...visible,
      ...(password ? { passwordHash: await hashPassword(password) } : {}),
      updatedAt: Date.now(),
    };
    await db.update(usersTable).set(next).where(eq(usersTable.id, user.id));
    // A disabled user, a new role or a reset password ends the user's sessions.
    if (patch.disabled || patch.role || password) await db.delete(sessions).where(eq(sessions.userId, user.id));
    return c.json(presentUser({ ...user, ...next }));
  })
  .post("/:id/welcome", guard("resendWelcome", operations.resendWelcome), async (c) => {
    const actor = c.var.actor;
    const db = c.var.db;
    const id = c.req.param("id");
    c.set("audit", { targetType: "user", targetId: id });
    const user = await findUser(db, actor.accountId, id);
    if (!canManageRole(actor.role, user.role as Role)) throw forbidden(`Your role cannot manage a user with role ${user.role}`);
    if (user.disabled) throw conflict("This user is disabled; enable them before sending a new welcome link", "disabled");
    const now = Date.now();
    await revokeWelcomeTokens(db, user.id, now);
    // canManageRole refused the owner above, so the role is a sub-user's.
    const welcomeMail = await mailWelcome(c, { ...user, role: user.role as SubUserRole }, true, now);
    c.set("audit", { targetType: "user", targetId: id, details: { email: user.email, welcomeMail: welcomeMail.sent, passwordLink: true } });
    return c.json({ ...presentUser(user), welcomeMail });
  });
