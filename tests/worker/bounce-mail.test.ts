// The `email` handler: DSN and ARF reports at the VERP address change deliveries, suppressions
// and contacts, emit events once per delivery, and ignore forged or malformed mail.
import { describe, expect, it } from "vitest";
import { handleBounceMail } from "../../workers/bounces/inbound";
import { SOFT_BOUNCE_LIMIT } from "../../workers/bounces/apply";
import { dsn, inbound, seedSent, sendAgain, stateOf, withEventsSpy } from "./bounce-helpers";

describe("DSN at the VERP address", () => {
  it("a hard bounce marks the delivery, suppresses the address and the contact, once", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    await handleBounceMail(inbound(dsn(s, "5.1.1"), s.verp), env);
    await handleBounceMail(inbound(dsn(s, "5.1.1"), s.verp), env);
    const st = await stateOf(s);
    expect(st.delivery).toEqual({ status: "bounced", code: 550, detail: "dsn 5.1.1: smtp; 550 5.1.1 User unknown" });
    expect(st.suppression).toBe("hard_bounce");
    expect(st.contact).toEqual({ email_status: "bounced", verdict: "invalid", reasons: '["suppressed"]' });
    expect(st.campaign).toEqual({ sent: 0, failed: 1 });
    expect(sent.map((e) => e.id)).toEqual([`bounce_hard:${s.campaignId}:${s.contactId}`, `bounce_hard:${s.campaignId}:${s.contactId}`]);
    expect(sent[0]).toMatchObject({ kind: "bounce_hard", accountId: s.accountId, campaignId: s.campaignId, contactId: s.contactId, status: "5.1.1", source: "dsn" });
  });

  it(`soft bounces count once per campaign and suppress at ${SOFT_BOUNCE_LIMIT}`, async () => {
    const first = await seedSent();
    const { env, sent } = withEventsSpy();
    await handleBounceMail(inbound(dsn(first, "4.2.2", "failed", "smtp; 452 4.2.2 Mailbox full"), first.verp), env);
    await handleBounceMail(inbound(dsn(first, "4.4.1", "delayed", "X-Postfix; timed out"), first.verp), env);
    expect(await stateOf(first)).toMatchObject({ delivery: { status: "sent", code: 450 }, suppression: null, contact: { email_status: "subscribed" } });
    const second = await sendAgain(first);
    await handleBounceMail(inbound(dsn(second, "5.2.2"), second.verp), env);
    expect((await stateOf(second)).suppression).toBeNull();
    const third = await sendAgain(first);
    await handleBounceMail(inbound(dsn(third, "4.2.2"), third.verp), env);
    const st = await stateOf(third);
    expect(st.suppression).toBe("soft_bounce");
    expect(st.contact).toEqual({ email_status: "subscribed", verdict: "invalid", reasons: '["suppressed"]' });
    expect(st.delivery!.status).toBe("sent");
    expect(new Set(sent.map((e) => e.id)).size).toBe(3);
    expect(sent.every((e) => e.kind === "bounce_soft")).toBe(true);
  });

  it("a forged VERP (wrong MAC) changes nothing and emits nothing", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    const forged = s.verp.replace(/-[0-9a-f]{12}@/, "-000000000000@");
    await handleBounceMail(inbound(dsn({ ...s, verp: forged }, "5.1.1"), forged), env);
    expect(await stateOf(s)).toMatchObject({ delivery: { status: "sent" }, suppression: null, contact: { email_status: "subscribed" } });
    expect(sent).toEqual([]);
  });

  it("malformed mail is logged and ignored, never thrown", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    for (const raw of ["", "garbage\r\n\r\n--x", 'Content-Type: multipart/report; report-type=feedback-report; boundary="x"\r\n\r\n--x\r\n\r\nhi\r\n--x--']) {
      await expect(handleBounceMail(inbound(raw, s.verp), env)).resolves.toBeUndefined();
    }
    expect(sent).toEqual([]);
    expect((await stateOf(s)).delivery!.status).toBe("sent");
  });

  it("reads only the first bytes of a huge message", async () => {
    const s = await seedSent();
    const { env } = withEventsSpy();
    const raw = dsn(s, "5.1.1").replace("--B--", `--B\r\nContent-Type: message/rfc822\r\n\r\n${"x".repeat(2_000_000)}\r\n--B--`);
    await handleBounceMail(inbound(raw, s.verp), env);
    expect((await stateOf(s)).suppression).toBe("hard_bounce");
  });
});

describe("ARF complaints", () => {
  const arf = (s: { email: string; messageId: string; campaignId: string }, returnPath = "") =>
    [
      "From: feedback@arf.mail.yahoo.com", "To: fbl@empresa.pe", "Subject: FW: Hola", "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=feedback-report; boundary="F"', "",
      "--F", "Content-Type: text/plain", "", "This is an email abuse report.", "",
      "--F", "Content-Type: message/feedback-report", "", "Feedback-Type: abuse", "User-Agent: Yahoo!-Mail-Feedback/2.0", "Version: 1", `Original-Rcpt-To: ${s.email}`, "",
      "--F", "Content-Type: message/rfc822", "", ...(returnPath ? [`Return-Path: <${returnPath}>`] : []), "From: avisos@empresa.pe", `Message-ID: ${s.messageId}`, `X-Pregon-Campaign: ${s.campaignId}`, "", "Hola", "",
      "--F--", "",
    ].join("\r\n");

  it("a complaint found by the original Message-ID suppresses and marks the contact 'complained'", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    await handleBounceMail(inbound(arf(s), "fbl@empresa.pe", "feedback@arf.mail.yahoo.com"), env);
    await handleBounceMail(inbound(arf(s), "fbl@empresa.pe", "feedback@arf.mail.yahoo.com"), env);
    const st = await stateOf(s);
    expect(st.suppression).toBe("complaint");
    expect(st.contact).toEqual({ email_status: "complained", verdict: "invalid", reasons: '["suppressed"]' });
    expect(st.delivery!.status).toBe("sent");
    expect(sent.map((e) => [e.id, e.kind, e.status, e.source])).toEqual([
      [`complaint:${s.campaignId}:${s.contactId}`, "complaint", "abuse", "arf"],
      [`complaint:${s.campaignId}:${s.contactId}`, "complaint", "abuse", "arf"],
    ]);
  });

  it("a complaint naming a Message-ID we never stored is ignored", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    await handleBounceMail(inbound(arf({ ...s, messageId: `<${s.campaignId}.${s.contactId}.zzzz@rebotes.empresa.pe>` }), "fbl@empresa.pe"), env);
    expect(sent).toEqual([]);
    expect((await stateOf(s)).suppression).toBeNull();
  });

  it("a later hard bounce does not turn a complaint back into 'bounced'", async () => {
    const s = await seedSent();
    const { env } = withEventsSpy();
    await handleBounceMail(inbound(arf(s, s.verp), "fbl@empresa.pe"), env);
    await handleBounceMail(inbound(dsn(s, "5.1.1"), s.verp), env);
    expect(await stateOf(s)).toMatchObject({ delivery: { status: "bounced" }, suppression: "complaint", contact: { email_status: "complained" } });
  });
});
