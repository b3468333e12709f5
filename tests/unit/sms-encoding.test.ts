// The composer's live counter: encoding, characters, units, segments (equal to the parts sent) and the characters forcing UCS-2.
import { describe, expect, it } from "vitest";
import { toBold } from "../../shared/sms/bold";
import { characterCount, chunkText, encodingOf, unitsOf } from "../../shared/sms/chunks";
import { analyse, forcingChars } from "../../shared/sms/encoding";
import { randomText, seeded } from "./sms-random";

describe("analyse: GSM-7", () => {
  it("reports a short Spanish text with é ñ ü as one GSM-7 segment", () => {
    expect(analyse("Señor Pérez: su cita es el 15/01. ¿Confirma? Responda SÍ o NO")).toMatchObject({ encoding: "UCS-2" });
    expect(analyse("Señor Pérez: su cita es el 15/01. ¿Confirma? Responda SI o NO")).toEqual({
      encoding: "GSM-7", characters: 61, units: 61, segments: 1, perSegment: 160, forcing: [],
    });
  });
  it("switches from 160 to 153 septets a segment past one SMS", () => {
    expect(analyse("a".repeat(160))).toMatchObject({ units: 160, segments: 1, perSegment: 160 });
    expect(analyse("a".repeat(161))).toMatchObject({ units: 161, segments: 2, perSegment: 153 });
    expect(analyse("a".repeat(306))).toMatchObject({ segments: 2 });
    expect(analyse("a".repeat(307))).toMatchObject({ segments: 3 });
  });
  it("counts extension characters as two septets", () => {
    expect(analyse("a".repeat(158) + "€")).toMatchObject({ characters: 159, units: 160, segments: 1 });
    expect(analyse("a".repeat(159) + "€")).toMatchObject({ characters: 160, units: 161, segments: 2 });
  });
  it("counts the extra segment when an escape sequence cannot be cut at a boundary", () => {
    const text = "a".repeat(152) + "€" + "a".repeat(152);
    expect(unitsOf(text, "GSM-7")).toBe(306);
    expect(analyse(text).segments).toBe(3);
    expect(chunkText(text, "GSM-7").map((p) => unitsOf(p, "GSM-7"))).toEqual([152, 153, 1]);
  });
  it("gives the empty text zero segments", () => {
    expect(analyse("")).toEqual({ encoding: "GSM-7", characters: 0, units: 0, segments: 0, perSegment: 160, forcing: [] });
  });
});

describe("analyse: UCS-2", () => {
  it("switches to 70/67 units when one character is not GSM-7", () => {
    expect(analyse("á" + "a".repeat(69))).toMatchObject({ encoding: "UCS-2", units: 70, segments: 1, perSegment: 70 });
    expect(analyse("á" + "a".repeat(70))).toMatchObject({ units: 71, segments: 2, perSegment: 67 });
  });
  it("counts astral characters (bold, emoji) as two units and one character", () => {
    expect(analyse(toBold("Hola"))).toMatchObject({ encoding: "UCS-2", characters: 4, units: 8, segments: 1 });
    expect(analyse("👍🏽 ok")).toMatchObject({ characters: 4, units: 7 });
    expect(analyse("👨‍👩‍👧")).toMatchObject({ characters: 1, units: 8 });
  });
  it("fits 35 bold letters in one segment, not 36", () => {
    expect(analyse(toBold("A".repeat(35)))).toMatchObject({ units: 70, segments: 1 });
    expect(analyse(toBold("A".repeat(36)))).toMatchObject({ units: 72, segments: 2 });
  });
  it("counts the extra segment when a surrogate pair cannot be cut at a boundary", () => {
    const text = toBold("B".repeat(67));
    expect(text.length).toBe(134);
    expect(analyse(text).segments).toBe(3);
    expect(chunkText(text, "UCS-2").map((p) => p.length)).toEqual([66, 66, 2]);
  });
  it("counts a letter with a combining accent as one character", () => {
    expect(characterCount("Peru\u0301")).toBe(4);
    expect(analyse("Peru\u0301")).toMatchObject({ characters: 4, units: 5 });
  });
});

describe("forcingChars", () => {
  it("names each character once, in order, with its count, first index, kind and GSM-safe replacement", () => {
    expect(forcingChars("¡Sí, sí! Perú 👍 “ok”… ç\u00a0𝐁 Ж")).toEqual([
      { char: "í", codePoint: 0xed, index: 2, count: 2, kind: "accented", name: "i with acute accent", gsmSafe: "i" },
      { char: "ú", codePoint: 0xfa, index: 12, count: 1, kind: "accented", name: "u with acute accent", gsmSafe: "u" },
      { char: "👍", codePoint: 0x1f44d, index: 14, count: 1, kind: "emoji", gsmSafe: "" },
      { char: "“", codePoint: 0x201c, index: 17, count: 1, kind: "punctuation", gsmSafe: '"' },
      { char: "”", codePoint: 0x201d, index: 20, count: 1, kind: "punctuation", gsmSafe: '"' },
      { char: "…", codePoint: 0x2026, index: 21, count: 1, kind: "punctuation", gsmSafe: "..." },
      { char: "ç", codePoint: 0xe7, index: 23, count: 1, kind: "accented", name: "c with cedilla", gsmSafe: "Ç" },
      { char: "\u00a0", codePoint: 0xa0, index: 24, count: 1, kind: "space", name: "U+00A0", gsmSafe: " " },
      { char: "𝐁", codePoint: 0x1d401, index: 25, count: 1, kind: "bold", name: "bold B", gsmSafe: "B" },
      { char: "Ж", codePoint: 0x416, index: 28, count: 1, kind: "other", gsmSafe: "?" },
    ]);
  });
  it("names a separate combining accent", () => {
    expect(forcingChars("Peru\u0301")).toEqual([{ char: "\u0301", codePoint: 0x301, index: 4, count: 1, kind: "accented", name: "combining acute accent", gsmSafe: "" }]);
  });
  it("is empty for GSM-7 text, including é ñ ü ¿ ¡ and €", () => {
    expect(analyse("¿Año nuevo en Perú?").forcing.map((f) => f.char)).toEqual(["ú"]);
    expect(analyse("¡Feliz año! 10€ [promo]").forcing).toEqual([]);
  });
});

describe("segments equal the parts sent (property)", () => {
  it("holds for 400 random texts of every kind", () => {
    const rand = seeded(6);
    for (let i = 0; i < 400; i++) {
      const text = randomText(rand, Math.floor(rand() * 260), ["gsm", "gsm", "extension", "accented", "bold", "emoji", "combining", "other"]);
      const a = analyse(text);
      const parts = chunkText(text, encodingOf(text));
      expect(a.segments, text).toBe(parts.length);
      expect(a.units).toBe(parts.reduce((n, p) => n + unitsOf(p, a.encoding), 0));
      expect(a.forcing.length === 0).toBe(a.encoding === "GSM-7");
    }
  });
});
