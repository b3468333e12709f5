// Relay webhooks (/hooks/email/:provider): SES through SNS, SendGrid, Mailgun and Postmark,
// with good and bad signatures, malformed payloads, and the D1 state they leave.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createHooks } from "../../workers/hooks/index";
import { snsStringToSign, type SnsMessage } from "../../shared/bounces/sns";
import { fromBase64 } from "../../shared/bounces/signatures";
import { seedSent, stateOf, withEventsSpy } from "./bounce-helpers";
import { SNS_CERT, SNS_KEY } from "./sns-test-cert";

const CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";
const b64 = (b: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(b)));
const visited: string[] = [];
const hooks = createHooks({
  snsFetch: async (url) => {
    visited.push(url);
    return url === CERT_URL ? new Response(SNS_CERT) : new Response("ok");
  },
});

async function signedSns(fields: Omit<SnsMessage, "Signature" | "SignatureVersion" | "SigningCertURL" | "MessageId" | "Timestamp" | "TopicArn">) {
  const m = { MessageId: crypto.randomUUID(), Timestamp: new Date().toISOString(), TopicArn: "arn:aws:sns:us-east-1:123456789012:ses-bounces", SignatureVersion: "2", SigningCertURL: CERT_URL, Signature: "", ...fields } as SnsMessage;
  const key = await crypto.subtle.importKey("pkcs8", fromBase64(SNS_KEY.replace(/-----[A-Z ]+-----/g, "")), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  m.Signature = b64(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(snsStringToSign(m))));
  return m;
}

const post = (env: Env, provider: string, body: unknown, headers: Record<string, string> = {}) =>
  hooks.request(`/email/${provider}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) }, env);

describe("SES through SNS", () => {
  it("a signed permanent bounce suppresses; a tampered one is 401; a subscription is confirmed", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy();
    const message = JSON.stringify({ notificationType: "Bounce", bounce: { bounceType: "Permanent", bouncedRecipients: [{ emailAddress: s.email, status: "5.1.1", diagnosticCode: "smtp; 550 5.1.1 user unknown" }] }, mail: { commonHeaders: { messageId: s.messageId } } });
    const good = await signedSns({ Type: "Notification", Message: message });
    const tampered = { ...good, Message: message.replace("Permanent", "Transient") };
    const res = await post(env, "ses", tampered);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "bad_signature", message: "Signature does not verify" } });
    expect((await stateOf(s)).suppression).toBeNull();
    expect((await post(env, "ses", { ...good, SigningCertURL: "https://evil.example/cert.pem" })).status).toBe(401);
    expect(await (await post(env, "ses", good)).json()).toEqual({ ok: true, recorded: 1 });
    expect(await stateOf(s)).toMatchObject({ delivery: { status: "bounced" }, suppression: "hard_bounce", contact: { email_status: "bounced" } });
    expect(sent.map((e) => [e.kind, e.source, e.status])).toEqual([["bounce_hard", "ses", "5.1.1"]]);
    const sub = await signedSns({ Type: "SubscriptionConfirmation", Message: "confirm", SubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t", Token: "t" });
    expect(await (await post(env, "ses", sub)).json()).toEqual({ ok: true, confirmed: true });
    expect(visited).toContain("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t");
  });

  it("malformed payloads are 400", async () => {
    const { env } = withEventsSpy();
    expect((await post(env, "ses", "{not json")).status).toBe(400);
    expect((await post(env, "ses", { Type: "Notification" })).status).toBe(400);
    const notSes = await signedSns({ Type: "Notification", Message: "[1,2]" });
    expect((await post(env, "ses", notSes)).status).toBe(400);
  });
});

describe("SendGrid", () => {
  it("verifies the ECDSA signature and records a spam report", async () => {
    const s = await seedSent();
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const { env, sent } = withEventsSpy({ SENDGRID_WEBHOOK_PUBLIC_KEY: b64((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer) });
    const body = JSON.stringify([{ event: "spamreport", email: s.email, "smtp-id": s.messageId }, { event: "open", email: s.email }]);
    const ts = String(Math.floor(Date.now() / 1000));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pair.privateKey, new TextEncoder().encode(ts + body)));
    const int = (v: Uint8Array) => { let x = [...v]; while (x.length > 1 && x[0] === 0 && x[1]! < 0x80) x = x.slice(1); if (x[0]! >= 0x80) x = [0, ...x]; return [0x02, x.length, ...x]; };
    const der = [...int(raw.slice(0, 32)), ...int(raw.slice(32))];
    const sig = b64(new Uint8Array([0x30, der.length, ...der]));
    const headers = { "x-twilio-email-event-webhook-signature": sig, "x-twilio-email-event-webhook-timestamp": ts };
    expect((await post(env, "sendgrid", body.replace("spamreport", "delivered"), headers)).status).toBe(401);
    expect((await post(env, "sendgrid", body, { ...headers, "x-twilio-email-event-webhook-timestamp": "1" })).status).toBe(401);
    expect(await (await post(env, "sendgrid", body, headers)).json()).toEqual({ ok: true, recorded: 1 });
    expect(await stateOf(s)).toMatchObject({ suppression: "complaint", contact: { email_status: "complained" } });
    expect(sent.map((e) => e.id)).toEqual([`complaint:${s.campaignId}:${s.contactId}`]);
  });
});

describe("Mailgun", () => {
  const sign = async (key: string, timestamp: string, token: string) => {
    const k = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return [...new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(timestamp + token)))].map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  it("verifies the HMAC and records a permanent failure once", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy({ MAILGUN_WEBHOOK_SIGNING_KEY: "mg-key" });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const event = { event: "failed", severity: "permanent", recipient: s.email, "delivery-status": { code: 550, message: "5.1.1 user unknown" }, message: { headers: { "message-id": s.messageId.slice(1, -1) } } };
    const body = { signature: { timestamp, token: "tok", signature: await sign("mg-key", timestamp, "tok") }, "event-data": event };
    expect((await post(env, "mailgun", { ...body, signature: { ...body.signature, signature: await sign("other", timestamp, "tok") } })).status).toBe(401);
    expect((await post(env, "mailgun", { "event-data": event })).status).toBe(401);
    expect((await post(env, "mailgun", { ...body, "event-data": { event: "failed" } })).status).toBe(400);
    await post(env, "mailgun", body);
    await post(env, "mailgun", body);
    expect(await stateOf(s)).toMatchObject({ delivery: { status: "bounced" }, suppression: "hard_bounce", campaign: { sent: 0, failed: 1 } });
    expect(sent.map((e) => [e.id, e.status])).toEqual([[`bounce_hard:${s.campaignId}:${s.contactId}`, "5.1.1"], [`bounce_hard:${s.campaignId}:${s.contactId}`, "5.1.1"]]);
  });
});

describe("Postmark", () => {
  it("checks basic auth and finds the delivery by address", async () => {
    const s = await seedSent();
    const { env, sent } = withEventsSpy({ POSTMARK_WEBHOOK_AUTH: "pm:secret" });
    const body = { RecordType: "Bounce", Type: "SoftBounce", Email: s.email, Details: "452 4.2.2 mailbox full" };
    expect((await post(env, "postmark", body, { authorization: `Basic ${btoa("pm:wrong")}` })).status).toBe(401);
    expect((await post(env, "postmark", body)).status).toBe(401);
    expect((await post(env, "postmark", { RecordType: 3 }, { authorization: `Basic ${btoa("pm:secret")}` })).status).toBe(400);
    expect(await (await post(env, "postmark", body, { authorization: `Basic ${btoa("pm:secret")}` })).json()).toEqual({ ok: true, recorded: 1 });
    expect(await stateOf(s)).toMatchObject({ delivery: { status: "sent", code: 450 }, suppression: null });
    expect(sent.map((e) => [e.kind, e.status, e.source])).toEqual([["bounce_soft", "4.2.2", "postmark"]]);
  });
});

describe("through the Worker", () => {
  it("an unknown provider, or one without its secret, is a 404 JSON error", async () => {
    for (const p of ["nope", "mailgun"]) {
      const res = await SELF.fetch(`http://pregon.test/hooks/email/${p}`, { method: "POST", body: "{}" });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such webhook" } });
    }
  });
});
