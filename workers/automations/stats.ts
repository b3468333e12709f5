/**
 * Live figures of an automation (W4): runs by status, and per step how many runs went through it
 * and how (done, yes/no, skipped, failed), how many wait at it now, and for email steps the
 * opens and clicks of its hidden campaign. All from indexes: the step log by (automation, step,
 * outcome), runs by (automation, status), deliveries by campaign.
 */
import type { AutomationStats } from "../../shared/api/schemas-automations";
import type { Automation } from "./store";

export async function automationStats(db: D1Database, a: Automation, now: number): Promise<AutomationStats> {
  const emailCampaigns = a.def.steps.flatMap((s) => (s.type === "email" && s.campaignId ? [s.campaignId] : []));
  const [runs, log, waiting, engagement] = await db.batch([
    db.prepare("SELECT status, COUNT(*) AS n FROM automation_runs WHERE automation_id = ? GROUP BY status").bind(a.id),
    db.prepare("SELECT step_id, outcome, COUNT(*) AS n FROM automation_step_log WHERE automation_id = ? GROUP BY step_id, outcome").bind(a.id),
    db.prepare("SELECT step_id, COUNT(*) AS n FROM automation_runs WHERE automation_id = ? AND status = 'waiting' GROUP BY step_id").bind(a.id),
    db
      .prepare("SELECT campaign_id, COUNT(opened_at) AS opened, COUNT(clicked_at) AS clicked FROM deliveries WHERE campaign_id IN (SELECT value FROM json_each(?)) GROUP BY campaign_id")
      .bind(JSON.stringify(emailCampaigns)),
  ]);
  const byStatus = new Map((runs!.results as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  const outcomes = new Map<string, Record<string, number>>();
  for (const r of log!.results as { step_id: string; outcome: string; n: number }[]) {
    const o = outcomes.get(r.step_id) ?? {};
    o[r.outcome] = (o[r.outcome] ?? 0) + r.n;
    outcomes.set(r.step_id, o);
  }
  const waitingAt = new Map((waiting!.results as { step_id: string; n: number }[]).map((r) => [r.step_id, r.n]));
  const opens = new Map((engagement!.results as { campaign_id: string; opened: number; clicked: number }[]).map((r) => [r.campaign_id, r]));
  const inProgress = byStatus.get("waiting") ?? 0;
  return {
    enrolled: inProgress + (byStatus.get("done") ?? 0) + (byStatus.get("exited") ?? 0) + (byStatus.get("failed") ?? 0),
    inProgress,
    completed: byStatus.get("done") ?? 0,
    exited: byStatus.get("exited") ?? 0,
    failed: byStatus.get("failed") ?? 0,
    steps: a.def.steps.map((s) => {
      const o = outcomes.get(s.id) ?? {};
      const n = (k: string) => o[k] ?? 0;
      const e = s.type === "email" && s.campaignId ? opens.get(s.campaignId) : undefined;
      return {
        stepId: s.id,
        type: s.type,
        // A wait counts its arrivals (still waiting or done); retries count as entered.
        entered: Object.values(o).reduce((x, y) => x + y, 0),
        done: n("done"),
        yes: n("yes"),
        no: n("no"),
        skipped: n("skipped"),
        failed: n("failed"),
        waiting: waitingAt.get(s.id) ?? 0,
        opened: s.type === "email" ? (e?.opened ?? 0) : null,
        clicked: s.type === "email" ? (e?.clicked ?? 0) : null,
      };
    }),
    at: new Date(now).toISOString(),
  };
}

export type RunRow = { id: number; contact_id: number; email: string | null; phone: string | null; status: "waiting" | "done" | "exited" | "failed"; step_id: string | null; next_at: number | null; entered_at: number; occurrence: string };

/** Runs, newest first, keyset paged by id (baseline rows of a segment trigger are not runs). */
export async function runsPage(db: D1Database, automationId: string, after: number | undefined, limit: number): Promise<{ runs: RunRow[]; next: number | null }> {
  const rows = await db
    .prepare(
      `SELECT r.id, r.contact_id, c.email, c.phone, r.status, r.step_id, r.next_at, r.entered_at, r.occurrence
       FROM automation_runs r LEFT JOIN contacts c ON c.id = r.contact_id
       WHERE r.automation_id = ? AND r.status != 'baseline' AND r.id < ? ORDER BY r.id DESC LIMIT ?`,
    )
    .bind(automationId, after ?? Number.MAX_SAFE_INTEGER, limit + 1)
    .all<RunRow>();
  const page = rows.results.slice(0, limit);
  return { runs: page, next: rows.results.length > limit ? page[page.length - 1]!.id : null };
}
