// Splitting long SMS into parts with a concatenation UDH: limits, boundaries (surrogate pairs, escapes, accents) and the bytes that travel.
import { describe, expect, it } from "vitest";
import { fromBold, toBold } from "../../shared/sms/bold";
import { PART_LIMITS } from "../../shared/sms/chunks";
import { decodeGsm7, encodeGsm7 } from "../../shared/sms/gsm7";
import { concatReference, concatUdh, fromUtf16be, parseConcatUdh, splitSms, toHex, toUtf16be } from "../../shared/sms/split";
import { isWellFormed, randomText, seeded } from "./sms-random";

const graphemes = new Intl.Segmenter("es", { granularity: "grapheme" });
const clusters = (s: string) => [...graphemes.segment(s)].map((g) => g.segment);

describe("splitSms: single part", () => {
  it("sends a text that fits one SMS without UDH", () => {
    expect(splitSms("Hola", { reference: 7 })).toEqual({
      encoding: "GSM-7",
      parts: [{ seq: 1, text: "Hola", units: 4, udh: null, udhHex: null, bytes: Uint8Array.of(0x48, 0x6f, 0x6c, 0x61) }],
    });
    expect(splitSms("a".repeat(160), { reference: 7 }).parts).toHaveLength(1);
    expect(splitSms(toBold("A".repeat(35)), { reference: 7 }).parts).toHaveLength(1);
  });
  it("carries GSM extension characters as escape + code, and UCS-2 as UTF-16BE", () => {
    expect(splitSms("10€", { reference: 1 }).parts[0]!.bytes).toEqual(Uint8Array.of(0x31, 0x30, 0x1b, 0x65));
    expect(splitSms("Perú", { reference: 1 }).parts[0]!.bytes).toEqual(Uint8Array.of(0, 0x50, 0, 0x65, 0, 0x72, 0, 0xfa));
  });
  it("has no parts for the empty text", () => {
    expect(splitSms("", { reference: 1 })).toEqual({ encoding: "GSM-7", parts: [] });
  });
});

describe("splitSms: several parts", () => {
  it("cuts GSM-7 at 153 septets with 05 00 03 ref total seq", () => {
    const { encoding, parts } = splitSms("a".repeat(161), { reference: 0xa7 });
    expect(encoding).toBe("GSM-7");
    expect(parts.map((p) => [p.seq, p.units, p.udhHex, p.bytes.length])).toEqual([
      [1, 153, "050003A70201", 153],
      [2, 8, "050003A70202", 8],
    ]);
    expect(parts[0]!.udh).toEqual(Uint8Array.of(0x05, 0x00, 0x03, 0xa7, 0x02, 0x01));
  });
  it("never cuts an escape sequence", () => {
    const { parts } = splitSms("a".repeat(152) + "€" + "b".repeat(10), { reference: 1 });
    expect(parts.map((p) => p.units)).toEqual([152, 12]);
    expect(parts[1]!.bytes.slice(0, 2)).toEqual(Uint8Array.of(0x1b, 0x65));
  });
  it("cuts bold UCS-2 text between letters, never inside a surrogate pair", () => {
    const text = toBold("Convocatoria CAS 2027: postula en linea hasta el viernes");
    const { encoding, parts } = splitSms(text, { reference: 0x10 });
    expect(encoding).toBe("UCS-2");
    expect(parts.map((p) => p.units)).toEqual([66, 37]);
    for (const p of parts) {
      expect(isWellFormed(p.text)).toBe(true);
      expect(fromUtf16be(p.bytes)).toBe(p.text);
      expect(p.udh!.length + p.bytes.length).toBeLessThanOrEqual(140);
    }
    expect(parts.map((p) => fromBold(p.text)).join("")).toBe("Convocatoria CAS 2027: postula en linea hasta el viernes");
  });
  it("keeps a letter and its combining accent together", () => {
    const text = "á".repeat(66) + "u\u0301" + "x".repeat(5);
    const { parts } = splitSms(text, { reference: 1 });
    expect(parts.map((p) => p.text)).toEqual(["á".repeat(66), "u\u0301xxxxx"]);
  });
  it("allows 255 parts and refuses 256", () => {
    expect(splitSms("a".repeat(153 * 255), { reference: 1 }).parts).toHaveLength(255);
    expect(() => splitSms("a".repeat(153 * 255 + 1), { reference: 1 })).toThrow("The text needs 256 parts; at most 255 can be concatenated");
  });
  it("refuses a reference outside 0-255", () => {
    for (const reference of [-1, 256, 1.5]) expect(() => splitSms("x", { reference })).toThrow(RangeError);
  });
});

describe("splitSms: properties over 300 random texts", () => {
  it("rejoins to the text, respects the limits, keeps characters whole and every part valid on its own", () => {
    const rand = seeded(1903);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rand, 20 + Math.floor(rand() * 400), ["gsm", "gsm", "extension", "accented", "bold", "emoji", "combining"]);
      const { encoding, parts } = splitSms(text, { reference: i & 0xff });
      const limits = PART_LIMITS[encoding];
      expect(parts.map((p) => p.text).join(""), text).toBe(text);
      expect(parts.flatMap((p) => clusters(p.text))).toEqual(clusters(text));
      for (const p of parts) {
        expect(p.units).toBeLessThanOrEqual(parts.length === 1 ? limits.single : limits.multi);
        expect(isWellFormed(p.text)).toBe(true);
        expect(parts.length === 1 ? p.udh : parseConcatUdh(p.udh!)).toEqual(parts.length === 1 ? null : { reference: i & 0xff, total: parts.length, seq: p.seq });
        if (encoding === "GSM-7") {
          expect(p.bytes).toEqual(encodeGsm7(p.text));
          expect(decodeGsm7(p.bytes)).toBe(p.text);
        } else {
          expect(p.bytes.length).toBe(2 * p.units);
          expect(fromUtf16be(p.bytes)).toBe(p.text);
        }
      }
    }
  });
});

describe("UDH helpers", () => {
  it("builds and validates the concatenation header", () => {
    expect(toHex(concatUdh({ reference: 0, total: 255, seq: 255 }))).toBe("05000300FFFF");
    for (const bad of [{ reference: 256, total: 2, seq: 1 }, { reference: 1, total: 2, seq: 3 }, { reference: 1, total: 0, seq: 0 }]) {
      expect(() => concatUdh(bad)).toThrow(RangeError);
    }
  });
  it("reads 8-bit and 16-bit concatenation elements, after other elements too", () => {
    expect(parseConcatUdh(Uint8Array.of(5, 0, 3, 0xa7, 2, 1))).toEqual({ reference: 0xa7, total: 2, seq: 1 });
    expect(parseConcatUdh(Uint8Array.of(6, 8, 4, 0x12, 0x34, 3, 2))).toEqual({ reference: 0x1234, total: 3, seq: 2 });
    expect(parseConcatUdh(Uint8Array.of(8, 0x24, 1, 0x0d, 0, 3, 9, 2, 2))).toEqual({ reference: 9, total: 2, seq: 2 });
  });
  it("returns null for headers without a valid concatenation element", () => {
    expect(parseConcatUdh(Uint8Array.of())).toBeNull();
    expect(parseConcatUdh(Uint8Array.of(5, 0, 3, 1, 2))).toBeNull();
    expect(parseConcatUdh(Uint8Array.of(3, 0x24, 1, 0x0d))).toBeNull();
    expect(parseConcatUdh(Uint8Array.of(5, 0, 3, 1, 2, 3))).toBeNull();
    expect(parseConcatUdh(Uint8Array.of(5, 0, 9, 1, 2, 1))).toBeNull();
  });
  it("derives a stable reference from a message id, spread over 0-255", () => {
    expect(concatReference("msg_01J9")).toBe(concatReference("msg_01J9"));
    const refs = new Set(Array.from({ length: 2000 }, (_, i) => concatReference(`msg_${i}`)));
    expect([...refs].every((r) => Number.isInteger(r) && r >= 0 && r <= 255)).toBe(true);
    expect(refs.size).toBeGreaterThan(240);
  });
  it("converts UTF-16BE both ways, astral characters as two units", () => {
    expect(toUtf16be("𝐀a")).toEqual(Uint8Array.of(0xd8, 0x35, 0xdc, 0x00, 0x00, 0x61));
    expect(fromUtf16be(Uint8Array.of(0xd8, 0x35, 0xdc, 0x00, 0x00))).toBe("𝐀");
  });
});
