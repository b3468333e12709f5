/**
 * The SMS composer's view logic (web/src/lib/sms.ts): the live counter over the text as sent
 * (links shortened), merge fields, the UCS-2 characters as a person reads them, the segment
 * policy, "Negrita" on a selection and its cost, and Peruvian mobiles typed by hand.
 */
import { describe, expect, it } from "vitest";
import { analyse } from "../../shared/sms/encoding";
import { boldCost, composerStats, forcingItems, formatPhone, mergeFieldsIn, peruMobile, policyState, toggleBold } from "../../web/src/lib/sms";

const BASE = "https://pregon.example.pe";

describe("composerStats", () => {
  it("counts a short GSM-7 text as one segment and one credit", () => {
    expect(composerStats("Hola", { linkBase: BASE })).toEqual({
      encoding: "GSM-7",
      characters: 4,
      units: 4,
      segments: 1,
      perSegment: 160,
      credits: 1,
      forcing: [],
      links: [],
      mergeFields: [],
    });
  });

  it("names the accented letter that forces UCS-2", () => {
    const s = composerStats("Convocatoria pública", { linkBase: BASE });
    expect([s.encoding, s.characters, s.units, s.segments, s.perSegment]).toEqual(["UCS-2", 20, 20, 1, 70]);
    expect(s.forcing.map((f) => [f.char, f.kind, f.count])).toEqual([["ú", "accented", 1]]);
  });

  it("charges segments × recipients, and 161 GSM-7 characters are two segments of 153", () => {
    const s = composerStats("a".repeat(161), { linkBase: BASE, recipients: 3 });
    expect([s.segments, s.perSegment, s.credits]).toEqual([2, 153, 6]);
    expect(composerStats("a".repeat(160), { linkBase: BASE, recipients: 3 }).credits).toBe(3);
    expect(composerStats("Hola", { linkBase: BASE, recipients: 0 }).credits).toBe(0);
    expect(composerStats("", { linkBase: BASE }).segments).toBe(0);
  });

  it("counts a link at the length of its short link, and an accent inside the URL does not force UCS-2", () => {
    const url = "https://www.gob.pe/convocatorias/2027/información-del-concurso-público";
    const s = composerStats(`Ver ${url}`, { linkBase: BASE });
    // "Ver " + "https://pregon.example.pe" + "/s/" + 10 characters
    expect(s.characters).toBe(4 + 25 + 3 + 10);
    expect(s.encoding).toBe("GSM-7");
    expect(s.forcing).toEqual([]);
    expect(s.links).toEqual([{ url, short: "https://pregon.example.pe/s/…", length: 38 }]);
  });

  it("counts links as written when the send path does not shorten them", () => {
    const url = "https://www.gob.pe/convocatorias/2027/información";
    const s = composerStats(`Ver ${url}`, { linkBase: null });
    expect([s.encoding, s.characters, s.links]).toEqual(["UCS-2", 4 + url.length, []]);
    expect(s.forcing.map((f) => f.char)).toEqual(["ó"]);
  });

  it("lists merge fields once each, with defaults, spaces and triple braces", () => {
    const s = composerStats('Hola {{nombre | "vecino"}}, {{ empresa }} {{{firma}}} {{nombre}}', { linkBase: BASE });
    expect(s.mergeFields).toEqual(["nombre", "empresa", "firma"]);
    expect(mergeFieldsIn("Sin campos { ni } {{}}")).toEqual([]);
  });
});

describe("forcingItems", () => {
  it("folds bold letters into one item, counts repeats, and shows invisible spaces by code point", () => {
    expect(forcingItems(analyse("Más 𝐁𝐢𝐞𝐧 más 👍\u00a0ok").forcing)).toEqual([
      { shown: "á", kind: "accented", count: 2 },
      { shown: "𝐁𝐢𝐞𝐧", kind: "bold", count: 4 },
      { shown: "👍", kind: "emoji", count: 1 },
      { shown: "U+00A0", kind: "space", count: 1 },
    ]);
    expect(forcingItems([])).toEqual([]);
  });
});

describe("policyState", () => {
  it("follows the account's segment policy", () => {
    expect(policyState("enforce", 1, false)).toBe("ok");
    expect(policyState("enforce", 2, true)).toBe("blocked");
    expect(policyState("confirm", 2, false)).toBe("needs-confirm");
    expect(policyState("confirm", 2, true)).toBe("ok");
    expect(policyState("allow", 10, false)).toBe("ok");
    expect(policyState("allow", 11, true)).toBe("too-long");
    expect(policyState("confirm", 5, true, 4)).toBe("too-long");
    expect(policyState("confirm", 0, false)).toBe("ok");
  });
});

describe("toggleBold", () => {
  it("makes the selection bold and selects the bold text", () => {
    expect(toggleBold("Hola Ana", 5, 8)).toEqual({ text: "Hola 𝐀𝐧𝐚", start: 5, end: 11 });
    expect(toggleBold("Hola Ana", 8, 5)).toEqual({ text: "Hola 𝐀𝐧𝐚", start: 5, end: 11 });
  });

  it("makes an all-bold selection plain again, and a partly bold one all bold", () => {
    expect(toggleBold("Hola 𝐀𝐧𝐚", 5, 11)).toEqual({ text: "Hola Ana", start: 5, end: 8 });
    expect(toggleBold("𝐀na", 0, 4)).toEqual({ text: "𝐀𝐧𝐚", start: 0, end: 6 });
  });

  it("keeps an accent as a combining mark on the bold letter", () => {
    expect(toggleBold("Perú", 0, 4)).toEqual({ text: "𝐏𝐞𝐫𝐮\u0301", start: 0, end: 9 });
  });

  it("never cuts a bold letter in half and does nothing without letters", () => {
    // Selection from the middle of 𝐀 to the middle of 𝐚.
    expect(toggleBold("𝐀𝐧𝐚 x", 1, 5)).toEqual({ text: "Ana x", start: 0, end: 3 });
    expect(toggleBold("Hola", 2, 2)).toBeNull();
    expect(toggleBold("a - b", 1, 4)).toBeNull();
  });
});

describe("boldCost", () => {
  it("tells the encoding and segments the text would have with the selection in bold", () => {
    expect(boldCost("Hola Ana", 5, 8, BASE)).toEqual({ before: 1, after: 1, encodingBefore: "GSM-7", encodingAfter: "UCS-2", bolding: true });
    const long = "a".repeat(70);
    expect(boldCost(long, 0, 1, BASE)).toEqual({ before: 1, after: 2, encodingBefore: "GSM-7", encodingAfter: "UCS-2", bolding: true });
    expect(boldCost("𝐀𝐧𝐚", 0, 6, BASE)).toEqual({ before: 1, after: 1, encodingBefore: "UCS-2", encodingAfter: "GSM-7", bolding: false });
    expect(boldCost("Hola", 1, 1, BASE)).toBeNull();
  });
});

describe("peruMobile and formatPhone", () => {
  it("reads the ways people type a Peruvian mobile", () => {
    expect(peruMobile("987 654 321")).toBe("+51987654321");
    expect(peruMobile(" +51 987-654-321 ")).toBe("+51987654321");
    expect(peruMobile("0051 (987) 654.321")).toBe("+51987654321");
    expect(peruMobile("51987654321")).toBe("+51987654321");
  });

  it("refuses landlines, short numbers and foreign numbers", () => {
    expect(peruMobile("(01) 411-7000")).toBeNull();
    expect(peruMobile("98765432")).toBeNull();
    expect(peruMobile("+1 202 555 0142")).toBeNull();
    expect(peruMobile("")).toBeNull();
  });

  it("groups a Peruvian mobile for reading and leaves anything else alone", () => {
    expect(formatPhone("+51987654321")).toBe("+51 987 654 321");
    expect(formatPhone("+5114117000")).toBe("+5114117000");
  });
});
