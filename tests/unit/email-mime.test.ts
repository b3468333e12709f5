// buildMime and its encoders, checked by parsing the result back with a real MIME parser.
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { addressHeader, encodedWords, listHeader, unstructuredHeader } from "../../shared/email/header";
import { buildMime, joinMessage, rfc5322Date } from "../../shared/email/mime";
import type { OutgoingEmail } from "../../shared/email/mime";
import { encodeQuotedPrintable } from "../../shared/email/qp";

const SUBJECT = "Convocatoria: inscripción de proveedores — ¡último día! 🚀";
const LONG_LINE = `${"Bases integradas del proceso CAS N.º 045-2027 ".repeat(12)}fin`;
const TEXT = [
  "Estimada Ana María Quispe Ñahui:",
  "",
  ".Esta línea empieza con punto",
  ".",
  "From Lima con cariño",
  "Espacios al final   ",
  "Tab al final\t",
  LONG_LINE,
  "😀🇵🇪 emoji y bandera",
  "",
].join("\n");

function bigHtml(): string {
  const rows: string[] = [];
  for (let i = 0; rows.join("").length < 20_000; i++) {
    rows.push(`<tr><td style="padding:8px;font-family:Arial,sans-serif">Ítem ${i}: adquisición de útiles — año 2027 «niño»</td><td><a href="https://www.gob.pe/convocatorias/${i}?a=1&amp;b=2">Ver</a></td></tr>\n`);
  }
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">\n<table>${rows.join("")}</table>\n.punto\nFrom aquí\n<p>${"x".repeat(300)}</p></body></html>`;
}

function email(over: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    from: { name: "Municipalidad Distrital de Peñalolén — Gerencia de Logística", address: "avisos@muni.gob.pe" },
    to: "ana.quispe@losandes.com.pe",
    replyTo: "logistica@muni.gob.pe",
    subject: SUBJECT,
    preheader: "Inscríbase antes de las 23:59 <hoy>",
    html: bigHtml(),
    text: TEXT,
    messageId: "<cmp_1.42.abc@bounces.muni.gob.pe>",
    date: new Date("2027-03-15T14:05:09Z"),
    returnPath: "b+tok@bounces.muni.gob.pe",
    listUnsubscribe: { url: "https://t.pregon.pe/u/MWNjbXBfMQo0Mg.AAAAAAAAAAAAAAAAAAAAAA", mailto: "baja+42@bounces.muni.gob.pe" },
    feedbackId: "cmp_1:acc_9:pregon",
    headers: { "X-Pregon-Campaign": "cmp_1" },
    ...over,
  };
}

function assertWireFormat(wire: string): void {
  expect(/\r(?!\n)|(?<!\r)\n/.test(wire)).toBe(false);
  const [head, ...rest] = wire.split("\r\n\r\n");
  for (const line of head!.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
  for (const line of rest.join("\r\n\r\n").split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
}

describe("buildMime parsed back by mailparser", () => {
  it("round-trips subject, names, text and HTML exactly", async () => {
    const e = email();
    const m = buildMime(e);
    const wire = joinMessage(null, m);
    assertWireFormat(wire);
    const parsed = await simpleParser(wire);
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.from?.value).toEqual([{ name: "Municipalidad Distrital de Peñalolén — Gerencia de Logística", address: "avisos@muni.gob.pe" }]);
    expect(parsed.replyTo?.value[0]?.address).toBe("logistica@muni.gob.pe");
    expect(parsed.messageId).toBe("<cmp_1.42.abc@bounces.muni.gob.pe>");
    expect(parsed.date?.toISOString()).toBe("2027-03-15T14:05:09.000Z");
    expect(parsed.text).toBe(TEXT);
    const expectedHtml = e.html.replace('<body style="margin:0">', (tag) => tag + preheaderSpan(parsed.html as string));
    expect(parsed.html).toBe(expectedHtml);
    const raw = (key: string): string[] => parsed.headerLines.filter((h) => h.key === key).map((h) => h.line);
    expect(raw("list-unsubscribe-post")).toEqual(["List-Unsubscribe-Post: List-Unsubscribe=One-Click"]);
    expect(raw("feedback-id")).toEqual(["Feedback-ID: cmp_1:acc_9:pregon"]);
    expect(raw("x-pregon-campaign")).toEqual(["X-Pregon-Campaign: cmp_1"]);
    expect(parsed.headers.has("return-path")).toBe(false);
    expect(m.headers).toContain("List-Unsubscribe: <mailto:baja+42@bounces.muni.gob.pe>,\r\n <https://t.pregon.pe/u/MWNjbXBfMQo0Mg.AAAAAAAAAAAAAAAAAAAAAA>");
  });

  it("hides the preheader, escaped, right after <body>", async () => {
    const parsed = await simpleParser(joinMessage(null, buildMime(email())));
    const html = parsed.html as string;
    expect(html.indexOf("<span style=\"display:none!important;")).toBe(html.indexOf('<body style="margin:0">') + '<body style="margin:0">'.length);
    expect(html).toContain("Inscríbase antes de las 23:59 &lt;hoy&gt;&#847;&zwnj;&nbsp;");
    const bare = await simpleParser(joinMessage(null, buildMime(email({ html: "<p>sin body</p>", preheader: "Hola" }))));
    expect((bare.html as string).startsWith('<span style="display:none')).toBe(true);
    const none = await simpleParser(joinMessage(null, buildMime(email({ html: "<p>x</p>", preheader: null }))));
    expect(none.html).toBe("<p>x</p>");
  });

  it("uses a new random boundary each time, absent from the parts", () => {
    const a = buildMime(email());
    const b = buildMime(email());
    const boundary = /boundary="([^"]+)"/.exec(a.headers)![1]!;
    expect(boundary).toMatch(/^=_p[0-9a-f]{36}$/);
    expect(a.headers).not.toBe(b.headers);
    expect(a.body.split(`--${boundary}`).length).toBe(4);
    expect(a.body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it("keeps header injection out: CR and LF in values become spaces", async () => {
    const m = buildMime(email({ subject: "Hola\r\nBcc: victima@x.pe", from: { name: "A\nBcc: y@x.pe", address: "a@muni.gob.pe" } }));
    expect(m.headers).not.toMatch(/^Bcc:/m);
    const parsed = await simpleParser(joinMessage(null, m));
    expect(parsed.subject).toBe("Hola  Bcc: victima@x.pe");
    expect(parsed.bcc).toBeUndefined();
  });

  it("refuses bad addresses, Message-IDs and extra headers that would replace its own", () => {
    expect(() => buildMime(email({ to: "ana@x.pe>\r\nBcc: y@x.pe" }))).toThrow(RangeError);
    expect(() => buildMime(email({ messageId: "sin-angulos@x.pe" }))).toThrow(RangeError);
    expect(() => buildMime(email({ headers: { From: "x@y.pe" } }))).toThrow(RangeError);
    expect(() => buildMime(email({ headers: { "Bad Name": "x" } }))).toThrow(RangeError);
  });

  it("omits Reply-To and the mailto when not given", () => {
    const m = buildMime(email({ replyTo: null, listUnsubscribe: { url: "https://t.pregon.pe/u/x" } }));
    expect(m.headers).not.toContain("Reply-To");
    expect(m.headers).toContain("List-Unsubscribe: <https://t.pregon.pe/u/x>\r\n");
  });
});

describe("header encoding", () => {
  it("folds encoded-words at 78 without splitting characters or surrogate pairs", () => {
    const subject = "🚀".repeat(40) + " ñ".repeat(30);
    const h = unstructuredHeader("Subject", subject);
    for (const line of h.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    for (const word of h.replace(/^Subject: /, "").split("\r\n ")) {
      expect(word.length).toBeLessThanOrEqual(75);
      const m = /^=\?UTF-8\?([BQ])\?(.*)\?=$/.exec(word)!;
      const binary = m[1] === "B" ? atob(m[2]!) : m[2]!.replaceAll("_", " ").replace(/=([0-9A-F]{2})/g, (_, x: string) => String.fromCharCode(parseInt(x, 16)));
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      expect(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes)).toBeTypeOf("string");
    }
  });
  it("leaves plain ASCII readable and folds it at spaces", () => {
    expect(unstructuredHeader("Subject", "Hola")).toBe("Subject: Hola");
    const long = unstructuredHeader("Subject", "Aviso importante sobre el cronograma de pagos a proveedores del segundo trimestre del año fiscal");
    expect(long).toMatch(/^Subject: =\?UTF-8\?/);
    const ascii = unstructuredHeader("Subject", "Aviso importante sobre el cronograma de pagos a proveedores del segundo trimestre fiscal 2027");
    expect(ascii).toBe("Subject: Aviso importante sobre el cronograma de pagos a proveedores del\r\n segundo trimestre fiscal 2027");
    expect(unstructuredHeader("Subject", "Vea =?UTF-8?Q?x?=")).toMatch(/^Subject: =\?UTF-8\?Q\?Vea_=3D=3FUTF-8/);
  });
  it("quotes or encodes display names as a phrase needs", () => {
    expect(addressHeader("From", "SUNAT", "a@sunat.gob.pe")).toBe("From: SUNAT <a@sunat.gob.pe>");
    expect(addressHeader("From", 'Pérez, "Juan"', "a@x.pe")).toBe("From: =?UTF-8?Q?P=C3=A9rez=2C_=22Juan=22?= <a@x.pe>");
    expect(addressHeader("From", 'Ministerio (MEF), "Tesoro"', "a@x.pe")).toBe('From: "Ministerio (MEF), \\"Tesoro\\"" <a@x.pe>');
    expect(addressHeader("To", "", "a@x.pe")).toBe("To: a@x.pe");
  });
  it("chooses Q for mostly-Latin text and B for text that is mostly not", () => {
    expect(encodedWords("Peña", 9)).toEqual(["=?UTF-8?Q?Pe=C3=B1a?="]);
    expect(encodedWords("東京都庁", 9)).toEqual(["=?UTF-8?B?5p2x5Lqs6YO95bqB?="]);
  });
  it("folds list headers between items", () => {
    expect(listHeader("List-Unsubscribe", ["<mailto:a@b.pe>", "<https://x.pe/u/1>"])).toBe("List-Unsubscribe: <mailto:a@b.pe>, <https://x.pe/u/1>");
  });
  it("formats dates per RFC 5322 in UTC", () => {
    expect(rfc5322Date(new Date("2027-03-05T04:03:02Z"))).toBe("Fri, 5 Mar 2027 04:03:02 +0000");
  });
});

describe("encodeQuotedPrintable", () => {
  it("encodes UTF-8, '=', trailing whitespace, and line starts that transports mangle", () => {
    expect(encodeQuotedPrintable("Año = 2027 \nfin\t\n.punto\nFrom aquí")).toBe("A=C3=B1o =3D 2027=20\r\nfin=09\r\n=2Epunto\r\n=46rom aqu=C3=AD");
    expect(encodeQuotedPrintable("a\r\nb\rc")).toBe("a\r\nb\r\nc");
    expect(encodeQuotedPrintable("")).toBe("");
    expect(encodeQuotedPrintable("🚀 x\uD800y")).toBe("=F0=9F=9A=80 x=EF=BF=BDy");
  });
  it("soft-breaks at 76 without splitting an escape or a character", () => {
    const qp = encodeQuotedPrintable(`${"a".repeat(74)}ñ${"b".repeat(100)}`);
    const lines = qp.split("\r\n");
    expect(lines[0]).toBe(`${"a".repeat(74)}=`);
    expect(lines[1]!.startsWith("=C3=B1b")).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(encodeQuotedPrintable("x".repeat(76))).toBe("x".repeat(76));
    expect(encodeQuotedPrintable("x".repeat(77))).toBe(`${"x".repeat(75)}=\r\nxx`);
  });
  it("encodes a dot that a soft break brought to the start of a line", () => {
    expect(encodeQuotedPrintable(`${"x".repeat(75)}.y`)).toBe(`${"x".repeat(75)}=\r\n=2Ey`);
  });
});

function preheaderSpan(html: string): string {
  const start = html.indexOf("<span style=");
  return html.slice(start, html.indexOf("</span>", start) + "</span>".length);
}
