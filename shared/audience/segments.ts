/**
 * Dynamic segments (B4): a definition of conditions on contact fields, custom fields, channel
 * status, cleaning verdict, list membership and engagement (opened / clicked in the last N days,
 * never opened), compiled to one SQL condition over `contacts c`. Column names come from a fixed
 * table and every value is a bound parameter, so a definition can never inject SQL.
 */
import { z } from "zod";

const STANDARD = { email: "c.email", phone: "c.phone", firstName: "c.first_name", lastName: "c.last_name", position: "c.position", company: "c.company" } as const;
const TEXT_OPS = ["eq", "neq", "contains", "starts_with", "is_empty", "not_empty"] as const;
const NUMBER_OPS = ["gt", "lt", "gte", "lte"] as const;

const fieldName = z.union([z.enum(Object.keys(STANDARD) as [keyof typeof STANDARD]), z.string().regex(/^custom:[a-z][a-z0-9_]{0,39}$/)]);

export const Condition = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("field"),
    field: fieldName,
    op: z.enum([...TEXT_OPS, ...NUMBER_OPS, "before", "after"]),
    value: z.union([z.string().max(200), z.number()]).optional(),
  }),
  z.strictObject({ type: z.literal("engagement"), event: z.enum(["opened", "clicked", "not_opened", "never_opened"]), days: z.number().int().min(1).max(3650).optional() }),
  z.strictObject({ type: z.literal("list"), listId: z.string().min(1), member: z.boolean() }),
  z.strictObject({ type: z.literal("verdict"), verdict: z.enum(["valid", "risky", "invalid"]) }),
  z.strictObject({ type: z.literal("status"), channel: z.enum(["email", "sms"]), status: z.enum(["subscribed", "unsubscribed", "bounced", "complained", "invalid"]) }),
]);
export type Condition = z.infer<typeof Condition>;

export const SegmentDefinition = z.strictObject({
  match: z.enum(["all", "any"]),
  conditions: z.array(Condition).min(1).max(30),
});
export type SegmentDefinition = z.infer<typeof SegmentDefinition>;

export type CompiledSegment = { sql: string; params: (string | number)[] };

const DAY_MS = 86_400_000;

function column(field: string): string {
  if (field in STANDARD) return STANDARD[field as keyof typeof STANDARD];
  // The key was checked against /^[a-z][a-z0-9_]{0,39}$/, so it is safe inside a JSON path.
  return `json_extract(c.fields, '$.${field.slice(7)}')`;
}

function fieldCondition(c: Extract<Condition, { type: "field" }>, params: (string | number)[]): string {
  const col = column(c.field);
  const v = c.value ?? "";
  const push = (x: string | number) => (params.push(x), "?");
  switch (c.op) {
    case "eq":
      return `lower(${col}) = lower(${push(String(v))})`;
    case "neq":
      return `(${col} IS NULL OR lower(${col}) != lower(${push(String(v))}))`;
    case "contains":
      return `instr(lower(${col}), lower(${push(String(v))})) > 0`;
    case "starts_with":
      return `lower(${col}) LIKE ${push(String(v).toLowerCase().replace(/[%_\\]/g, "\\$&") + "%")} ESCAPE '\\'`;
    case "is_empty":
      return `(${col} IS NULL OR ${col} = '')`;
    case "not_empty":
      return `(${col} IS NOT NULL AND ${col} != '')`;
    case "gt":
    case "lt":
    case "gte":
    case "lte": {
      const op = { gt: ">", lt: "<", gte: ">=", lte: "<=" }[c.op];
      return `CAST(${col} AS REAL) ${op} ${push(Number(v))}`;
    }
    case "before":
    case "after":
      // Dates are compared as ISO text (YYYY-MM-DD sorts like the date it names).
      return `${col} ${c.op === "before" ? "<" : ">"} ${push(String(v))}`;
  }
}

/**
 * Compile a definition to a condition on `contacts c` of `accountId` at `now`.
 * @example compileSegment({ match: "all", conditions: [{ type: "verdict", verdict: "valid" }] }, 0).sql // "(c.verdict = ?)"
 */
export function compileSegment(def: SegmentDefinition, now: number): CompiledSegment {
  const params: (string | number)[] = [];
  const parts = def.conditions.map((c): string => {
    switch (c.type) {
      case "field":
        return fieldCondition(c, params);
      case "engagement": {
        const since = now - (c.days ?? 30) * DAY_MS;
        if (c.event === "never_opened") return "c.last_open_at IS NULL";
        params.push(since);
        if (c.event === "opened") return "c.last_open_at >= ?";
        if (c.event === "clicked") return "c.last_click_at >= ?";
        return "(c.last_open_at IS NULL OR c.last_open_at < ?)";
      }
      case "list":
        params.push(c.listId);
        return `${c.member ? "" : "NOT "}EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = c.id AND m.status = 'subscribed')`;
      case "verdict":
        params.push(c.verdict);
        return "c.verdict = ?";
      case "status":
        params.push(c.status);
        return `c.${c.channel === "email" ? "email_status" : "sms_status"} = ?`;
    }
  });
  return { sql: `(${parts.join(def.match === "all" ? " AND " : " OR ")})`, params };
}

/** The list ids a definition refers to, so the API can check they belong to the account. */
export function referencedLists(def: SegmentDefinition): string[] {
  return def.conditions.flatMap((c) => (c.type === "list" ? [c.listId] : []));
}
