// Generated cases in this file: 8 properties × TOKEN_RUNS (500) = 4,000 per run.
/**
 * Property-based fuzzing (fast-check) of the signed tokens strangers hold in URLs and return
 * paths: tracking links (email/links.ts: /t/o, /t/c, /u, /v), export downloads
 * (exports/token.ts: /x), public campaign links (archive/public-link.ts: /v/p) and VERP bounce
 * addresses (bounces/verp.ts). Signing round-trips; any altered, truncated, foreign-key or
 * made-up token is refused; nothing throws; a token of one kind is never accepted as another.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeVerp, ourMessageId, verifyVerp, verpMac } from "../../shared/bounces/verp";
import { signCampaignToken, verifyCampaignToken } from "../../shared/archive/public-link";
import { importLinkKey, signToken, verifyToken, type LinkClaims } from "../../shared/email/links";
import { signExportToken, verifyExportToken } from "../../shared/exports/token";

/** Runs per property; docs/reliability.md quotes it. */
export const TOKEN_RUNS = 500;

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  key = await importLinkKey("fuzz-link-secret-0123456789abcdef");
  otherKey = await importLinkKey("fuzz-link-secret-0123456789abcdeF");
});

const claims: fc.Arbitrary<LinkClaims> = fc.oneof(
  fc.record({ kind: fc.constantFrom("open", "unsubscribe", "view") as fc.Arbitrary<LinkClaims["kind"]>, campaignId: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("\n")), contactId: fc.maxSafeNat() }),
  fc.record({ kind: fc.constant("click") as fc.Arbitrary<LinkClaims["kind"]>, campaignId: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("\n")), contactId: fc.maxSafeNat(), url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 200 })) }),
);
const exportId = fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/);
const campaignId = fc.string({ minLength: 1, maxLength: 200 }).filter((s) => !/\s/.test(s));

/** One edit of a token: a character replaced by another URL-safe one, one removed, one added, or the tail cut. */
const edit = fc.tuple(fc.constantFrom("replace", "delete", "insert", "truncate"), fc.nat(), fc.nat({ max: 63 }));
function applyEdit(token: string, [op, at, c]: [string, number, number]): string {
  const i = at % token.length;
  const ch = B64URL[c]!;
  if (op === "replace") return token.slice(0, i) + (token[i] === ch ? B64URL[(c + 1) % 64] : ch) + token.slice(i + 1);
  if (op === "delete") return token.slice(0, i) + token.slice(i + 1);
  if (op === "insert") return token.slice(0, i) + ch + token.slice(i);
  return token.slice(0, i);
}
/** Strings shaped like tokens (payload.mac in the alphabet) and anything else. */
const junkToken = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.tuple(fc.string({ unit: fc.constantFrom(...B64URL), minLength: 2, maxLength: 60 }), fc.string({ unit: fc.constantFrom(...B64URL), minLength: 22, maxLength: 22 })).map(([p, m]) => `${p}.${m}`),
);

describe("fuzz: tracking link tokens", () => {
  it("signToken → verifyToken gives the claims back; another key refuses it", async () => {
    await fc.assert(
      fc.asyncProperty(claims, async (c) => {
        const token = await signToken(key, c);
        expect(await verifyToken(key, token)).toEqual(c);
        expect(await verifyToken(otherKey, token)).toBeNull();
      }),
      { numRuns: TOKEN_RUNS },
    );
  });

  it("any single edit of a valid token is refused, without throwing", async () => {
    await fc.assert(
      fc.asyncProperty(claims, edit, async (c, e) => {
        const token = await signToken(key, c);
        const forged = applyEdit(token, e);
        fc.pre(forged !== token);
        expect(await verifyToken(key, forged)).toBeNull();
      }),
      { numRuns: TOKEN_RUNS },
    );
  });

  it("made-up tokens never verify as a link, an export or a public campaign", async () => {
    await fc.assert(
      fc.asyncProperty(junkToken, async (t) => {
        expect(await verifyToken(key, t)).toBeNull();
        expect(await verifyExportToken(key, t, 0)).toEqual({ ok: false, reason: "invalid" });
        expect(await verifyCampaignToken(key, t)).toBeNull();
      }),
      { numRuns: TOKEN_RUNS },
    );
  });
});

describe("fuzz: export download and public campaign tokens", () => {
  it("export tokens round-trip with the expiry to the second; expired after it; edits refused", async () => {
    await fc.assert(
      fc.asyncProperty(exportId, fc.integer({ min: 1, max: 4_102_444_800_000 }), edit, async (id, expiresAt, e) => {
        const token = await signExportToken(key, id, expiresAt);
        const at = Math.floor(expiresAt / 1000) * 1000;
        expect(await verifyExportToken(key, token, at - 1)).toEqual({ ok: true, exportId: id, expiresAt: at });
        expect(await verifyExportToken(key, token, at)).toEqual({ ok: false, reason: "expired" });
        expect(await verifyExportToken(otherKey, token, 0)).toEqual({ ok: false, reason: "invalid" });
        const forged = applyEdit(token, e);
        if (forged !== token) expect(await verifyExportToken(key, forged, 0)).toEqual({ ok: false, reason: "invalid" });
      }),
      { numRuns: TOKEN_RUNS },
    );
  });

  it("public campaign tokens round-trip; edits and other keys are refused", async () => {
    await fc.assert(
      fc.asyncProperty(campaignId, edit, async (id, e) => {
        const token = await signCampaignToken(key, id);
        expect(await verifyCampaignToken(key, token)).toBe(id);
        expect(await verifyCampaignToken(otherKey, token)).toBeNull();
        const forged = applyEdit(token, e);
        if (forged !== token) expect(await verifyCampaignToken(key, forged)).toBeNull();
      }),
      { numRuns: TOKEN_RUNS },
    );
  });

  it("a token of one kind is never accepted as another kind", async () => {
    await fc.assert(
      fc.asyncProperty(claims, exportId, campaignId, async (c, eid, cid) => {
        const link = await signToken(key, c);
        const exp = await signExportToken(key, eid, 4_102_444_800_000);
        const pub = await signCampaignToken(key, cid);
        expect(await verifyExportToken(key, link, 0)).toEqual({ ok: false, reason: "invalid" });
        expect(await verifyCampaignToken(key, link)).toBeNull();
        expect(await verifyToken(key, exp)).toBeNull();
        expect(await verifyCampaignToken(key, exp)).toBeNull();
        expect(await verifyToken(key, pub)).toBeNull();
        expect(await verifyExportToken(key, pub, 0)).toEqual({ ok: false, reason: "invalid" });
      }),
      { numRuns: TOKEN_RUNS },
    );
  });
});

describe("fuzz: VERP return paths and Message-IDs", () => {
  it("decodeVerp and ourMessageId never throw on any address", () => {
    const address = fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^<?b-[0-9a-zA-Z-]{8}-[0-9a-zA-Z]{1,12}-[0-9a-fA-F]{12}@r\.pe>?$/), fc.stringMatching(/^<?[0-9a-f-]{36}\.\d{1,16}\.[0-9a-z]{1,8}@x\.pe>?$/));
    fc.assert(
      fc.property(address, (a) => {
        const v = decodeVerp(a);
        if (v !== null) expect(Number.isSafeInteger(v.contactId) && v.contactId > 0).toBe(true);
        const m = ourMessageId(a);
        if (m !== null) expect(Number.isSafeInteger(m.contactId)).toBe(true);
      }),
      { numRuns: TOKEN_RUNS },
    );
  });

  it("a VERP verifies only with its own MAC: any other MAC of the same shape is refused", async () => {
    const uuid = fc.uuid();
    await fc.assert(
      fc.asyncProperty(uuid, fc.integer({ min: 1, max: 2 ** 40 }), fc.stringMatching(/^[0-9a-f]{12}$/), async (cid, contactId, otherMac) => {
        const mac = await verpMac(key, cid, contactId);
        const v = decodeVerp(`b-${cid.slice(0, 8)}-${contactId.toString(36)}-${mac}@rebotes.pe`);
        expect(v).not.toBeNull();
        expect(await verifyVerp(key, v!, cid)).toBe(true);
        expect(await verifyVerp(key, { ...v!, mac: otherMac }, cid)).toBe(otherMac === mac);
      }),
      { numRuns: TOKEN_RUNS },
    );
  });
});
