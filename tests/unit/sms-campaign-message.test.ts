/**
 * One recipient's SMS of a campaign (shared/sms/campaign-message.ts): merge fields filled without
 * HTML escaping, links replaced by the recipient's own short link, segments measured on the
 * result; a test's text with "[Prueba] " first and codes of its own; and the group that fits the
 * credit left (S8).
 */
import { describe, expect, it } from "vitest";
import { compileTemplate } from "../../shared/email/merge";
import { importLinkKey } from "../../shared/email/links";
import { fittingPrefix, renderCampaignSms, renderTestSms, smsMergeData, type SmsPerson } from "../../shared/sms/campaign-message";
import { shortLinkCode } from "../../shared/sms/links";

const person = (over: Partial<SmsPerson> = {}): SmsPerson => ({ id: 7, phone: "+51987654321", email: null, first_name: "Ana & Beto", last_name: "Pérez", position: null, company: "<Andina>", fields: '{"expediente":"EXP-12"}', ...over });
const compiled = (src: string) => {
  const t = compileTemplate(src);
  if (!t.ok) throw new Error(t.error.message);
  return t.template;
};
const now = new Date("2027-03-01T15:00:00Z");

describe("renderCampaignSms", () => {
  it("fills standard and custom fields without escaping and shortens each link for the recipient", async () => {
    const key = await importLinkKey("unit-test-link-secret");
    const m = await renderCampaignSms(key, compiled("Hola {{nombre}} de {{empresa}}, exp. {{expediente}}: https://www.gob.pe/x?a=1."), person(), { base: "https://p.pe/", campaignId: "c1", now });
    const code = await shortLinkCode(key, { scope: "c1", recipient: 7, url: "https://www.gob.pe/x?a=1" });
    expect(m).toEqual({ text: `Hola Ana & Beto de <Andina>, exp. EXP-12: https://p.pe/s/${code}.`, encoding: "GSM-7", segments: 1, links: [{ url: "https://www.gob.pe/x?a=1", code }] });
  });

  it("gives another recipient another code, uses the default of an empty field, and counts the segments of the rendered text", async () => {
    const key = await importLinkKey("unit-test-link-secret");
    const t = compiled('Hola {{nombre | "vecino"}} https://a.pe ' + "x".repeat(120));
    const a = await renderCampaignSms(key, t, person({ id: 1, first_name: null }), { base: "https://p.pe", campaignId: "c1", now });
    const b = await renderCampaignSms(key, t, person({ id: 2, first_name: "Maximiliano Alejandro" }), { base: "https://p.pe", campaignId: "c1", now });
    expect(a.text.startsWith("Hola vecino https://p.pe/s/")).toBe(true);
    expect(a.links[0]!.code).not.toBe(b.links[0]!.code);
    expect([a.segments, b.segments]).toEqual([1, 2]);
  });

  it("renders a damaged custom-fields column as empty fields instead of failing", async () => {
    const m = await renderCampaignSms(await importLinkKey("unit-test-link-secret"), compiled("Exp. {{expediente}}"), person({ fields: "{oops" }), { base: "https://p.pe", campaignId: "c1", now });
    expect(m.text).toBe("Exp.");
  });
});

describe("renderTestSms", () => {
  it("puts [Prueba] first, fills the contact's data, measures with the prefix, and never reuses a recipient's code", async () => {
    const key = await importLinkKey("unit-test-link-secret");
    const t = compiled("Hola {{nombre}}: https://www.gob.pe/x " + "y".repeat(118));
    const m = await renderTestSms(key, t, smsMergeData(person({ first_name: "Ana" }), now), { base: "https://p.pe", campaignId: "c1", number: "+51987000111" });
    const code = await shortLinkCode(key, { scope: "c1:test", recipient: "+51987000111", url: "https://www.gob.pe/x" });
    expect(m.text).toBe(`[Prueba] Hola Ana: https://p.pe/s/${code} ${"y".repeat(118)}`);
    expect(m.links).toEqual([{ url: "https://www.gob.pe/x", code }]);
    // 154 characters without the prefix fit one segment; "[Prueba] " (brackets are two septets each) makes two.
    expect([m.encoding, m.segments]).toEqual(["GSM-7", 2]);
    const real = await renderCampaignSms(key, t, person({ first_name: "Ana" }), { base: "https://p.pe", campaignId: "c1", now });
    expect(real.segments).toBe(1);
    expect(real.links[0]!.code).not.toBe(code);
  });
});

describe("fittingPrefix", () => {
  it("takes the longest run of messages the credit covers", () => {
    expect(fittingPrefix([1, 2, 1], 3)).toBe(2);
    expect(fittingPrefix([1, 2, 1], 4)).toBe(3);
    expect(fittingPrefix([2, 1], 1)).toBe(0);
    expect(fittingPrefix([], 0)).toBe(0);
  });
});
