/**
 * The events Queue's size limits are real in the local runtime: one message with a campaign
 * batch's 2,000 events is refused, and queueEvents puts the same events on the Queue packed.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { TrackEvent } from "../../shared/events/types";
import { queueEvents } from "../../workers/events/queue-events";

const events: TrackEvent[] = Array.from({ length: 2_000 }, (_, i) => ({ id: `sms_sent:qe_${i}`, kind: "sms_sent", accountId: "acc_qe", campaignId: "cmp_qe", contactId: i + 1, at: Date.now(), status: "movistar", detail: "1" }));

describe("queueEvents", () => {
  it("queues 2,000 events that one message could not carry", async () => {
    await expect(env.EVENTS.send({ type: "events", events })).rejects.toThrow();
    await expect(queueEvents(env, events)).resolves.toBeUndefined();
  });
});
