/**
 * Automations in D1: the row, its parsed definition, its presentation, and the hidden campaign
 * of each email step (`campaigns.automation_id`): the step's content, sender and subject live
 * there, so the email renderer, tracking, bounces and the monthly report treat an automation's
 * email like any campaign's. A hidden campaign's status is "automation": no runner ever takes it.
 */
import type { AutomationOut } from "../../shared/api/schemas-automations";
import type { Step, Trigger } from "../../shared/automations/definition";

export type AutomationRow = {
  id: string;
  account_id: string;
  name: string;
  status: "draft" | "active" | "paused";
  trigger: string;
  steps: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  activated_at: number | null;
  checked_at: number | null;
};

export type Automation = AutomationRow & { def: { trigger: Trigger; steps: Step[] } };

export const AUTOMATION_CAMPAIGN_STATUS = "automation";

export function parsed(row: AutomationRow): Automation {
  return { ...row, def: { trigger: JSON.parse(row.trigger) as Trigger, steps: JSON.parse(row.steps) as Step[] } };
}

export async function loadAutomation(db: D1Database, id: string, accountId?: string): Promise<Automation | null> {
  const row = accountId
    ? await db.prepare("SELECT * FROM automations WHERE id = ? AND account_id = ?").bind(id, accountId).first<AutomationRow>()
    : await db.prepare("SELECT * FROM automations WHERE id = ?").bind(id).first<AutomationRow>();
  return row ? parsed(row) : null;
}

/** The account's active automations (few per account: read whole, matched in code). */
export async function activeAutomations(db: D1Database, accountId: string): Promise<Automation[]> {
  const rows = await db.prepare("SELECT * FROM automations WHERE account_id = ? AND status = 'active'").bind(accountId).all<AutomationRow>();
  return rows.results.map(parsed);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentAutomation(a: Automation): AutomationOut {
  return {
    id: a.id,
    name: a.name,
    status: a.status,
    trigger: a.def.trigger,
    steps: a.def.steps,
    createdAt: iso(a.created_at)!,
    updatedAt: iso(a.updated_at)!,
    activatedAt: iso(a.activated_at),
  };
}

type Template = { id: string; html: string; text: string };

/**
 * Statements that create or update the hidden campaign of every email step (ids kept per step
 * id: a step edited keeps its campaign, its tracking and its report), and give each step its
 * `campaignId`. Campaigns of removed steps stay (their sends are history) but are never used.
 */
export async function emailStepCampaigns(
  db: D1Database,
  a: { id: string; accountId: string; name: string; userId: string },
  steps: Step[],
  previous: Step[],
  templates: Map<string, Template>,
  now: number,
): Promise<{ steps: Step[]; statements: D1PreparedStatement[] }> {
  const before = new Map(previous.flatMap((s) => (s.type === "email" && s.campaignId ? [[s.id, s.campaignId] as const] : [])));
  const statements: D1PreparedStatement[] = [];
  const out = steps.map((s): Step => {
    if (s.type !== "email") return s;
    const tpl = templates.get(s.templateId)!;
    const existing = before.get(s.id);
    const campaignId = existing ?? crypto.randomUUID();
    const name = `${a.name} · ${s.id}`;
    statements.push(
      existing
        ? db
            .prepare(
              `UPDATE campaigns SET name = ?, subject = ?, preheader = ?, from_name = ?, from_address = ?, reply_to = ?, template_id = ?, html = ?, text = ?, updated_at = ?
               WHERE id = ? AND account_id = ? AND automation_id = ?`,
            )
            .bind(name, s.subject, s.preheader ?? null, s.fromName, s.fromAddress.toLowerCase(), s.replyTo ?? null, tpl.id, tpl.html, tpl.text, now, campaignId, a.accountId, a.id)
        : db
            .prepare(
              `INSERT INTO campaigns (id, account_id, name, status, subject, preheader, from_name, from_address, reply_to, commercial, template_id, html, text, audience, created_by, created_at, updated_at, automation_id, sent_by, started_at)
               VALUES (?, ?, ?, '${AUTOMATION_CAMPAIGN_STATUS}', ?, ?, ?, ?, ?, 0, ?, ?, ?, '{"listIds":[],"segmentIds":[]}', ?, ?, ?, ?, ?, ?)`,
            )
            .bind(campaignId, a.accountId, name, s.subject, s.preheader ?? null, s.fromName, s.fromAddress.toLowerCase(), s.replyTo ?? null, tpl.id, tpl.html, tpl.text, a.userId, now, now, a.id, a.userId, now),
    );
    return { ...s, campaignId };
  });
  return { steps: out, statements };
}
