// Honest opens (B5) and the other pure pieces of tracking: machine rules, device and client from
// the User-Agent, the per-IP throttle, event enrichment, live increments, the unsubscribe scope.
import { describe, expect, it } from "vitest";
import { machineRule } from "../../shared/events/machine";
import { clientOf, deviceOf } from "../../shared/events/user-agent";
import { ipThrottle } from "../../shared/events/ip-throttle";
import { enrichEvents } from "../../shared/events/enrich";
import { liveDelta } from "../../shared/events/live-delta";
import { unsubscribeScope } from "../../shared/events/unsubscribe-page";
import type { TrackEvent } from "../../shared/events/types";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const APPLE_MAIL = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
const GMAIL = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)";

describe("machineRule", () => {
  it.each([
    [{ kind: "open", userAgent: GMAIL, at: 0 }, "google_image_proxy"],
    [{ kind: "open", userAgent: "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", at: 0 }, "yahoo_image_proxy"],
    [{ kind: "open", userAgent: APPLE_MAIL, at: 0 }, "apple_mpp"],
    [{ kind: "open", userAgent: CHROME, ip: "17.58.101.4", at: 0 }, "apple_mpp"],
    [{ kind: "open", userAgent: "", at: 0 }, "no_user_agent"],
    [{ kind: "click", userAgent: "Mozilla/5.0 (compatible; Barracuda Sentinel)", at: 900_000, sentAt: 0 }, "scanner_user_agent"],
    [{ kind: "click", userAgent: "python-requests/2.31", at: 900_000, sentAt: 0 }, "scanner_user_agent"],
    [{ kind: "click", userAgent: CHROME, method: "HEAD", at: 900_000, sentAt: 0 }, "scanner_head_request"],
    [{ kind: "click", userAgent: CHROME, at: 9_999, sentAt: 0 }, "scanner_fast_click"],
    [{ kind: "click", userAgent: CHROME, at: 60_000, sentAt: 0, opened: false }, "scanner_click_before_open"],
  ] as const)("%o is %s", (input, rule) => expect(machineRule(input)).toBe(rule));

  it.each([
    { kind: "open", userAgent: CHROME, at: 0 },
    { kind: "open", userAgent: "Microsoft Outlook 16.0.17029", ip: "181.65.1.2", at: 0 },
    { kind: "click", userAgent: CHROME, at: 60_000, sentAt: 0, opened: true },
    { kind: "click", userAgent: CHROME, at: 120_000, sentAt: 0, opened: false },
    { kind: "click", userAgent: IPHONE_MAIL, at: 5_000 }, // delivery time unknown
    { kind: "click", userAgent: APPLE_MAIL, at: 3_600_000, sentAt: 0 }, // Apple Mail clicks are people
  ] as const)("a person: %o", (input) => expect(machineRule(input)).toBeNull());
});

describe("device and client", () => {
  it.each([
    [CHROME, "desktop", "chrome"],
    [APPLE_MAIL, "desktop", "apple_mail"],
    [IPHONE_MAIL, "mobile", "apple_mail"],
    [GMAIL, "unknown", "gmail"],
    ["Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "tablet", "safari"],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "mobile", "chrome"],
    ["Microsoft Outlook 16.0.17029; Microsoft Outlook 16.0.17029; ms-office; MSOffice 16", "desktop", "outlook"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.5.0", "desktop", "thunderbird"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "desktop", "edge"],
    ["", "unknown", "other"],
  ])("%s", (ua, device, client) => {
    expect(deviceOf(ua)).toBe(device);
    expect(clientOf(ua)).toBe(client);
  });
});

describe("ipThrottle", () => {
  it("drops an IP past its limit in a minute, not the others, and starts again next minute", () => {
    const t = ipThrottle(3);
    expect([1, 2, 3, 4, 5].map((i) => t.allow("a", i))).toEqual([true, true, true, false, false]);
    expect(t.allow("b", 6)).toBe(true);
    expect(t.allow("a", 60_000)).toBe(true);
  });

  it("stays bounded under many distinct IPs", () => {
    const t = ipThrottle(1, 2);
    expect([t.allow("a", 0), t.allow("b", 0), t.allow("c", 0), t.allow("a", 0)]).toEqual([true, true, true, true]);
  });
});

describe("enrichEvents", () => {
  const base = { accountId: "forged", campaignId: "c", at: 100_000 };
  const facts = new Map([
    ["c:1", { accountId: "acc", email: "ana@gmail.com", sentAt: 0, openedAt: null }],
    ["c:2", { accountId: "acc", email: "beto@hotmail.es", sentAt: 0, openedAt: 50_000 }],
  ]);
  it("takes the campaign's account, adds provider, device, client, and decides machine rules with the batch's opens", () => {
    const events: TrackEvent[] = [
      { ...base, id: "1", kind: "click", contactId: 1, userAgent: CHROME, url: "https://x.pe" }, // a human open comes later in the batch, at 90 s
      { ...base, id: "2", kind: "open", contactId: 1, userAgent: CHROME, at: 90_000 },
      { ...base, id: "3", kind: "click", contactId: 2, userAgent: CHROME },
      { ...base, id: "4", kind: "open", contactId: 3, userAgent: CHROME }, // no delivery
      { ...base, id: "5", kind: "open", contactId: 1, userAgent: CHROME, machine: "scanner_head_request" },
      { ...base, id: "6", kind: "sent", contactId: 2 },
    ];
    expect(enrichEvents(events, facts).map((e) => [e.id, e.accountId, e.provider, e.device, e.client, e.machine ?? null])).toEqual([
      ["1", "acc", "gmail", "desktop", "chrome", null],
      ["2", "acc", "gmail", "desktop", "chrome", null],
      ["3", "acc", "outlook", "desktop", "chrome", null],
      ["5", "acc", "gmail", "desktop", "chrome", "scanner_head_request"],
      ["6", "acc", "outlook", null, null, null],
    ]);
  });

  it("a click with no open at all, soon after delivery, is a scanner", () => {
    const [e] = enrichEvents([{ ...base, id: "1", kind: "click", contactId: 1, userAgent: CHROME, at: 30_000 }], facts);
    expect(e!.machine).toBe("scanner_click_before_open");
  });
});

describe("liveDelta", () => {
  it("counts people and machines apart, unique ones and links", () => {
    expect(
      liveDelta([
        { kind: "sent", machine: 0, first: 1, url: null, n: 200 },
        { kind: "open", machine: 0, first: 1, url: null, n: 3 },
        { kind: "open", machine: 0, first: 0, url: null, n: 2 },
        { kind: "open", machine: 1, first: 0, url: null, n: 4 },
        { kind: "click", machine: 0, first: 1, url: "https://a.pe", n: 1 },
        { kind: "click", machine: 0, first: 0, url: "https://a.pe", n: 1 },
        { kind: "click", machine: 1, first: 0, url: null, n: 7 },
        { kind: "unsubscribe", machine: 0, first: 1, url: null, n: 1 },
        { kind: "unsubscribe", machine: 0, first: 0, url: null, n: 1 },
        { kind: "view", machine: 0, first: 0, url: null, n: 9 },
        { kind: "bounce_hard", machine: 0, first: 0, url: null, n: 2 },
      ]),
    ).toEqual({ sent: 200, opened: 5, openedUnique: 3, machineOpens: 4, clicked: 2, clickedUnique: 1, machineClicks: 7, unsubscribed: 1, bouncedHard: 2, links: { "https://a.pe": 2 } });
  });

  it("counts a refusal at send time as a hard bounce, not as sent", () => {
    expect(
      liveDelta([
        { kind: "sent", machine: 0, first: 0, url: null, n: 5 },
        { kind: "rejected", machine: 0, first: 0, url: null, n: 2 },
        { kind: "bounce_hard", machine: 0, first: 0, url: null, n: 1 },
      ]),
    ).toEqual({ sent: 5, bouncedHard: 3 });
  });
});

describe("unsubscribeScope", () => {
  it("one-click leaves everything; the form says which", () => {
    expect(unsubscribeScope({ "List-Unsubscribe": "One-Click" })).toBe("all");
    expect(unsubscribeScope({ scope: "all" })).toBe("all");
    expect(unsubscribeScope({ scope: "list" })).toBe("list");
    expect(unsubscribeScope({})).toBe("list");
  });
});
