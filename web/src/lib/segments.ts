/**
 * The segment builder's model: a condition being edited is a flat draft of strings (what the
 * inputs hold); `toCondition` turns a complete draft into the API's condition, or says what is
 * missing; `describe` reads a saved condition back as a Spanish phrase for tables and viewers.
 */
import { t, type MessageKey } from "../i18n";
import type { FieldOut, ListOut, SegmentCondition } from "./api";
import { statusLabel, verdictLabel } from "./audience";
import { formatNumber, parseWholeNumber } from "./format";

export type ConditionType = SegmentCondition["type"];
export type FieldOp = Extract<SegmentCondition, { type: "field" }>["op"];
export type Draft = {
  type: ConditionType;
  field: string;
  op: FieldOp;
  value: string;
  event: "opened" | "clicked" | "not_opened" | "never_opened";
  days: string;
  listId: string;
  member: "yes" | "no";
  verdict: "valid" | "risky" | "invalid";
  channel: "email" | "sms";
  status: "subscribed" | "unsubscribed" | "bounced" | "complained" | "invalid";
};

export const CONDITION_TYPES: ConditionType[] = ["field", "list", "verdict", "status", "engagement"];
export const STANDARD_FIELDS = ["email", "phone", "firstName", "lastName", "position", "company"] as const;
const STANDARD_LABEL: Record<(typeof STANDARD_FIELDS)[number], MessageKey> = {
  email: "contact.form.email",
  phone: "contact.form.phone",
  firstName: "contact.form.firstName",
  lastName: "contact.form.lastName",
  position: "contact.form.position",
  company: "contact.form.company",
};

const OPS: Record<FieldOut["type"], FieldOp[]> = {
  text: ["eq", "neq", "contains", "starts_with", "is_empty", "not_empty"],
  number: ["eq", "neq", "gt", "lt", "gte", "lte", "is_empty", "not_empty"],
  date: ["before", "after", "eq", "is_empty", "not_empty"],
  boolean: ["eq", "is_empty", "not_empty"],
};

export function newDraft(type: ConditionType = "field"): Draft {
  return { type, field: "email", op: "contains", value: "", event: "opened", days: "30", listId: "", member: "yes", verdict: "valid", channel: "email", status: "subscribed" };
}

/** The type of a field ("custom:ruc" → its definition's type; standard fields are text). */
export function fieldType(field: string, fields: FieldOut[]): FieldOut["type"] {
  return field.startsWith("custom:") ? (fields.find((f) => `custom:${f.key}` === field)?.type ?? "text") : "text";
}

export function opsFor(field: string, fields: FieldOut[]): FieldOp[] {
  return OPS[fieldType(field, fields)];
}

export function fieldLabel(field: string, fields: FieldOut[]): string {
  if (field in STANDARD_LABEL) return t(STANDARD_LABEL[field as keyof typeof STANDARD_LABEL]);
  const key = field.replace(/^custom:/, "");
  return fields.find((f) => f.key === key)?.label ?? key;
}

export const needsValue = (op: FieldOp) => op !== "is_empty" && op !== "not_empty";

/** es-PE number as typed ("1.500,25") to a number. */
function parseDecimal(text: string): number | null {
  const s = text.trim();
  const normal = /^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$/.test(s) ? s.replaceAll(".", "").replace(",", ".") : s;
  const n = Number(normal);
  return normal !== "" && Number.isFinite(n) ? n : null;
}

/** A complete condition, or the catalogue key of what is missing. */
export function toCondition(d: Draft, fields: FieldOut[]): SegmentCondition | MessageKey {
  switch (d.type) {
    case "field": {
      if (!needsValue(d.op)) return { type: "field", field: d.field as "email", op: d.op };
      if (!d.value.trim()) return "segment.needValue";
      const type = fieldType(d.field, fields);
      if (type === "number") {
        const n = parseDecimal(d.value);
        if (n === null) return "field.err.number";
        return { type: "field", field: d.field as "email", op: d.op, value: d.op === "eq" || d.op === "neq" ? String(n) : n };
      }
      return { type: "field", field: d.field as "email", op: d.op, value: d.value.trim() };
    }
    case "engagement": {
      if (d.event === "never_opened") return { type: "engagement", event: "never_opened" };
      const days = parseWholeNumber(d.days);
      if (days === null || days < 1 || days > 3650) return "segment.needDays";
      return { type: "engagement", event: d.event, days };
    }
    case "list":
      return d.listId ? { type: "list", listId: d.listId, member: d.member === "yes" } : "segment.needList";
    case "verdict":
      return { type: "verdict", verdict: d.verdict };
    case "status":
      return { type: "status", channel: d.channel, status: d.status };
  }
}

/** A saved condition back into a draft, for editing. */
export function toDraft(c: SegmentCondition): Draft {
  const d = newDraft(c.type);
  switch (c.type) {
    case "field":
      return { ...d, field: c.field, op: c.op, value: c.value === undefined ? "" : String(c.value) };
    case "engagement":
      return { ...d, event: c.event, days: String(c.days ?? 30) };
    case "list":
      return { ...d, listId: c.listId, member: c.member ? "yes" : "no" };
    case "verdict":
      return { ...d, verdict: c.verdict };
    case "status":
      return { ...d, channel: c.channel, status: c.status };
  }
}

/** @example describe({ type: "verdict", verdict: "valid" }, [], []) // "verificación: Válido" */
export function describe(c: SegmentCondition, lists: ListOut[], fields: FieldOut[]): string {
  switch (c.type) {
    case "field": {
      const boolean = fieldType(c.field, fields) === "boolean";
      const value = c.value === undefined ? "" : boolean ? (String(c.value) === "1" ? t("segment.boolTrue") : t("segment.boolFalse")) : typeof c.value === "number" ? formatNumber(c.value) : `«${c.value}»`;
      return t("segment.desc.field", { field: fieldLabel(c.field, fields), op: t(`segment.op.${c.op}`), value }).trim();
    }
    case "engagement":
      return c.event === "never_opened" ? t("segment.desc.never") : t("segment.desc.engagement", { event: t(`segment.event.${c.event}`), days: formatNumber(c.days ?? 30) });
    case "list":
      return t("segment.desc.list", { member: c.member ? t("segment.member.yes") : t("segment.member.no"), list: lists.find((l) => l.id === c.listId)?.name ?? c.listId });
    case "verdict":
      return t("segment.desc.verdict", { verdict: verdictLabel(c.verdict) });
    case "status":
      return t("segment.desc.status", { channel: c.channel === "email" ? t("channel.emailTitle") : t("channel.smsTitle"), status: statusLabel(c.status) });
  }
}
