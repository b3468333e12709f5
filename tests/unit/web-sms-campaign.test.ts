/**
 * The SMS campaign's send confirmation (web/src/lib/sms-campaign.ts): the contacts the audience
 * reaches by SMS, and the credits estimated on the text with its links as short links.
 */
import { describe, expect, it } from "vitest";
import { campaignReasonText, parseTestNumbers, smsReach, smsSendEstimate, smsTestEstimate } from "../../web/src/lib/sms-campaign";
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

describe("parseTestNumbers", () => {
  it("splits on commas, semicolons and lines, keeps spaces inside a number, and names the first that is not a Peruvian mobile", () => {
    expect(parseTestNumbers("987 654 321, +51 912-345-678\n51987000111")).toEqual({ numbers: ["987 654 321", "+51 912-345-678", "51987000111"], bad: null });
    expect(parseTestNumbers("987654321; (01) 411-7000; 12")).toEqual({ numbers: ["987654321", "(01) 411-7000", "12"], bad: "(01) 411-7000" });
    expect(parseTestNumbers(" , ;")).toEqual({ numbers: [], bad: null });
    expect(parseTestNumbers("+1 987654321")).toEqual({ numbers: ["+1 987654321"], bad: "+1 987654321" });
  });
});

describe("smsTestEstimate", () => {
  it("charges the segments of the text with [Prueba] before it, per number", () => {
    expect(smsTestEstimate("Hola", 2, "https://p.pe")).toBe(2);
    // 152 characters fit one GSM-7 segment; "[Prueba] " (its brackets two septets each) pushes it to two.
    expect(smsTestEstimate("z".repeat(152), 3, "https://p.pe")).toBe(6);
  });
});

describe("campaignReasonText", () => {
  it("words an SMS campaign's own reasons, and leaves the others to the email wording", () => {
    expect(campaignReasonText({ channel: "sms", pauseReason: "credit_exhausted" })).toBe("Se acabó el saldo de SMS: se envió a quienes alcanzó. Recarga créditos SMS y reanuda para seguir con el resto.");
    expect(campaignReasonText({ channel: "sms", pauseReason: "empty_audience" })).toContain("nadie puede recibir este SMS");
    expect(campaignReasonText({ channel: "email", pauseReason: "empty_audience" })).toBe("La audiencia quedó vacía: nadie puede recibir este correo.");
    expect(campaignReasonText({ channel: "sms", pauseReason: "manual" })).toBe("Pausada por una persona del equipo.");
    expect(campaignReasonText({ channel: "sms", pauseReason: null })).toBeNull();
  });
});
