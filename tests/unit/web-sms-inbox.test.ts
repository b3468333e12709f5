/** The inbox page's view helpers (web/src/lib/inbox.ts): threads merged by polling, read marks, the keyword form's body. */
import { describe, expect, it } from "vitest";
import { keywordBody, markRead, mergeThreads } from "../../web/src/lib/inbox";
import type { ThreadSummary } from "../../web/src/lib/inbox-types";

describe("the inbox page's helpers", () => {
  const th = (number: string, at: string, unread = 0): ThreadSummary => ({ number, contact: null, last: { text: "x", at, direction: "in" }, unread });
  it("folds a polled page into the list: newest activity first, each number once", () => {
    const now = [th("+51987000001", "2026-11-29T14:00:00.000Z"), th("+51987000002", "2026-11-29T13:00:00.000Z"), th("+51987000003", "2026-11-29T12:00:00.000Z")];
    const fresh = [th("+51987000003", "2026-11-29T15:00:00.000Z", 1), th("+51987000004", "2026-11-29T14:30:00.000Z", 2)];
    expect(mergeThreads(now, fresh).map((t) => [t.number.slice(-1), t.unread])).toEqual([["3", 1], ["4", 2], ["1", 0], ["2", 0]]);
    expect(markRead(mergeThreads(now, fresh), "+51987000004").map((t) => t.unread)).toEqual([1, 0, 0, 0]);
  });

  it("builds the keyword body from the form, leaving out empty actions", () => {
    expect(keywordBody({ keyword: " cita ", reply: " Lunes 9:00 ", tag: "", webhookUrl: "" })).toEqual({ body: { keyword: "cita", actions: { reply: "Lunes 9:00" } }, problems: {} });
    expect(keywordBody({ keyword: "", reply: "", tag: "", webhookUrl: "" }).problems).toEqual({ keyword: "required", actions: "needAction" });
    expect(keywordBody({ keyword: "INFO", reply: "", tag: "", webhookUrl: "hooks.pe/x" }).problems).toEqual({ webhookUrl: "badUrl" });
    expect(keywordBody({ keyword: "INFO", reply: "", tag: "Vecinos", webhookUrl: "https://hooks.pe/x" }).body.actions).toEqual({ tag: "Vecinos", webhookUrl: "https://hooks.pe/x" });
  });
});
