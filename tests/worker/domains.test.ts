/**
 * Sending domains through the Worker's own fetch, with DNS answered by the local DoH server
 * (doh-server.ts): add (key generated, sealed at rest), the exact records to publish, checks
 * that find nothing, the wrong key, an SPF without the relay or a DNS failure, verification
 * once the records are published, campaigns allowed only from verified domains, bad names,
 * duplicates, and 404 for unknown ids and other accounts' domains.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { setup } from "./campaign-helpers";
import { addDomain, check, freshDomain, publish, zone, type Detail } from "./domain-helpers";
import { openDomainKey } from "../../workers/email/domain-keys";

const SECRET = { LINK_SECRET: "test-link-secret" }; // tests/worker/vitest.config.ts
const b64 = (s: string) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));

describe("adding a sending domain", () => {
  it("makes an RSA-2048 key, keeps the private half sealed, and lists the records to publish", async () => {
    const s = await seedAccount();
    const domain = freshDomain();
    const d = await addDomain(s.users.admin.key, ` ${domain.toUpperCase()}. `);
    const month = new Date().toISOString().slice(0, 7).replace("-", "");
    expect(d).toMatchObject({ domain, selector: `pregon${month}`, spf: "pending", dkim: "pending", dmarc: "pending", verified: false, checkedAt: null, check: null });
    const p = d.records[0]!.value!.replace("v=DKIM1; k=rsa; p=", "");
    expect(p).toMatch(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA[A-Za-z0-9+/]+IDAQAB$/);
    expect(d.records).toEqual([
      { kind: "dkim", type: "TXT", host: `pregon${month}._domainkey.${domain}`, value: `v=DKIM1; k=rsa; p=${p}`, required: true, note: null },
      { kind: "spf", type: "TXT", host: domain, value: "v=spf1 include:spf.relay.test ~all", required: true, note: null },
      { kind: "dmarc", type: "TXT", host: `_dmarc.${domain}`, value: `v=DMARC1; p=none; rua=mailto:dmarc@${domain}`, required: false, note: "dmarc_rua_mailbox" },
    ]);

    const row = await env.DB.prepare("SELECT account_id, private_key, public_key FROM sending_domains WHERE id = ?").bind(d.id).first<{ account_id: string; private_key: string; public_key: string }>();
    expect(row!.public_key).toBe(p);
    expect(row!.private_key).toMatch(/^v1\.[A-Za-z0-9+/=]{16}\.[A-Za-z0-9+/=]+$/);
    // The sealed key (under LINK_SECRET, DKIM_KEY_SECRET being unset) signs, and the published key verifies what it signs.
    const key = await openDomainKey(SECRET, s.accountId, domain, d.selector, row!.private_key);
    expect(key).toMatchObject({ domain, selector: d.selector, algorithm: "rsa-sha256" });
    const data = new TextEncoder().encode("hola");
    const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, data);
    const pub = await crypto.subtle.importKey("spki", b64(p), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
    expect(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", pub, sig, data)).toBe(true);
    // Bound to its account and domain, and to the secret.
    await expect(openDomainKey(SECRET, "acc_other", domain, d.selector, row!.private_key)).rejects.toThrow(/does not decrypt/);
    await expect(openDomainKey({ DKIM_KEY_SECRET: "another-secret-entirely" }, s.accountId, domain, d.selector, row!.private_key)).rejects.toThrow(/does not decrypt/);

    const list = (await (await api("/domains", { key: s.users.viewer.key })).json()) as { domains: Detail[] };
    expect(list.domains).toEqual([{ id: d.id, domain, selector: d.selector, spf: "pending", dkim: "pending", dmarc: "pending", verified: false, checkedAt: null, createdAt: d.createdAt }]);
    expect(await (await api(`/domains/${d.id}`, { key: s.users.viewer.key })).json()).toEqual(d);
  });

  it.each(["", "muni", "avisos@muni.gob.pe", "https://muni.gob.pe", "muni.gob.pe/avisos", "192.0.2.10", "-muni.gob.pe", "mu ni.gob.pe"])("refuses the name %j", async (domain) => {
    const s = await seedAccount();
    const res = await api("/domains", { key: s.users.owner.key, body: { domain } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "invalid_field", field: "domain" });
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM sending_domains WHERE account_id = ?").bind(s.accountId).first("n"))).toBe(0);
  });

  it("refuses a domain the account already has, in any spelling, but another account may add it", async () => {
    const s = await seedAccount();
    const domain = freshDomain();
    await addDomain(s.users.owner.key, domain);
    const again = await api("/domains", { key: s.users.owner.key, body: { domain: `${domain.toUpperCase()}.` } });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toEqual({ code: "conflict", message: `The domain ${domain} was already added`, field: "domain" });
    const other = await seedAccount();
    expect((await api("/domains", { key: other.users.owner.key, body: { domain } })).status).toBe(201);
  });
});

describe("checking a sending domain", () => {
  it("says what is missing, then verifies once the records are published", async () => {
    const s = await seedAccount();
    const d = await addDomain(s.users.owner.key, freshDomain());
    const before = await check(s.users.admin.key, d.id);
    expect(before).toMatchObject({ spf: "missing", dkim: "missing", dmarc: "missing", verified: false });
    expect(before.check).toEqual({
      spf: { status: "missing", reason: "spf_none", found: [], warnings: [] },
      dkim: { status: "missing", reason: "dkim_none", found: [], warnings: [] },
      dmarc: { status: "missing", reason: "dmarc_none", found: [], warnings: [] },
    });
    expect(before.checkedAt).not.toBeNull();

    await publish(d);
    const after = await check(s.users.owner.key, d.id);
    expect(after).toMatchObject({ spf: "ok", dkim: "ok", dmarc: "ok", verified: true });
    expect(after.check!.dmarc).toEqual({ status: "ok", reason: null, found: [d.records[2]!.value], warnings: [], policy: "none" });
    // The DKIM value is longer than one 255-byte TXT string: the server sent it in pieces.
    expect(after.check!.dkim.found).toEqual([d.records[0]!.value]);
    expect((await (await api("/domains", { key: s.users.viewer.key })).json()) as object).toMatchObject({ domains: [{ id: d.id, verified: true, spf: "ok", dkim: "ok", dmarc: "ok" }] });
  });

  it("finds an SPF without the relay and suggests the merged record; a wrong DKIM key; a DNS failure", async () => {
    const s = await seedAccount();
    const d = await addDomain(s.users.owner.key, freshDomain());
    await publish(d);
    await zone(d.domain, ["google-site-verification=4b2x", "v=spf1 include:_spf.google.com ~all"]);
    await zone(d.records[0]!.host, ["v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAotherkey"]);
    const got = await check(s.users.owner.key, d.id);
    expect(got).toMatchObject({ spf: "wrong", dkim: "wrong", dmarc: "ok", verified: false });
    expect(got.check!.spf).toEqual({ status: "wrong", reason: "spf_include_missing", found: ["v=spf1 include:_spf.google.com ~all"], warnings: [] });
    expect(got.check!.dkim).toMatchObject({ status: "wrong", reason: "dkim_key_mismatch" });
    expect(got.records[1]).toEqual({ kind: "spf", type: "TXT", host: d.domain, value: "v=spf1 include:_spf.google.com include:spf.relay.test ~all", required: true, note: "spf_merge" });

    await zone(d.domain, null, "servfail");
    await zone(`_dmarc.${d.domain}`, null, "http500");
    const failed = await check(s.users.owner.key, d.id);
    expect(failed).toMatchObject({ spf: "error", dkim: "wrong", dmarc: "error", verified: false });
    expect(failed.check!.spf).toEqual({ status: "error", reason: "dns_error", found: [], warnings: [] });
  });

  it("turns a verified domain back to unverified when its record goes away", async () => {
    const s = await seedAccount();
    const d = await addDomain(s.users.owner.key, freshDomain());
    await publish(d);
    expect((await check(s.users.owner.key, d.id)).verified).toBe(true);
    await zone(d.records[0]!.host, null);
    expect(await check(s.users.owner.key, d.id)).toMatchObject({ dkim: "missing", verified: false });
  });
});

describe("sending from a domain", () => {
  it("allows campaigns only from verified domains of the same account", async () => {
    const s = await seedAccount();
    const { key, draft } = await setup(s);
    const d = await addDomain(s.users.owner.key, freshDomain());
    const from = { ...draft, fromAddress: `avisos@${d.domain}` };
    const refused = await api("/campaigns", { key, body: from });
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toEqual({ code: "unverified_sender", message: `fromAddress: the domain ${d.domain} is not a verified sending domain`, field: "fromAddress" });
    await publish(d);
    await check(s.users.owner.key, d.id);
    expect((await api("/campaigns", { key, body: from })).status).toBe(201);

    const other = await seedAccount();
    const theirs = await setup(other);
    const res = await api("/campaigns", { key: theirs.key, body: { ...theirs.draft, fromAddress: `avisos@${d.domain}` } });
    expect((await errorOf(res)).code).toBe("unverified_sender");
  });
});

describe("unknown and foreign domains", () => {
  it("answers 404 for an unknown id and for another account's domain, which stays untouched", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    const d = await addDomain(a.users.owner.key, freshDomain());
    for (const id of ["nope", d.id]) {
      for (const [path, method] of [[`/domains/${id}`, "GET"], [`/domains/${id}/check`, "POST"], [`/domains/${id}`, "DELETE"]] as const) {
        const res = await api(path, { method, key: b.users.owner.key });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(await errorOf(res)).toEqual({ code: "not_found", message: "Sending domain not found" });
      }
    }
    expect((await (await api("/domains", { key: b.users.owner.key })).json()) as object).toEqual({ domains: [] });
    expect(await (await api(`/domains/${d.id}`, { key: a.users.owner.key })).json()).toEqual(d);
  });

  it("deletes a domain and its key", async () => {
    const s = await seedAccount();
    const d = await addDomain(s.users.owner.key, freshDomain());
    expect(await (await api(`/domains/${d.id}`, { method: "DELETE", key: s.users.admin.key })).json()).toEqual({ ok: true });
    expect((await api(`/domains/${d.id}`, { key: s.users.owner.key })).status).toBe(404);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sending_domains WHERE id = ?").bind(d.id).first("n")).toBe(0);
  });
});
