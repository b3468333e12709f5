// The SQL verdict (workers/audience/contacts-store.ts verdictSql, used when a suppression is lifted
// and when DNS answers change) must agree with verdictOf for every combination that matters:
// run in SQLite (node:sqlite, with JSON1) over each pair of reasons, with and without an email.
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { REASON_SEVERITY, verdictOf, type Reason } from "../../shared/audience/verdict";
import { verdictSql } from "../../workers/audience/contacts-store";

const REASONS = Object.keys(REASON_SEVERITY) as Reason[];

describe("verdictSql", () => {
  it("agrees with verdictOf on no reason, every reason alone and every pair, with and without an email", () => {
    const db = new DatabaseSync(":memory:");
    db.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, reasons TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO contacts (email, reasons) VALUES (?, ?)");
    const cases: { reasons: Reason[]; hasEmail: boolean }[] = [];
    const sets: Reason[][] = [[], ...REASONS.map((r) => [r]), ...REASONS.flatMap((a, i) => REASONS.slice(i + 1).map((b) => [a, b]))];
    for (const reasons of sets) for (const hasEmail of [true, false]) cases.push({ reasons, hasEmail });
    for (const c of cases) insert.run(c.hasEmail ? "ana@x.pe" : null, JSON.stringify(c.reasons));
    const rows = db.prepare(`SELECT id, ${verdictSql("contacts.reasons")} AS verdict FROM contacts ORDER BY id`).all() as { id: number; verdict: string }[];
    expect(rows).toHaveLength(cases.length);
    const mismatches = rows.filter((r, i) => r.verdict !== verdictOf(cases[i]!.reasons, cases[i]!.hasEmail));
    expect(mismatches).toEqual([]);
    // Spot checks of what the agreement means.
    const verdictFor = (reasons: Reason[], hasEmail: boolean) => rows[cases.findIndex((c) => c.hasEmail === hasEmail && JSON.stringify(c.reasons) === JSON.stringify(reasons))]!.verdict;
    expect(verdictFor(["phone_suppressed"], true)).toBe("valid");
    expect(verdictFor(["phone_suppressed"], false)).toBe("invalid");
    expect(verdictFor(["email_role", "phone_not_mobile"], true)).toBe("risky");
    expect(verdictFor(["phone_foreign", "suppressed"], true)).toBe("invalid");
  });
});
