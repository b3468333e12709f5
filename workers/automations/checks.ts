/**
 * What an automation must satisfy against the account's data when it is saved (the shapes and
 * the graph are checked by the body schema): the lists, segment, campaign, custom date field and
 * SMS keyword its trigger names exist; each email step's template exists, its sender is on a
 * verified domain and its merge fields are known; an SMS step's merge fields are known; a
 * condition's list exists. Every refusal names the field (`trigger.field`, `steps.2.templateId`).
 */
import type { Step, Trigger } from "../../shared/automations/definition";
import { ApiError } from "../api/errors";
import { checkMergeFields, checkSender } from "../email/campaign-validate";
import { checkTarget } from "../net/targets";

export type Template = { id: string; html: string; text: string };

const missing = (field: string, what: string) => new ApiError(404, "not_found", `${field}: ${what} not found`, field);
const invalid = (field: string, why: string) => new ApiError(400, "invalid_field", `${field}: ${why}`, field);

/** Re-throw a step check's error under the step's path. */
async function under<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && err.field) {
      throw new ApiError(err.status, err.code, `${prefix}.${err.message}`, `${prefix}.${err.field}`);
    }
    throw err;
  }
}

export async function checkTrigger(db: D1Database, accountId: string, t: Trigger): Promise<void> {
  const one = (sql: string, ...params: (string | number)[]) => db.prepare(sql).bind(...params).first<Record<string, unknown>>();
  switch (t.type) {
    case "subscribed":
    case "optin_confirmed": {
      if (t.listId === undefined) return;
      const list = await one("SELECT double_opt_in FROM lists WHERE id = ? AND account_id = ?", t.listId, accountId);
      if (!list) throw missing("trigger.listId", "list");
      if (t.type === "optin_confirmed" && list.double_opt_in !== 1) throw invalid("trigger.listId", "this list does not ask subscribers to confirm (double opt-in is off)");
      return;
    }
    case "date": {
      const field = await one("SELECT type FROM custom_fields WHERE account_id = ? AND key = ?", accountId, t.field.slice(7));
      if (!field) throw missing("trigger.field", `custom field ${t.field.slice(7)}`);
      if (field.type !== "date") throw invalid("trigger.field", `${t.field.slice(7)} is a ${String(field.type)} field, not a date`);
      return;
    }
    case "segment":
      if (!(await one("SELECT 1 AS x FROM segments WHERE id = ? AND account_id = ?", t.segmentId, accountId))) throw missing("trigger.segmentId", "segment");
      return;
    case "engagement": {
      const c = await one("SELECT channel, automation_id FROM campaigns WHERE id = ? AND account_id = ?", t.campaignId, accountId);
      if (!c || c.automation_id !== null) throw missing("trigger.campaignId", "campaign");
      if (c.channel !== "email") throw invalid("trigger.campaignId", "engagement (opens, clicks) is measured on email campaigns only");
      if (t.on === "not_opened" && t.days === undefined) throw invalid("trigger.days", "say after how many days a recipient counts as not having opened");
      return;
    }
    case "sms_keyword":
      if (!(await one("SELECT 1 AS x FROM sms_keywords WHERE account_id = ? AND upper(keyword) = upper(?)", accountId, t.keyword))) {
        throw invalid("trigger.keyword", `no SMS keyword ${t.keyword.toUpperCase()} is defined (define it in the SMS inbox's keywords first)`);
      }
      return;
    case "event":
      return;
  }
}

/** Checks every step; returns the templates the email steps use. */
export async function checkSteps(env: Env, accountId: string, steps: readonly Step[]): Promise<Map<string, Template>> {
  const db = env.DB;
  const templates = new Map<string, Template>();
  for (const [i, s] of steps.entries()) {
    const at = `steps.${i}`;
    if (s.type === "email") {
      let tpl = templates.get(s.templateId);
      if (!tpl) {
        tpl = (await db.prepare("SELECT id, html, text FROM templates WHERE id = ? AND account_id = ?").bind(s.templateId, accountId).first<Template>()) ?? undefined;
        if (!tpl) throw missing(`${at}.templateId`, "template");
        templates.set(tpl.id, tpl);
      }
      await under(at, () => checkSender(env, db, accountId, s.fromAddress));
      const t = tpl;
      await under(at, () => checkMergeFields(db, accountId, { subject: s.subject, preheader: s.preheader, html: t.html, text: t.text }));
    } else if (s.type === "webhook") {
      checkTarget(env, `${at}.url`, s.url);
    } else if (s.type === "sms") {
      await under(at, () => checkMergeFields(db, accountId, { text: s.text }));
    } else if (s.type === "condition" && s.condition.type === "list") {
      if (!(await db.prepare("SELECT 1 AS x FROM lists WHERE id = ? AND account_id = ?").bind(s.condition.listId, accountId).first())) throw missing(`${at}.condition.listId`, "list");
    }
  }
  return templates;
}
