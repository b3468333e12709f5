/**
 * The SMS dashboard's list and form logic: which messages keep the page polling, how a fresh page
 * folds into the rows shown, badge tones and excerpts (web/src/lib/sms-messages.ts); and the
 * connection form's draft, checks and API body (web/src/lib/sms-connections.ts).
 */
import { describe, expect, it } from "vitest";
import { excerpt, isPending, mergeMessages, RECEIPT_WAIT_MS, statusTone } from "../../web/src/lib/sms-messages";
import { connectionBody, connectionDraft, connectionFieldProblem, operatorsText, portabilityReason } from "../../web/src/lib/sms-connections";
import type { SmsConnectionOut } from "../../web/src/lib/sms-types";

const NOW = new Date("2026-11-29T14:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe("isPending", () => {
  it("keeps polling for queued and sending messages, however old", () => {
    expect(isPending({ status: "queued", sentAt: null, createdAt: ago(86_400_000) }, NOW)).toBe(true);
    expect(isPending({ status: "sending", sentAt: null, createdAt: ago(86_400_000) }, NOW)).toBe(true);
  });

  it("waits for an accepted message's receipt for a while, then stops", () => {
    expect(isPending({ status: "accepted", sentAt: ago(RECEIPT_WAIT_MS - 1000), createdAt: ago(RECEIPT_WAIT_MS * 2) }, NOW)).toBe(true);
    expect(isPending({ status: "accepted", sentAt: ago(RECEIPT_WAIT_MS + 1000), createdAt: ago(RECEIPT_WAIT_MS * 2) }, NOW)).toBe(false);
    expect(isPending({ status: "accepted", sentAt: null, createdAt: ago(1000) }, NOW)).toBe(true);
  });

  it("does not poll for final statuses", () => {
    for (const status of ["delivered", "failed", "expired", "rejected", "cancelled"] as const) expect(isPending({ status, sentAt: ago(1000), createdAt: ago(2000) }, NOW)).toBe(false);
  });
});

describe("mergeMessages", () => {
  it("puts new rows on top, replaces shown rows in place and keeps older pages", () => {
    const a = { id: "a", status: "delivered" };
    const b = { id: "b", status: "queued" };
    const c = { id: "c", status: "queued" };
    const b2 = { id: "b", status: "accepted" };
    expect(mergeMessages([b, a], [c, b2])).toEqual([c, b2, a]);
    expect(mergeMessages([], [c])).toEqual([c]);
    expect(mergeMessages([b, a], [])).toEqual([b, a]);
  });
});

describe("statusTone and excerpt", () => {
  it("gives each status a tone (its word always goes with it)", () => {
    expect(["queued", "sending", "accepted", "delivered", "failed", "expired", "rejected", "cancelled"].map(statusTone)).toEqual([
      "badge-info",
      "badge-info",
      "badge-info",
      "badge-ok",
      "badge-bad",
      "badge-warn",
      "badge-bad",
      "badge-off",
    ]);
  });

  it("cuts a long text at whole characters, on one line", () => {
    expect(excerpt("Hola 𝐀𝐧𝐚, tu cita es mañana", 8)).toBe("Hola 𝐀𝐧𝐚…");
    expect(excerpt("Línea 1\n\nLínea   2")).toBe("Línea 1 Línea 2");
    expect(excerpt("corto", 5)).toBe("corto");
  });
});

const STORED: SmsConnectionOut = {
  id: "smc_1",
  name: "Claro directo",
  kind: "jasmin",
  baseUrl: "http://jasmin.interno:1401",
  username: "pregon",
  hasPassword: true,
  sender: "PREGON",
  operators: ["entel", "claro"],
  priority: 1,
  ratePerSecond: 80,
  active: false,
  builtIn: false,
  callbackUrls: { dlr: "https://p.pe/hooks/sms/smc_1/dlr?s=x", mo: "https://p.pe/hooks/sms/smc_1/mo?s=x" },
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-01T00:00:00.000Z",
};

describe("connection form", () => {
  it("starts a new connection as Kannel for every operator at 50/s, and an edit from the stored values without the password", () => {
    expect(connectionDraft(null)).toEqual({ name: "", kind: "kannel", baseUrl: "", username: "", password: "", sender: "", operators: [], priority: "0", ratePerSecond: "50", active: true });
    expect(connectionDraft(STORED)).toEqual({
      name: "Claro directo",
      kind: "jasmin",
      baseUrl: "http://jasmin.interno:1401",
      username: "pregon",
      password: "",
      sender: "PREGON",
      operators: ["entel", "claro"],
      priority: "1",
      ratePerSecond: "80",
      active: false,
    });
    expect(connectionDraft({ ...STORED, operators: ["*"] }).operators).toEqual([]);
  });

  it("builds the body: no operator ticked means all, operators in a fixed order, empty username and password left out", () => {
    const draft = { ...connectionDraft(null), name: " Kannel ", baseUrl: "http://127.0.0.1:13013 ", sender: "PREGON", priority: "2", ratePerSecond: "100" };
    expect(connectionBody(draft)).toEqual({
      ok: true,
      body: { name: "Kannel", kind: "kannel", baseUrl: "http://127.0.0.1:13013", sender: "PREGON", operators: ["*"], priority: 2, ratePerSecond: 100, active: true },
    });
    const withOps = connectionBody({ ...draft, operators: ["bitel", "claro"], username: "u", password: "secreto" });
    expect(withOps.ok && withOps.body).toMatchObject({ operators: ["claro", "bitel"], username: "u", password: "secreto" });
  });

  it("names each field's problem", () => {
    const bad = connectionBody({ ...connectionDraft(null), baseUrl: "ftp://x", sender: "MUNICIPALIDAD1", priority: "-1", ratePerSecond: "0" });
    expect(bad).toEqual({ ok: false, problems: { name: "required", baseUrl: "url", sender: "sender", priority: "whole", ratePerSecond: "range" } });
    const d = connectionDraft(STORED);
    expect(connectionFieldProblem("sender", { ...d, sender: "+51987654321" })).toBeNull();
    expect(connectionFieldProblem("sender", { ...d, sender: "PREGON<" })).toBe("sender");
    expect(connectionFieldProblem("priority", { ...d, priority: "1001" })).toBe("range");
    expect(connectionFieldProblem("priority", { ...d, priority: "1000" })).toBeNull();
    expect(connectionFieldProblem("ratePerSecond", { ...d, ratePerSecond: "1,5" })).toBe("whole");
    expect(connectionFieldProblem("name", { ...d, name: "x".repeat(101) })).toBe("range");
    expect(connectionFieldProblem("baseUrl", { ...d, baseUrl: "https://sms.proveedor.pe/api" })).toBeNull();
  });

  it("reads operators as words", () => {
    expect(operatorsText(["*"], "Todos")).toBe("Todos");
    expect(operatorsText([], "Todos")).toBe("Todos");
    expect(operatorsText(["claro", "other"], "Todos", "Otros")).toBe("Claro, Otros");
  });
});

describe("portabilityReason", () => {
  it("reads the server's reasons back with the value at fault", () => {
    expect(portabilityReason("not a mobile number: 014117000")).toEqual({ kind: "not-mobile", detail: "014117000" });
    expect(portabilityReason("not a Peruvian number: +1 202 555 0142")).toEqual({ kind: "foreign", detail: "+1 202 555 0142" });
    expect(portabilityReason("not a phone number: abc")).toEqual({ kind: "not-phone", detail: "abc" });
    expect(portabilityReason("unknown operator: tigo (use claro, movistar, entel, bitel or other)")).toEqual({ kind: "operator", detail: "tigo" });
    expect(portabilityReason("number missing")).toEqual({ kind: "number-missing", detail: "" });
    expect(portabilityReason("operator missing")).toEqual({ kind: "operator-missing", detail: "" });
    expect(portabilityReason("a reason from a newer server")).toEqual({ kind: "other", detail: "a reason from a newer server" });
  });
});
