/**
 * Row → CSV text for the campaign exports (recipients and raw events), pure so the streams in
 * workers/reports/campaign-csv.ts only page through D1 and encode. Times are written twice where
 * it matters: in Lima ("2026-11-29 09:15:03", what staff read and Excel sorts) and, for events,
 * as ISO 8601 UTC (what another system joins on). Every cell goes through csvCell, so a contact
 * named "=HYPERLINK(…)" or a clicked URL starting with "@" arrives as text, never as a formula.
 */
import { csvLine } from "../import/csv-export";
import { LIMA_OFFSET_MS } from "../analytics/engagement";
import type { EventRow, Recipient } from "./recipients";
import { EVENT_HEADERS, RECIPIENT_HEADERS, bounceLabel, clientLabel, deviceLabel, kindLabel, providerLabel, statusLabel, type CsvLang } from "./csv-labels";

/** A UTF-8 byte-order mark: without it Excel reads the file as ANSI and garbles the accents. */
export const BOM = "\uFEFF";

/**
 * Lima wall-clock time (UTC−5 all year), to the second.
 * @example limaDateTime(Date.UTC(2026, 10, 29, 14, 15, 3)) // "2026-11-29 09:15:03"
 */
export function limaDateTime(ms: number | string | null): string | null {
  if (ms === null) return null;
  const t = typeof ms === "string" ? Date.parse(ms) : ms;
  return new Date(t + LIMA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** The heading line of the recipients CSV (with the BOM: it starts the file). */
export function recipientsCsvHeader(lang: CsvLang): string {
  return BOM + csvLine(RECIPIENT_HEADERS[lang]);
}

/**
 * One recipient as a CSV line, columns as RECIPIENT_HEADERS.
 * @example recipientCsvLine(r, "es") // "7,ana@x.pe,Ana Quispe,Enviado,2026-11-29 09:15:03,,,,…\r\n"
 */
export function recipientCsvLine(r: Recipient, lang: CsvLang): string {
  return csvLine([
    r.contactId,
    r.email,
    r.name,
    statusLabel(lang, r.status),
    limaDateTime(r.sentAt),
    bounceLabel(lang, r.bounce),
    r.code,
    r.detail,
    limaDateTime(r.firstOpenAt),
    r.opens,
    r.machineOpens,
    limaDateTime(r.firstClickAt),
    r.clicks,
    r.machineClicks,
    limaDateTime(r.unsubscribedAt),
    limaDateTime(r.complainedAt),
  ]);
}

/** The heading line of the events CSV (with the BOM). */
export function eventsCsvHeader(lang: CsvLang): string {
  return BOM + csvLine(EVENT_HEADERS[lang]);
}

/**
 * One raw event as a CSV line, columns as EVENT_HEADERS.
 * @example eventCsvLine({ ...e, email: "ana@x.pe" }, "en") // "2026-11-29 09:15:03,2026-11-29T14:15:03.000Z,ana@x.pe,Open,,apple_mpp,Gmail,…\r\n"
 */
export function eventCsvLine(e: EventRow & { email: string }, lang: CsvLang): string {
  return csvLine([
    limaDateTime(e.at),
    new Date(e.at).toISOString(),
    e.email,
    kindLabel(lang, e.kind),
    e.url,
    e.machine,
    providerLabel(lang, e.provider),
    deviceLabel(lang, e.device),
    clientLabel(lang, e.client),
    e.status,
    e.detail,
  ]);
}
