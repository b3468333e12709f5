/**
 * What each kind of step does for one run: conditions (a segment condition on the contact, in
 * SQL, or engagement with an earlier email step), tag / untag (a static list named by the tag,
 * as SMS keywords tag), an SMS (the single-send path: opt-out, credit per segment), a signed
 * webhook call, and an email (step-email.ts). Waits are handled by the engine.
 */
import { compileSegment } from "../../shared/audience/segments";
import type { Step } from "../../shared/automations/definition";
import { compileTemplate, renderTemplate } from "../../shared/email/merge";
import { smsMergeData } from "../../shared/sms/campaign-message";
import { randomToken } from "../../shared/auth/crypto";
import type { SmtpMessenger } from "../email/smtp";
import { queueSms } from "../sms/queue-sms";
import { emailStep } from "./step-email";
import { callStepWebhook } from "./step-webhook";
import type { Automation } from "./store";
import type { DueRun } from "./engine";

export type StepResult =
  | { outcome: "done" | "yes" | "no" | "skipped" | "failed"; detail?: string; stopRun?: boolean }
  | { outcome: "retry"; at: number; detail: string };

/** What the steps of one pass share: the bindings and one SMTP connection pool, opened on first use. */
export type StepContext = { env: Env; messenger: () => SmtpMessenger; holder: () => Promise<string> };

export type ContactRow = {
  id: number; email: string | null; phone: string | null; first_name: string | null; last_name: string | null; position: string | null; company: string | null; fields: string;
  email_status: string; sms_status: string; verdict: string;
};

export async function loadContact(db: D1Database, accountId: string, id: number): Promise<ContactRow | null> {
  return db.prepare("SELECT id, email, phone, first_name, last_name, position, company, fields, email_status, sms_status, verdict FROM contacts WHERE id = ? AND account_id = ?").bind(id, accountId).first<ContactRow>();
}

export async function runStep(ctx: StepContext, a: Automation, run: DueRun, step: Step, attempts: number, now: number): Promise<StepResult> {
  const db = ctx.env.DB;
  const contact = await loadContact(db, a.account_id, run.contact_id);
  if (!contact) return { outcome: "failed", detail: "the contact was deleted", stopRun: true };
  switch (step.type) {
    case "condition":
      return { outcome: (await holds(db, a, contact.id, step.condition, now)) ? "yes" : "no" };
    case "tag":
      await db.batch(tagStatements(db, a, contact.id, step.tag, now));
      return { outcome: "done" };
    case "untag": {
      const r = await db.prepare("DELETE FROM list_members WHERE contact_id = ? AND list_id IN (SELECT id FROM lists WHERE account_id = ? AND name = ?)").bind(contact.id, a.account_id, step.tag).run();
      return { outcome: "done", detail: r.meta.changes ? undefined : "was not tagged" };
    }
    case "sms":
      return smsStep(ctx, a, contact, step.text, now);
    case "webhook":
      return callStepWebhook(ctx.env, a, run, step, contact, attempts, now);
    case "email":
      return emailStep(ctx, a, run, step, contact, attempts, now);
    case "wait":
      return { outcome: "done" };
  }
}

async function holds(db: D1Database, a: Automation, contactId: number, c: Extract<Step, { type: "condition" }>["condition"], now: number): Promise<boolean> {
  if (c.type === "step_engagement") {
    const email = a.def.steps.find((s) => s.id === c.stepId);
    const campaignId = email?.type === "email" ? email.campaignId : undefined;
    if (!campaignId) return false;
    const col = c.event === "opened" ? "opened_at" : "clicked_at";
    return (await db.prepare(`SELECT 1 AS x FROM deliveries WHERE campaign_id = ? AND contact_id = ? AND ${col} IS NOT NULL`).bind(campaignId, contactId).first<number>("x")) === 1;
  }
  const compiled = compileSegment({ match: "all", conditions: [c] }, now);
  const hit = await db.prepare(`SELECT 1 AS x FROM contacts c WHERE c.id = ? AND c.account_id = ? AND ${compiled.sql}`).bind(contactId, a.account_id, ...compiled.params).first<number>("x");
  return hit === 1;
}

/** The contact joins the static list named `tag` (created the first time). */
function tagStatements(db: D1Database, a: Automation, contactId: number, tag: string, now: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO lists (id, account_id, name, description, double_opt_in, form_token, created_at, updated_at)
         SELECT ?, ?, ?, ?, 0, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM lists WHERE account_id = ? AND name = ?)`,
      )
      .bind(crypto.randomUUID(), a.account_id, tag, `Contactos etiquetados por la automatización «${a.name}»`, randomToken(12), now, now, a.account_id, tag),
    db
      .prepare(
        `INSERT INTO list_members (list_id, contact_id, status, added_at)
         SELECT id, ?, 'subscribed', ? FROM lists WHERE account_id = ? AND name = ? ORDER BY created_at LIMIT 1
         ON CONFLICT DO UPDATE SET status = 'subscribed'`,
      )
      .bind(contactId, now, a.account_id, tag),
  ];
}

async function smsStep(ctx: StepContext, a: Automation, contact: ContactRow, text: string, now: number): Promise<StepResult> {
  if (!contact.phone) return { outcome: "skipped", detail: "no mobile number" };
  if (contact.sms_status !== "subscribed") return { outcome: "skipped", detail: `SMS ${contact.sms_status}` };
  const t = compileTemplate(text);
  if (!t.ok) return { outcome: "failed", detail: `text: ${t.error.message}` };
  const body = renderTemplate(t.template, smsMergeData({ ...contact, phone: contact.phone }, new Date(now)), "text");
  const r = await queueSms(ctx.env, { accountId: a.account_id, to: contact.phone, text: body, contactId: contact.id, sentBy: a.created_by, holder: await ctx.holder(), confirmMultipart: true });
  if (r.ok) return { outcome: "done", detail: `sms ${r.id} (${r.segments} segment${r.segments === 1 ? "" : "s"})` };
  return { outcome: r.code === "opted_out" || r.code === "suppressed" || r.field === "to" ? "skipped" : "failed", detail: `${r.code}: ${r.message}`.slice(0, 300) };
}

