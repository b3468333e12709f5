/** The shape rules of automation steps (shared/automations/graph.ts) and the schema's paths. */
import { describe, expect, it } from "vitest";
import { graphProblems, nextStep } from "../../shared/automations/graph";
import type { Step } from "../../shared/automations/definition";
import { CreateAutomationBody } from "../../shared/api/schemas-automations";

const tag = (id: string, next?: string | null): Step => ({ id, type: "tag", tag: "t", ...(next === undefined ? {} : { next }) });
const cond = (id: string, yes: string | null, no: string | null): Step => ({ id, type: "condition", condition: { type: "verdict", verdict: "valid" }, yes, no });

describe("nextStep", () => {
  it("follows next, the array order when next is left out, null as the end, and a condition's branches", () => {
    const steps = [tag("a"), cond("b", "d", "c"), tag("c", null), tag("d")];
    expect(nextStep(steps, "a")).toBe("b");
    expect(nextStep(steps, "b", "yes")).toBe("d");
    expect(nextStep(steps, "b", "no")).toBe("c");
    expect(nextStep(steps, "c")).toBeNull();
    expect(nextStep(steps, "d")).toBeNull();
    expect(nextStep(steps, "zz")).toBeNull();
  });
});

describe("graphProblems", () => {
  it("accepts a linear series and a diamond (two branches meeting again)", () => {
    expect(graphProblems([tag("a"), tag("b")])).toEqual([]);
    expect(graphProblems([cond("c", "y", "n"), tag("y", "end"), tag("n", "end"), tag("end")])).toEqual([]);
  });
  it("finds self-loops, longer cycles and cycles through a condition's no branch", () => {
    expect(graphProblems([tag("a", "a")])[0]).toMatchObject({ path: "steps.0.next", message: expect.stringContaining("itself") });
    expect(graphProblems([tag("a"), tag("b"), tag("c", "a")])[0]!.message).toContain("cycle");
    expect(graphProblems([cond("c", null, "x"), tag("x", "c")])[0]!.message).toContain("cycle");
  });
  it("finds duplicate ids, links to nowhere and unreachable steps", () => {
    expect(graphProblems([tag("a"), tag("a")])).toEqual([{ path: "steps.1.id", message: 'duplicate step id "a"' }]);
    expect(graphProblems([cond("c", "nope", null)])).toEqual([{ path: "steps.0.yes", message: 'no step has the id "nope"' }]);
    expect(graphProblems([tag("a", null), tag("b")])).toEqual([{ path: "steps.1.id", message: 'step "b" is never reached from the first step' }]);
  });
  it("requires an engagement condition to look back at an email step that comes before it", () => {
    const email: Step = { id: "m", type: "email", templateId: "t", subject: "s", fromName: "f", fromAddress: "a@b.pe" };
    const looks = (stepId: string): Step => ({ id: "c", type: "condition", condition: { type: "step_engagement", stepId, event: "opened" }, yes: null, no: null });
    expect(graphProblems([email, looks("m")])).toEqual([]);
    expect(graphProblems([tag("t"), looks("t"), email].map((s, i, all) => (i === 1 ? { ...s, yes: "m" } : s)) as Step[])[0]).toMatchObject({ path: "steps.1.condition.stepId", message: expect.stringContaining("not an email step") });
    expect(graphProblems([looks("m"), email].map((s, i) => (i === 0 ? { ...s, yes: "m" } : s)) as Step[])[0]).toMatchObject({ message: expect.stringContaining("does not come before") });
  });
  it("is empty for no steps (the schema says why)", () => {
    expect(graphProblems([])).toEqual([]);
  });
});

describe("CreateAutomationBody", () => {
  it("reports a graph problem at the step's full path", () => {
    const r = CreateAutomationBody.safeParse({ name: "x", trigger: { type: "event", name: "pago" }, steps: [tag("a", "zz")] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["steps", 0, "next"], message: 'no step has the id "zz"' });
  });
  it("refuses impossible trigger times and day counts", () => {
    const date = { type: "date", field: "custom:vence", direction: "before", days: 7, at: "09:00" };
    expect(CreateAutomationBody.safeParse({ name: "x", trigger: date, steps: [tag("a")] }).success).toBe(true);
    for (const bad of [{ at: "24:00" }, { at: "9:00" }, { at: "09:60" }, { days: -1 }, { days: 366 }, { field: "vence" }, { direction: "around" }]) {
      expect(CreateAutomationBody.safeParse({ name: "x", trigger: { ...date, ...bad }, steps: [tag("a")] }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
