/**
 * The rules of an export request that span fields, shared by exports and schedules: a PDF only
 * for the monthly report; each kind takes only its own params; a campaign export needs its
 * campaign, and its filter is one the CSV knows (an event kind, a recipient filter of
 * shared/reports/recipients.ts); an export of the report names its month, while a schedule never does (each run takes
 * the Lima month before it). And who may have whose monthly report: the owner and admins any
 * sub-user's or the whole account's, everyone else only their own.
 */
import type { Role } from "../auth/roles";
import type { ExportFormat, ExportKind, ExportParams } from "../api/schemas-exports";
import { EVENT_KINDS, RECIPIENT_FILTERS, type RecipientFilter } from "../reports/recipients";
import { SMS_EVENT_KINDS } from "../reports/sms-csv-rows";
import { SMS_RECIPIENT_FILTERS } from "../reports/sms-recipient-filters";

/** Event kinds of the events CSV: an email campaign's (recipients.ts) and an SMS campaign's (sms-csv-rows.ts). */
const ALL_EVENT_KINDS = [...EVENT_KINDS, ...SMS_EVENT_KINDS.filter((k) => k !== "click")] as const;
/** One event kind of the events CSV. */
export type EventKind = (typeof ALL_EVENT_KINDS)[number];

export type RequestProblem = { status: 400 | 403; field: string; message: string };

const PARAMS_OF: Readonly<Record<ExportKind, readonly (keyof ExportParams)[]>> = {
  "monthly-report": ["month", "userId", "lang"],
  "campaign-events": ["campaignId", "filter", "lang"],
  "campaign-recipients": ["campaignId", "filter", "lang"],
};

/**
 * The first problem of a request, or null. `mode` "schedule" forbids `month` instead of
 * requiring it.
 * @example checkExportRequest("campaign-events", "pdf", { campaignId: "c1" }, "export") // { status: 400, field: "format", message: "format: pdf is only available for monthly-report" }
 */
export function checkExportRequest(kind: ExportKind, format: ExportFormat, params: ExportParams, mode: "export" | "schedule"): RequestProblem | null {
  if (format === "pdf" && kind !== "monthly-report") return bad("format", "pdf is only available for monthly-report");
  const allowed = PARAMS_OF[kind];
  for (const key of Object.keys(params) as (keyof ExportParams)[]) {
    if (params[key] !== undefined && !allowed.includes(key)) return bad(`params.${key}`, `not a parameter of ${kind}`);
  }
  if (kind === "monthly-report") {
    if (mode === "export" && params.month === undefined) return bad("params.month", "is required (YYYY-MM)");
    if (mode === "schedule" && params.month !== undefined) return bad("params.month", "a schedule reports on the month before each run; leave it out");
  } else {
    if (params.campaignId === undefined) return bad("params.campaignId", "is required");
    // The campaign's channel narrows these further (workers/reports/export-request.ts, campaignFilterProblem).
    const filters: readonly string[] = kind === "campaign-events" ? ALL_EVENT_KINDS : RECIPIENT_FILTERS;
    if (params.filter !== undefined && !filters.includes(params.filter)) {
      return bad("params.filter", `${kind === "campaign-events" ? "an event kind" : "a recipient filter"}, one of ${filters.join(", ")}`);
    }
  }
  return null;
}

/**
 * The recipients CSV's filter of a stored export: "all" when absent. A filter the CSV does not
 * know throws (checkExportRequest refuses it when asked; a row stored before that check fails
 * with the reason instead of silently exporting every recipient).
 * @example recipientFilterOf(undefined) // "all"
 * @example recipientFilterOf("todos") // throws RangeError
 */
export function recipientFilterOf(filter: string | undefined): RecipientFilter {
  if (filter === undefined) return "all";
  const known = RECIPIENT_FILTERS.find((f) => f === filter);
  if (!known) throw new RangeError(`unknown recipient filter "${filter}"`);
  return known;
}

/**
 * The events CSV's one event kind of a stored export, or null for every event. An unknown kind
 * throws rather than producing a file of headings only.
 * @example eventKindOf("click") // "click"
 * @example eventKindOf("opened") // throws RangeError
 */
export function eventKindOf(filter: string | undefined): EventKind | null {
  if (filter === undefined) return null;
  const known = ALL_EVENT_KINDS.find((k) => k === filter);
  if (!known) throw new RangeError(`unknown event kind "${filter}"`);
  return known;
}

/**
 * Whose monthly report `actor` may have when asking for `requested` (a user id, or undefined
 * for the default): owner and admin get what they ask (undefined: the whole account, null);
 * anyone else gets only their own (undefined: themselves; another user: 403).
 * @example monthlyReportUser({ userId: "u1", role: "viewer" }, undefined) // { ok: true, userId: "u1" }
 * @example monthlyReportUser({ userId: "u1", role: "viewer" }, "u2") // { ok: false, problem: { status: 403, … } }
 */
export function monthlyReportUser(actor: { userId: string; role: Role }, requested: string | undefined): { ok: true; userId: string | null } | { ok: false; problem: RequestProblem } {
  if (actor.role === "owner" || actor.role === "admin") return { ok: true, userId: requested ?? null };
  if (requested === undefined || requested === actor.userId) return { ok: true, userId: actor.userId };
  return { ok: false, problem: { status: 403, field: "params.userId", message: "params.userId: your role may only export your own report" } };
}

/**
 * The problem of a campaign export's filter for the campaign's channel, or null: an SMS campaign
 * has SMS events and two recipient filters, an email campaign no SMS events.
 * @example campaignFilterProblem("campaign-recipients", "sms", "opened") // { status: 400, field: "params.filter", message: "params.filter: an SMS campaign's recipients take all, clicked" }
 */
export function campaignFilterProblem(kind: "campaign-events" | "campaign-recipients", channel: "email" | "sms", filter: string | undefined): RequestProblem | null {
  if (filter === undefined) return null;
  const allowed: readonly string[] = kind === "campaign-events" ? (channel === "sms" ? SMS_EVENT_KINDS : EVENT_KINDS) : channel === "sms" ? SMS_RECIPIENT_FILTERS : RECIPIENT_FILTERS;
  if (allowed.includes(filter)) return null;
  const what = kind === "campaign-events" ? `${channel === "sms" ? "an SMS" : "an email"} campaign's events are` : `${channel === "sms" ? "an SMS" : "an email"} campaign's recipients take`;
  return bad("params.filter", `${what} ${allowed.join(", ")}`);
}

function bad(field: string, reason: string): RequestProblem {
  return { status: 400, field, message: `${field}: ${reason}` };
}
