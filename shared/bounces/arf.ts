/**
 * ARF (RFC 5965) feedback reports, as Yahoo, AOL and Outlook (JMRP) send them: the
 * message/feedback-report fields and the original message's headers. Abuse, fraud and virus
 * reports are complaints; "not-spam" and "auth-failure" are not and are ignored.
 */
import type { Fields } from "./fields";
import type { ParsedBounce } from "./report";
import { bareAddress, shortDetail, type Clues } from "./types";

const COMPLAINTS = new Set(["abuse", "fraud", "virus", "other"]);

/**
 * Feedback from a report's field groups (the first group is the report) and the clues found in
 * the original headers.
 * @example readArf(fieldGroups("Feedback-Type: abuse\nOriginal-Rcpt-To: a@b.pe"), clues)
 * // { ok: true, feedback: [{ kind: "complaint", email: "a@b.pe", status: "abuse", … }] }
 */
export function readArf(groups: Fields[], clues: Clues): ParsedBounce {
  const report = groups[0];
  const type = report?.get("feedback-type")?.trim().toLowerCase();
  if (!report || !type) return { ok: false, error: "feedback report without Feedback-Type" };
  if (!COMPLAINTS.has(type)) return { ok: true, feedback: [] };
  const email = bareAddress(report.get("original-rcpt-to")) ?? bareAddress(report.get("removal-recipient"));
  const agent = report.get("user-agent") ?? "unknown agent";
  return {
    ok: true,
    feedback: [{ kind: "complaint", email, status: type, detail: shortDetail(`${type} report from ${agent}`), source: "arf", clues }],
  };
}
