/**
 * The "Name: value" blocks of report parts: message/delivery-status (one per-message group,
 * then one group per recipient, separated by blank lines), message/feedback-report, and the
 * original message's headers (message/rfc822, text/rfc822-headers). Folded lines are unfolded;
 * names are lower-cased; the first occurrence of a name wins.
 */

export type Fields = Map<string, string>;

/**
 * The groups of a field block, split at blank lines.
 * @example fieldGroups("Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@b.pe\nAction: failed")
 * // [Map { "reporting-mta" → "dns; mx.example" }, Map { "final-recipient" → "rfc822; a@b.pe", "action" → "failed" }]
 */
export function fieldGroups(text: string): Fields[] {
  const groups: Fields[] = [];
  let current: Fields = new Map();
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") {
      if (current.size) groups.push(current);
      current = new Map();
      last = null;
    } else if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
    } else {
      const i = line.indexOf(":");
      if (i <= 0) continue;
      const name = line.slice(0, i).trim().toLowerCase();
      last = name;
      if (!current.has(name)) current.set(name, line.slice(i + 1).trim());
      else last = null;
    }
  }
  if (current.size) groups.push(current);
  return groups;
}

/**
 * The header section of a message (everything before its first blank line) as one group.
 * @example headerFields("Message-ID: <x@y>\nSubject: Hola\n\nbody").get("message-id") // "<x@y>"
 */
export function headerFields(text: string): Fields {
  const end = text.search(/\r?\n\r?\n/);
  return fieldGroups(end >= 0 ? text.slice(0, end) : text)[0] ?? new Map();
}
