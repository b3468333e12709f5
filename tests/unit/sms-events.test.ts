/**
 * SMS kinds in the pure event code: the live increments of a batch (liveDelta), the
 * CampaignLive counters they add to, the per-operator table, and the monthly report with an SMS
 * campaign beside the November email fixture.
 */
import { describe, expect, it } from "vitest";
import { liveDelta } from "../../shared/events/live-delta";
import { addDelta, emptyCounters, isValidIncrement } from "../../shared/live/counters";
import { operatorTable } from "../../shared/sms/operator-stats";
import { buildMonthlyReport } from "../../shared/reports/monthly";
import { smsCounts, smsTally } from "../../shared/reports/monthly-sms";
import { MonthlyReportOut } from "../../shared/api/schemas-reports";
import { AFTER, H, NOV, novemberInput } from "./monthly-fixture";

describe("live increments of SMS events", () => {
  it("counts an accepted message as sent, final receipts as delivered or failed, replies, and clicks per link", () => {
    const d = liveDelta([
      { kind: "sms_sent", machine: 0, first: 1, url: null, n: 3 },
      { kind: "sms_delivered", machine: 0, first: 1, url: null, n: 2 },
      { kind: "sms_failed", machine: 0, first: 1, url: null, n: 1 },
      { kind: "sms_reply", machine: 0, first: 1, url: null, n: 1 },
      { kind: "sms_reply", machine: 0, first: 0, url: null, n: 1 },
      { kind: "click", machine: 0, first: 1, url: "https://muni.gob.pe/a", n: 1 },
      { kind: "click", machine: 0, first: 0, url: "https://muni.gob.pe/a", n: 2 },
      { kind: "click", machine: 1, first: 0, url: null, n: 4 },
    ]);
    expect(d).toEqual({ sent: 3, delivered: 2, failed: 1, replies: 2, clicked: 3, clickedUnique: 1, machineClicks: 4, links: { "https://muni.gob.pe/a": 3 } });
  });

  it("leaves email counters as they were and adds the SMS ones", () => {
    expect(liveDelta([{ kind: "sent", machine: 0, first: 1, url: null, n: 5 }])).toEqual({ sent: 5 });
    const c = addDelta(addDelta(emptyCounters(), { sent: 4, delivered: 1 }), { delivered: 2, failed: 1, replies: 3 });
    expect(c).toEqual({ ...emptyCounters(), sent: 4, delivered: 3, failed: 1, replies: 3 });
    expect(isValidIncrement({ key: "k", at: 1, delta: { delivered: 1.5 } })).toBe(false);
    expect(isValidIncrement({ key: "k", at: 1, delta: { replies: 2 } })).toBe(true);
  });
});

describe("per-operator table", () => {
  it("sums sent, delivered and failed per operator, pending never below zero, known operators first", () => {
    const t = operatorTable([
      { kind: "sms_sent", value: "unknown", n: 1 },
      { kind: "sms_sent", value: "movistar", n: 2 },
      { kind: "sms_sent", value: "claro", n: 3 },
      { kind: "sms_delivered", value: "claro", n: 2 },
      { kind: "sms_failed", value: "movistar", n: 1 },
      { kind: "sms_delivered", value: "entel", n: 1 }, // its sms_sent fell in another bucket not read
      { kind: "click", value: "claro", n: 9 },
    ]);
    expect(t).toEqual([
      { operator: "claro", sent: 3, delivered: 2, failed: 0, pending: 1 },
      { operator: "movistar", sent: 2, delivered: 0, failed: 1, pending: 1 },
      { operator: "entel", sent: 0, delivered: 1, failed: 0, pending: 0 },
      { operator: "unknown", sent: 1, delivered: 0, failed: 0, pending: 1 },
    ]);
  });
});

describe("monthly report with an SMS campaign", () => {
  const base = novemberInput(AFTER);
  const hour = NOV.from + 30 * H;
  const sms = (kind: string, n: number, u = 0, machine = 0) => ({ campaignId: "cmp_s", hour, kind, machine, n, u });
  const r = buildMonthlyReport({
    ...base,
    campaigns: [...base.campaigns, { id: "cmp_s", name: "Aviso SMS", channel: "sms", sentBy: null, startedAt: NOV.from + 29 * H }],
    buckets: [...base.buckets, sms("sms_sent", 10, 10), sms("sms_delivered", 8, 8), sms("sms_failed", 1, 1), sms("click", 5, 3), sms("click", 2, 0, 1), sms("sms_reply", 2, 1)],
    providerBuckets: [...base.providerBuckets, { campaignId: "cmp_s", provider: "other", kind: "click", machine: 0, n: 5, u: 3 }],
  });
  const email = buildMonthlyReport(base);

  it("lists it with its SMS figures, the email-only ones 0 or null, and matches the schema", () => {
    expect(MonthlyReportOut.safeParse(r).success).toBe(true);
    const s = r.campaigns.find((c) => c.campaignId === "cmp_s")!;
    expect(s).toEqual({
      campaignId: "cmp_s",
      name: "Aviso SMS",
      channel: "sms",
      sentBy: null,
      startedAt: new Date(NOV.from + 29 * H).toISOString(),
      sent: 10,
      delivered: 8,
      bounced: 0,
      hardBounces: 0,
      softBounces: 0,
      opens: 0,
      uniqueOpens: 0,
      notOpened: 0,
      clicks: 5,
      uniqueClicks: 3,
      unsubscribed: 0,
      complaints: 0,
      machineOpens: 0,
      machineClicks: 2,
      deliveredRate: 0.8,
      openRate: null,
      reopenRate: null,
      clickRate: 3 / 8,
      peakHours: [],
      sms: { sent: 10, delivered: 8, failed: 1, pending: 1, clicks: 5, uniqueClicks: 3, machineClicks: 2, replies: 2, credits: 0 },
    });
  });

  it("keeps email totals and providers as they were and sums SMS apart", () => {
    expect(r.totals).toEqual(email.totals);
    expect(r.providers).toEqual(email.providers);
    expect(r.smsTotals).toEqual({ sent: 10, delivered: 8, failed: 1, pending: 1, clicks: 5, uniqueClicks: 3, machineClicks: 2, replies: 2, credits: 0 });
    expect(email.smsTotals).toEqual({ sent: 0, delivered: 0, failed: 0, pending: 0, clicks: 0, uniqueClicks: 0, machineClicks: 0, replies: 0, credits: 0 });
    expect(email.campaigns.every((c) => c.sms === undefined)).toBe(true);
  });

  it("has no rates without sends", () => {
    expect(smsCounts(smsTally([])).deliveredRate).toBeNull();
    expect(smsCounts(smsTally([{ kind: "sms_sent", machine: 0, n: 2, u: 2 }])).clickRate).toBeNull();
  });
});

describe("chart series of an SMS campaign", () => {
  it("puts deliveries on the first line (an SMS campaign has no opens) and clicks on the second", async () => {
    const { seriesDelta } = await import("../../shared/live/counters");
    expect(seriesDelta({ delivered: 2, clicked: 1, failed: 3, sent: 9 })).toEqual({ opens: 2, clicks: 1 });
    expect(seriesDelta({ opened: 4 })).toEqual({ opens: 4, clicks: 0 });
  });
});
