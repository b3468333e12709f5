// Outgoing webhooks (B1), the pure parts: kind → event mapping, the retry schedule, the events
// list check, the create/update body schemas, and the signature a receiver verifies.
import { describe, expect, it } from "vitest";
import { eventsProblem, nextAttemptAt, RETRY_DELAYS_SECONDS, WEBHOOK_EVENTS, webhookEventOf } from "../../shared/webhooks/events";
import { CreateWebhookBody, UpdateWebhookBody } from "../../shared/api/schemas-webhooks";
import { hmacHex, signWebhook, verifyWebhook } from "../../shared/sms/keyword-webhook";

describe("webhookEventOf", () => {
  it.each([
    ["sent", null, "sent"],
    ["open", null, "opened"],
    ["open", "apple_mpp", null],
    ["click", null, "clicked"],
    ["click", "scanner_fast_click", null],
    ["bounce_hard", null, "bounced"],
    ["bounce_soft", null, "bounced"],
    ["rejected", null, "bounced"],
    ["unsubscribe", null, "unsubscribed"],
    ["sms_delivered", null, "sms_delivered"],
    ["view", null, null],
    ["complaint", null, null],
    ["sms_sent", null, null],
    ["sms_failed", null, null],
    ["sms_reply", null, null],
  ] as const)("%s (machine %s) → %s", (kind, machine, event) => {
    expect(webhookEventOf(kind, machine)).toBe(event);
  });

  it("never maps anything to email delivered (there is no such signal)", () => {
    const kinds = ["sent", "rejected", "open", "click", "view", "unsubscribe", "bounce_hard", "bounce_soft", "complaint", "sms_sent", "sms_delivered", "sms_failed", "sms_reply"] as const;
    expect(kinds.map((k) => webhookEventOf(k, null))).not.toContain("delivered");
  });
});

describe("nextAttemptAt", () => {
  it("retries at 1 min, 5 min, 30 min, 2 h, 6 h after each failure, then gives up", () => {
    const now = 1_790_000_000_000;
    expect([1, 2, 3, 4, 5].map((n) => (nextAttemptAt(n, now)! - now) / 1000)).toEqual([60, 300, 1800, 7200, 21600]);
    expect(nextAttemptAt(6, now)).toBeNull();
    expect(RETRY_DELAYS_SECONDS).toHaveLength(5);
  });
});

describe("eventsProblem and the body schemas", () => {
  it("accepts known events and names the problem otherwise", () => {
    expect(eventsProblem([...WEBHOOK_EVENTS])).toBeNull();
    expect(eventsProblem([])).toBe("must name at least one event");
    expect(eventsProblem(["opened", "paid"])).toMatch(/^unknown event "paid" \(known: sent, delivered/);
  });

  it("rejects a non-http(s) URL, an unknown event and an empty list, naming the field", () => {
    const issue = (body: unknown) => {
      const r = CreateWebhookBody.safeParse(body);
      return r.success ? null : { path: r.error.issues[0]!.path.join("."), message: r.error.issues[0]!.message };
    };
    expect(issue({ url: "https://hooks.example.pe/p", events: ["opened"] })).toBeNull();
    expect(issue({ url: "ftp://hooks.example.pe/p", events: ["opened"] })).toEqual({ path: "url", message: "must be an http(s) URL" });
    expect(issue({ url: "https://hooks.example.pe/p", events: ["abierto"] })?.path).toBe("events");
    expect(issue({ url: "https://hooks.example.pe/p", events: [] })).toEqual({ path: "events", message: "must name at least one event" });
    expect(UpdateWebhookBody.safeParse({ active: false }).success).toBe(true);
    expect(UpdateWebhookBody.safeParse({ events: [] }).success).toBe(false);
  });
});

describe("signature", () => {
  it("is t=<seconds>,v1=<hex HMAC-SHA256(secret, t.body)> and verifies only the exact body", async () => {
    const body = '{"id":"e1","event":"opened"}';
    const header = await signWebhook("whsec_test", body, 1_790_000_000);
    expect(header).toBe(`t=1790000000,v1=${await hmacHex("whsec_test", `1790000000.${body}`)}`);
    expect(header).toMatch(/^t=1790000000,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhook("whsec_test", body, header, 1_790_000_010)).toBe(true);
    expect(await verifyWebhook("whsec_test", body.replace("e1", "e2"), header, 1_790_000_010)).toBe(false);
    expect(await verifyWebhook("whsec_other", body, header, 1_790_000_010)).toBe(false);
    expect(await verifyWebhook("whsec_test", body, header, 1_790_001_000)).toBe(false);
  });
});
