import { describe, expect, it } from "vitest";
import { abDecideAt, abProblem, abVariant, decideWinner, variantSource, type AbInput } from "../../shared/campaigns/ab";

const base: AbInput = { kind: "subject", subjectB: "Otra forma de decirlo", testPercent: 20, metric: "opens", waitHours: 4 };
const a = { subject: "Hola {{nombre}}", templateId: "tpl-a" };

describe("A/B test rules", () => {
  it("accepts a complete subject or content test", () => {
    expect(abProblem(base, a)).toBeNull();
    expect(abProblem({ kind: "content", templateIdB: "tpl-b", testPercent: 50, metric: "clicks", waitHours: 72 }, a)).toBeNull();
    expect(abProblem({ ...base, testPercent: 10, waitHours: 1 }, a)).toBeNull();
  });

  it("names the field that is wrong", () => {
    const field = (ab: Partial<AbInput>) => abProblem({ ...base, ...ab }, a)?.field;
    expect(field({ testPercent: 9 })).toBe("ab.testPercent");
    expect(field({ testPercent: 51 })).toBe("ab.testPercent");
    expect(field({ testPercent: 20.5 })).toBe("ab.testPercent");
    expect(field({ waitHours: 0 })).toBe("ab.waitHours");
    expect(field({ waitHours: 73 })).toBe("ab.waitHours");
    expect(field({ subjectB: "  " })).toBe("ab.subjectB");
    expect(field({ subjectB: null })).toBe("ab.subjectB");
    expect(field({ subjectB: "x".repeat(201) })).toBe("ab.subjectB");
    expect(field({ kind: "content", templateIdB: null })).toBe("ab.templateIdB");
    expect(field({ kind: "content", templateIdB: "tpl-a" })).toBe("ab.templateIdB");
    expect(abProblem({ ...base, subjectB: " Hola {{nombre}} " }, a)).toEqual({ field: "ab.subjectB", message: "ab.subjectB: must differ from the subject of version A" });
  });
});

describe("A/B sample", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => i + 1);

  it("is deterministic per campaign and differs between campaigns", () => {
    const first = ids.map((id) => abVariant("camp-1", id, 20));
    expect(ids.map((id) => abVariant("camp-1", id, 20))).toEqual(first);
    const other = ids.map((id) => abVariant("camp-2", id, 20));
    expect(other.filter((v, i) => v !== first[i]).length).toBeGreaterThan(2000);
  });

  it("takes the test share, half each, spread over the whole audience", () => {
    for (const pct of [10, 20, 50]) {
      const picked = ids.map((id) => [id, abVariant("5f0c2d9e-campaign", id, pct)] as const).filter(([, v]) => v);
      const share = picked.length / ids.length;
      expect(Math.abs(share - pct / 100)).toBeLessThan(0.01);
      const aShare = picked.filter(([, v]) => v === "A").length / picked.length;
      expect(Math.abs(aShare - 0.5)).toBeLessThan(0.03);
      // As many picked in the second half of the ids as in the first: not "the first N".
      const late = picked.filter(([id]) => id > ids.length / 2).length / picked.length;
      expect(Math.abs(late - 0.5)).toBeLessThan(0.03);
    }
  });

  it("keeps a contact of a smaller sample in a larger one (the sample only widens)", () => {
    for (const id of ids.slice(0, 2000)) {
      const v10 = abVariant("c", id, 10);
      if (v10) expect(abVariant("c", id, 50)).not.toBeNull();
    }
  });
});

describe("A/B winner", () => {
  const at = new Date(Date.UTC(2026, 10, 29, 14, 15));

  it("picks the higher rate of the chosen metric, not the higher count", () => {
    const r = decideWinner("opens", { A: { sent: 100, opens: 30, clicks: 9 }, B: { sent: 50, opens: 20, clicks: 1 } }, at);
    expect(r).toEqual({ metric: "opens", winner: "B", decidedAt: at.getTime(), A: { sent: 100, opens: 30, clicks: 9, rate: 0.3 }, B: { sent: 50, opens: 20, clicks: 1, rate: 0.4 } });
    expect(decideWinner("clicks", { A: { sent: 100, opens: 30, clicks: 9 }, B: { sent: 50, opens: 20, clicks: 1 } }, at).winner).toBe("A");
  });

  it("gives a tie to A, also when nothing was opened or sent", () => {
    expect(decideWinner("opens", { A: { sent: 3, opens: 1, clicks: 0 }, B: { sent: 6, opens: 2, clicks: 0 } }, at).winner).toBe("A");
    expect(decideWinner("clicks", { A: { sent: 10, opens: 0, clicks: 0 }, B: { sent: 10, opens: 0, clicks: 0 } }, at).winner).toBe("A");
    expect(decideWinner("opens", { A: { sent: 0, opens: 0, clicks: 0 }, B: { sent: 0, opens: 0, clicks: 0 } }, at).winner).toBe("A");
    expect(decideWinner("opens", { A: { sent: 0, opens: 0, clicks: 0 }, B: { sent: 4, opens: 1, clicks: 0 } }, at)).toMatchObject({ winner: "B", A: { rate: 0 }, B: { rate: 0.25 } });
  });

  it("decides waitHours after the start", () => {
    expect(abDecideAt(1_000, 3)).toBe(1_000 + 3 * 3_600_000);
  });
});

describe("A/B versions", () => {
  const c = { subject: "A: {{nombre}}", html: "<p>A</p>", text: "A" };
  it("gives B's subject or B's content, and A's everywhere else", () => {
    const subjectTest = JSON.stringify({ kind: "subject", subjectB: "B: {{nombre}}", templateIdB: null, htmlB: null, textB: null, testPercent: 20, metric: "opens", waitHours: 2 });
    const contentTest = JSON.stringify({ kind: "content", subjectB: null, templateIdB: "t", htmlB: "<p>B</p>", textB: "B", testPercent: 20, metric: "opens", waitHours: 2 });
    expect(variantSource({ ...c, ab: subjectTest }, "B")).toEqual({ subject: "B: {{nombre}}", html: "<p>A</p>", text: "A" });
    expect(variantSource({ ...c, ab: contentTest }, "B")).toEqual({ subject: "A: {{nombre}}", html: "<p>B</p>", text: "B" });
    expect(variantSource({ ...c, ab: contentTest }, "A")).toEqual(c);
    expect(variantSource({ ...c, ab: null }, "B")).toEqual(c);
    expect(variantSource(c, undefined)).toEqual(c);
  });
});
