// Generated cases in this file: 9 properties × SMS_RUNS (500) = 4,500 per run.
/**
 * Property-based fuzzing (fast-check) of what SMS providers and keyword webhooks send us:
 * delivery receipts (receipt.ts, kannel.ts, jasmin.ts, http-json.ts), incoming messages
 * (inbound.ts), keyword classification (keywords.ts) and the keyword webhook signature
 * (keyword-webhook.ts). No input may throw; a refusal is { ok: false, field, reason }; what
 * we build (dlr-url, MO query, signed header) parses back to what we put in; a changed
 * signature, body or time never verifies.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonReceipt } from "../../shared/sms/http-json";
import { MAX_INBOUND_TEXT, parseJasminMo, parseJsonMo, parseKannelMo, senderNumber, type InboundParse } from "../../shared/sms/inbound";
import { parseJasminDlr } from "../../shared/sms/jasmin";
import { kannelDlrUrl, parseKannelDlr } from "../../shared/sms/kannel";
import { signWebhook, verifyWebhook } from "../../shared/sms/keyword-webhook";
import { classifyInbound, keywordProblem, normaliseKeyword, OPT_OUT_KEYWORDS, OPT_OUT_PHRASES, optOutKeyword, wordsOf } from "../../shared/sms/keywords";
import { CALLBACK_ID, meaningfulError, parseSmppReceiptText, statusFromStat, type ReceiptParse } from "../../shared/sms/receipt";

/** Runs per property; docs/reliability.md quotes it. */
export const SMS_RUNS = 500;

const STATUSES = ["accepted", "buffered", "delivered", "failed", "rejected", "expired"];

function checkReceipt(r: ReceiptParse): void {
  if (!r.ok) {
    expect(r.field).toMatch(/\S/);
    expect(r.reason).toMatch(/\S/);
    return;
  }
  expect(r.receipt.messageId).toMatch(CALLBACK_ID);
  expect(Number.isInteger(r.receipt.part) && r.receipt.part >= 0 && r.receipt.part <= 255).toBe(true);
  expect(STATUSES).toContain(r.receipt.status);
  if (r.receipt.at !== null) expect(Number.isSafeInteger(r.receipt.at)).toBe(true);
}

function checkInbound(r: InboundParse): void {
  if (!r.ok) {
    expect(r.field).toMatch(/\S/);
    expect(r.reason).toMatch(/\S/);
    return;
  }
  expect(r.sms.from).toMatch(/^\+\d{6,15}$/);
  expect(r.sms.text.trim()).not.toBe("");
  expect(r.sms.text.length).toBeLessThanOrEqual(MAX_INBOUND_TEXT);
  for (const v of [r.sms.to, r.sms.providerId, r.sms.providerTs]) if (v !== null) expect(v.length).toBeLessThanOrEqual(64);
}

/** Query-ish text: names we read, escapes (valid and broken), separators and anything else. */
const queryText = fc
  .array(fc.oneof(fc.constantFrom("msg=", "part=", "type=", "reply=", "fid=", "ts=", "from=", "to=", "text=", "charset=", "coding=", "&", "=", "%", "%2", "%zz", "%FF", "%C3%A1", "+", "1", "34", "256", "m_1", "51987654321", "UTF-16BE", "WINDOWS-1252", "stat:DELIVRD", "err:000", "id:7"), fc.string({ maxLength: 6 })), { maxLength: 16 })
  .map((w) => w.join(""));
const peMobile = fc.integer({ min: 900_000_000, max: 999_999_999 }).map(String);

describe("fuzz: SMS delivery receipts", () => {
  it("Kannel, Jasmin and JSON receipt hooks never throw: a receipt or the field at fault", () => {
    fc.assert(
      fc.property(queryText, queryText, fc.jsonValue(), (q, form, body) => {
        const query = new URLSearchParams(q);
        checkReceipt(parseKannelDlr(query));
        checkReceipt(parseJasminDlr(query, new URLSearchParams(form)));
        checkReceipt(parseJsonReceipt(query, body));
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("the dlr-url we hand Kannel parses back to our message id and part, whatever Kannel fills in", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.integer({ min: 0, max: 255 }), fc.constantFrom("1", "2", "4", "8", "16", "34"), fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (msg, part, type, reply, fid) => {
        const url = kannelDlrUrl("https://p.pe/hooks/sms/kannel/c1?k=s", msg, part)
          .replace("%d", type).replace("%A", encodeURIComponent(reply)).replace("%F", encodeURIComponent(fid)).replace("%T", "1790000000");
        const r = parseKannelDlr(new URL(url).searchParams);
        checkReceipt(r);
        expect(r.ok && [r.receipt.messageId, r.receipt.part, r.receipt.at]).toEqual([msg, part, 1_790_000_000_000]);
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("SMPP receipt text, stat words and error codes never throw", () => {
    fc.assert(
      fc.property(queryText, fc.string(), (text, word) => {
        const f = parseSmppReceiptText(text);
        for (const v of [f.id, f.stat, f.err, f.doneDate]) if (v !== null) expect(v).not.toMatch(/\s/);
        const s = statusFromStat(word);
        if (s !== null) expect(STATUSES).toContain(s);
        const e = meaningfulError(word);
        if (e !== null) expect(e).not.toMatch(/^0*$/);
      }),
      { numRuns: SMS_RUNS },
    );
  });
});

describe("fuzz: incoming SMS (MO)", () => {
  it("Kannel, Jasmin and JSON MO payloads never throw: an SMS or the field at fault", () => {
    const json = fc.oneof(fc.jsonValue(), fc.record({ from: fc.oneof(fc.string(), peMobile, fc.integer()), text: fc.oneof(fc.string({ maxLength: 50 }), fc.constant(null)), id: fc.option(fc.oneof(fc.string(), fc.integer()), { nil: undefined }), to: fc.option(fc.string(), { nil: undefined }) }));
    fc.assert(
      fc.property(queryText, queryText, json, (raw, form, body) => {
        checkInbound(parseKannelMo(raw));
        checkInbound(parseJasminMo(new URLSearchParams(form)));
        checkInbound(parseJsonMo(body));
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("a Kannel MO query round-trips the text in UTF-8, UTF-16BE and Windows-1252", () => {
    /** Each UTF-16 code unit as two percent-escaped octets, big-endian. */
    const utf16 = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)).map((c) => `%${(c >> 8).toString(16).padStart(2, "0")}%${(c & 255).toString(16).padStart(2, "0")}`).join("");
    fc.assert(
      fc.property(peMobile, fc.string({ minLength: 1, maxLength: 300, unit: "grapheme" }), fc.constantFrom("UTF-8", "UTF-16BE", "WINDOWS-1252"), (from, anyText, charset) => {
        // Windows-1252 carries printable ASCII the same as UTF-8; the rest of the page differs.
        const text = charset === "WINDOWS-1252" ? anyText.replace(/[^\x20-\x7e]/g, "") : anyText;
        fc.pre(text.trim() !== "");
        const encoded = charset === "UTF-16BE" ? utf16(text) : encodeURIComponent(text);
        const r = parseKannelMo(`from=${from}&to=PREGON&text=${encoded}&charset=${charset}&ts=2026-11-29+15%3A04%3A05`);
        expect(r).toEqual({ ok: true, sms: { from: `+51${from}`, to: "PREGON", text, providerId: null, providerTs: "2026-11-29 15:04:05" } });
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("senderNumber answers E.164 or null for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), peMobile, fc.stringMatching(/^[+0( ]{0,3}[0-9 ().-]{4,20}$/)), (raw) => {
        const n = senderNumber(raw);
        if (n !== null) expect(n).toMatch(/^\+[1-9]\d{5,14}$/);
      }),
      { numRuns: SMS_RUNS },
    );
  });
});

describe("fuzz: keywords and the keyword webhook", () => {
  it("classifyInbound never throws; opt-outs are only the listed words and phrases", () => {
    const words = fc.array(fc.oneof(fc.constantFrom(...OPT_OUT_KEYWORDS, ...OPT_OUT_PHRASES, "báJa", "¡Stop!", "cita", "INFO", "de", "darme"), fc.string({ maxLength: 8 })), { maxLength: 5 }).chain((w) => fc.constantFrom(" ", ".", "\n", "").map((sep) => w.join(sep)));
    fc.assert(
      fc.property(words, fc.array(fc.record({ keyword: fc.string({ maxLength: 12 }), id: fc.nat() }), { maxLength: 4 }), (text, custom) => {
        const c = classifyInbound(text, custom);
        if (c.kind === "opt-out") expect([...OPT_OUT_KEYWORDS, ...OPT_OUT_PHRASES]).toContain(c.keyword);
        else if (c.kind === "keyword") expect(custom).toContain(c.match);
        else expect(c.firstWord).toBe(wordsOf(text)[0] ?? null);
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("a keyword keywordProblem accepts is stored normalised and matches a message that starts with it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 22 }), fc.stringMatching(/^[A-Za-zÁÉÍÓÚáéíóúÑñ0-9]{2,20}$/)), fc.string({ maxLength: 30 }), (keyword, rest) => {
        const stored = normaliseKeyword(keyword);
        expect(normaliseKeyword(stored)).toBe(stored);
        if (keywordProblem(keyword) !== null) return;
        expect(stored).toMatch(/^[A-Z0-9]{2,20}$/);
        // Opt-out wins over keywords by design: "de" + "baja" is an opt-out, not the keyword DE.
        fc.pre(optOutKeyword(`${keyword} ${rest}`) === null);
        const c = classifyInbound(`${keyword} ${rest}`, [{ keyword: stored }]);
        expect(c).toEqual({ kind: "keyword", keyword: stored, match: { keyword: stored } });
      }),
      { numRuns: SMS_RUNS },
    );
  });

  it("verifyWebhook accepts our own signature and nothing altered, and never throws on any header", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 80 }), fc.integer({ min: 0, max: 4_000_000_000 }), fc.string({ maxLength: 80 }), fc.nat(), async (secret, body, t, junk, flip) => {
        const header = await signWebhook(secret, body, t);
        expect(await verifyWebhook(secret, body, header, t + 10)).toBe(true);
        expect(await verifyWebhook(secret, body, header, t + 301)).toBe(false);
        expect(await verifyWebhook(secret, `${body} `, header, t)).toBe(false);
        expect(await verifyWebhook(`${secret}x`, body, header, t)).toBe(false);
        const i = flip % header.length;
        const mutated = header.slice(0, i) + (header[i] === "0" ? "1" : "0") + header.slice(i + 1);
        if (mutated !== header) expect(await verifyWebhook(secret, body, mutated, t)).toBe(false);
        expect(typeof (await verifyWebhook(secret, body, junk, t))).toBe("boolean");
      }),
      { numRuns: SMS_RUNS },
    );
  });
});
