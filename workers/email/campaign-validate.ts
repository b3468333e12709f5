/**
 * What a campaign must satisfy when it is saved and when it is scheduled: merge fields that
 * exist (an unknown one is an error now, never at send time), a sender on a verified domain,
 * an audience of the account's own lists and segments that is not empty once suppression and
 * cleaning are applied, enough credit, and a time that is not in the past.
 */
import { compileTemplate, unknownFields } from "../../shared/email/merge";
import { ApiError } from "../api/errors";
import { isVerifiedDomain } from "./domain-store";

/** Domains this deployment may send from, from SENDER_DOMAINS (comma-separated). */
export function senderDomains(env: { SENDER_DOMAINS?: string }): string[] {
  return (env.SENDER_DOMAINS ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The sender's domain must be trusted by the operator (SENDER_DOMAINS) or a sending domain the
 * account verified (SPF and DKIM ok at its last check).
 * @example await checkSender(env, db, accountId, "avisos@muni.gob.pe")
 */
export async function checkSender(env: { SENDER_DOMAINS?: string }, db: D1Database, accountId: string, address: string): Promise<void> {
  const domain = address.split("@")[1]?.toLowerCase() ?? "";
  if (!senderDomains(env).includes(domain) && !(await isVerifiedDomain(db, accountId, domain))) {
    throw new ApiError(400, "unverified_sender", `fromAddress: the domain ${domain} is not a verified sending domain`, "fromAddress");
  }
}

/** Every merge field in `parts` must be standard, system, or one of the account's custom fields. */
export async function checkMergeFields(db: D1Database, accountId: string, parts: Record<string, string | null | undefined>): Promise<void> {
  const custom = (await db.prepare("SELECT key FROM custom_fields WHERE account_id = ?").bind(accountId).all<{ key: string }>()).results.map((r) => r.key);
  for (const [field, source] of Object.entries(parts)) {
    if (!source) continue;
    const t = compileTemplate(source);
    if (!t.ok) throw new ApiError(400, "invalid_template", `${field}: line ${t.error.line}, column ${t.error.column}: ${t.error.message}`, field);
    const unknown = unknownFields(t.template, custom);
    if (unknown.length) throw new ApiError(400, "unknown_merge_field", `${field}: unknown merge field${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `{{${u}}}`).join(", ")}`, field);
  }
}

export async function checkAudience(db: D1Database, accountId: string, audience: { listIds: string[]; segmentIds: string[] }): Promise<void> {
  if (audience.listIds.length + audience.segmentIds.length === 0) throw new ApiError(400, "invalid_field", "audience: choose at least one list or segment", "audience");
  const [lists, segments] = await db.batch<{ n: number }>([
    db.prepare("SELECT COUNT(*) AS n FROM lists WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))").bind(accountId, JSON.stringify([...new Set(audience.listIds)])),
    db.prepare("SELECT COUNT(*) AS n FROM segments WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))").bind(accountId, JSON.stringify([...new Set(audience.segmentIds)])),
  ]);
  if (lists!.results[0]!.n !== new Set(audience.listIds).size) throw new ApiError(404, "not_found", "audience: a list was not found", "audience.listIds");
  if (segments!.results[0]!.n !== new Set(audience.segmentIds).size) throw new ApiError(404, "not_found", "audience: a segment was not found", "audience.segmentIds");
}
