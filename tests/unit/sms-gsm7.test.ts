// The GSM 03.38 tables, septet counting and the unpacked encoding sent as SMPP short_message.
import { describe, expect, it } from "vitest";
import { decodeGsm7, encodeGsm7, GSM7_BASIC, GSM7_ESCAPE, GSM7_EXTENSION, gsm7Septets, isGsm7, septetLength } from "../../shared/sms/gsm7";

describe("GSM 03.38 tables", () => {
  it("has 128 basic positions with the escape at 0x1B", () => {
    expect(GSM7_BASIC.length).toBe(128);
    expect(GSM7_ESCAPE).toBe(0x1b);
    expect(new Set(GSM7_BASIC).size).toBe(128);
  });
  it("puts landmark characters at their code points in the standard", () => {
    const landmarks: Array<[string, number]> = [
      ["@", 0x00], ["£", 0x01], ["$", 0x02], ["è", 0x04], ["é", 0x05], ["Ç", 0x09], ["\n", 0x0a], ["\r", 0x0d],
      ["Δ", 0x10], ["_", 0x11], ["Ξ", 0x1a], ["É", 0x1f], [" ", 0x20], ["¤", 0x24], ["0", 0x30], ["¡", 0x40],
      ["A", 0x41], ["Ä", 0x5b], ["Ñ", 0x5d], ["§", 0x5f], ["¿", 0x60], ["a", 0x61], ["ñ", 0x7d], ["ü", 0x7e], ["à", 0x7f],
    ];
    for (const [ch, code] of landmarks) expect(encodeGsm7(ch), ch).toEqual(Uint8Array.of(code));
  });
  it("has the ten extension characters with their codes", () => {
    expect(GSM7_EXTENSION).toEqual({ "\f": 0x0a, "^": 0x14, "{": 0x28, "}": 0x29, "\\": 0x2f, "[": 0x3c, "~": 0x3d, "]": 0x3e, "|": 0x40, "€": 0x65 });
  });
});

describe("isGsm7 / gsm7Septets / septetLength", () => {
  it("accepts Spanish é ñ ü ¿ ¡ and rejects á í ó ú, ç, emoji and bold", () => {
    expect(isGsm7("¿Señor Pérez? ¡Güero! ÉÑÜ")).toBe(true);
    for (const ch of ["á", "í", "ó", "ú", "Á", "ç", "👍", "𝐀", "“", "\u00a0", "\t", "`"]) expect(isGsm7(`a${ch}b`), ch).toBe(false);
    expect(isGsm7("")).toBe(true);
  });
  it("counts 1, 2 or 0 septets per character", () => {
    expect([gsm7Septets("a"), gsm7Septets("€"), gsm7Septets("["), gsm7Septets("á"), gsm7Septets("\u001b")]).toEqual([1, 2, 2, 0, 0]);
  });
  it("counts extension characters twice", () => {
    expect(septetLength("Hola [Peru] {10€}")).toBe(17 + 5);
    expect(septetLength("")).toBe(0);
  });
  it("names the first character that is not GSM-7", () => {
    expect(() => septetLength("Hola Perú")).toThrow('"ú" (U+00FA) is not GSM-7');
  });
});

describe("encodeGsm7 / decodeGsm7", () => {
  it("writes one septet per octet, extension characters as 0x1B + code", () => {
    expect(encodeGsm7("a€[")).toEqual(Uint8Array.of(0x61, 0x1b, 0x65, 0x1b, 0x3c));
    expect(encodeGsm7("@")).toEqual(Uint8Array.of(0));
  });
  it("round-trips the whole alphabet", () => {
    const all = [...GSM7_BASIC].filter((_, i) => i !== GSM7_ESCAPE).join("") + Object.keys(GSM7_EXTENSION).join("");
    const bytes = encodeGsm7(all);
    expect(bytes.length).toBe(127 + 2 * 10);
    expect(bytes.every((b) => b <= 0x7f)).toBe(true);
    expect(decodeGsm7(bytes)).toBe(all);
  });
  it("throws for text that is not GSM-7", () => {
    expect(() => encodeGsm7("Perú")).toThrow(RangeError);
  });
  it("reads an unknown escape as its basic character, 0x1B 0x1B as space, and drops a lone trailing escape", () => {
    expect(decodeGsm7(Uint8Array.of(0x1b, 0x41, 0x1b, 0x1b, 0x62, 0x1b))).toBe("A b");
  });
  it("refuses octets above 0x7F", () => {
    expect(() => decodeGsm7(Uint8Array.of(0x41, 0x80))).toThrow("Octet 0x80 at 1 is not a septet");
  });
});
