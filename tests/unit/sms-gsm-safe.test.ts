// The GSM-safe version offered by the composer: what changes, what stays, and that the result is always GSM-7.
import { describe, expect, it } from "vitest";
import { toBold } from "../../shared/sms/bold";
import { isGsm7 } from "../../shared/sms/gsm7";
import { toGsmSafe } from "../../shared/sms/gsm-safe";
import { PIECES, randomText, seeded } from "./sms-random";

const graphemes = new Intl.Segmenter("es", { granularity: "grapheme" });

describe("toGsmSafe", () => {
  it("returns GSM-7 text unchanged with no replacements", () => {
    const text = "¿Señor Pérez? ¡Güeñé! ÉÑÜ 10€ [ok]";
    expect(toGsmSafe(text)).toEqual({ text, replacements: [] });
  });
  it("removes accents that GSM-7 lacks and keeps é ñ ü", () => {
    expect(toGsmSafe("Perú: áéíóú ÁÉÍÓÚ ñ ü ã â")).toEqual({
      text: "Peru: aéiou AÉIOU ñ ü a a",
      replacements: [
        { from: "ú", to: "u", index: 3, count: 2 },
        { from: "á", to: "a", index: 6, count: 1 },
        { from: "í", to: "i", index: 8, count: 1 },
        { from: "ó", to: "o", index: 9, count: 1 },
        { from: "Á", to: "A", index: 12, count: 1 },
        { from: "Í", to: "I", index: 14, count: 1 },
        { from: "Ó", to: "O", index: 15, count: 1 },
        { from: "Ú", to: "U", index: 16, count: 1 },
        { from: "ã", to: "a", index: 22, count: 1 },
        { from: "â", to: "a", index: 24, count: 1 },
      ],
    });
  });
  it("maps ç to Ç, which GSM-7 has", () => {
    expect(toGsmSafe("Açaí").text).toBe("AÇai");
  });
  it("straightens quotes, dashes, ellipsis and odd spaces", () => {
    expect(toGsmSafe("“Sí” ‘no’ – — … a\u00a0b\u2009c\td `x´").text).toBe("\"Si\" 'no' - - ... a b c d 'x'");
  });
  it("drops zero-width characters and soft hyphens", () => {
    expect(toGsmSafe("pa\u00adla\u200bbra\ufeff").text).toBe("palabra");
  });
  it("turns bold, italic and double-struck letters plain", () => {
    expect(toGsmSafe(toBold("Convocatoria 2027")).text).toBe("Convocatoria 2027");
    expect(toGsmSafe(toBold("Perú")).text).toBe("Peru");
    expect(toGsmSafe("𝘪𝘵𝘢𝘭𝘪𝘤 𝕕𝕠𝕦𝕓𝕝𝕖 ℎ").text).toBe("italic double h");
  });
  it("removes emoji with their modifiers and joiners without leaving double or trailing spaces", () => {
    expect(toGsmSafe("Hola 👋 mundo").text).toBe("Hola mundo");
    expect(toGsmSafe("👍🏽 Listo").text).toBe("Listo");
    expect(toGsmSafe("Gracias 🙏").text).toBe("Gracias");
    expect(toGsmSafe("Gracias 🙏\nChau 🇵🇪 👨‍👩‍👧 ❤️ fin").text).toBe("Gracias\nChau fin");
    expect(toGsmSafe("a🎉b").text).toBe("ab");
  });
  it("keeps the digit of a keycap and spells a few symbols", () => {
    expect(toGsmSafe("1️⃣ ™ © ² º → 25° 3×4").text).toBe("1 TM (c) 2 o -> 25o 3x4");
  });
  it("composes a letter typed with a separate accent when GSM-7 has it, else drops the accent", () => {
    expect(toGsmSafe("Pe\u0301rez Peru\u0301")).toEqual({
      text: "Pérez Peru",
      replacements: [
        { from: "e\u0301", to: "é", index: 1, count: 1 },
        { from: "u\u0301", to: "u", index: 10, count: 1 },
      ],
    });
  });
  it("puts ? for characters with no GSM-7 look-alike", () => {
    expect(toGsmSafe("Жук ★ 中").text).toBe("??? ? ?");
  });
  it("groups repeated replacements with their first index", () => {
    expect(toGsmSafe("ó-ó-ó 👍 👍").replacements).toEqual([
      { from: "ó", to: "o", index: 0, count: 3 },
      { from: "👍", to: "", index: 6, count: 2 },
    ]);
  });
  it("always yields GSM-7 and never touches GSM-7 characters (property, 300 random texts)", () => {
    const rand = seeded(32323);
    const groups = Object.keys(PIECES) as Array<keyof typeof PIECES>;
    for (let i = 0; i < 300; i++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 80), groups);
      const safe = toGsmSafe(text);
      expect(isGsm7(safe.text), text).toBe(true);
      expect(toGsmSafe(safe.text)).toEqual({ text: safe.text, replacements: [] });
      const kept = [...graphemes.segment(text)].map((g) => g.segment).filter((g) => isGsm7(g) && g !== " " && g !== "\n");
      const out = [...graphemes.segment(safe.text)].map((g) => g.segment).filter((g) => g !== " " && g !== "\n");
      let j = 0;
      for (const ch of out) if (ch === kept[j]) j++;
      expect(j, text).toBe(kept.length);
    }
  });
});
