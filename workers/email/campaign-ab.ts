/**
 * The API side of a campaign's A/B test (B3): checking a test when the campaign is saved (the
 * rules of shared/campaigns/ab.ts, B's merge fields, B's template copied as the campaign copies
 * its own), and presenting it with each version's live counts. Also the SQL that adds those
 * counts and the number of unconfirmed messages (C1) to a campaign row.
 */
import { abDecideAt, abProblem, parseAb, type AbCounts, type AbInput, type AbResult, type AbTest, type Variant } from "../../shared/campaigns/ab";
import { ApiError } from "../api/errors";
import { checkMergeFields } from "./campaign-validate";

/**
 * Extra columns for `SELECT campaigns.*, ${CAMPAIGN_EXTRAS} FROM campaigns`: unconfirmed messages
 * (index deliveries_status) and, for a test, each version's sample counts as JSON.
 */
export const CAMPAIGN_EXTRAS = `(SELECT COUNT(*) FROM deliveries u WHERE u.campaign_id = campaigns.id AND u.status = 'unknown') AS unknown_count,
  CASE WHEN campaigns.ab IS NULL THEN NULL ELSE (
    SELECT json_object(
      'A', json_object('sent', COUNT(CASE WHEN v.variant = 'A' AND v.status = 'sent' THEN 1 END), 'opens', COUNT(CASE WHEN v.variant = 'A' THEN v.opened_at END), 'clicks', COUNT(CASE WHEN v.variant = 'A' THEN v.clicked_at END)),
      'B', json_object('sent', COUNT(CASE WHEN v.variant = 'B' AND v.status = 'sent' THEN 1 END), 'opens', COUNT(CASE WHEN v.variant = 'B' THEN v.opened_at END), 'clicks', COUNT(CASE WHEN v.variant = 'B' THEN v.clicked_at END)))
    FROM deliveries v WHERE v.campaign_id = campaigns.id AND v.variant IS NOT NULL) END AS ab_variants`;

export type AbColumns = { ab: string | null; ab_winner: string | null; ab_result: string | null; started_at: number | null; unknown_count?: number; ab_variants?: string | null };

/**
 * The test to store (campaigns.ab) for `ab` as sent by the client, or null for none. Throws a
 * 400 naming the field (`ab.subjectB`, `ab.templateIdB`, …) when it is not valid.
 * @example await abToStore(db, accountId, { kind: "subject", subjectB: "¿Ya viste esto, {{nombre}}?", testPercent: 20, metric: "opens", waitHours: 4 }, { subject, templateId })
 */
export async function abToStore(db: D1Database, accountId: string, ab: AbInput | null | undefined, a: { subject: string; templateId: string | null }): Promise<string | null> {
  if (!ab) return null;
  const problem = abProblem(ab, a);
  if (problem) throw new ApiError(400, "invalid_field", problem.message, problem.field);
  const test: AbTest = { kind: ab.kind, subjectB: null, templateIdB: null, htmlB: null, textB: null, testPercent: ab.testPercent, metric: ab.metric, waitHours: ab.waitHours };
  if (ab.kind === "subject") {
    test.subjectB = ab.subjectB!.trim();
    await checkMergeFields(db, accountId, { "ab.subjectB": test.subjectB });
  } else {
    const tpl = await db.prepare("SELECT id, html, text FROM templates WHERE id = ? AND account_id = ?").bind(ab.templateIdB, accountId).first<{ id: string; html: string; text: string }>();
    if (!tpl) throw new ApiError(404, "not_found", "ab.templateIdB: template not found", "ab.templateIdB");
    await checkMergeFields(db, accountId, { "ab.templateIdB": tpl.html });
    await checkMergeFields(db, accountId, { "ab.templateIdB": tpl.text });
    Object.assign(test, { templateIdB: tpl.id, htmlB: tpl.html, textB: tpl.text });
  }
  return JSON.stringify(test);
}

/** The stored test back as the client sent it, for merging a partial update. */
export function abInputOf(json: string | null): AbInput | null {
  const t = parseAb(json);
  return t && { kind: t.kind, subjectB: t.subjectB, templateIdB: t.templateIdB, testPercent: t.testPercent, metric: t.metric, waitHours: t.waitHours };
}

/**
 * The send-time indicator's time left: while a test waits for its winner nothing more goes out,
 * so it is at least the time until the decision.
 * @example abEtaMs(row, 3_000, Date.now()) // ≈ 2 h for a test decided two hours from now
 */
export function abEtaMs(r: AbColumns & { status: string }, etaMs: number | null, now: number): number | null {
  const t = parseAb(r.ab);
  if (!t || r.ab_winner || r.status !== "sending" || r.started_at === null) return etaMs;
  return Math.max(etaMs ?? 0, abDecideAt(r.started_at, t.waitHours) - now);
}

const zero = (): AbCounts => ({ sent: 0, opens: 0, clicks: 0 });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A campaign's test as the API shows it, or null for a plain campaign. */
export function presentAb(r: AbColumns) {
  const t = parseAb(r.ab);
  if (!t) return null;
  const variants = r.ab_variants ? (JSON.parse(r.ab_variants) as Record<Variant, AbCounts>) : { A: zero(), B: zero() };
  const result = r.ab_result ? (JSON.parse(r.ab_result) as AbResult) : null;
  return {
    kind: t.kind,
    subjectB: t.subjectB,
    templateIdB: t.templateIdB,
    testPercent: t.testPercent,
    metric: t.metric,
    waitHours: t.waitHours,
    decideAt: iso(r.started_at === null ? null : abDecideAt(r.started_at, t.waitHours)),
    winner: (r.ab_winner as Variant | null) ?? null,
    variants,
    result: result && { metric: result.metric, decidedAt: iso(result.decidedAt)!, A: result.A, B: result.B },
  };
}
