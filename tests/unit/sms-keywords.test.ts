// Keywords of incoming SMS: opt-out (Ley 32323) under every spelling people type, custom keywords, and what is deliberately not an opt-out.
import { describe, expect, it } from "vitest";
import { classifyInbound, keywordProblem, normaliseKeyword, optOutKeyword, wordsOf } from "../../shared/sms/keywords";

describe("optOutKeyword", () => {
  it("recognises BAJA, STOP and ALTO however they are typed", () => {
    const cases: Array<[string, string]> = [
      [" baja.", "BAJA"], ["Bája", "BAJA"], ["BAJA", "BAJA"], ["*baja* gracias", "BAJA"], ["baja,por favor", "BAJA"],
      ["STOP!", "STOP"], ["stop", "STOP"], ["¡Alto!", "ALTO"], ["\n\t alto  ya", "ALTO"], ["𝐁𝐀𝐉𝐀", "BAJA"], ["ＢＡＪＡ", "BAJA"],
      ["Desuscribirme", "DESUSCRIBIRME"], ["unsubscribe", "UNSUBSCRIBE"],
    ];
    for (const [text, keyword] of cases) expect(optOutKeyword(text), text).toBe(keyword);
  });
  it("recognises the opt-out phrases at the start", () => {
    expect(optOutKeyword("Darme de baja")).toBe("DARME DE BAJA");
    expect(optOutKeyword("de baja por favor")).toBe("DE BAJA");
    expect(optOutKeyword("dar de baja.")).toBe("DAR DE BAJA");
  });
  it("does not treat NO, CANCELAR, other first words or baja inside a word as opt-out", () => {
    for (const text of ["no", "NO!", "No, gracias", "Cancelar cita", "salir", "Bajamos", "Quiero darme de baja", "la baja", "", "¿?", "  "]) {
      expect(optOutKeyword(text), text).toBeNull();
    }
  });
});

describe("custom keywords", () => {
  it("validates a keyword definition", () => {
    expect(keywordProblem("Info")).toBeNull();
    expect(keywordProblem("Año2027")).toBeNull();
    expect(keywordProblem("baja")).toBe("is an opt-out keyword");
    expect(keywordProblem("Stop!")).toBe("is an opt-out keyword");
    expect(keywordProblem("dos palabras")).toBe("must be one word");
    expect(keywordProblem("!!")).toBe("must be one word");
    expect(keywordProblem("x")).toBe("must be 2 to 20 letters or digits");
    expect(keywordProblem("a".repeat(21))).toBe("must be 2 to 20 letters or digits");
  });
  it("normalises a keyword the same way as incoming text", () => {
    expect(normaliseKeyword(" Cita ")).toBe("CITA");
    expect(normaliseKeyword("Año")).toBe("ANO");
    expect(wordsOf(" ¡Bája ya!")).toEqual(["BAJA", "YA"]);
  });
});

describe("classifyInbound", () => {
  const custom = [
    { keyword: "CITA", action: "reply" },
    { keyword: "Año", action: "tag" },
    { keyword: "cita", action: "never reached" },
  ];
  it("puts opt-out first, then the first matching custom keyword, then the inbox", () => {
    expect(classifyInbound("¡Stop!", custom)).toEqual({ kind: "opt-out", keyword: "STOP" });
    expect(classifyInbound("cita mañana?", custom)).toEqual({ kind: "keyword", keyword: "CITA", match: { keyword: "CITA", action: "reply" } });
    expect(classifyInbound("AÑO nuevo", custom)).toEqual({ kind: "keyword", keyword: "ANO", match: { keyword: "Año", action: "tag" } });
    expect(classifyInbound("no", custom)).toEqual({ kind: "message", firstWord: "NO" });
    expect(classifyInbound("Citas", custom)).toEqual({ kind: "message", firstWord: "CITAS" });
    expect(classifyInbound("👍", custom)).toEqual({ kind: "message", firstWord: null });
  });
  it("opts out even when an account defined the same word (it cannot be saved, but stale data must not win)", () => {
    expect(classifyInbound("baja", [{ keyword: "BAJA" }])).toEqual({ kind: "opt-out", keyword: "BAJA" });
  });
});
