/**
 * An SMS campaign's CSV lines (shared/reports/sms-csv-rows.ts), its recipient filters and number
 * prefixes (sms-recipient-filters.ts), and the export request's channel rule for filters
 * (shared/exports/request.ts campaignFilterProblem): exact cells, Lima times, labels in both
 * languages, unknown codes written as they are, formulas neutralised.
 */
import { describe, expect, it } from "vitest";
import { smsEventCsvLine, smsEventsCsvHeader, smsRecipientCsvLine, smsRecipientsCsvHeader, type SmsEventLine } from "../../shared/reports/sms-csv-rows";
import { numberPrefix, smsFilterOf } from "../../shared/reports/sms-recipient-filters";
import { campaignFilterProblem, eventKindOf } from "../../shared/exports/request";
import type { SmsRecipient } from "../../shared/sms/sms-recipients";

// 29 November 2026, 14:15:03 UTC = 09:15:03 in Lima.
const T = Date.UTC(2026, 10, 29, 14, 15, 3);
const iso = (ms: number) => new Date(ms).toISOString();

const recipient: SmsRecipient = {
  messageId: "smsc_c_7",
  contactId: 7,
  name: "=SUM(A1:A9)",
  number: "+51987654321",
  status: "expired",
  operator: "claro",
  segments: 2,
  sentAt: iso(T),
  doneAt: iso(T + 3_600_000),
  error: "Único: 500: boom, again",
  firstClickAt: null,
  clicks: 0,
  machineClicks: 1,
  replies: 2,
};

const event = (more: Partial<SmsEventLine>): SmsEventLine => ({ id: "e", at: T, kind: "sms_sent", url: null, machine: null, provider: null, device: null, client: null, status: null, detail: null, source: null, contact_id: 7, to_number: "+51987654321", operator: "movistar", reply: null, ...more });

describe("SMS recipients CSV lines", () => {
  it("write every column in order, Spanish labels, Lima times, a formula and the number neutralised", () => {
    expect(smsRecipientsCsvHeader("es")).toBe("\uFEFFID de contacto,Número,Nombre,Operador,Segmentos,Estado,Error,Enviado (hora de Lima),Estado final (hora de Lima),Primer clic (hora de Lima),Clics,Clics de máquinas,Respuestas\r\n");
    expect(smsRecipientCsvLine(recipient, "es")).toBe(`7,'+51987654321,'=SUM(A1:A9),Claro,2,Vencido,"Único: 500: boom, again",2026-11-29 09:15:03,2026-11-29 10:15:03,,0,1,2\r\n`);
    expect(smsRecipientCsvLine({ ...recipient, name: null, operator: null, status: "queued", sentAt: null, doneAt: null, error: null }, "en")).toBe("7,'+51987654321,,,2,Queued,,,,,0,1,2\r\n");
  });

  it("write a status or operator code without a label as it is", () => {
    expect(smsRecipientCsvLine({ ...recipient, status: "paused", operator: "wom" }, "es").split(",").slice(3, 6)).toEqual(["wom", "2", "paused"]);
  });
});

describe("SMS events CSV lines", () => {
  it("give a send its segments, a receipt its final status, a click its link, rule and device, a reply its text", () => {
    expect(smsEventsCsvHeader("en")).toBe("\uFEFFTime (Lima),\"Time (UTC, ISO 8601)\",Contact ID,Number,Operator,Event,Final status,Segments,Link,Machine rule (empty: a person),Device,Reply text\r\n");
    const lead = `2026-11-29 09:15:03,${iso(T)},7,'+51987654321,Movistar`;
    expect(smsEventCsvLine(event({ status: "movistar", detail: "3" }), "es")).toBe(`${lead},Envío,,3,,,,\r\n`);
    expect(smsEventCsvLine(event({ kind: "sms_failed", status: "rejected", detail: "movistar" }), "es")).toBe(`${lead},No entregado,Rechazado,,,,,\r\n`);
    expect(smsEventCsvLine(event({ kind: "sms_delivered", status: "delivered", detail: "movistar" }), "en")).toBe(`${lead},Delivered,Delivered,,,,,\r\n`);
    expect(smsEventCsvLine(event({ kind: "click", url: "https://muni.gob.pe/a?b=1,2", machine: "scanner_fast_click", device: "mobile" }), "es")).toBe(`${lead},Clic,,,"https://muni.gob.pe/a?b=1,2",scanner_fast_click,Celular,\r\n`);
    expect(smsEventCsvLine(event({ kind: "sms_reply", reply: "@BAJA" }), "es")).toBe(`${lead},Respuesta,,,,,,'@BAJA\r\n`);
    expect(smsEventCsvLine(event({ operator: null }), "en").split(",")[4]).toBe("");
  });
});

describe("SMS recipient filters and number prefixes", () => {
  it("take all and clicked only", () => {
    expect([undefined, "all", "clicked", "opened", "bounced"].map(smsFilterOf)).toEqual(["all", "all", "clicked", null, null]);
  });

  it("turn what was typed into an E.164 prefix", () => {
    expect([numberPrefix("987 654"), numberPrefix("+51 98"), numberPrefix("51987"), numberPrefix("ana"), numberPrefix("")]).toEqual(["+51987654", "+5198", "+51987", "", ""]);
  });
});

describe("an export's filter for the campaign's channel", () => {
  it("gives an SMS campaign its SMS events and two recipient filters, an email campaign none of the SMS ones", () => {
    expect(campaignFilterProblem("campaign-events", "sms", "sms_reply")).toBeNull();
    expect(campaignFilterProblem("campaign-events", "sms", "click")).toBeNull();
    expect(campaignFilterProblem("campaign-events", "sms", "open")).toEqual({ status: 400, field: "params.filter", message: "params.filter: an SMS campaign's events are sms_sent, sms_delivered, sms_failed, click, sms_reply" });
    expect(campaignFilterProblem("campaign-recipients", "sms", "clicked")).toBeNull();
    expect(campaignFilterProblem("campaign-recipients", "sms", "not_opened")).toEqual({ status: 400, field: "params.filter", message: "params.filter: an SMS campaign's recipients take all, clicked" });
    expect(campaignFilterProblem("campaign-events", "email", "sms_sent")?.message).toBe("params.filter: an email campaign's events are sent, rejected, open, click, view, unsubscribe, bounce_hard, bounce_soft, complaint");
    expect(campaignFilterProblem("campaign-recipients", "email", "complained")).toBeNull();
    expect(campaignFilterProblem("campaign-events", "email", undefined)).toBeNull();
    expect([eventKindOf("sms_failed"), eventKindOf("click")]).toEqual(["sms_failed", "click"]);
  });
});
