/**
 * Triggers that are looked for rather than told: a date field (every day at the automation's
 * minute, the contacts whose date is N days ahead or behind), a segment (every minute, members
 * not seen before; those already in it at activation are recorded as a baseline and never run),
 * and engagement with a campaign (openers or clickers every minute; non-openers once the N days
 * after the send are over — resend to non-openers, B4). Each is one INSERT … SELECT into
 * `automation_runs`, whose unique key makes looking twice harmless.
 */
import { compileSegment, type SegmentDefinition } from "../../shared/audience/segments";
import { dateTarget, fireTimesBetween, nextFireAfter } from "../../shared/automations/clock";
import type { Automation } from "./store";

const DAY_MS = 86_400_000;
export const PERIODIC_EVERY_MS = 60_000;

export function zoneOf(env: { DEFAULT_TIMEZONE?: string }): string {
  return env.DEFAULT_TIMEZONE || "America/Lima";
}

const INSERT = `INSERT INTO automation_runs (automation_id, account_id, contact_id, occurrence, status, step_id, next_at, context, entered_at, updated_at)`;

/** Look for contacts the trigger enrols at `now`; returns how many runs started. */
export async function collect(env: Env, a: Automation, now: number): Promise<number> {
  const db = env.DB;
  const t = a.def.trigger;
  const first = a.def.steps[0]!.id;
  const since = a.checked_at ?? a.activated_at ?? now;
  let started = 0;
  const run = async (select: string, occurrence: string, params: (string | number)[], status = "waiting") => {
    const r = await db
      .prepare(`${INSERT} SELECT ?1, ?2, x.id, ?3, '${status}', ?4, ?5, '{}', ?5, ?5 FROM (${select}) x WHERE true ON CONFLICT DO NOTHING`)
      .bind(a.id, a.account_id, occurrence, status === "waiting" ? first : null, now, ...params)
      .run();
    if (status === "waiting") started += r.meta.changes ?? 0;
  };
  if (t.type === "date") {
    const key = t.field.slice("custom:".length);
    for (const fire of fireTimesBetween(since, now, t.at, zoneOf(env))) {
      const date = dateTarget(fire, t.direction, t.days, zoneOf(env));
      // Dates are stored as YYYY-MM-DD (a time after it is ignored). Parameters ?6.. follow the five of INSERT.
      await run(`SELECT c.id FROM contacts c WHERE c.account_id = ?2 AND substr(json_extract(c.fields, '$.${key}'), 1, 10) = ?6`, date, [date]);
    }
  } else if (t.type === "segment") {
    const def = await db.prepare("SELECT definition FROM segments WHERE id = ? AND account_id = ?").bind(t.segmentId, a.account_id).first<string>("definition");
    if (def) {
      const seg = compileSegment(JSON.parse(def) as SegmentDefinition, now);
      const params = seg.params.map((p, i) => ({ p, i }));
      // Renumber the segment's "?" as ?6, ?7 … (the INSERT uses ?1..?5).
      let n = 5;
      const sql = seg.sql.replace(/\?/g, () => `?${++n}`);
      await run(`SELECT c.id FROM contacts c WHERE c.account_id = ?2 AND ${sql}`, "", params.map((x) => x.p), a.checked_at === null ? "baseline" : "waiting");
    }
  } else if (t.type === "engagement") {
    const campaign = await db.prepare("SELECT started_at FROM campaigns WHERE id = ? AND account_id = ?").bind(t.campaignId, a.account_id).first<{ started_at: number | null }>();
    if (campaign?.started_at != null) {
      if (t.on === "not_opened") {
        if (now >= campaign.started_at + (t.days ?? 1) * DAY_MS) {
          await run(`SELECT contact_id AS id FROM deliveries WHERE campaign_id = ?6 AND status = 'sent' AND opened_at IS NULL`, `campaign:${t.campaignId}`, [t.campaignId]);
        }
      } else {
        const col = t.on === "opened" ? "opened_at" : "clicked_at";
        await run(`SELECT contact_id AS id FROM deliveries WHERE campaign_id = ?6 AND ${col} IS NOT NULL`, `campaign:${t.campaignId}`, [t.campaignId]);
      }
    }
  }
  if (t.type === "date" || t.type === "segment" || t.type === "engagement") {
    await db.prepare("UPDATE automations SET checked_at = ? WHERE id = ?").bind(now, a.id).run();
    a.checked_at = now;
  }
  return started;
}

/** When the trigger must be looked at next (null: it is told, never looked for). */
export function nextLook(env: { DEFAULT_TIMEZONE?: string }, a: Automation, now: number): number | null {
  const t = a.def.trigger;
  if (t.type === "date") return nextFireAfter(now, t.at, zoneOf(env));
  if (t.type === "segment" || t.type === "engagement") return now + PERIODIC_EVERY_MS;
  return null;
}
