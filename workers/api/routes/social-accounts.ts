/**
 * Connected social accounts (W6), for owners and admins: list (each with its token's last four
 * characters and its latest post), connect (the token sealed at rest, bound to the row), change
 * the name, auto-publish or token, and remove (with its posts). Posting is workers/social/publish.ts.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateSocialAccountBody, UpdateSocialAccountBody } from "../../../shared/api/schemas-social";
import type { AppEnv } from "../context";
import { notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { findSocialAccount, listSocialAccounts, presentSocialAccount } from "../../social/accounts-store";
import { sealSocialToken } from "../../social/token";

export const socialAccounts = new Hono<AppEnv>()
  .get("/", guard("listSocialAccounts", operations.listSocialAccounts), async (c) => c.json({ accounts: await listSocialAccounts(c.env, c.var.actor.accountId) }))
  .post("/", guard("createSocialAccount", operations.createSocialAccount), ...json(CreateSocialAccountBody), async (c) => {
    const b = c.req.valid("json");
    const now = Date.now();
    const id = `sa_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const token = await sealSocialToken(c.env, id, b.token);
    const autoPublish = b.autoPublish ?? true;
    await c.env.DB.prepare(
      "INSERT INTO social_accounts (id, account_id, network, name, target, token, auto_publish, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
      .bind(id, c.var.actor.accountId, b.network, b.name, b.target, token, autoPublish ? 1 : 0, c.var.actor.userId, now, now)
      .run();
    c.set("audit", { targetType: "social_account", targetId: id, details: { network: b.network, name: b.name, target: b.target, autoPublish } });
    const row = await findSocialAccount(c.env.DB, c.var.actor.accountId, id);
    return c.json(await presentSocialAccount(c.env, row!), 201);
  })
  .patch("/:id", guard("updateSocialAccount", operations.updateSocialAccount), ...json(UpdateSocialAccountBody), async (c) => {
    const id = c.req.param("id");
    const b = c.req.valid("json");
    c.set("audit", { targetType: "social_account", targetId: id, details: { name: b.name, autoPublish: b.autoPublish, token: b.token === undefined ? undefined : "replaced" } });
    const token = b.token === undefined ? null : await sealSocialToken(c.env, id, b.token);
    const row = await c.env.DB.prepare(
      "UPDATE social_accounts SET name = coalesce(?3, name), auto_publish = coalesce(?4, auto_publish), token = coalesce(?5, token), updated_at = ?6 WHERE id = ?1 AND account_id = ?2 RETURNING *",
    )
      .bind(id, c.var.actor.accountId, b.name ?? null, b.autoPublish === undefined ? null : b.autoPublish ? 1 : 0, token, Date.now())
      .first<Parameters<typeof presentSocialAccount>[1]>();
    if (!row) throw notFound("Social account");
    return c.json(await presentSocialAccount(c.env, row));
  })
  .delete("/:id", guard("deleteSocialAccount", operations.deleteSocialAccount), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "social_account", targetId: id });
    const [res] = await c.env.DB.batch([
      c.env.DB.prepare("DELETE FROM social_accounts WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId),
      c.env.DB.prepare("DELETE FROM social_posts WHERE social_account_id = ? AND account_id = ?").bind(id, c.var.actor.accountId),
    ]);
    if (res!.meta.changes === 0) throw notFound("Social account");
    return c.json({ ok: true as const });
  });
