// SPF, DKIM and DMARC evaluation against record texts as real domains publish them, and TXT
// lookups over DoH JSON from canned replies (no network).
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkDkim, checkDmarc, checkSpf, evaluateDomain, parseTags, type TxtAnswer } from "../../shared/email/domain-checks";
import { DohTxtResolver, txtText } from "../../shared/email/doh-txt";

const ok = (...records: string[]): TxtAnswer => ({ status: "ok", records });
const RELAY = "spf.relay.pe";
// A real RSA-2048 SPKI, as long as the ones the platform publishes (392 base64 characters).
const KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");
const OTHER = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "der" }).toString("base64");

/** The TXT data as Cloudflare's DoH shows it: 255-byte strings, each quoted. */
const quoted = (text: string) => (text.match(/.{1,255}/g) ?? []).map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(" ");

describe("checkSpf", () => {
  it("accepts one record that includes the relay", () => {
    expect(checkSpf(ok("google-site-verification=abc123", `v=spf1 include:_spf.google.com include:${RELAY} ~all`), RELAY)).toEqual({
      status: "ok", reason: null, found: [`v=spf1 include:_spf.google.com include:${RELAY} ~all`], warnings: [],
    });
    expect(checkSpf(ok(`v=spf1 redirect=${RELAY}`), RELAY).status).toBe("ok");
  });

  it("explains what is missing or wrong", () => {
    expect(checkSpf(ok("MS=ms12345678"), RELAY)).toMatchObject({ status: "missing", reason: "spf_none", found: ["MS=ms12345678"] });
    expect(checkSpf({ status: "nxdomain" }, RELAY)).toMatchObject({ status: "missing", reason: "spf_none", found: [] });
    expect(checkSpf(ok("v=spf1 include:spf.protection.outlook.com -all", `v=spf1 include:${RELAY} ~all`), RELAY)).toMatchObject({ status: "wrong", reason: "spf_multiple" });
    expect(checkSpf(ok("v=spf1 include:spf.protection.outlook.com -all"), RELAY)).toMatchObject({ status: "wrong", reason: "spf_include_missing" });
    // Terms are tried in order: an include after -all never authorises anything.
    expect(checkSpf(ok(`v=spf1 -all include:${RELAY}`), RELAY)).toMatchObject({ status: "wrong", reason: "spf_include_missing" });
    expect(checkSpf({ status: "error" }, RELAY)).toEqual({ status: "error", reason: "dns_error", found: [], warnings: [] });
  });

  it("warns on +all and on more than ten lookups", () => {
    expect(checkSpf(ok(`v=spf1 include:${RELAY} +all`), RELAY).warnings).toEqual(["spf_pass_all"]);
    const many = Array.from({ length: 10 }, (_, i) => `include:s${i}.example.com`).join(" ");
    expect(checkSpf(ok(`v=spf1 a mx ${many} include:${RELAY} -all`), RELAY).warnings).toEqual(["spf_too_many_lookups"]);
    expect(checkSpf(ok("v=spf1 ip4:200.48.225.0/24 ip6:2800:200::/32 a mx -all"), RELAY).warnings).toEqual([]);
  });

  it("only checks presence when the relay is not configured", () => {
    expect(checkSpf(ok("v=spf1 mx -all"), null)).toEqual({ status: "ok", reason: null, found: ["v=spf1 mx -all"], warnings: ["spf_include_unchecked"] });
  });
});

describe("checkDkim", () => {
  it("accepts our key, however the TXT strings were split and spaced", () => {
    expect(checkDkim(ok(txtText(quoted(`v=DKIM1; k=rsa; p=${KEY}`))), KEY).status).toBe("ok");
    expect(checkDkim(ok(`v=DKIM1;k=rsa;t=s;p=${KEY.slice(0, 200)} ${KEY.slice(200)}`), KEY).status).toBe("ok");
    expect(checkDkim(ok(`k=rsa; p=${KEY}`), KEY).status).toBe("ok");
  });

  it("says why any other record fails", () => {
    expect(checkDkim({ status: "nxdomain" }, KEY)).toMatchObject({ status: "missing", reason: "dkim_none" });
    expect(checkDkim(ok(), KEY)).toMatchObject({ status: "missing", reason: "dkim_none" });
    expect(checkDkim(ok(`v=DKIM1; k=rsa; p=${OTHER}`), KEY)).toMatchObject({ status: "wrong", reason: "dkim_key_mismatch", found: [`v=DKIM1; k=rsa; p=${OTHER}`] });
    // A key cut short, as when only the first 255-byte string was pasted.
    expect(checkDkim(ok(`v=DKIM1; k=rsa; p=${KEY.slice(0, 240)}`), KEY)).toMatchObject({ reason: "dkim_key_mismatch" });
    expect(checkDkim(ok("v=DKIM1; k=rsa; p="), KEY)).toMatchObject({ status: "wrong", reason: "dkim_revoked" });
    expect(checkDkim(ok("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="), KEY)).toMatchObject({ reason: "dkim_key_type" });
    expect(checkDkim(ok(`v=DKIM1 k=rsa p=${KEY}`), KEY)).toMatchObject({ reason: "dkim_malformed" });
    expect(checkDkim(ok(`v=DKIM1; k=rsa; p=${KEY}`, `v=DKIM1; k=rsa; p=${OTHER}`), KEY)).toMatchObject({ status: "wrong", reason: "dkim_multiple" });
    expect(checkDkim({ status: "error" }, KEY)).toMatchObject({ status: "error", reason: "dns_error" });
  });
});

describe("checkDmarc", () => {
  it("reads the policy of real records", () => {
    expect(checkDmarc(ok("v=DMARC1; p=none; sp=quarantine; rua=mailto:mailauth-reports@google.com"))).toEqual({
      status: "ok", reason: null, found: ["v=DMARC1; p=none; sp=quarantine; rua=mailto:mailauth-reports@google.com"], warnings: [], policy: "none",
    });
    expect(checkDmarc(ok("v=DMARC1; p=reject; pct=100; rua=mailto:d@rua.agari.com; ruf=mailto:d@ruf.agari.com; fo=1")).policy).toBe("reject");
    expect(checkDmarc(ok("v=DMARC1;p=Quarantine;adkim=s")).policy).toBe("quarantine");
  });

  it("finds none, two, or a policy that is not one", () => {
    expect(checkDmarc({ status: "nxdomain" })).toMatchObject({ status: "missing", reason: "dmarc_none" });
    expect(checkDmarc(ok("v=spf1 -all"))).toMatchObject({ status: "missing", reason: "dmarc_none", found: ["v=spf1 -all"] });
    expect(checkDmarc(ok("v=DMARC1; p=none", "v=DMARC1; p=reject"))).toMatchObject({ status: "wrong", reason: "dmarc_multiple" });
    expect(checkDmarc(ok("v=DMARC1; rua=mailto:dmarc@muni.gob.pe"))).toMatchObject({ status: "wrong", reason: "dmarc_policy_invalid" });
    expect(checkDmarc(ok("v=DMARC1; p=block"))).toMatchObject({ status: "wrong", reason: "dmarc_policy_invalid" });
  });
});

describe("evaluateDomain and parseTags", () => {
  it("verifies a domain on SPF and DKIM alone", () => {
    const answers = { spf: ok(`v=spf1 include:${RELAY} ~all`), dkim: ok(`v=DKIM1; k=rsa; p=${KEY}`), dmarc: { status: "nxdomain" } as const };
    expect(evaluateDomain(answers, KEY, RELAY)).toMatchObject({ verified: true, dmarc: { status: "missing" } });
    expect(evaluateDomain({ ...answers, dkim: ok() }, KEY, RELAY).verified).toBe(false);
  });

  it("verifies on DKIM alone when SPF is judged at the bounce domain, still reporting the SPF it found", () => {
    const answers = { spf: ok("v=spf1 mx -all"), dkim: ok(`v=DKIM1; k=rsa; p=${KEY}`), dmarc: { status: "nxdomain" } as const };
    expect(evaluateDomain(answers, KEY, RELAY).verified).toBe(false);
    expect(evaluateDomain(answers, KEY, RELAY, true)).toMatchObject({ verified: true, spf: { status: "wrong" } });
    expect(evaluateDomain({ ...answers, dkim: ok() }, KEY, RELAY, true).verified).toBe(false);
  });

  it("refuses repeated or nameless tags", () => {
    expect(parseTags("v=DKIM1; p=a; p=b")).toBeNull();
    expect(parseTags("=x")).toBeNull();
    expect([...parseTags(" v = DMARC1 ; p = none ;")!]).toEqual([["v", "DMARC1"], ["p", "none"]]);
  });
});

describe("TXT over DoH", () => {
  it("joins quoted strings and reads escapes", () => {
    expect(txtText('"v=spf1 include:_spf.google.com" " ~all"')).toBe("v=spf1 include:_spf.google.com ~all");
    expect(txtText('"say \\"hola\\"" "a\\\\b" "\\195\\177"')).toBe('say "hola"a\\bñ');
    expect(txtText("v=DMARC1; p=none")).toBe("v=DMARC1; p=none");
  });

  it("asks for TXT and keeps only TXT answers", async () => {
    const asked: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return Response.json({
        Status: 0,
        Answer: [
          { name: "pregon202611._domainkey.muni.gob.pe", type: 5, TTL: 300, data: "muni.dkim.relay.pe." },
          { name: "muni.dkim.relay.pe", type: 16, TTL: 300, data: quoted(`v=DKIM1; k=rsa; p=${KEY}`) },
        ],
      });
    }) as typeof fetch;
    const r = new DohTxtResolver({ endpoint: "http://127.0.0.1:5353/dns-query", fetchFn });
    expect(await r.txt("Pregon202611._domainkey.MUNI.gob.pe.")).toEqual({ status: "ok", records: [`v=DKIM1; k=rsa; p=${KEY}`] });
    expect(asked).toEqual(["http://127.0.0.1:5353/dns-query?name=pregon202611._domainkey.muni.gob.pe&type=TXT"]);
  });

  it("tells NXDOMAIN from failures", async () => {
    const answer = (body: unknown, status = 200) => new DohTxtResolver({ fetchFn: (async () => new Response(JSON.stringify(body), { status })) as typeof fetch });
    expect(await answer({ Status: 3 }).txt("_dmarc.nadie.pe")).toEqual({ status: "nxdomain" });
    expect(await answer({ Status: 0 }).txt("nadie.pe")).toEqual({ status: "ok", records: [] });
    expect(await answer({ Status: 2 }).txt("nadie.pe")).toEqual({ status: "error" });
    expect(await answer({ Status: 0 }, 502).txt("nadie.pe")).toEqual({ status: "error" });
    expect(await answer("<html>").txt("nadie.pe")).toEqual({ status: "error" });
    const down = new DohTxtResolver({ fetchFn: (async () => Promise.reject(new TypeError("network down"))) as typeof fetch });
    expect(await down.txt("nadie.pe")).toEqual({ status: "error" });
    const hang = new DohTxtResolver({ timeoutMs: 20, fetchFn: ((_: unknown, init?: RequestInit) => new Promise((_r, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))))) as typeof fetch });
    expect(await hang.txt("nadie.pe")).toEqual({ status: "error" });
  });
});
