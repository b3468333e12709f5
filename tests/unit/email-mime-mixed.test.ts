// System mail (the monthly report): multipart/mixed with text, HTML and attachments that a real
// MIME parser reads back byte for byte; the SYSTEM_FROM setting; the Spanish summary's words.
import { describe, expect, it } from "vitest";
import { simpleParser } from "mailparser";
import { base64Lines, buildSystemMime, type SystemEmail } from "../../shared/email/mime-mixed";
import { joinMessage } from "../../shared/email/mime";
import { DEFAULT_SYSTEM_ADDRESS, systemSender } from "../../shared/email/system-sender";
import { reportMailContent } from "../../shared/exports/report-mail";
import type { MonthlyCounts, MonthlyReport } from "../../shared/api/schemas-reports";

const pdf = Uint8Array.from({ length: 5000 }, (_, i) => (i * 37 + 11) % 256);
const mail = (over: Partial<SystemEmail> = {}): SystemEmail => ({
  from: { name: "Pregón Reportes", address: "no-responder@pregon.gob.pe" },
  to: "duena@muni.gob.pe",
  subject: "Reporte de consumo de diciembre de 2026 · Municipalidad de Peña",
  text: "Hola:\nEnviados: 1.234\n",
  html: "<p>Hola:</p><p>Enviados: <strong>1.234</strong></p>",
  messageId: "<report.acc_1.2026-12@pregon.gob.pe>",
  date: new Date("2027-01-01T05:00:03Z"),
  attachments: [
    { filename: "reporte-mensual-2026-12.pdf", contentType: "application/pdf", content: pdf },
    { filename: "reporte-año.csv", contentType: "text/csv; charset=utf-8", content: new TextEncoder().encode("\uFEFFcampaña,enviados\r\nCAS,3\r\n") },
  ],
  ...over,
});

describe("buildSystemMime", () => {
  it("reads back with every part and attachment intact", async () => {
    const m = buildSystemMime(mail());
    const parsed = await simpleParser(joinMessage(null, m));
    expect(parsed.subject).toBe("Reporte de consumo de diciembre de 2026 · Municipalidad de Peña");
    expect(parsed.from?.value[0]).toEqual({ name: "Pregón Reportes", address: "no-responder@pregon.gob.pe" });
    expect(parsed.messageId).toBe("<report.acc_1.2026-12@pregon.gob.pe>");
    expect(parsed.text).toBe("Hola:\nEnviados: 1.234\n");
    expect(parsed.html).toContain("<strong>1.234</strong>");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["reporte-mensual-2026-12.pdf", "application/pdf"],
      ["reporte-año.csv", "text/csv"],
    ]);
    expect(new Uint8Array(parsed.attachments[0]!.content)).toEqual(pdf);
    expect(parsed.attachments[1]!.content.toString("utf8")).toBe("\uFEFFcampaña,enviados\r\nCAS,3\r\n");
  });

  it("keeps every line within 78 characters and uses CRLF only", () => {
    const m = buildSystemMime(mail());
    const whole = joinMessage(null, m);
    expect(whole.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    for (const line of whole.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
    expect(m.headers).toMatch(/^Content-Type: multipart\/mixed;\r\n boundary="=_m[0-9a-f]{30}"$/m);
  });

  it("is a plain multipart/alternative without attachments", async () => {
    const m = buildSystemMime(mail({ attachments: [] }));
    expect(m.headers).toContain("Content-Type: multipart/alternative;");
    const parsed = await simpleParser(joinMessage(null, m));
    expect(parsed.attachments).toHaveLength(0);
    expect(parsed.text).toBe("Hola:\nEnviados: 1.234\n");
  });

  it("refuses a bad Message-ID, address or content type", () => {
    expect(() => buildSystemMime(mail({ messageId: "report@x" }))).toThrow(RangeError);
    expect(() => buildSystemMime(mail({ to: "no es correo" }))).toThrow(RangeError);
    expect(() => buildSystemMime(mail({ attachments: [{ filename: "x", contentType: "application/pdf\r\nBcc: a@b.pe", content: pdf }] }))).toThrow(RangeError);
  });

  it("writes base64 in 76-character lines", () => {
    expect(base64Lines(new TextEncoder().encode("hola"))).toBe("aG9sYQ==");
    const lines = base64Lines(pdf).split("\r\n");
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    expect(Buffer.from(lines.join(""), "base64")).toEqual(Buffer.from(pdf));
    expect(base64Lines(new Uint8Array(0))).toBe("");
  });
});

describe("systemSender", () => {
  it("reads a named or bare address, and defaults locally", () => {
    expect(systemSender("Reportes Pregón <reportes@pregon.gob.pe>", "Pregón")).toEqual({ name: "Reportes Pregón", address: "reportes@pregon.gob.pe" });
    expect(systemSender('"Mesa de ayuda" <ayuda@muni.gob.pe>', "Pregón")).toEqual({ name: "Mesa de ayuda", address: "ayuda@muni.gob.pe" });
    expect(systemSender("reportes@pregon.gob.pe", "Pregón")).toEqual({ name: "Pregón", address: "reportes@pregon.gob.pe" });
    expect(systemSender(undefined, "Pregón")).toEqual({ name: "Pregón", address: DEFAULT_SYSTEM_ADDRESS });
    expect(systemSender("  ", "Pregón")).toEqual({ name: "Pregón", address: DEFAULT_SYSTEM_ADDRESS });
  });
  it("throws on a value that is not an address", () => {
    expect(() => systemSender("Pregón", "Pregón")).toThrow(/SYSTEM_FROM/);
    expect(() => systemSender("a b@x.pe", "Pregón")).toThrow(/SYSTEM_FROM/);
  });
});

describe("reportMailContent", () => {
  const zero: MonthlyCounts = { sent: 0, delivered: 0, bounced: 0, hardBounces: 0, softBounces: 0, opens: 0, uniqueOpens: 0, notOpened: 0, clicks: 0, uniqueClicks: 0, unsubscribed: 0, complaints: 0, machineOpens: 0, machineClicks: 0, deliveredRate: null, openRate: null, reopenRate: null, clickRate: null };
  const report: MonthlyReport = {
    month: "2026-09",
    from: "2026-09-01T05:00:00.000Z",
    to: "2026-10-01T05:00:00.000Z",
    generatedAt: "2026-10-01T05:00:00.000Z",
    account: { id: "acc_1", name: "Municipalidad de <Peña>" },
    user: null,
    totals: { ...zero, sent: 12000, delivered: 11800, bounced: 200, hardBounces: 150, softBounces: 50, uniqueOpens: 5900, uniqueClicks: 1180, unsubscribed: 12, complaints: 1, deliveredRate: 11800 / 12000, openRate: 0.5, clickRate: 0.1 },
    campaigns: [],
    providers: [],
    peakHours: [],
    credits: [
      { channel: "email", holder: "main", holderName: null, used: 12000, refunded: 0, granted: 0, expired: 0, balance: 4988000 },
      { channel: "email", holder: "usr_1", holderName: "Ana", used: 0, refunded: 0, granted: 0, expired: 0, balance: 700 },
      { channel: "sms", holder: "main", holderName: null, used: 0, refunded: 0, granted: 0, expired: 0, balance: 80000 },
    ],
    bags: [
      { id: "b1", channel: "email", granted: 5000000, remaining: 4988000, expiresAt: "2027-09-30T17:00:00.000Z", expired: false },
      { id: "b0", channel: "sms", granted: 100, remaining: 0, expiresAt: "2026-01-01T00:00:00.000Z", expired: true },
    ],
  };

  it("says the month, the account and the headline numbers in Spanish", () => {
    const c = reportMailContent(report, "https://pregon.example.pe/reports?month=2026-09");
    expect(c.subject).toBe("Reporte de consumo de setiembre de 2026 · Municipalidad de <Peña>");
    expect(c.text).toContain("Este es el reporte de consumo de setiembre de 2026 de Municipalidad de <Peña>.");
    expect(c.text).toContain("Enviados: 12.000\n");
    expect(c.text).toContain("Entregados: 11.800 (98,3\u00a0%)");
    expect(c.text).toContain("Aperturas únicas: 5.900 (50\u00a0%)");
    expect(c.text).toContain("Rebotes: 200 (150 duros, 50 blandos)");
    expect(c.text).toContain("Créditos de email disponibles: 4.988.000\n");
    expect(c.text).toContain("Créditos de SMS disponibles: 80.000\n");
    expect(c.text).toContain("- 4.988.000 emails vencen el 30 set. 2027");
    expect(c.text).not.toContain("SMS vencen");
    expect(c.text).toContain("https://pregon.example.pe/reports?month=2026-09");
  });

  it("escapes the account name in the HTML", () => {
    const c = reportMailContent(report, null);
    expect(c.html).toContain("Municipalidad de &lt;Peña&gt;");
    expect(c.html).not.toContain("<Peña>");
    expect(c.html).not.toContain("Ver el reporte en el panel");
  });
});
