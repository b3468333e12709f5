// Per-recipient detail, pure parts: the presenter (bounce kind, name, ISO times, people and
// machines apart) and the CSV lines of the recipients and events exports (Lima and UTC times,
// Spanish and English words, formula cells neutralised), read back with the import's CSV parser.
import { describe, expect, it } from "vitest";
import { bounceOf, fullName, presentEvent, presentRecipient, type RecipientRow } from "../../shared/reports/recipients";
import { eventCsvLine, eventsCsvHeader, limaDateTime, recipientCsvLine, recipientsCsvHeader } from "../../shared/reports/campaign-csv-rows";
import { EVENT_HEADERS, RECIPIENT_HEADERS, kindLabel, statusLabel } from "../../shared/reports/csv-labels";
import { CsvParser } from "../../shared/import/csv-parser";

const parse = (text: string) => {
  const p = new CsvParser(",");
  return [...p.push(text), ...p.end()].map((r) => r.fields);
};

// Sunday 29 November 2026, 14:15:03 UTC = 09:15:03 in Lima.
const T = Date.UTC(2026, 10, 29, 14, 15, 3);
const row: RecipientRow = {
  contact_id: 7,
  email: "ana@empresa.pe",
  first_name: "Ana",
  last_name: "Quispe",
  status: "sent",
  sent_at: T,
  code: 250,
  detail: "250 2.0.0 Ok",
  opened_at: T + 60_000,
  clicked_at: T + 120_000,
  opens: 3,
  machine_opens: 2,
  clicks: 1,
  machine_clicks: 4,
  unsubscribed_at: null,
  complained_at: T + 3_600_000,
};

describe("presentRecipient", () => {
  it("gives ISO times, the full name and people and machines apart", () => {
    expect(presentRecipient(row)).toEqual({
      contactId: 7,
      email: "ana@empresa.pe",
      name: "Ana Quispe",
      status: "sent",
      sentAt: "2026-11-29T14:15:03.000Z",
      bounce: null,
      code: 250,
      detail: "250 2.0.0 Ok",
      firstOpenAt: "2026-11-29T14:16:03.000Z",
      opens: 3,
      machineOpens: 2,
      firstClickAt: "2026-11-29T14:17:03.000Z",
      clicks: 1,
      machineClicks: 4,
      unsubscribedAt: null,
      complainedAt: "2026-11-29T15:15:03.000Z",
    });
  });
  it("tells hard from soft bounces by the delivery row alone", () => {
    expect(bounceOf("bounced", "550 5.1.1 no such user")).toBe("hard");
    expect(bounceOf("sent", "soft_bounce dsn 4.2.2: mailbox full")).toBe("soft");
    expect(bounceOf("sent", "250 ok soft_bounce")).toBeNull();
    expect(bounceOf("deferred", null)).toBeNull();
  });
  it("names with what is there, or null", () => {
    expect(fullName("Ana", null)).toBe("Ana");
    expect(fullName(null, " Quispe ")).toBe("Quispe");
    expect(fullName(" ", null)).toBeNull();
    expect(fullName(null, null)).toBeNull();
  });
  it("presents an event with its ISO time", () => {
    const e = presentEvent({ id: "e1", at: T, kind: "click", url: "https://gob.pe", machine: null, provider: "other", device: "desktop", client: "chrome", status: null, detail: null, source: null });
    expect(e).toEqual({ id: "e1", at: "2026-11-29T14:15:03.000Z", kind: "click", url: "https://gob.pe", machine: null, provider: "other", device: "desktop", client: "chrome", status: null, detail: null, source: null });
  });
});

describe("limaDateTime", () => {
  it("is Lima wall-clock time to the second, across midnight, from ms or ISO", () => {
    expect(limaDateTime(T)).toBe("2026-11-29 09:15:03");
    expect(limaDateTime(Date.UTC(2026, 11, 1, 4, 59, 59))).toBe("2026-11-30 23:59:59");
    expect(limaDateTime("2027-01-01T05:00:00.000Z")).toBe("2027-01-01 00:00:00");
    expect(limaDateTime(null)).toBeNull();
  });
});

describe("recipients CSV", () => {
  it("starts with a BOM and the Spanish headings, English on request", () => {
    expect(recipientsCsvHeader("es").startsWith("\uFEFFID de contacto,Correo electrónico,Nombre,Estado del envío,")).toBe(true);
    expect(parse(recipientsCsvHeader("es").slice(1))).toEqual([[...RECIPIENT_HEADERS.es]]);
    expect(parse(recipientsCsvHeader("en").slice(1))).toEqual([[...RECIPIENT_HEADERS.en]]);
    expect(RECIPIENT_HEADERS.es).toHaveLength(RECIPIENT_HEADERS.en.length);
  });
  it("writes one recipient in Lima time with its counts", () => {
    const line = recipientCsvLine(presentRecipient(row), "es");
    expect(line.endsWith("\r\n")).toBe(true);
    expect(parse(line)).toEqual([["7", "ana@empresa.pe", "Ana Quispe", "Enviado", "2026-11-29 09:15:03", "", "250", "250 2.0.0 Ok", "2026-11-29 09:16:03", "3", "2", "2026-11-29 09:17:03", "1", "4", "", "2026-11-29 10:15:03"]]);
    expect(parse(recipientCsvLine(presentRecipient({ ...row, status: "bounced", detail: "smtp 5.1.1: unknown" }), "en"))[0]!.slice(3, 8)).toEqual(["Bounced", "2026-11-29 09:15:03", "Hard", "250", "smtp 5.1.1: unknown"]);
  });
  it("neutralises a formula in a name or detail", () => {
    const line = recipientCsvLine(presentRecipient({ ...row, first_name: '=HYPERLINK("http://x.pe","clic")', last_name: null, detail: "@SUM(1+1)" }), "es");
    const cells = parse(line)[0]!;
    expect(cells[2]).toBe(`'=HYPERLINK("http://x.pe","clic")`);
    expect(cells[7]).toBe("'@SUM(1+1)");
  });
});

describe("events CSV", () => {
  const ev = { id: "e1", at: T, kind: "open", url: null, machine: "apple_mpp", provider: "outlook", device: "mobile", client: "apple_mail", status: null, detail: null, source: null, email: "ana@empresa.pe" };
  it("has its headings in both languages", () => {
    expect(parse(eventsCsvHeader("es").slice(1))).toEqual([[...EVENT_HEADERS.es]]);
    expect(parse(eventsCsvHeader("en").slice(1))).toEqual([[...EVENT_HEADERS.en]]);
    expect(eventsCsvHeader("en").startsWith("\uFEFF")).toBe(true);
  });
  it("writes Lima and UTC times, the event in words, the machine rule, labels per language", () => {
    expect(parse(eventCsvLine(ev, "es"))).toEqual([["2026-11-29 09:15:03", "2026-11-29T14:15:03.000Z", "ana@empresa.pe", "Apertura", "", "apple_mpp", "Outlook / Hotmail / Live", "Celular", "Apple Mail", "", ""]]);
    expect(parse(eventCsvLine({ ...ev, kind: "bounce_soft", machine: null, provider: "other", device: null, client: null, status: "4.2.2", detail: "mailbox full" }, "en"))).toEqual([
      ["2026-11-29 09:15:03", "2026-11-29T14:15:03.000Z", "ana@empresa.pe", "Soft bounce", "", "", "Others (corporate)", "", "", "4.2.2", "mailbox full"],
    ]);
  });
  it("neutralises a formula in a clicked URL and keeps commas inside one cell", () => {
    const cells = parse(eventCsvLine({ ...ev, kind: "click", machine: null, url: "=cmd|' /C calc'!A0", detail: "a, b" }, "es"))[0]!;
    expect(cells[3]).toBe("Clic");
    expect(cells[4]).toBe("'=cmd|' /C calc'!A0");
    expect(cells[10]).toBe("a, b");
  });
  it("writes an unknown code as is", () => {
    expect(kindLabel("es", "teleport")).toBe("teleport");
    expect(statusLabel("en", null)).toBeNull();
  });
});
