/**
 * The per-operator table of an SMS campaign: from the `event_buckets` rows of dimension
 * "operator" (the events consumer writes them for `sms_sent`, `sms_delivered` and `sms_failed`),
 * how many messages each operator took, delivered and failed. Pure, so the route only reads rows.
 */

/** One summed bucket: an event kind and an operator (claro|movistar|entel|bitel|other|unknown). */
export type OperatorBucket = { kind: string; value: string; n: number };
export type OperatorRow = { operator: string; sent: number; delivered: number; failed: number; pending: number };

/** Known operators first in this order, then any other value alphabetically. */
const ORDER = ["claro", "movistar", "entel", "bitel", "other", "unknown"];

/**
 * @example operatorTable([{ kind: "sms_sent", value: "claro", n: 3 }, { kind: "sms_delivered", value: "claro", n: 2 }])
 * // [{ operator: "claro", sent: 3, delivered: 2, failed: 0, pending: 1 }]
 */
export function operatorTable(rows: readonly OperatorBucket[]): OperatorRow[] {
  const by = new Map<string, OperatorRow>();
  for (const r of rows) {
    const field = r.kind === "sms_sent" ? "sent" : r.kind === "sms_delivered" ? "delivered" : r.kind === "sms_failed" ? "failed" : null;
    if (field === null) continue;
    const row = by.get(r.value) ?? { operator: r.value, sent: 0, delivered: 0, failed: 0, pending: 0 };
    row[field] += r.n;
    by.set(r.value, row);
  }
  const rank = (op: string) => (ORDER.includes(op) ? ORDER.indexOf(op) : ORDER.length);
  return [...by.values()]
    .map((r) => ({ ...r, pending: Math.max(0, r.sent - r.delivered - r.failed) }))
    .sort((a, b) => rank(a.operator) - rank(b.operator) || a.operator.localeCompare(b.operator));
}
