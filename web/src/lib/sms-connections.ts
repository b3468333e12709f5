/**
 * The SMS connection form of Configuración → SMS, without the DOM: the form's draft (strings, as
 * typed) from a stored connection, and the API body from a draft or the problem of each field,
 * checked on blur and on submit with the same limits the API applies. Also the operators a
 * connection can serve and the reasons of a portability upload's rejected lines. Pure, unit-tested.
 */
import type { SmsConnectionCreate, SmsConnectionKind, SmsConnectionOut } from "./sms-types";

/** Peru's operators as the portability table and the routing name them; "*" means all. */
export const OPERATORS = ["claro", "movistar", "entel", "bitel", "other"] as const;
export const CONNECTION_KINDS: readonly SmsConnectionKind[] = ["kannel", "jasmin", "http-json"];

export type ConnectionDraft = {
  name: string;
  kind: SmsConnectionKind;
  baseUrl: string;
  username: string;
  /** Empty keeps the stored password when editing. */
  password: string;
  sender: string;
  /** Empty means every operator ("*"). */
  operators: string[];
  priority: string;
  ratePerSecond: string;
  active: boolean;
};

export type ConnectionField = "name" | "baseUrl" | "sender" | "priority" | "ratePerSecond";
/** Why a field is refused: the dashboard has a sentence for each. */
export type ConnectionProblem = "required" | "url" | "sender" | "whole" | "range";

/**
 * The form's starting values: a stored connection's, or a new Kannel connection's.
 * @example connectionDraft(null).ratePerSecond // "50"
 */
export function connectionDraft(c: SmsConnectionOut | null): ConnectionDraft {
  if (c === null) return { name: "", kind: "kannel", baseUrl: "", username: "", password: "", sender: "", operators: [], priority: "0", ratePerSecond: "50", active: true };
  return {
    name: c.name,
    kind: c.kind,
    baseUrl: c.baseUrl,
    username: c.username ?? "",
    password: "",
    sender: c.sender,
    operators: c.operators.includes("*") ? [] : [...c.operators],
    priority: String(c.priority),
    ratePerSecond: String(c.ratePerSecond),
    active: c.active,
  };
}

const SENDER = /^[\w .+-]{1,20}$/;
const HAS_LETTER = /[A-Za-z]/;

/**
 * The problem of one field, or null. The sender follows the API (1–20 of letters, digits, space,
 * "_", ".", "+", "-"), and one with letters is at most 11 characters: an SMSC truncates or refuses
 * a longer alphanumeric sender id.
 * @example connectionFieldProblem("baseUrl", { …draft, baseUrl: "ftp://x" }) // "url"
 */
export function connectionFieldProblem(field: ConnectionField, d: ConnectionDraft): ConnectionProblem | null {
  switch (field) {
    case "name":
      return d.name.trim() === "" ? "required" : d.name.trim().length > 100 ? "range" : null;
    case "baseUrl":
      return d.baseUrl.trim() === "" ? "required" : isHttpUrl(d.baseUrl.trim()) ? null : "url";
    case "sender":
      return d.sender.trim() === "" ? "required" : SENDER.test(d.sender.trim()) && !(HAS_LETTER.test(d.sender) && d.sender.trim().length > 11) ? null : "sender";
    case "priority":
      return wholeProblem(d.priority, 0, 1000);
    case "ratePerSecond":
      return wholeProblem(d.ratePerSecond, 1, 10_000);
  }
}

/**
 * The API body of a draft, or every field's problem. An empty password is left out (kept when
 * editing, none when creating), an empty username too (an edit sends `username ?? null` to clear it).
 * @example connectionBody({ …draft, operators: [] }) // { ok: true, body: { …, operators: ["*"] } }
 */
export function connectionBody(d: ConnectionDraft): { ok: true; body: SmsConnectionCreate } | { ok: false; problems: Partial<Record<ConnectionField, ConnectionProblem>> } {
  const problems: Partial<Record<ConnectionField, ConnectionProblem>> = {};
  for (const f of ["name", "baseUrl", "sender", "priority", "ratePerSecond"] as const) {
    const p = connectionFieldProblem(f, d);
    if (p !== null) problems[f] = p;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const body: SmsConnectionCreate = {
    name: d.name.trim(),
    kind: d.kind,
    baseUrl: d.baseUrl.trim(),
    sender: d.sender.trim(),
    operators: d.operators.length === 0 ? ["*"] : OPERATORS.filter((o) => d.operators.includes(o)),
    priority: Number(d.priority.trim()),
    ratePerSecond: Number(d.ratePerSecond.trim()),
    active: d.active,
  };
  if (d.username.trim() !== "") body.username = d.username.trim();
  if (d.password !== "") body.password = d.password;
  return { ok: true, body };
}

/**
 * The operators of a connection as a list to read; "*" is `all`.
 * @example operatorsText(["claro", "entel"], "todos") // "Claro, Entel"
 */
export function operatorsText(operators: readonly string[], all: string, other = "Otros"): string {
  if (operators.length === 0 || operators.includes("*")) return all;
  return operators.map((o) => (o === "other" ? other : o.charAt(0).toUpperCase() + o.slice(1))).join(", ");
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

function wholeProblem(s: string, min: number, max: number): ConnectionProblem | null {
  const v = s.trim();
  if (v === "") return "required";
  if (!/^\d+$/.test(v)) return "whole";
  const n = Number(v);
  return n < min || n > max ? "range" : null;
}

/** Why the server rejected a portability line, as a sentence key of the dashboard and the value at fault. */
export type PortabilityReason = { kind: "number-missing" | "operator-missing" | "not-phone" | "foreign" | "not-mobile" | "operator" | "other"; detail: string };

const REASONS: ReadonlyArray<[RegExp, PortabilityReason["kind"]]> = [
  [/^number missing/, "number-missing"],
  [/^operator missing/, "operator-missing"],
  [/^not a phone number: (.*)$/, "not-phone"],
  [/^not a Peruvian number: (.*)$/, "foreign"],
  [/^not a mobile number: (.*)$/, "not-mobile"],
  [/^unknown operator: (.*?)(?: \(use .*\))?$/, "operator"],
];

/**
 * The server words a rejected portability line in English (shared/sms/portability.ts); this
 * reads it back so the dashboard can say it in the reader's language, keeping the value at fault.
 * @example portabilityReason("not a mobile number: 014117000") // { kind: "not-mobile", detail: "014117000" }
 * @example portabilityReason("something new") // { kind: "other", detail: "something new" }
 */
export function portabilityReason(reason: string): PortabilityReason {
  for (const [re, kind] of REASONS) {
    const m = re.exec(reason);
    if (m) return { kind, detail: m[1] ?? "" };
  }
  return { kind: "other", detail: reason };
}
