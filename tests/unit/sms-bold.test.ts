// "Bold" through Unicode Mathematical Bold: letters, digits, accented letters (combined or kept) and the way back.
import { describe, expect, it } from "vitest";
import { fromBold, isBoldChar, plainOf, toBold } from "../../shared/sms/bold";

describe("toBold", () => {
  it("maps A–Z, a–z and 0–9 to the Mathematical Bold code points", () => {
    const cps = (s: string) => [...s].map((c) => c.codePointAt(0));
    expect(cps(toBold("AZaz09"))).toEqual([0x1d400, 0x1d419, 0x1d41a, 0x1d433, 0x1d7ce, 0x1d7d7]);
  });
  it("leaves spaces, punctuation and letters without a decomposition alone", () => {
    expect(toBold("¡Sí! ß æ ø, 10%")).toBe("¡𝐒𝐢\u0301! ß æ ø, 𝟏𝟎%");
  });
  it("writes accented letters as the bold base letter plus the combining accent by default", () => {
    expect(toBold("Perú")).toBe("𝐏𝐞𝐫𝐮\u0301");
    expect(toBold("Ñandú")).toBe("𝐍\u0303𝐚𝐧𝐝𝐮\u0301");
    expect(toBold("é")).toBe("𝐞\u0301");
    expect(toBold("ǘ")).toBe("𝐮\u0308\u0301");
  });
  it("keeps accented letters plain with accents: keep", () => {
    expect(toBold("Perú", { accents: "keep" })).toBe("𝐏𝐞𝐫ú");
  });
  it("costs two UTF-16 units per letter and one per combining accent", () => {
    expect(toBold("Hola").length).toBe(8);
    expect(toBold("Perú").length).toBe(9);
    expect(toBold("Perú", { accents: "keep" }).length).toBe(7);
  });
  it("does not bold what is already bold", () => {
    expect(toBold(toBold("Hola 2027"))).toBe(toBold("Hola 2027"));
  });
});

describe("fromBold", () => {
  it("undoes both accent forms and recomposes", () => {
    const samples = ["Convocatoria CAS N° 015-2027: postula hasta el 15/01", "Ñandú ÁÉÍÓÚ áéíóú ü ñ", "sin cambios ¿ok?", ""];
    for (const s of samples) {
      expect(fromBold(toBold(s))).toBe(s);
      expect(fromBold(toBold(s, { accents: "keep" }))).toBe(s);
    }
  });
  it("leaves other astral characters (emoji, italic letters) untouched", () => {
    expect(fromBold("👍 𝘪 𝐎𝐊")).toBe("👍 𝘪 OK");
  });
});

describe("isBoldChar / plainOf", () => {
  it("recognises only the bold letters and digits", () => {
    expect([isBoldChar("𝐀"), isBoldChar("𝟗"), isBoldChar("A"), isBoldChar("𝘈"), isBoldChar("👍"), isBoldChar("")]).toEqual([true, true, false, false, false, false]);
    expect([plainOf("𝐳"), plainOf("𝟎"), plainOf("z")]).toEqual(["z", "0", null]);
  });
});
