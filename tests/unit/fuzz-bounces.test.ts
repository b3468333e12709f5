// Generated cases in this file: 7 properties × BOUNCE_RUNS (500) = 3,500 per run.
/**
 * Property-based fuzzing (fast-check) of what arrives at the bounce address and the relay
 * webhooks: whole messages (report.ts parseBounceMail, through postal-mime), RFC 3464 delivery
 * reports (dsn.ts), ARF complaints (arf.ts), relay event bodies (relays.ts) and SNS envelopes
 * and signatures (sns.ts). Nothing may throw; results keep the documented shapes: feedback with
 * a known kind, a status and a detail of at most 300 characters, or { ok: false, error }.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readArf } from "../../shared/bounces/arf";
import { readDsn } from "../../shared/bounces/dsn";
import { fieldGroups } from "../../shared/bounces/fields";
import { readMailgun, readPostmark, readSendgrid, readSes } from "../../shared/bounces/relays";
import { parseBounceMail, type ParsedBounce } from "../../shared/bounces/report";
import { isSnsUrl, snsMessage, snsStringToSign, verifySns } from "../../shared/bounces/sns";
import { NO_CLUES, type Feedback } from "../../shared/bounces/types";

/** Runs per property; docs/reliability.md quotes it. */
export const BOUNCE_RUNS = 500;

const KINDS = ["hard", "soft", "complaint"];
const SOURCES = ["dsn", "arf", "ses", "sendgrid", "mailgun", "postmark"];

function checkFeedback(f: Feedback): void {
  expect(KINDS).toContain(f.kind);
  expect(SOURCES).toContain(f.source);
  expect(typeof f.status).toBe("string");
  expect(f.detail.length).toBeLessThanOrEqual(300);
  if (f.email !== null) expect(f.email).toBe(f.email.toLowerCase());
  // Our own reading of a report always yields an enhanced status; relays' statuses pass through as sent.
  if (f.source === "dsn") expect(f.status).toMatch(/^[45]\.\d{1,3}\.\d{1,3}$/);
  if (f.source === "arf") expect(f.status).toMatch(/\S/);
}

function checkParsed(r: ParsedBounce): void {
  if (!r.ok) {
    expect(r.error).toMatch(/\S/);
    return;
  }
  r.feedback.forEach(checkFeedback);
}

/** Header and field text: words a report uses, codes, addresses, separators and anything else. */
const word = fc.oneof(
  fc.constantFrom("failed", "delayed", "delivered", "5.1.1", "4.2.2", "5.0.0", "2.0.0", "550", "452", "rfc822;", "a@b.pe", "<X@Y.PE>", "b-1-2-3@r.pe", ":", ";", "\r\n", "\n", " ", "\t", "=?utf-8?B?w6E=?=", "--b", "abuse", "not-spam"),
  fc.string({ maxLength: 12 }),
);
const text = fc.array(word, { maxLength: 12 }).map((w) => w.join(""));

/** A multipart/report message whose parts are generated: mostly valid shape, junk inside. */
const reportMail = fc
  .record({
    reportType: fc.constantFrom("delivery-status", "feedback-report", "disposition-notification", ""),
    partType: fc.constantFrom("message/delivery-status", "message/feedback-report", "message/global-delivery-status", "text/plain"),
    from: fc.oneof(fc.constantFrom("MAILER-DAEMON@mx.pe", "postmaster@x.pe", "ana@x.pe"), text),
    subject: fc.oneof(fc.constantFrom("Undelivered Mail Returned to Sender", "failure notice", "Hola"), text),
    human: text,
    groups: fc.array(fc.array(fc.tuple(fc.constantFrom("Final-Recipient", "Original-Recipient", "Action", "Status", "Diagnostic-Code", "Feedback-Type", "Original-Rcpt-To", "User-Agent", "X-Junk"), text), { maxLength: 5 }), { maxLength: 4 }),
    original: fc.option(text, { nil: null }),
    eol: fc.constantFrom("\r\n", "\n"),
  })
  .map((m) => {
    const body = m.groups.map((g) => g.map(([k, v]) => `${k}: ${v}`).join(m.eol)).join(m.eol + m.eol);
    return [
      `From: ${m.from}`, `Subject: ${m.subject}`, "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=${m.reportType}; boundary="b"`, "",
      "--b", "Content-Type: text/plain; charset=utf-8", "", m.human, "",
      "--b", `Content-Type: ${m.partType}`, "", body, "",
      ...(m.original === null ? [] : ["--b", "Content-Type: text/rfc822-headers", "", m.original, ""]),
      "--b--", "",
    ].join(m.eol);
  });

describe("fuzz: bounce mail", () => {
  it("parseBounceMail never throws on arbitrary bytes or text", async () => {
    const raw = fc.oneof(fc.uint8Array({ maxLength: 400 }), text, fc.string({ maxLength: 400 }));
    await fc.assert(
      fc.asyncProperty(raw, async (r) => checkParsed(await parseBounceMail(r))),
      { numRuns: BOUNCE_RUNS },
    );
  });

  it("parseBounceMail keeps the result shape for generated multipart/report messages", async () => {
    await fc.assert(
      fc.asyncProperty(reportMail, async (mail) => checkParsed(await parseBounceMail(mail))),
      { numRuns: BOUNCE_RUNS },
    );
  });

  it("readDsn gives at most one feedback per recipient group, with the group's recipient", () => {
    fc.assert(
      fc.property(text, text, text, text, (block, human, subject, from) => {
        const groups = fieldGroups(block);
        const r = readDsn({ groups, human, subject, from, clues: NO_CLUES });
        checkParsed(r);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.feedback.length).toBeLessThanOrEqual(groups.filter((g) => g.has("final-recipient") || g.has("original-recipient")).length);
        checkParsed(readDsn({ groups: null, human, subject, from, clues: NO_CLUES }));
      }),
      { numRuns: BOUNCE_RUNS },
    );
  });

  it("readArf: a complaint exactly for abuse, fraud, virus and other; an error without Feedback-Type", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom("abuse", "Fraud ", "virus", "other", "not-spam", "auth-failure", ""), fc.string({ maxLength: 10 })), text, (type, rest) => {
        const r = readArf(fieldGroups(`Feedback-Type: ${type}\nX-Rest: ${rest}`), NO_CLUES);
        checkParsed(r);
        const t = type.trim().toLowerCase();
        if (t === "") expect(r.ok).toBe(false);
        else if (["abuse", "fraud", "virus", "other"].includes(t)) expect(r.ok && r.feedback.map((f) => f.status)).toEqual([t]);
        else if (r.ok) expect(r.feedback).toEqual([]);
      }),
      { numRuns: BOUNCE_RUNS },
    );
  });
});

describe("fuzz: relay webhooks and SNS", () => {
  it("relay readers answer Feedback[] or null for any JSON body", () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ notificationType: fc.constantFrom("Bounce", "Complaint", "Delivery"), bounce: fc.record({ bounceType: fc.string(), bouncedRecipients: fc.array(fc.record({ emailAddress: text, status: fc.option(text, { nil: undefined }), diagnosticCode: fc.option(text, { nil: undefined }) })) }), complaint: fc.record({ complainedRecipients: fc.array(fc.record({ emailAddress: text })), complaintFeedbackType: fc.option(text, { nil: undefined }) }) }),
      fc.array(fc.record({ event: fc.constantFrom("bounce", "deferred", "spamreport", "open"), email: text, status: fc.option(text, { nil: undefined }), reason: fc.option(text, { nil: undefined }), type: fc.option(fc.constantFrom("blocked", "bounce"), { nil: undefined }) })),
      fc.record({ "event-data": fc.record({ event: fc.constantFrom("failed", "complained", "delivered"), severity: fc.option(fc.constantFrom("permanent", "temporary"), { nil: undefined }), recipient: text, "delivery-status": fc.record({ code: fc.option(fc.integer(), { nil: undefined }), message: fc.option(text, { nil: undefined }) }) }) }),
      fc.record({ RecordType: fc.constantFrom("Bounce", "SpamComplaint", "Delivery"), Type: fc.option(fc.constantFrom("HardBounce", "SoftBounce", "Unknown", "SpamNotification"), { nil: undefined }), Email: text, Details: fc.option(text, { nil: undefined }) }),
    );
    fc.assert(
      fc.property(body, (b) => {
        for (const read of [readSes, readSendgrid, readMailgun, readPostmark]) {
          const r = read(b);
          if (r !== null) r.forEach(checkFeedback);
        }
      }),
      { numRuns: BOUNCE_RUNS },
    );
  });

  it("SNS: any body validates or not without throwing; a forged signature or certificate never verifies", async () => {
    const message = fc.record({
      Type: fc.constantFrom("Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation"),
      MessageId: fc.string(), TopicArn: fc.string(), Message: text, Timestamp: fc.string(),
      SignatureVersion: fc.constantFrom("1", "2"),
      Signature: fc.oneof(fc.string(), fc.base64String()),
      SigningCertURL: fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom("https://sns.us-east-1.amazonaws.com/c.pem")),
      Subject: fc.option(fc.string(), { nil: undefined }),
    });
    const pem = fc.oneof(fc.string(), fc.base64String({ maxLength: 400 }), fc.uint8Array({ maxLength: 200 }).map((b) => `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...b))}\n-----END CERTIFICATE-----`));
    await fc.assert(
      fc.asyncProperty(fc.oneof(message, fc.jsonValue()), pem, async (body, cert) => {
        const p = snsMessage.safeParse(body);
        if (!p.success) return;
        expect(typeof snsStringToSign(p.data)).toBe("string");
        expect(typeof isSnsUrl(p.data.SigningCertURL)).toBe("boolean");
        expect(await verifySns(p.data, cert)).toBe(false);
      }),
      { numRuns: BOUNCE_RUNS },
    );
  });

  it("isSnsUrl accepts only https SNS hosts", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string()), (url) => {
        if (isSnsUrl(url)) {
          const u = new URL(url);
          expect(u.protocol).toBe("https:");
          expect(u.hostname).toMatch(/^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/);
        }
      }),
      { numRuns: BOUNCE_RUNS },
    );
  });
});
