/**
 * The Reportes page's exports logic (web/src/lib/exports.ts): the one line saying what an export
 * or schedule holds, in Spanish, with names looked up and fallbacks when a campaign or user is
 * unknown; a schedule's cadence in Lima time; status badges and failure reasons; when a signed
 * link must be fetched again; which server fields the form shows next to a field.
 */
import { describe, expect, it } from "vitest";
import { cadenceText, exportableCampaigns, exportBadge, exportWhat, failureText, formField, hourOptions, linkStale, scopeOptions, type ExportNames } from "../../web/src/lib/exports";
import type { CampaignOut, UserOut } from "../../web/src/lib/api";

const names: ExportNames = {
  campaign: (id) => (id === "c1" ? "Convocatoria CAS 2027" : null),
  user: (id) => (id === "u1" ? "Ana Quispe" : null),
};

describe("exportWhat", () => {
  it("names the monthly report by its month, and its sub-user when it has one", () => {
    expect(exportWhat({ kind: "monthly-report", format: "pdf", params: { month: "2026-11" } }, names)).toBe("Reporte mensual · noviembre de 2026 · PDF");
    expect(exportWhat({ kind: "monthly-report", format: "csv", params: { month: "2027-01", userId: "u1" } }, names)).toBe("Reporte mensual · enero de 2027 · Ana Quispe · CSV");
    expect(exportWhat({ kind: "monthly-report", format: "csv", params: { month: "2027-01", userId: "u9" } }, names)).toBe("Reporte mensual · enero de 2027 · subusuario · CSV");
  });

  it("says a schedule's report is of the previous month", () => {
    expect(exportWhat({ kind: "monthly-report", format: "pdf", params: {} }, names)).toBe("Reporte mensual · mes anterior · PDF");
  });

  it("names a campaign export by its campaign, the recipients' filter and the events' kind", () => {
    expect(exportWhat({ kind: "campaign-events", format: "csv", params: { campaignId: "c1" } }, names)).toBe("Eventos · Convocatoria CAS 2027 · CSV");
    expect(exportWhat({ kind: "campaign-events", format: "csv", params: { campaignId: "c1", filter: "click" } }, names)).toBe("Eventos · Convocatoria CAS 2027 · Clic · CSV");
    expect(exportWhat({ kind: "campaign-recipients", format: "csv", params: { campaignId: "c1" } }, names)).toBe("Destinatarios · Convocatoria CAS 2027 · Todos · CSV");
    expect(exportWhat({ kind: "campaign-recipients", format: "csv", params: { campaignId: "c1", filter: "not_opened" } }, names)).toBe("Destinatarios · Convocatoria CAS 2027 · No abrieron · CSV");
    expect(exportWhat({ kind: "campaign-recipients", format: "csv", params: { campaignId: "gone", filter: "complained" } }, names)).toBe("Destinatarios · campaña no disponible · Quejas · CSV");
  });
});

describe("status, cadence and links", () => {
  it("gives each status its word and tone", () => {
    expect(exportBadge("pending")).toEqual({ text: "En preparación", tone: "badge-warn" });
    expect(exportBadge("ready")).toEqual({ text: "Lista", tone: "badge-ok" });
    expect(exportBadge("failed")).toEqual({ text: "Falló", tone: "badge-bad" });
    expect(exportBadge("expired")).toEqual({ text: "Vencida", tone: "badge-off" });
  });

  it("keeps the reason of a failure without the producer's prefix", () => {
    expect(failureText("Export failed: campaign c1 no longer exists")).toBe("campaign c1 no longer exists");
    expect(failureText(null)).toBe("");
  });

  it("writes the cadence with its Lima hour", () => {
    expect(cadenceText({ cadence: "daily", hour: 0 })).toBe("cada día a las 00:00 (hora de Lima)");
    expect(cadenceText({ cadence: "weekly", hour: 7 })).toBe("cada lunes a las 07:00 (hora de Lima)");
    expect(cadenceText({ cadence: "monthly", hour: 6 })).toBe("el día 1 de cada mes a las 06:00 (hora de Lima)");
    expect(hourOptions().map((o) => o.label)).toHaveLength(24);
    expect(hourOptions()[23]).toEqual({ value: "23", label: "23:00" });
  });

  it("fetches a fresh link when the signed one has less than a minute left", () => {
    const now = Date.parse("2026-11-29T15:00:00Z");
    expect(linkStale({ urlExpiresAt: "2026-11-29T15:30:00.000Z" }, now)).toBe(false);
    expect(linkStale({ urlExpiresAt: "2026-11-29T15:00:30.000Z" }, now)).toBe(true);
    expect(linkStale({ urlExpiresAt: null }, now)).toBe(true);
  });
});

describe("form options and server fields", () => {
  it("offers every campaign but drafts, and every sub-user but the owner", () => {
    const campaigns = [
      { id: "c1", name: "Enviada", status: "sent" },
      { id: "c2", name: "Borrador", status: "draft" },
      { id: "c3", name: "Programada", status: "scheduled" },
    ] as CampaignOut[];
    expect(exportableCampaigns(campaigns)).toEqual([
      { value: "c1", label: "Enviada" },
      { value: "c3", label: "Programada" },
    ]);
    const users = [
      { id: "o", name: "Dueña", email: "o@gob.pe", role: "owner" },
      { id: "u1", name: "Ana Quispe", email: "ana@gob.pe", role: "sender" },
    ] as UserOut[];
    expect(scopeOptions(users)).toEqual([
      { value: "", label: "Toda la cuenta" },
      { value: "u1", label: "Ana Quispe (ana@gob.pe)" },
    ]);
  });

  it("maps the server's field names onto the form's fields", () => {
    expect(formField("params.campaignId")).toBe("campaignId");
    expect(formField("params.filter")).toBe("filter");
    expect(formField("params.month")).toBe("month");
    expect(formField("format")).toBe("format");
    expect(formField("hour")).toBe("hour");
    expect(formField("params.lang")).toBeNull();
    expect(formField(undefined)).toBeNull();
  });
});
