// DKIM signatures made by signDkim, checked by a real verifier (mailauth) for both algorithms.
import { generateKeyPairSync } from "node:crypto";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalBodyRelaxed, canonicalHeader } from "../../shared/email/dkim-canon";
import { generateDkimKeyPair, importDkimKey, signDkim } from "../../shared/email/dkim";
import type { DkimAlgorithm, DkimKey } from "../../shared/email/dkim";
import { buildMime, joinMessage } from "../../shared/email/mime";
import type { BuiltMime } from "../../shared/email/mime";

const NOW = new Date("2027-03-15T14:05:09Z");
const DOMAIN = "muni.gob.pe";

function message(): BuiltMime {
  const rows = Array.from({ length: 120 }, (_, i) => `<tr><td>Ítem ${i}  con  dos espacios\t y tab — «${"ñ".repeat(i % 7)}»</td></tr>`).join("\n");
  return buildMime({
    from: { name: "Gerencia de Logística — Municipalidad de Peñalolén", address: `avisos@${DOMAIN}` },
    to: "ana.quispe@losandes.com.pe",
    replyTo: `logistica@${DOMAIN}`,
    subject: "Convocatoria: inscripción de proveedores — ¡último día! 🚀",
    preheader: "Inscríbase hoy",
    html: `<html><body><table>${rows}</table>\n.punto\nFrom aquí   \n\n\n</body></html>\n\n\n`,
    text: "Hola Ana María\n.punto\nFrom aquí   \n\n\n",
    messageId: `<cmp_1.42.x@bounces.${DOMAIN}>`,
    date: NOW,
    returnPath: `b+tok@bounces.${DOMAIN}`,
    listUnsubscribe: { url: "https://t.pregon.pe/u/MWNjbXBfMQo0Mg.AAAAAAAAAAAAAAAAAAAAAA", mailto: `baja@bounces.${DOMAIN}` },
    feedbackId: "cmp_1:acc_9:pregon",
    headers: { "X-Pregon-Campaign": "cmp_1" },
  });
}

async function verify(wire: string, dnsValue: string) {
  const result = await dkimVerify(wire, {
    resolver: async (name: string, type: string) => {
      if (name !== `s1._domainkey.${DOMAIN}` || type !== "TXT") throw Object.assign(new Error("NXDOMAIN"), { code: "ENOTFOUND" });
      return [[dnsValue]];
    },
    curTime: NOW,
  });
  return result.results;
}

const keys = new Map<DkimAlgorithm, { key: DkimKey; dns: string; pem: string }>();
beforeAll(async () => {
  for (const algorithm of ["rsa-sha256", "ed25519-sha256"] as const) {
    const pair = await generateDkimKeyPair(algorithm);
    keys.set(algorithm, { key: await importDkimKey(pair.privatePem, algorithm, DOMAIN, "s1"), dns: pair.publicDnsValue, pem: pair.privatePem });
  }
});

describe.each(["rsa-sha256", "ed25519-sha256"] as const)("signDkim with %s", (algorithm) => {
  it("passes a real verifier", async () => {
    const { key, dns } = keys.get(algorithm)!;
    const m = message();
    const signature = await signDkim(m.headers, m.body, key, NOW);
    const wire = joinMessage(signature, m);
    expect(/\r(?!\n)|(?<!\r)\n/.test(wire)).toBe(false);
    for (const line of signature.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    const [result] = await verify(wire, dns);
    expect(result?.status.result).toBe("pass");
    expect(result?.algo).toBe(algorithm);
    expect(result?.format).toBe("relaxed/relaxed");
    expect(result?.signingDomain).toBe(DOMAIN);
    expect(result?.selector).toBe("s1");
  });

  it("signs the listed fields, over-signed, and Reply-To even when absent", async () => {
    const { key } = keys.get(algorithm)!;
    const m = message();
    const signature = await signDkim(m.headers, m.body, key, NOW);
    const h = /h=([^;]+);/.exec(signature.replace(/\r\n /g, " "))![1]!.replace(/\s/g, "");
    expect(h).toBe("from:from:to:to:subject:subject:date:date:message-id:message-id:mime-version:mime-version:content-type:content-type:list-unsubscribe:list-unsubscribe:list-unsubscribe-post:list-unsubscribe-post:feedback-id:feedback-id:reply-to:reply-to");
    expect(signature).toContain(`t=${NOW.getTime() / 1000};`);
    const noReply = buildMime({ ...baseFields(), replyTo: null });
    const sig2 = await signDkim(noReply.headers, noReply.body, key, NOW);
    expect(sig2.replace(/\r\n /g, "")).toContain("feedback-id:feedback-id:reply-to;");
  });

  it("fails once the body, a signed header or an added From changes", async () => {
    const { key, dns } = keys.get(algorithm)!;
    const m = message();
    const wire = joinMessage(await signDkim(m.headers, m.body, key, NOW), m);
    const tamperedBody = wire.replace("Hola Ana Mar", "Hola Ana Mor");
    expect((await verify(tamperedBody, dns))[0]?.status.result).toBe("neutral");
    const tamperedSubject = wire.replace("Subject: =?UTF-8?", "Subject: =?utf-8?");
    expect((await verify(tamperedSubject, dns))[0]?.status.result).toBe("fail");
    const extraFrom = wire.replace("To: ", "From: atacante@evil.example\r\nTo: ");
    expect((await verify(extraFrom, dns))[0]?.status.result).not.toBe("pass");
  });

  it("still passes after relays re-fold headers and pad line ends (relaxed)", async () => {
    const { key, dns } = keys.get(algorithm)!;
    const m = message();
    const wire = joinMessage(await signDkim(m.headers, m.body, key, NOW), m);
    const refolded = wire.replace("MIME-Version: 1.0", "MIME-Version:   1.0  ").replace("Hola Ana Mar=C3=ADa\r\n", "Hola Ana Mar=C3=ADa  \r\n");
    expect((await verify(refolded, dns))[0]?.status.result).toBe("pass");
  });
});

function baseFields() {
  return {
    from: { name: "SUNAT", address: `avisos@${DOMAIN}` }, to: "a@x.pe", subject: "Hola", html: "<p>x</p>", text: "x",
    messageId: `<a@${DOMAIN}>`, date: NOW, returnPath: `b@${DOMAIN}`, listUnsubscribe: { url: "https://t.pregon.pe/u/x" }, feedbackId: "c:a:pregon",
  };
}

describe("importDkimKey", () => {
  it("accepts an RSA key in PKCS#1 form and signs verifiably", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "der" } });
    expect(privateKey).toContain("BEGIN RSA PRIVATE KEY");
    const key = await importDkimKey(privateKey, "rsa-sha256", DOMAIN, "s1");
    const m = message();
    const [result] = await verify(joinMessage(await signDkim(m.headers, m.body, key, NOW), m), `v=DKIM1; k=rsa; p=${publicKey.toString("base64")}`);
    expect(result?.status.result).toBe("pass");
  });
  it("throws on misconfiguration", async () => {
    const rsa = keys.get("rsa-sha256")!.pem;
    await expect(importDkimKey("not a key", "rsa-sha256", DOMAIN, "s1")).rejects.toThrow(/not PEM/);
    await expect(importDkimKey(rsa, "ed25519-sha256", DOMAIN, "s1")).rejects.toThrow(/could not be imported as ed25519-sha256/);
    await expect(importDkimKey(rsa, "rsa-sha256", "no domain", "s1")).rejects.toThrow(/domain/);
    await expect(importDkimKey(rsa, "rsa-sha256", DOMAIN, "bad selector")).rejects.toThrow(/selector/);
  });
  it("publishes the DNS value each algorithm expects", () => {
    expect(keys.get("rsa-sha256")!.dns).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/]+=*$/);
    expect(keys.get("ed25519-sha256")!.dns).toMatch(/^v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=$/);
  });
});

describe("relaxed canonicalisation", () => {
  const body = (s: string): string => new TextDecoder().decode(canonicalBodyRelaxed(s));
  it("reduces whitespace, drops it at line ends, and drops trailing empty lines", () => {
    expect(body("a  \t b \r\n\tc\t\r\n\r\n\r\n")).toBe("a b\r\n c\r\n");
    expect(body("sin salto final  ")).toBe("sin salto final\r\n");
    expect(body("\r\n\r\n")).toBe("");
    expect(body("")).toBe("");
    expect(body("ñ  ü\r\n")).toBe("ñ ü\r\n");
  });
  it("unfolds and trims header fields", () => {
    expect(canonicalHeader("Subject:  Hola \r\n\tmundo  ")).toBe("subject:Hola mundo");
    expect(canonicalHeader("X-A : b")).toBe("x-a:b");
  });
});
