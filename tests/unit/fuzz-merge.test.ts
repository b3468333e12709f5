// Generated cases in this file: 5 properties × MERGE_RUNS (500) = 2,500 per run.
/**
 * Property-based fuzzing (fast-check) of the merge-field language an account types into its
 * templates and subjects (merge-parse.ts, merge.ts): any source compiles or fails with the
 * documented { message, line, column } pointing inside the source; rendering never throws
 * whatever the contact's values; escaping holds in the "html" context; text without tags
 * renders back to itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalName } from "../../shared/email/merge-parse";
import { compileTemplate, escapeHtml, renderTemplate, type MergeData } from "../../shared/email/merge";
import { FILTERS } from "../../shared/email/merge-format";

/** Runs per property; docs/reliability.md quotes it. */
export const MERGE_RUNS = 500;

/** Sources rich in the characters the parser branches on. */
const source = fc.string({
  unit: fc.oneof(fc.constantFrom("{", "}", "|", '"', "'", "“", "”", "\\", " ", "\n", "a", "É", "1", "_", ...FILTERS), fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" })),
  maxLength: 120,
});
/** Custom field names that are no standard alias nor system field. */
const name = fc.string({ unit: fc.constantFrom("a", "b", "ñ", "é", "Z", "_", "1"), maxLength: 8 }).map((s) => `zz${s}`);
/** Literal text that holds no tag. */
const literal = fc.string({ maxLength: 20 }).map((s) => s.replace(/[{}]/g, ""));
const value = fc.oneof(fc.string({ maxLength: 30 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }), fc.bigInt(), fc.jsonValue(), fc.constantFrom("2027-03-15", "15/03/2027", "15 de marzo de 2027", "1.250,50", "-0,5", "1e309"));

describe("fuzz: merge-field templates", () => {
  it("any source compiles, or fails with a message and a line and column inside the source", () => {
    fc.assert(
      fc.property(source, (src) => {
        const r = compileTemplate(src);
        if (r.ok) return;
        expect(r.error.message).toMatch(/\S/);
        const lines = src.split("\n");
        expect(r.error.line).toBeGreaterThanOrEqual(1);
        expect(r.error.line).toBeLessThanOrEqual(lines.length);
        expect(r.error.column).toBeGreaterThanOrEqual(1);
        expect(r.error.column).toBeLessThanOrEqual(lines[r.error.line - 1]!.length + 1);
      }),
      { numRuns: MERGE_RUNS },
    );
  });

  it("rendering a compiled template never throws, whatever values a contact holds", () => {
    fc.assert(
      fc.property(source, fc.dictionary(fc.string({ maxLength: 10 }), value), fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })), (src, custom, system) => {
        const r = compileTemplate(src);
        if (!r.ok) return;
        const data: MergeData = { standard: { firstName: custom.a as string }, custom, system };
        expect(typeof renderTemplate(r.template, data, "html")).toBe("string");
        expect(typeof renderTemplate(r.template, data, "text")).toBe("string");
      }),
      { numRuns: MERGE_RUNS },
    );
  });

  it("well-formed templates compile; fields are listed once; filters and defaults never throw with any value", () => {
    const step = fc.oneof(fc.constantFrom(...FILTERS), fc.string({ maxLength: 10 }).map((s) => `"${s.replace(/["\\{}]/g, "")}"`));
    const field = fc.tuple(name, fc.array(step, { maxLength: 3 }), fc.boolean()).map(([n, steps, raw]) => ({ n, text: raw ? `{{{ ${[n, ...steps].join(" | ")} }}}` : `{{${[n, ...steps].join("|")}}}` }));
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, field), { maxLength: 5 }), fc.dictionary(name, value), (pieces, custom) => {
        const src = pieces.map(([l, f]) => l + f.text).join("");
        const r = compileTemplate(src);
        expect(r).toMatchObject({ ok: true });
        if (!r.ok) return;
        expect(r.template.fields).toEqual([...new Set(pieces.map(([, f]) => canonicalName(f.n)))]);
        expect(typeof renderTemplate(r.template, { standard: {}, custom, system: {} }, "html")).toBe("string");
      }),
      { numRuns: MERGE_RUNS },
    );
  });

  it("{{field}} is escaped in html and verbatim in text; literal text renders back to itself", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(literal, name, fc.string({ maxLength: 20 })), { maxLength: 5 }), literal, (pieces, tail) => {
        const src = pieces.map(([l, n]) => `${l}{{${n}}}`).join("") + tail;
        const r = compileTemplate(src);
        if (!r.ok) throw new Error(r.error.message);
        // Values keyed by canonical name; a later piece with the same name wins, as in a contact.
        const custom: Record<string, string> = {};
        for (const [, n, v] of pieces) custom[canonicalName(n)] = v;
        const shown = (n: string) => (custom[canonicalName(n)]!.trim() === "" ? "" : custom[canonicalName(n)]!);
        const data = { standard: {}, custom, system: {} };
        expect(renderTemplate(r.template, data, "text")).toBe(pieces.map(([l, n]) => l + shown(n)).join("") + tail);
        expect(renderTemplate(r.template, data, "html")).toBe(pieces.map(([l, n]) => l + escapeHtml(shown(n))).join("") + tail);
      }),
      { numRuns: MERGE_RUNS },
    );
  });

  it("escapeHtml leaves no markup character behind and only rewrites the five it names", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        expect(e.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&")).toBe(s);
      }),
      { numRuns: MERGE_RUNS },
    );
  });
});
