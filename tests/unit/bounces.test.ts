// Bounce mail parsing (shared/bounces): DSN and ARF fixtures from several MTAs, classification, VERP.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBounceMail } from "../../shared/bounces/report";
import { classify, statusFromText } from "../../shared/bounces/status";
import { decodeVerp, ourMessageId, verifyVerp, verpMac } from "../../shared/bounces/verp";

const dir = path.resolve(import.meta.dirname, "../fixtures/bounces");
const fixture = (name: string) => fs.readFileSync(path.join(dir, name));
const CID = "3f2a9c1d-5b7e-4c1a-9d2f-8e6b4a1c0d3e";
const MSGID = `<${CID}.42.mhb3k2x1@rebotes.empresa.pe>`;
const VERP = "b-3f2a9c1d-16-0a1b2c3d4e5f@rebotes.empresa.pe";

async function parsed(name: string) {
  const r = await parseBounceMail(fixture(name));
  if (!r.ok) throw new Error(r.error);
  return r.feedback;
}

describe("DSN fixtures", () => {
  it.each([
    ["postfix-user-unknown.eml", "hard", "ana@example.net", "5.1.1", /User unknown in virtual mailbox table/],
    ["postfix-delayed.eml", "soft", "ana@example.net", "4.4.1", /Connection timed out/],
    ["exim-user-unknown.eml", "hard", "beto@example.org", "5.1.1", /550 5\.1\.1 <beto@example.org>/],
    ["exchange-recipient-not-found.eml", "hard", "carla@contoso.com", "5.1.10", /RESOLVER\.ADR\.RecipientNotFound/],
    ["gmail-mailbox-full.eml", "soft", "diana@gmail.com", "5.2.2", /out of storage space/],
    ["yahoo-failure-notice.eml", "hard", "elena@yahoo.com", "5.1.1", /doesn't have a yahoo.com account/],
  ])("%s → %s bounce of %s (%s)", async (name, kind, email, status, detail) => {
    const [f, ...rest] = await parsed(name);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind, email, status, source: "dsn" });
    expect(f!.detail).toMatch(detail);
    expect(f!.detail.length).toBeLessThanOrEqual(300);
    expect(f!.clues).toEqual({ verp: VERP, messageId: MSGID, campaignId: CID });
  });

  it("an auto-reply is not a bounce", async () => {
    expect(await parsed("auto-reply.eml")).toEqual([]);
  });

  it("a multi-recipient DSN yields one feedback per failed recipient, skipping delivered ones", async () => {
    const raw = [
      "From: MAILER-DAEMON@mx.example.net", "Subject: Undelivered Mail", "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', "",
      "--b", "Content-Type: text/plain", "", "See below.", "",
      "--b", "Content-Type: message/delivery-status", "",
      "Reporting-MTA: dns; mx.example.net", "",
      "Final-Recipient: rfc822; a@example.net", "Action: failed", "Status: 5.0.0", "Diagnostic-Code: smtp; 550 5.1.2 bad domain", "",
      "Final-Recipient: rfc822; b@example.net", "Action: delivered", "Status: 2.0.0", "",
      "Final-Recipient: rfc822; c@example.net", "Action: failed", "Status: 4.2.2", "",
      "--b--", "",
    ].join("\r\n");
    const r = await parseBounceMail(raw);
    expect(r.ok && r.feedback.map((f) => [f.email, f.kind, f.status])).toEqual([
      ["a@example.net", "hard", "5.1.2"],
      ["c@example.net", "soft", "4.2.2"],
    ]);
  });
});

describe("ARF fixtures", () => {
  it.each([
    ["yahoo-arf-abuse.eml", "fiorella@yahoo.com", /Yahoo!-Mail-Feedback/],
    ["aol-arf-redacted.eml", null, /AOL SComp/],
    ["outlook-jmrp.eml", "hugo@outlook.com", /Junk Mail Reporting Program/],
  ])("%s → complaint of %s", async (name, email, detail) => {
    const [f, ...rest] = await parsed(name);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: "complaint", email, status: "abuse", source: "arf" });
    expect(f!.detail).toMatch(detail);
    expect(f!.clues).toEqual({ verp: VERP, messageId: MSGID, campaignId: CID });
  });

  it("a not-spam report is no complaint", async () => {
    const raw = fixture("outlook-jmrp.eml").toString().replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
    expect(await parseBounceMail(raw)).toEqual({ ok: true, feedback: [] });
  });
});

describe("malformed mail", () => {
  it("a feedback report without its report part is an error, not a throw", async () => {
    expect(await parseBounceMail(fixture("malformed-report.eml"))).toEqual({ ok: false, error: "feedback report without its message/feedback-report part" });
  });
  it("binary garbage and empty input are errors or no feedback, never throws", async () => {
    for (const raw of [new Uint8Array([0, 255, 1, 2, 3]), "", "\r\n\r\n--x--"]) {
      const r = await parseBounceMail(raw);
      expect(r.ok ? r.feedback : []).toEqual([]);
    }
  });
  it("a bounce-looking message without any status is an error", async () => {
    const r = await parseBounceMail("From: MAILER-DAEMON@x.pe\r\nSubject: failure notice\r\n\r\nSomething happened.\r\n");
    expect(r).toEqual({ ok: false, error: "bounce without a recognisable status" });
  });
});

describe("classification", () => {
  it.each([
    ["5.1.1", null, "hard"], ["5.1.10", "failed", "hard"], ["5.4.4", null, "hard"], ["4.2.2", null, "soft"], ["4.4.7", "failed", "soft"],
    ["5.2.2", null, "soft"], ["5.3.4", null, "soft"], ["5.7.1", null, "soft"], ["5.1.1", "delayed", "soft"], ["2.0.0", "delivered", null], ["5.1.1", "relayed", null],
  ] as const)("%s (%s) → %s", (status, action, kind) => {
    expect(classify(status, action)).toBe(kind);
  });
  it.each([
    ["smtp; 550-5.1.1 The email account that you tried to reach does not exist", "5.1.1"],
    ["554: delivery error: dd This user doesn't have a yahoo.com account", "5.1.1"],
    ["Mailbox is full / over quota", "4.2.2"],
    ["421 Service not available", "4.0.0"],
    ["message delayed, will retry", "4.0.0"],
    ["250 2.0.0 OK", null],
    ["nothing useful", null],
  ])("statusFromText(%j) → %s", (text, status) => {
    expect(statusFromText(text)).toBe(status);
  });
});

describe("VERP", () => {
  const key = () => crypto.subtle.importKey("raw", new TextEncoder().encode("test-link-secret"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  it("round-trips the address the sender builds and refuses a forged MAC, contact or campaign", async () => {
    const k = await key();
    const mac = await verpMac(k, CID, 42);
    const verp = decodeVerp(`<b-3f2a9c1d-16-${mac}@rebotes.empresa.pe>`)!;
    expect(verp).toEqual({ campaignPrefix: "3f2a9c1d", contactId: 42, mac });
    expect(await verifyVerp(k, verp, CID)).toBe(true);
    expect(await verifyVerp(k, { ...verp, mac: "000000000000" }, CID)).toBe(false);
    expect(await verifyVerp(k, { ...verp, contactId: 43 }, CID)).toBe(false);
    expect(await verifyVerp(k, verp, "3f2a9c1d-0000-4000-8000-000000000000")).toBe(false);
  });
  it("decodes only VERP-shaped addresses", () => {
    for (const a of ["ana@example.net", "b-3f2a9c1d-16-xyz@x.pe", "b-3f2a9c1d-0-0a1b2c3d4e5f@x.pe", "", null]) expect(decodeVerp(a)).toBeNull();
  });
  it("reads campaign and contact from our Message-ID only", () => {
    expect(ourMessageId(MSGID)).toEqual({ campaignId: CID, contactId: 42 });
    expect(ourMessageId("<65a1b2c3.GMR@mx.google.com>")).toBeNull();
  });
});
