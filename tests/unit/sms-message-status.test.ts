import { describe, expect, it } from "vitest";
import { isFinalMessage, messageStatusOf, nextMessageStatus, partAdvances } from "../../shared/sms/message-status";

describe("partAdvances", () => {
  it("moves a part only forward, the first final status staying", () => {
    expect(partAdvances(null, "buffered")).toBe(true);
    expect(partAdvances("sending", "accepted")).toBe(true);
    expect(partAdvances("accepted", "buffered")).toBe(true);
    expect(partAdvances("buffered", "delivered")).toBe(true);
    expect(partAdvances("accepted", "expired")).toBe(true);
    expect(partAdvances("accepted", "accepted")).toBe(false);
    expect(partAdvances("buffered", "accepted")).toBe(false);
    expect(partAdvances("delivered", "buffered")).toBe(false);
    expect(partAdvances("delivered", "failed")).toBe(false);
    expect(partAdvances("failed", "delivered")).toBe(false);
  });
});

describe("messageStatusOf", () => {
  const p = (part: number, status: string) => ({ part, status: status as "delivered" });
  it("is delivered once every part is", () => {
    expect(messageStatusOf([p(1, "delivered"), p(2, "buffered")], 2)).toBe("accepted");
    expect(messageStatusOf([p(2, "delivered"), p(1, "delivered")], 2)).toBe("delivered");
    expect(messageStatusOf([p(1, "delivered")], 2)).toBe("accepted");
    expect(messageStatusOf([], 1)).toBe("accepted");
  });
  it("lets part 0 speak for the whole message", () => {
    expect(messageStatusOf([p(0, "delivered")], 3)).toBe("delivered");
    expect(messageStatusOf([p(0, "expired")], 3)).toBe("expired");
  });
  it("fails as soon as one part fails: failed before expired before rejected", () => {
    expect(messageStatusOf([p(1, "delivered"), p(2, "rejected")], 2)).toBe("rejected");
    expect(messageStatusOf([p(1, "expired"), p(2, "rejected")], 2)).toBe("expired");
    expect(messageStatusOf([p(1, "rejected"), p(2, "failed"), p(3, "expired")], 3)).toBe("failed");
  });
});

describe("nextMessageStatus", () => {
  it("changes only an accepted message", () => {
    const delivered = [{ part: 1, status: "delivered" as const }];
    expect(nextMessageStatus("accepted", delivered, 1)).toBe("delivered");
    for (const s of ["queued", "sending", "failed", "delivered", "expired", "rejected", "cancelled"] as const) expect(nextMessageStatus(s, delivered, 1)).toBe(s);
  });
  it("knows the final statuses", () => {
    expect(["accepted", "sending", "queued", "delivered", "failed", "expired", "rejected", "cancelled"].map((s) => isFinalMessage(s as "accepted"))).toEqual([false, false, false, true, true, true, true, true]);
  });
});
