/**
 * Hard or soft: the classification of a bounce from its RFC 3463 enhanced status, its DSN
 * action and, for reports that put the status only in prose, the diagnostic text.
 *
 * Rules: 5.x.x is hard and 4.x.x soft, with these exceptions, which are soft although
 * permanent on paper, because they say nothing about whether the address exists:
 * - 5.2.2 mailbox full and 5.2.3 / 5.3.4 message too large: the mailbox is real; three soft
 *   bounces (SOFT_BOUNCE_LIMIT) still suppress an abandoned, always-full mailbox.
 * - 5.7.x policy, spam or reputation blocks: a refusal of the sender or the content, not of
 *   the recipient; suppressing on them would drop good addresses after one bad campaign.
 * A DSN with action "delayed" is always soft; "delivered", "relayed" and "expanded" are not
 * bounces at all (null).
 */
import type { FeedbackKind } from "./types";

const SOFT_PERMANENT = new Set(["5.2.2", "5.2.3", "5.3.4"]);

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC = /\b([45])[0-9]{2}\b/;
const HARD_WORDS = /user unknown|unknown user|no such (user|mailbox|recipient)|does ?n[o']t exist|doesn't have a .* account|mailbox (unavailable|not found)|invalid (recipient|mailbox|address)|recipient (address )?rejected|address rejected|recipnotfound|account (has been )?disabled/i;
const FULL_WORDS = /mailbox (is )?full|over ?quota|quota exceeded|insufficient storage/i;
const DELAY_WORDS = /delayed|will (retry|be retried|continue)|temporar(y|ily)|try again later/i;

/**
 * The enhanced status found in `text` ("5.1.1"), else one inferred from a basic SMTP code
 * ("550" → "5.0.0") or from well-known wording; null when nothing says.
 * @example statusFromText("smtp; 550-5.1.1 The email account that you tried to reach does not exist") // "5.1.1"
 */
export function statusFromText(text: string): string | null {
  const e = ENHANCED.exec(text);
  if (e && e[1] !== "2") return `${e[1]}.${e[2]}.${e[3]}`;
  if (FULL_WORDS.test(text)) return "4.2.2";
  if (HARD_WORDS.test(text)) return "5.1.1";
  const b = BASIC.exec(text);
  if (b) return `${b[1]}.0.0`;
  if (DELAY_WORDS.test(text)) return "4.0.0";
  return null;
}

/**
 * Hard or soft for a status and, optionally, a DSN action; null when it is not a bounce.
 * @example classify("5.1.1") // "hard"
 * @example classify("5.2.2") // "soft"
 * @example classify("5.1.1", "delayed") // "soft"
 */
export function classify(status: string | null, action?: string | null): Exclude<FeedbackKind, "complaint"> | null {
  const a = action?.trim().toLowerCase() ?? "";
  if (a === "delivered" || a === "relayed" || a === "expanded") return null;
  if (a === "delayed") return "soft";
  if (!status) return a === "failed" ? "hard" : null;
  const cls = status[0];
  if (cls === "4") return "soft";
  if (cls !== "5") return null;
  if (SOFT_PERMANENT.has(status) || status.startsWith("5.7.")) return "soft";
  return "hard";
}
