// Links in SMS text: finding them, per-recipient 10-character short-link codes under the link key, placeholders for counting.
import { beforeAll, describe, expect, it } from "vitest";
import { importLinkKey, signToken } from "../../shared/email/links";
import { analyse } from "../../shared/sms/encoding";
import {
  findLinks, isShortLinkCode, replaceLinks, SHORT_CODE_LENGTH, shortenLinks, shortLinkCode, shortLinkUrl, verifyShortLinkCode, withPlaceholderLinks,
} from "../../shared/sms/links";

let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  key = await importLinkKey("k3V9pQ2x7Lm4Zr8Ty1Wb6Nc5Hd0Fg3Js");
  otherKey = await importLinkKey("another-secret-of-enough-length!!");
});

describe("findLinks", () => {
  it("finds http(s) URLs and leaves sentence punctuation out", () => {
    const text = "Bases: https://www.gob.pe/convocatorias?año=2027. Más en http://x.pe/a, (ver https://x.pe/b) y «https://x.pe/c»!";
    expect(findLinks(text).map((l) => [l.url, text.slice(l.start, l.end)])).toEqual([
      ["https://www.gob.pe/convocatorias?año=2027", "https://www.gob.pe/convocatorias?año=2027"],
      ["http://x.pe/a", "http://x.pe/a"],
      ["https://x.pe/b", "https://x.pe/b"],
      ["https://x.pe/c", "https://x.pe/c"],
    ]);
  });
  it("keeps balanced parentheses, query strings and fragments", () => {
    expect(findLinks("Ver https://es.wikipedia.org/wiki/Lima_(Perú)?a=1&b=2#x.").map((l) => l.url)).toEqual(["https://es.wikipedia.org/wiki/Lima_(Perú)?a=1&b=2#x"]);
  });
  it("ignores non-links, other schemes and our own short links", () => {
    expect(findLinks("www.gob.pe, mailto:a@b.pe, https:// nada, ftp://x.pe, https://p.pe/s/0123456789", "https://p.pe/").map((l) => l.url)).toEqual([]);
    expect(findLinks("https://p.pe/otra", "https://p.pe").map((l) => l.url)).toEqual(["https://p.pe/otra"]);
  });
});

describe("replaceLinks / withPlaceholderLinks / shortLinkUrl", () => {
  it("replaces each link in place", () => {
    const text = "A https://a.pe/1 y https://b.pe/2.";
    expect(replaceLinks(text, findLinks(text), ["<1>", "<2>"])).toBe("A <1> y <2>.");
    expect(() => replaceLinks(text, findLinks(text), ["<1>"])).toThrow(RangeError);
  });
  it("gives the composer the final length before any code exists", () => {
    const text = "Postula: https://www.gob.pe/institucion/xyz/convocatorias/123456-convocatoria-cas-2027";
    const placeheld = withPlaceholderLinks(text, "https://p.pe/");
    expect(placeheld).toBe("Postula: https://p.pe/s/0000000000");
    expect(analyse(placeheld).units).toBe(9 + "https://p.pe/s/".length + SHORT_CODE_LENGTH);
  });
  it("joins base and code with one slash", () => {
    expect(shortLinkUrl("https://p.pe//", "aZ3kP9qW1x")).toBe("https://p.pe/s/aZ3kP9qW1x");
  });
});

describe("shortLinkCode", () => {
  const claims = { scope: "cmp_01JQ8Z4K7M3X9Y2V5T6W8R0N1P", recipient: 987654, url: "https://www.gob.pe/convocatorias" };
  it("is 10 letters or digits, the same for the same inputs", async () => {
    const code = await shortLinkCode(key, claims);
    expect(code).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(isShortLinkCode(code)).toBe(true);
    expect(await shortLinkCode(key, { ...claims })).toBe(code);
  });
  it("changes with the key, the scope, the recipient, the URL and the attempt", async () => {
    const codes = await Promise.all([
      shortLinkCode(key, claims),
      shortLinkCode(otherKey, claims),
      shortLinkCode(key, { ...claims, scope: "cmp_2" }),
      shortLinkCode(key, { ...claims, recipient: 987655 }),
      shortLinkCode(key, { ...claims, recipient: "+51987654321" }),
      shortLinkCode(key, { ...claims, url: "https://www.gob.pe/convocatorias/" }),
      shortLinkCode(key, claims, 1),
    ]);
    expect(new Set(codes).size).toBe(codes.length);
  });
  it("does not collide across 5,000 recipients of one link", async () => {
    const codes = await Promise.all(Array.from({ length: 5000 }, (_, i) => shortLinkCode(key, { ...claims, recipient: i })));
    expect(new Set(codes).size).toBe(5000);
  });
  it("verifies only the right code for the claims", async () => {
    const code = await shortLinkCode(key, claims);
    expect(await verifyShortLinkCode(key, claims, code)).toBe(true);
    expect(await verifyShortLinkCode(otherKey, claims, code)).toBe(false);
    expect(await verifyShortLinkCode(key, { ...claims, recipient: 1 }, code)).toBe(false);
    expect(await verifyShortLinkCode(key, claims, code, 1)).toBe(false);
    const altered = code.slice(0, 9) + (code[9] === "A" ? "B" : "A");
    expect(await verifyShortLinkCode(key, claims, altered)).toBe(false);
    expect(await verifyShortLinkCode(key, claims, code + "x")).toBe(false);
  });
  it("cannot be confused with an email tracking token", async () => {
    const token = await signToken(key, { kind: "click", campaignId: claims.scope, contactId: claims.recipient, url: claims.url });
    expect(isShortLinkCode(token)).toBe(false);
    expect(token.includes(await shortLinkCode(key, claims))).toBe(false);
  });
  it("refuses a negative attempt", async () => {
    await expect(shortLinkCode(key, claims, -1)).rejects.toThrow(RangeError);
  });
});

describe("shortenLinks", () => {
  it("gives one recipient's copy and the codes to store", async () => {
    const text = "Hola Ana: https://www.gob.pe/a y https://www.gob.pe/b. Baja: resp BAJA";
    const out = await shortenLinks(key, text, { base: "https://p.pe", scope: "cmp_1", recipient: 42 });
    const [a, b] = await Promise.all(["https://www.gob.pe/a", "https://www.gob.pe/b"].map((url) => shortLinkCode(key, { scope: "cmp_1", recipient: 42, url })));
    expect(out).toEqual({
      text: `Hola Ana: https://p.pe/s/${a} y https://p.pe/s/${b}. Baja: resp BAJA`,
      links: [{ url: "https://www.gob.pe/a", code: a }, { url: "https://www.gob.pe/b", code: b }],
    });
    expect(analyse(out.text).units).toBe(analyse(withPlaceholderLinks(text, "https://p.pe")).units);
  });
  it("leaves text without links alone", async () => {
    expect(await shortenLinks(key, "Sin enlaces", { base: "https://p.pe", scope: "s", recipient: 1 })).toEqual({ text: "Sin enlaces", links: [] });
  });
});
