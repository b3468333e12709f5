// The records a sending domain must publish, domain-name rules and the key selector.
import { describe, expect, it } from "vitest";
import { hasInclude, isDomainName, mergeSpfInclude, normalizeDomain, recordsToPublish, selectorFor, spfElsewhere } from "../../shared/email/domain-records";

const KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAv1";

describe("normalizeDomain", () => {
  it.each([
    [" Avisos.Muni.Gob.PE. ", "avisos.muni.gob.pe"],
    ["sunat.gob.pe", "sunat.gob.pe"],
    ["mail-1.empresa.com.pe", "mail-1.empresa.com.pe"],
    ["münchen.de", "xn--mnchen-3ya.de"],
    ["xn--80ak6aa92e.com", "xn--80ak6aa92e.com"],
  ])("%j → %j", (input, out) => expect(normalizeDomain(input)).toBe(out));

  it.each(["", "pe", "localhost", "avisos@muni.gob.pe", "https://muni.gob.pe", "muni.gob.pe/avisos", "192.168.0.1", "-muni.gob.pe", "muni-.gob.pe", "muni..gob.pe", "mu ni.gob.pe", "muni.gob.p3", `${"a".repeat(64)}.pe`, `${"abcdefghi.".repeat(26)}pe`])(
    "refuses %j",
    (input) => expect(normalizeDomain(input)).toBeNull(),
  );

  it("keeps isDomainName to lower-case ASCII names", () => {
    expect(isDomainName("muni.gob.pe")).toBe(true);
    expect(isDomainName("Muni.gob.pe")).toBe(false);
  });
});

describe("selectorFor", () => {
  it("names the key after the year and month in UTC", () => {
    expect(selectorFor(new Date("2026-11-29T10:00:00Z"))).toBe("pregon202611");
    expect(selectorFor(new Date("2027-01-01T03:00:00Z"))).toBe("pregon202701");
  });
});

describe("SPF merging", () => {
  it("adds the relay before the all term or redirect", () => {
    expect(mergeSpfInclude("v=spf1 include:_spf.google.com ~all", "spf.relay.pe")).toBe("v=spf1 include:_spf.google.com include:spf.relay.pe ~all");
    expect(mergeSpfInclude("v=spf1 ip4:200.48.225.0/24 mx -all", "spf.relay.pe")).toBe("v=spf1 ip4:200.48.225.0/24 mx include:spf.relay.pe -all");
    expect(mergeSpfInclude("v=spf1 redirect=_spf.muni.gob.pe", "spf.relay.pe")).toBe("v=spf1 include:spf.relay.pe redirect=_spf.muni.gob.pe");
    expect(mergeSpfInclude("v=spf1 a", "spf.relay.pe")).toBe("v=spf1 a include:spf.relay.pe");
  });

  it("finds an include in any letter case, but not one that does not pass", () => {
    expect(hasInclude("v=spf1 +include:SPF.Relay.pe. -all", "spf.relay.pe")).toBe(true);
    expect(hasInclude("v=spf1 redirect=spf.relay.pe", "spf.relay.pe")).toBe(true);
    expect(hasInclude("v=spf1 ~include:spf.relay.pe -all", "spf.relay.pe")).toBe(false);
    expect(hasInclude("v=spf1 include:spf.relay.pe.evil.com -all", "spf.relay.pe")).toBe(false);
  });
});

describe("recordsToPublish", () => {
  const base = { domain: "muni.gob.pe", selector: "pregon202611", publicKey: KEY };

  it("gives DKIM, SPF with the relay, and a monitoring DMARC policy", () => {
    expect(recordsToPublish({ ...base, spfInclude: "spf.relay.pe" })).toEqual([
      { kind: "dkim", type: "TXT", host: "pregon202611._domainkey.muni.gob.pe", value: `v=DKIM1; k=rsa; p=${KEY}`, required: true, note: null },
      { kind: "spf", type: "TXT", host: "muni.gob.pe", value: "v=spf1 include:spf.relay.pe ~all", required: true, note: null },
      { kind: "dmarc", type: "TXT", host: "_dmarc.muni.gob.pe", value: "v=DMARC1; p=none; rua=mailto:dmarc@muni.gob.pe", required: false, note: "dmarc_rua_mailbox" },
    ]);
  });

  it("merges the relay into the SPF record the domain already has", () => {
    const [, spf] = recordsToPublish({ ...base, spfInclude: "spf.relay.pe", currentSpf: "v=spf1 include:spf.protection.outlook.com -all" });
    expect(spf).toMatchObject({ value: "v=spf1 include:spf.protection.outlook.com include:spf.relay.pe -all", note: "spf_merge" });
    const [, same] = recordsToPublish({ ...base, spfInclude: "spf.relay.pe", currentSpf: "v=spf1 include:spf.relay.pe -all" });
    expect(same).toMatchObject({ value: "v=spf1 include:spf.relay.pe -all", note: null });
  });

  it("says the relay's SPF must be included when SPF_INCLUDE is not set", () => {
    const [, spf] = recordsToPublish({ ...base, spfInclude: null, currentSpf: "v=spf1 mx -all" });
    expect(spf).toEqual({ kind: "spf", type: "TXT", host: "muni.gob.pe", value: null, required: true, note: "spf_relay_unknown" });
  });

  it("makes SPF only recommended when bounces go to the deployment's own bounce domain, and required when that is the domain itself", () => {
    const [dkim, spf] = recordsToPublish({ ...base, spfInclude: "spf.relay.pe", bounceDomain: "rebotes.pregon.pe" });
    expect(dkim!.required).toBe(true);
    expect(spf).toEqual({ kind: "spf", type: "TXT", host: "muni.gob.pe", value: "v=spf1 include:spf.relay.pe ~all", required: false, note: "spf_bounce_domain" });
    expect(recordsToPublish({ ...base, spfInclude: "spf.relay.pe", bounceDomain: "muni.gob.pe" })[1]).toMatchObject({ required: true, note: null });
    expect(spfElsewhere("muni.gob.pe", null)).toBe(false);
    expect(spfElsewhere("muni.gob.pe", "muni.gob.pe")).toBe(false);
    expect(spfElsewhere("muni.gob.pe", "rebotes.pregon.pe")).toBe(true);
  });
});
