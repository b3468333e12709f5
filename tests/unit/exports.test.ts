// Exports: signed expiring download tokens (any alteration fails, expiry told apart), schedule
// arithmetic in Lima time across day, month and year ends, the request rules, file names, and
// counting CSV records in a stream.
import { beforeAll, describe, expect, it } from "vitest";
import { importLinkKey, signToken, verifyToken } from "../../shared/email/links";
import { signExportToken, verifyExportToken } from "../../shared/exports/token";
import { nextRunAt, previousLimaMonth, type Cadence } from "../../shared/exports/cadence";
import { checkExportRequest, eventKindOf, monthlyReportUser, recipientFilterOf } from "../../shared/exports/request";
import { contentDisposition, exportFileName, exportKey } from "../../shared/exports/files";
import { csvRecordCounter } from "../../shared/exports/csv-count";
import { csvLine } from "../../shared/import/csv-export";

const T = (iso: string) => Date.parse(iso);
let key: CryptoKey;
let otherKey: CryptoKey;
beforeAll(async () => {
  key = await importLinkKey("k3V9pQ2x7Lm4Zr8Ty1Wb6Nc5Hd0Fg3Js");
  otherKey = await importLinkKey("another-secret-of-enough-length!!");
});

describe("export download tokens", () => {
  const id = "exp_0f3c9a1b2d4e4f60a7b8c9d0e1f2a3b4";
  const expires = T("2027-01-08T05:00:00Z");

  it("round-trips the export id and the expiry (to the second)", async () => {
    const token = await signExportToken(key, id, expires + 999);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(await verifyExportToken(key, token, expires - 1)).toEqual({ ok: true, exportId: id, expiresAt: expires });
  });

  it("is expired from its expiry on, and only then", async () => {
    const token = await signExportToken(key, id, expires);
    expect((await verifyExportToken(key, token, expires - 1)).ok).toBe(true);
    expect(await verifyExportToken(key, token, expires)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyExportToken(key, token, expires + 86_400_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("is invalid after any single-character change, truncation or extension", async () => {
    const token = await signExportToken(key, id, expires);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    let checked = 0;
    for (let i = 0; i < token.length; i++) {
      for (const ch of alphabet) {
        if (ch === token[i]) continue;
        const altered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(await verifyExportToken(key, altered, 0), altered).toEqual({ ok: false, reason: "invalid" });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
    for (let n = 0; n < token.length; n++) expect(await verifyExportToken(key, token.slice(0, n), 0)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyExportToken(key, `${token}A`, 0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("cannot be stretched: a later expiry with the old MAC fails", async () => {
    const token = await signExportToken(key, id, expires);
    const later = Buffer.from(`x1${id}\n${Math.floor((expires + 86_400_000) / 1000).toString(36)}`).toString("base64url");
    expect(await verifyExportToken(key, `${later}.${token.split(".")[1]}`, 0)).toEqual({ ok: false, reason: "invalid" });
    const otherId = Buffer.from(`x1exp_other\n${Math.floor(expires / 1000).toString(36)}`).toString("base64url");
    expect(await verifyExportToken(key, `${otherId}.${token.split(".")[1]}`, 0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("is refused under another key, and never mixes with tracking tokens", async () => {
    const token = await signExportToken(key, id, expires);
    expect(await verifyExportToken(otherKey, token, 0)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyToken(key, token)).toBeNull();
    const open = await signToken(key, { kind: "open", campaignId: "exp_1", contactId: 9 });
    expect(await verifyExportToken(key, open, 0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses ids it could not carry and non-positive expiries", async () => {
    await expect(signExportToken(key, "exp 1", expires)).rejects.toThrow(RangeError);
    await expect(signExportToken(key, "", expires)).rejects.toThrow(RangeError);
    await expect(signExportToken(key, "a\nb", expires)).rejects.toThrow(RangeError);
    await expect(signExportToken(key, id, 0)).rejects.toThrow(RangeError);
    await expect(signExportToken(key, id, 1.5)).rejects.toThrow(RangeError);
  });
});

describe("nextRunAt (Lima, UTC−5)", () => {
  const cases: [Cadence, number, string, string][] = [
    // daily: later the same Lima day, or the next one; exactly at the time is not "after".
    ["daily", 11, "2027-03-10T15:59:00Z", "2027-03-10T16:00:00Z"],
    ["daily", 11, "2027-03-10T16:00:00Z", "2027-03-11T16:00:00Z"],
    // Lima is still on the 31st of January when UTC is on February 1st.
    ["daily", 6, "2027-02-01T04:30:00Z", "2027-02-01T11:00:00Z"],
    ["daily", 23, "2027-02-28T12:00:00Z", "2027-03-01T04:00:00Z"],
    ["daily", 0, "2027-03-01T04:00:00Z", "2027-03-01T05:00:00Z"],
    // Year end: 20:00 Lima on 31 December is already 1 January in UTC.
    ["daily", 6, "2027-01-01T01:00:00Z", "2027-01-01T11:00:00Z"],
    ["daily", 6, "2026-12-31T11:00:00Z", "2027-01-01T11:00:00Z"],
    // Leap day.
    ["daily", 6, "2028-02-28T20:00:00Z", "2028-02-29T11:00:00Z"],
    // weekly: Mondays (2027-03-01 and 2027-03-08 are Mondays).
    ["weekly", 8, "2027-02-26T12:00:00Z", "2027-03-01T13:00:00Z"],
    ["weekly", 8, "2027-03-01T12:59:59Z", "2027-03-01T13:00:00Z"],
    ["weekly", 8, "2027-03-01T13:00:00Z", "2027-03-08T13:00:00Z"],
    ["weekly", 0, "2027-03-01T04:59:00Z", "2027-03-01T05:00:00Z"],
    ["weekly", 23, "2026-12-29T12:00:00Z", "2027-01-05T04:00:00Z"],
    // monthly: the 1st, across month and year ends and short months.
    ["monthly", 6, "2027-01-31T12:00:00Z", "2027-02-01T11:00:00Z"],
    ["monthly", 6, "2027-02-01T11:00:00Z", "2027-03-01T11:00:00Z"],
    ["monthly", 6, "2027-02-28T23:00:00Z", "2027-03-01T11:00:00Z"],
    ["monthly", 0, "2027-01-01T04:00:00Z", "2027-01-01T05:00:00Z"],
    ["monthly", 0, "2027-01-01T05:00:00Z", "2027-02-01T05:00:00Z"],
    ["monthly", 23, "2026-12-15T00:00:00Z", "2027-01-02T04:00:00Z"],
    ["monthly", 9, "2026-12-01T14:00:01Z", "2027-01-01T14:00:00Z"],
  ];
  it.each(cases)("%s at %i after %s is %s", (cadence, hour, after, expected) => {
    expect(new Date(nextRunAt(cadence, hour, T(after))).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("is always the first qualifying hour after the given time (checked hour by hour)", () => {
    const qualifies = (cadence: Cadence, hour: number, at: number) => {
      const lima = new Date(at - 5 * 3_600_000);
      if (lima.getUTCHours() !== hour || lima.getUTCMinutes() !== 0 || lima.getUTCSeconds() !== 0 || lima.getUTCMilliseconds() !== 0) return false;
      return cadence === "daily" || (cadence === "weekly" ? lima.getUTCDay() === 1 : lima.getUTCDate() === 1);
    };
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const cadence = (["daily", "weekly", "monthly"] as const)[i % 3]!;
      const hour = Math.floor(rand() * 24);
      const after = T("2026-01-01T00:00:00Z") + Math.floor(rand() * 3 * 365 * 86_400_000);
      const next = nextRunAt(cadence, hour, after);
      expect(next).toBeGreaterThan(after);
      expect(qualifies(cadence, hour, next)).toBe(true);
      for (let h = Math.floor(after / 3_600_000) * 3_600_000; h < next; h += 3_600_000) if (h > after) expect(qualifies(cadence, hour, h)).toBe(false);
    }
  });

  it("refuses hours outside 0–23", () => {
    expect(() => nextRunAt("daily", 24, 0)).toThrow(RangeError);
    expect(() => nextRunAt("daily", -1, 0)).toThrow(RangeError);
    expect(() => nextRunAt("daily", 1.5, 0)).toThrow(RangeError);
  });
});

describe("previousLimaMonth", () => {
  it("gives the Lima month before, across the year end", () => {
    expect(previousLimaMonth(T("2027-01-01T05:00:00Z"))).toBe("2026-12");
    expect(previousLimaMonth(T("2027-01-01T04:59:59Z"))).toBe("2026-11");
    expect(previousLimaMonth(T("2027-03-31T12:00:00Z"))).toBe("2027-02");
    expect(previousLimaMonth(T("2028-03-01T05:00:00Z"))).toBe("2028-02");
  });
});

describe("export request rules", () => {
  it("accepts what each kind takes", () => {
    expect(checkExportRequest("monthly-report", "pdf", { month: "2026-12", lang: "en" }, "export")).toBeNull();
    expect(checkExportRequest("monthly-report", "csv", {}, "schedule")).toBeNull();
    expect(checkExportRequest("campaign-events", "csv", { campaignId: "c1", filter: "click" }, "export")).toBeNull();
    expect(checkExportRequest("campaign-recipients", "csv", { campaignId: "c1", filter: "not_opened" }, "schedule")).toBeNull();
  });
  it("names the field at fault", () => {
    const field = (...a: Parameters<typeof checkExportRequest>) => checkExportRequest(...a)?.field;
    expect(field("campaign-events", "pdf", { campaignId: "c1" }, "export")).toBe("format");
    expect(field("campaign-recipients", "csv", {}, "export")).toBe("params.campaignId");
    expect(field("campaign-recipients", "csv", { campaignId: "c1", month: "2026-12" }, "export")).toBe("params.month");
    expect(field("monthly-report", "csv", { month: "2026-12", campaignId: "c1" }, "export")).toBe("params.campaignId");
    expect(field("monthly-report", "csv", {}, "export")).toBe("params.month");
    expect(field("monthly-report", "csv", { month: "2026-12" }, "schedule")).toBe("params.month");
    expect(field("campaign-events", "csv", { campaignId: "c1", filter: "opened" }, "export")).toBe("params.filter");
    expect(field("campaign-recipients", "csv", { campaignId: "c1", filter: "open" }, "export")).toBe("params.filter");
    expect(checkExportRequest("campaign-events", "pdf", { campaignId: "c1" }, "export")).toEqual({ status: 400, field: "format", message: "format: pdf is only available for monthly-report" });
  });
  it("types a stored filter for the CSV makers, and refuses one they do not know", () => {
    expect(recipientFilterOf(undefined)).toBe("all");
    expect(recipientFilterOf("not_opened")).toBe("not_opened");
    expect(() => recipientFilterOf("todos")).toThrow('unknown recipient filter "todos"');
    expect(() => recipientFilterOf("open")).toThrow(RangeError);
    expect(eventKindOf(undefined)).toBeNull();
    expect(eventKindOf("bounce_soft")).toBe("bounce_soft");
    expect(() => eventKindOf("opened")).toThrow('unknown event kind "opened"');
  });
  it("lets owner and admin have anyone's report, others only their own", () => {
    expect(monthlyReportUser({ userId: "u1", role: "owner" }, undefined)).toEqual({ ok: true, userId: null });
    expect(monthlyReportUser({ userId: "u1", role: "admin" }, "u2")).toEqual({ ok: true, userId: "u2" });
    expect(monthlyReportUser({ userId: "u1", role: "viewer" }, undefined)).toEqual({ ok: true, userId: "u1" });
    expect(monthlyReportUser({ userId: "u1", role: "sender" }, "u1")).toEqual({ ok: true, userId: "u1" });
    const refused = monthlyReportUser({ userId: "u1", role: "editor" }, "u2");
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toMatchObject({ status: 403, field: "params.userId" });
  });
});

describe("export files", () => {
  it("names files readably", () => {
    expect(exportFileName("monthly-report", "pdf", { month: "2026-12" })).toBe("reporte-mensual-2026-12.pdf");
    expect(exportFileName("campaign-events", "csv", { campaignId: "c1", filter: "click" }, "Convocatoria CAS Nº 12 — Año 2027")).toBe("eventos-convocatoria-cas-n-12-ano-2027-click.csv");
    expect(exportFileName("campaign-recipients", "csv", { campaignId: "c1" }, "¡¡!!")).toBe("destinatarios-export.csv");
    expect(exportKey("acc_1", "exp_9", "pdf")).toBe("exports/acc_1/exp_9.pdf");
  });
  it("writes Content-Disposition with an ASCII fallback for accents", () => {
    expect(contentDisposition("reporte-mensual-2026-12.pdf")).toBe('attachment; filename="reporte-mensual-2026-12.pdf"');
    expect(contentDisposition("reporte-año.csv")).toBe("attachment; filename=\"reporte-ano.csv\"; filename*=UTF-8''reporte-a%C3%B1o.csv");
    expect(contentDisposition('a"b.csv')).toBe("attachment; filename=\"a_b.csv\"; filename*=UTF-8''a%22b.csv");
  });
});

describe("csvRecordCounter", () => {
  const enc = new TextEncoder();
  const text = "\uFEFF" + csvLine(["correo", "nombre"]) + csvLine(["ana@x.pe", "Ana\r\nQuispe"]) + csvLine(["luis@x.pe", 'dice "hola"\nadiós']) + csvLine(["eva@x.pe", ""]);
  it("counts records, not line breaks inside quoted cells", () => {
    const c = csvRecordCounter();
    c.push(enc.encode(text));
    expect(c.records()).toBe(4);
  });
  it("gives the same count however the stream is cut", () => {
    const bytes = enc.encode(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const c = csvRecordCounter();
      for (let i = 0; i < bytes.length; i += size) c.push(bytes.subarray(i, i + size));
      expect(c.records(), `chunks of ${size}`).toBe(4);
    }
  });
  it("counts a last line without its line break, and nothing for nothing", () => {
    const c = csvRecordCounter();
    c.push(enc.encode("a,b\r\nc,d"));
    expect(c.records()).toBe(2);
    expect(csvRecordCounter().records()).toBe(0);
  });
});
