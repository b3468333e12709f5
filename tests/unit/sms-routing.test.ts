import { describe, expect, it } from "vitest";
import { connectionForAttempt, MAX_ATTEMPTS, retryDelaySeconds, routeFor, TRIES_PER_CONNECTION } from "../../shared/sms/routing";
import { normalizeOperator } from "../../shared/sms/operators";

const conn = (id: string, operators: string[], priority: number, active = true) => ({ id, operators, priority, active });
const ids = (cs: { id: string }[]) => cs.map((c) => c.id);

describe("routeFor", () => {
  const all = [conn("general-b", ["*"], 1), conn("claro", ["claro"], 5), conn("general-a", ["*"], 1), conn("cheap", ["*"], 0), conn("entel-off", ["entel"], 0, false), conn("movi-entel", ["movistar", "entel"], 2)];

  it("puts the operator's own connections first, then the general ones, each by priority then id", () => {
    expect(ids(routeFor("claro", all))).toEqual(["claro", "cheap", "general-a", "general-b"]);
    expect(ids(routeFor("entel", all))).toEqual(["movi-entel", "cheap", "general-a", "general-b"]);
  });
  it("never routes a known operator through another operator's connection", () => {
    expect(ids(routeFor("bitel", all))).toEqual(["cheap", "general-a", "general-b"]);
    expect(routeFor("bitel", [conn("claro", ["claro"], 0)])).toEqual([]);
  });
  it("sends an unknown operator to the general connections, then as a last resort to the others", () => {
    expect(ids(routeFor(null, all))).toEqual(["cheap", "general-a", "general-b", "movi-entel", "claro"]);
  });
  it("skips inactive connections and gives an empty route when none is left", () => {
    expect(routeFor(null, [conn("x", ["*"], 0, false)])).toEqual([]);
    expect(routeFor("entel", [])).toEqual([]);
  });
});

describe("failover", () => {
  it("tries each connection TRIES_PER_CONNECTION times, in order, up to MAX_ATTEMPTS", () => {
    expect(TRIES_PER_CONNECTION).toBe(2);
    expect([1, 2, 3, 4, 5].map((a) => connectionForAttempt(["a", "b", "c"], a))).toEqual(["a", "a", "b", "b", null]);
    expect(MAX_ATTEMPTS).toBe(4);
    expect([1, 2, 3].map((a) => connectionForAttempt(["a"], a))).toEqual(["a", "a", null]);
    expect(connectionForAttempt([], 1)).toBeNull();
    expect(connectionForAttempt(["a"], 0)).toBeNull();
  });
  it("backs off before a retry on the same connection, and fails over at once", () => {
    expect(retryDelaySeconds(["a", "b"], 1, 10)).toBe(20);
    expect(retryDelaySeconds(["a", "b"], 2, 10)).toBe(0);
    expect(retryDelaySeconds(["a", "b"], 3, 10)).toBe(80);
    expect(retryDelaySeconds(["a"], 1, 200)).toBe(300);
    expect(retryDelaySeconds(["a"], 1, 0)).toBe(0);
  });
});

describe("normalizeOperator", () => {
  it("reads brand and company names, any case, accents and spacing", () => {
    expect(["Claro", " CLARO PERÚ ", "América Móvil", "Movistar", "Telefónica del Perú", "entel", "Nextel", "Bitel", "Viettel Perú", "Otro", "other"].map(normalizeOperator)).toEqual([
      "claro", "claro", "claro", "movistar", "movistar", "entel", "entel", "bitel", "bitel", "other", "other",
    ]);
  });
  it("returns null for what it does not know", () => {
    expect(["Tigo", "", "  ", "claro2"].map(normalizeOperator)).toEqual([null, null, null, null]);
  });
});
