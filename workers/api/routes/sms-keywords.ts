/**
 * The account's SMS keywords (S6 triggers): an incoming message whose first word is the keyword
 * replies, tags the contact (adds it to the list of that name) or calls a webhook. The opt-out
 * words are built in, listed apart, and cannot be defined (they always win; see
 * shared/sms/keywords.ts). Everyone who reads campaigns sees the keywords; only owner and admin
 * change them and see the webhook's signing secret.
 */
import { Hono } from "hono";
import { operations } from "../../../shared/api/operations";
import { CreateKeywordBody, type KeywordOut } from "../../../shared/api/schemas-sms-inbox";
import { can } from "../../../shared/auth/roles";
import { keywordProblem, normaliseKeyword, OPT_OUT_KEYWORDS } from "../../../shared/sms/keywords";
import { keywordWebhookSecret } from "../../../shared/sms/keyword-webhook";
import { checkSmsText } from "../../../shared/sms/send-checks";
import type { AppEnv } from "../context";
import { ApiError, conflict, notFound } from "../errors";
import { guard } from "../guard";
import { json } from "../validate";
import { checkTarget } from "../../net/targets";
import { linkSecretOf } from "../../sms/keyword-actions";
import { loadSmsSettings } from "../../sms/settings-store";

type Row = { id: string; keyword: string; actions: string; created_at: number };

async function present(env: Env, row: Row, withSecret: boolean): Promise<KeywordOut> {
  const actions = JSON.parse(row.actions) as KeywordOut["actions"];
  return {
    id: row.id,
    keyword: row.keyword,
    actions,
    webhookSecret: withSecret && actions.webhookUrl !== undefined ? await keywordWebhookSecret(linkSecretOf(env), row.id) : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export const smsKeywords = new Hono<AppEnv>()
  .get("/", guard("listSmsKeywords", operations.listSmsKeywords), async (c) => {
    const rows = await c.env.DB.prepare("SELECT id, keyword, actions, created_at FROM sms_keywords WHERE account_id = ? ORDER BY keyword").bind(c.var.actor.accountId).all<Row>();
    const withSecret = can(c.var.actor.role, "users.manage");
    return c.json({ keywords: await Promise.all(rows.results.map((r) => present(c.env, r, withSecret))), builtIn: [...OPT_OUT_KEYWORDS] });
  })
  .post("/", guard("createSmsKeyword", operations.createSmsKeyword), ...json(CreateKeywordBody), async (c) => {
    const body = c.req.valid("json");
    const problem = keywordProblem(body.keyword);
    if (problem !== null) throw new ApiError(400, "invalid_field", `keyword: ${problem}`, "keyword");
    if (body.actions.webhookUrl !== undefined) checkTarget(c.env, "actions.webhookUrl", body.actions.webhookUrl);
    if (body.actions.reply !== undefined) {
      // The reply is sent as defined, so it must pass the account's segment policy now, not fail on every message later.
      const check = checkSmsText(body.actions.reply, (await loadSmsSettings(c.env.DB, c.var.actor.accountId)).segmentPolicy, true);
      if (!check.ok) throw new ApiError(400, "invalid_field", `actions.reply: ${check.reason}`, "actions.reply");
    }
    const row: Row = { id: `kw_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`, keyword: normaliseKeyword(body.keyword), actions: JSON.stringify(body.actions), created_at: Date.now() };
    c.set("audit", { targetType: "sms_keyword", targetId: row.id, details: { keyword: row.keyword, actions: Object.keys(body.actions) } });
    const res = await c.env.DB.prepare("INSERT INTO sms_keywords (id, account_id, keyword, actions, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .bind(row.id, c.var.actor.accountId, row.keyword, row.actions, row.created_at)
      .run();
    if (res.meta.changes === 0) throw conflict(`keyword: ${row.keyword} is already defined`, "keyword");
    return c.json(await present(c.env, row, true), 201);
  })
  .delete("/:id", guard("deleteSmsKeyword", operations.deleteSmsKeyword), async (c) => {
    const id = c.req.param("id");
    c.set("audit", { targetType: "sms_keyword", targetId: id });
    const res = await c.env.DB.prepare("DELETE FROM sms_keywords WHERE id = ? AND account_id = ?").bind(id, c.var.actor.accountId).run();
    if (res.meta.changes === 0) throw notFound("Keyword");
    return c.json({ ok: true as const });
  });
