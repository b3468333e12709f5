/**
 * The shape rules of an automation's steps, checked before it is saved: unique ids, every link
 * naming a step that exists, no cycle (a contact must always reach an end: "a contact goes
 * through each step once" is only true of a graph without loops), every step reachable from the
 * first, waits within a year, and engagement conditions naming an email step that comes before.
 */
import { WAIT_LIMITS, type Step } from "./definition";

export type GraphProblem = { path: string; message: string };

/** The ids a step leads to (a condition: yes then no). Undefined `next` is the following step. */
export function successors(steps: readonly Step[], index: number): (string | null)[] {
  const s = steps[index]!;
  if (s.type === "condition") return [s.yes, s.no];
  if (s.next === undefined) return [steps[index + 1]?.id ?? null];
  return [s.next];
}

/** The step a run moves to after `stepId` on `branch` ("yes"/"no" for a condition). */
export function nextStep(steps: readonly Step[], stepId: string, branch?: "yes" | "no"): string | null {
  const i = steps.findIndex((s) => s.id === stepId);
  if (i < 0) return null;
  const [first, second] = successors(steps, i);
  return branch === "no" ? (second ?? null) : (first ?? null);
}

/**
 * Every problem of the graph, each with the path of the field at fault (empty: none).
 * @example graphProblems([{ id: "a", type: "wait", amount: 1, unit: "days", next: "a" }]) // [{ path: "steps.0.next", message: "…cycle…" }]
 */
export function graphProblems(steps: readonly Step[]): GraphProblem[] {
  const problems: GraphProblem[] = [];
  if (steps.length === 0) return problems; // "at least one step" is the schema's to say
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.id)) problems.push({ path: `steps.${i}.id`, message: `duplicate step id "${s.id}"` });
    else index.set(s.id, i);
    if (s.type === "wait" && s.amount > WAIT_LIMITS[s.unit]) problems.push({ path: `steps.${i}.amount`, message: `a wait is at most a year (${WAIT_LIMITS[s.unit]} ${s.unit})` });
  });
  if (problems.length) return problems;
  steps.forEach((s, i) => {
    const links: [string, string | null | undefined][] = s.type === "condition" ? [["yes", s.yes], ["no", s.no]] : [["next", s.next]];
    for (const [key, target] of links) {
      if (target != null && !index.has(target)) problems.push({ path: `steps.${i}.${key}`, message: `no step has the id "${target}"` });
      if (target === s.id) problems.push({ path: `steps.${i}.${key}`, message: `step "${s.id}" leads to itself: a cycle` });
    }
  });
  if (problems.length) return problems;
  // Cycles: depth-first from every step, colouring the path being walked.
  const state = new Map<string, "walking" | "done">();
  const walk = (i: number): GraphProblem | null => {
    const id = steps[i]!.id;
    if (state.get(id) === "done") return null;
    if (state.get(id) === "walking") return { path: `steps.${i}`, message: `step "${id}" can be reached again from a later step: a cycle` };
    state.set(id, "walking");
    for (const next of successors(steps, i)) {
      if (next === null) continue;
      const p = walk(index.get(next)!);
      if (p) return p;
    }
    state.set(id, "done");
    return null;
  };
  const cycle = walk(0) ?? steps.map((_, i) => walk(i)).find((p) => p !== null) ?? null;
  if (cycle) return [cycle];
  // Reachability from the first step.
  const seen = new Set<string>();
  const stack = [0];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(steps[i]!.id)) continue;
    seen.add(steps[i]!.id);
    for (const next of successors(steps, i)) if (next !== null) stack.push(index.get(next)!);
  }
  steps.forEach((s, i) => {
    if (!seen.has(s.id)) problems.push({ path: `steps.${i}.id`, message: `step "${s.id}" is never reached from the first step` });
  });
  // Engagement conditions must look back at an email step on every path to them: we require it to be an ancestor.
  steps.forEach((s, i) => {
    if (s.type !== "condition" || s.condition.type !== "step_engagement") return;
    const target = s.condition.stepId;
    const t = index.get(target);
    if (t === undefined || steps[t]!.type !== "email") problems.push({ path: `steps.${i}.condition.stepId`, message: `"${target}" is not an email step of this automation` });
    else if (!reaches(steps, index, t, s.id)) problems.push({ path: `steps.${i}.condition.stepId`, message: `email step "${target}" does not come before this condition` });
  });
  return problems;
}

function reaches(steps: readonly Step[], index: Map<string, number>, from: number, to: string): boolean {
  const seen = new Set<number>();
  const stack = [from];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    for (const next of successors(steps, i)) {
      if (next === to) return true;
      if (next !== null) stack.push(index.get(next)!);
    }
  }
  return false;
}
