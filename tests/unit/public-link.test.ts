/**
 * A campaign's contact-free public address (W6, shared/archive/public-link.ts): the token signs
 * the campaign alone, survives no change, and cannot pass for a recipient's link token (or be
 * made from one) under the same key; and the page built for it is noindex without a link back.
 */
import { describe, expect, it } from "vitest";
import { publicCampaignUrl, signCampaignToken, verifyCampaignToken } from "../../shared/archive/public-link";
import { importLinkKey, signToken, verifyToken } from "../../shared/email/links";
import { campaignPageHtml, shareBar } from "../../shared/archive/campaign-page";

const key = importLinkKey("unit-test-link-secret");

describe("campaign tokens", () => {
  it("round-trips the campaign id and nothing else", async () => {
    const t = await signCampaignToken(await key, "cmp_Ab3-x");
    expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(await verifyCampaignToken(await key, t)).toBe("cmp_Ab3-x");
    // Deterministic: every recipient's mail carries the same address.
    expect(await signCampaignToken(await key, "cmp_Ab3-x")).toBe(t);
    expect(await signCampaignToken(await key, "cmp_other")).not.toBe(t);
  });

  it("refuses every altered character, truncation, another key and garbage", async () => {
    const t = await signCampaignToken(await key, "cmp_12345678");
    for (let i = 0; i < t.length; i++) {
      if (t[i] === ".") continue;
      const swapped = `${t.slice(0, i)}${t[i] === "A" ? "B" : "A"}${t.slice(i + 1)}`;
      expect(await verifyCampaignToken(await key, swapped), `position ${i}`).toBeNull();
    }
    expect(await verifyCampaignToken(await key, t.slice(0, -1))).toBeNull();
    expect(await verifyCampaignToken(await key, t.split(".")[0]!)).toBeNull();
    expect(await verifyCampaignToken(await importLinkKey("another-unit-secret"), t)).toBeNull();
    for (const junk of ["", ".", "a.b", "%%%.aaaaaaaaaaaaaaaaaaaaaa", `${"A".repeat(500)}.${"A".repeat(22)}`]) expect(await verifyCampaignToken(await key, junk), junk).toBeNull();
  });

  it("is never confused with a recipient's link token under the same key", async () => {
    const k = await key;
    for (const kind of ["view", "unsubscribe", "open"] as const) {
      const recipient = await signToken(k, { kind, campaignId: "cmp_1", contactId: 42 });
      expect(await verifyCampaignToken(k, recipient), kind).toBeNull();
    }
    expect(await verifyToken(k, await signCampaignToken(k, "cmp_1"))).toBeNull();
    // The payload of a recipient's view token under a campaign token's MAC: still refused both ways.
    const view = await signToken(k, { kind: "view", campaignId: "cmp_1", contactId: 42 });
    const campaign = await signCampaignToken(k, "cmp_1");
    const spliced = `${view.split(".")[0]}.${campaign.split(".")[1]}`;
    expect(await verifyCampaignToken(k, spliced)).toBeNull();
    expect(await verifyToken(k, spliced)).toBeNull();
  });

  it("refuses ids that cannot be one and builds the address under the base", async () => {
    for (const id of ["", "a b", "x\ny", "c".repeat(201)]) await expect(signCampaignToken(await key, id), JSON.stringify(id)).rejects.toThrow(RangeError);
    expect(publicCampaignUrl("https://p.pe//", "abc.def")).toBe("https://p.pe/v/p/abc.def");
  });
});

describe("the page of a campaign outside the archive", () => {
  const page = { title: "Aviso", description: "D", url: "https://p.pe/v/p/abc.def", image: null, siteName: "Muni", publishedAt: null };
  it("is noindex and has the share bar without a link back", () => {
    const html = campaignPageHtml("<html><head></head><body><p>Hola</p></body></html>", { ...page, noindex: true });
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<meta property="og:url" content="https://p.pe/v/p/abc.def">');
    expect(html).toContain("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fp.pe%2Fv%2Fp%2Fabc.def");
    expect(html).not.toContain("←");
  });
  it("keeps the archive page indexable with its link back", () => {
    const html = campaignPageHtml("<p>Hola</p>", { ...page, url: "https://p.pe/archivo/m/1", archiveTitle: "Avisos", archiveUrl: "https://p.pe/archivo/m" });
    expect(html).not.toContain("robots");
    expect(shareBar({ url: "u", title: "t", archiveUrl: "https://p.pe/archivo/m", archiveTitle: "Avisos" })).toContain('<a href="https://p.pe/archivo/m" ');
    expect(html).toContain("← Avisos");
  });
});
