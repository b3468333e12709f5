/**
 * Delivery status notifications: RFC 3464 reports (Postfix, Exchange, Gmail) read field by
 * field, one feedback per failed or delayed recipient; and the non-standard ones (Exim's
 * "Mail delivery failed", Yahoo's "failure notice") whose status is only in the human text,
 * recognised by their sender or subject and read with statusFromText.
 */
import type { Fields } from "./fields";
import type { ParsedBounce } from "./report";
import { classify, statusFromText } from "./status";
import { bareAddress, shortDetail, type Clues, type Feedback } from "./types";

export type DsnInput = {
  /** The message/delivery-status groups (per-message first), or null when there is no such part. */
  groups: Fields[] | null;
  human: string;
  subject: string;
  from: string;
  clues: Clues;
};

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT = /undeliver|undelivered|delivery (status notification|failure|has failed|incomplete)|returned mail|failure notice|mail delivery failed|non.?delivery|could not be delivered/i;

/** The recipient's status: the Status field, refined by the diagnostic when the field is generic (x.0.0). */
function statusOf(group: Fields): string | null {
  const field = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(group.get("status") ?? "")?.[1] ?? null;
  const diagnostic = statusFromText(group.get("diagnostic-code") ?? "");
  if (!field) return diagnostic;
  if (field.endsWith(".0.0") && diagnostic && diagnostic[0] === field[0] && !diagnostic.endsWith(".0.0")) return diagnostic;
  return field;
}

function standard(groups: Fields[], clues: Clues): ParsedBounce {
  const feedback: Feedback[] = [];
  // The first group is per-message (Reporting-MTA); recipients follow. Some MTAs omit it.
  for (const g of groups) {
    const recipient = g.get("final-recipient") ?? g.get("original-recipient");
    if (!recipient) continue;
    const status = statusOf(g);
    const kind = classify(status, g.get("action"));
    if (!kind) continue;
    feedback.push({
      kind,
      email: bareAddress(g.get("original-recipient")) ?? bareAddress(recipient),
      status: status ?? (kind === "hard" ? "5.0.0" : "4.0.0"),
      detail: shortDetail(g.get("diagnostic-code") ?? g.get("status")),
      source: "dsn",
      clues,
    });
  }
  return { ok: true, feedback };
}

function prose(input: DsnInput): ParsedBounce {
  // Only the part before the quoted original, so its headers are not read as the failure.
  const text = input.human.split(/^-{2,}.*(original message|below this line|copy of the message).*$/im)[0] ?? input.human;
  const status = statusFromText(text);
  const kind = classify(status);
  if (!status || !kind) return { ok: false, error: "bounce without a recognisable status" };
  const lines = text.split(/\r?\n/);
  // The line that carries the code, with the one before it (Exim and Yahoo name the recipient there).
  const at = Math.max(0, lines.findIndex((l) => l.includes(status) || /\b[45]\d\d\b/.test(l)));
  const email = lines.map((l) => bareAddress(l)).find((a) => a && !BOUNCE_SENDER.test(a) && !/^b-/.test(a)) ?? null;
  return { ok: true, feedback: [{ kind, email, status, detail: shortDetail(lines.slice(Math.max(0, at - 1), at + 1).join(" ")), source: "dsn", clues: input.clues }] };
}

/**
 * Feedback from a delivery report; no feedback for a message that is not a bounce.
 * @example readDsn({ groups: fieldGroups(statusPart), human, subject, from, clues })
 */
export function readDsn(input: DsnInput): ParsedBounce {
  if (input.groups) return standard(input.groups, input.clues);
  if (!BOUNCE_SENDER.test(input.from) && !BOUNCE_SUBJECT.test(input.subject)) return { ok: true, feedback: [] };
  return prose(input);
}
