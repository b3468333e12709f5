/**
 * Pure view logic of the Bandeja SMS: folding a freshly polled first page of threads into the
 * ones on screen (no jumps: a thread moves only when it has new activity, pages already loaded
 * stay), marking one read once opened, and the keyword form's body from what was typed (empty
 * fields left out, the URL checked the way the server will).
 */
import type { CreateKeywordBody, ThreadSummary } from "./inbox-types";

const newestFirst = (a: ThreadSummary, b: ThreadSummary) => (a.last.at === b.last.at ? (a.number < b.number ? 1 : -1) : a.last.at < b.last.at ? 1 : -1);

/**
 * The threads on screen updated with `fresh` (the newest page polled again): each number once,
 * with its newest data, newest activity first.
 * @example mergeThreads([{ number: "+51987000001", … last.at "…09:00" }], [{ number: "+51987000002", … "…09:05" }]).map((t) => t.number) // ["+51987000002", "+51987000001"]
 */
export function mergeThreads(current: readonly ThreadSummary[], fresh: readonly ThreadSummary[]): ThreadSummary[] {
  const byNumber = new Map(current.map((t) => [t.number, t]));
  for (const t of fresh) byNumber.set(t.number, t);
  return [...byNumber.values()].sort(newestFirst);
}

/**
 * `threads` with `number`'s unread count at 0 (it was just opened).
 * @example markRead([{ number: "+51987000001", unread: 2, … }], "+51987000001")[0].unread // 0
 */
export function markRead(threads: readonly ThreadSummary[], number: string): ThreadSummary[] {
  return threads.map((t) => (t.number === number && t.unread > 0 ? { ...t, unread: 0 } : t));
}

export type KeywordDraft = { keyword: string; reply: string; tag: string; webhookUrl: string };
export type KeywordDraftCheck = { body: CreateKeywordBody; problems: Partial<Record<"keyword" | "actions" | "webhookUrl", "required" | "needAction" | "badUrl">> };

/**
 * The request body of a keyword form and what is wrong with it before asking the server.
 * @example keywordBody({ keyword: " cita ", reply: "Lunes 9:00", tag: "", webhookUrl: "" }).body // { keyword: "cita", actions: { reply: "Lunes 9:00" } }
 * @example keywordBody({ keyword: "INFO", reply: "", tag: "", webhookUrl: "" }).problems // { actions: "needAction" }
 */
export function keywordBody(d: KeywordDraft): KeywordDraftCheck {
  const actions: CreateKeywordBody["actions"] = {};
  if (d.reply.trim()) actions.reply = d.reply.trim();
  if (d.tag.trim()) actions.tag = d.tag.trim();
  if (d.webhookUrl.trim()) actions.webhookUrl = d.webhookUrl.trim();
  const problems: KeywordDraftCheck["problems"] = {};
  if (!d.keyword.trim()) problems.keyword = "required";
  if (Object.keys(actions).length === 0) problems.actions = "needAction";
  if (actions.webhookUrl !== undefined && !/^https?:\/\/[^\s/]+\S*$/i.test(actions.webhookUrl)) problems.webhookUrl = "badUrl";
  return { body: { keyword: d.keyword.trim(), actions }, problems };
}
