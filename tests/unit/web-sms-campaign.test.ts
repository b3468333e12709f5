/**
 * The SMS campaign's send confirmation (web/src/lib/sms-campaign.ts): the contacts the audience
 * reaches by SMS, and the credits estimated on the text with its links as short links.
 */
import { describe, expect, it } from "vitest";
import { smsReach, smsSendEstimate } from "../../web/src/lib/sms-campaign";
import type { ListOut, SegmentOut } from "../../web/src/lib/api";

const list = (id: string, sms: number) => ({ id, counts: { members: 99, subscribed: 98, sms } }) as unknown as ListOut;
const segment = (id: string, count: number) => ({ id, count }) as unknown as SegmentOut;

describe("smsReach", () => {
  it("counts the lists' SMS-reachable members, exact for one list and approximate otherwise", () => {
    expect(smsReach({ listIds: ["a"], segmentIds: [] }, [list("a", 40), list("b", 7)], [])).toEqual({ count: 40, approx: false });
    expect(smsReach({ listIds: ["a", "b"], segmentIds: ["s"] }, [list("a", 40), list("b", 7)], [segment("s", 3)])).toEqual({ count: 50, approx: true });
  });
});

describe("smsSendEstimate", () => {
  it("charges the segments of the text with each link as a short link, per contact", () => {
    // 120 characters and a 199-character link: two segments as written, one once the link is short.
    const text = `${"x".repeat(120)} https://www.gob.pe/${"a".repeat(180)}`;
    expect(smsSendEstimate({ text }, 10, "https://p.pe")).toEqual({ count: 10, credits: 10 });
    expect(smsSendEstimate({ text: "y".repeat(170) }, 10, "https://p.pe")).toEqual({ count: 10, credits: 20 });
  });
});
