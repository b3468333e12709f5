/**
 * Row → CSV text for an SMS campaign's exports (S3): one recipients line per
 * `sms_messages` row (contact, number, operator, segments, status, error, sent and final times,
 * clicks, replies) and one events line per raw SMS event (sent, delivered, failed, click, reply).
 * Spanish headings and labels by default, like the email CSVs (campaign-csv-rows.ts), the same
 * BOM and Lima times, and every cell through csvCell: a reply "=HYPERLINK(…)" or a number
 * "+51…" arrives as text, never as a formula.
 */
import { csvLine } from "../import/csv-export";
import { BOM, limaDateTime } from "./campaign-csv-rows";
import { deviceLabel, type CsvLang } from "./csv-labels";
import type { SmsRecipient } from "../sms/sms-recipients";
import type { EventRow } from "./recipients";

/** Event kinds of an SMS campaign (shared/events/types.ts), for the events CSV's filter. */
export const SMS_EVENT_KINDS = ["sms_sent", "sms_delivered", "sms_failed", "click", "sms_reply"] as const;

export const SMS_RECIPIENT_HEADERS: Record<CsvLang, readonly string[]> = {
  es: ["ID de contacto", "Número", "Nombre", "Operador", "Segmentos", "Estado", "Error", "Enviado (hora de Lima)", "Estado final (hora de Lima)", "Primer clic (hora de Lima)", "Clics", "Clics de máquinas", "Respuestas"],
  en: ["Contact ID", "Number", "Name", "Operator", "Segments", "Status", "Error", "Sent (Lima time)", "Final status (Lima time)", "First click (Lima time)", "Clicks", "Machine clicks", "Replies"],
};

export const SMS_EVENT_HEADERS: Record<CsvLang, readonly string[]> = {
  es: ["Fecha y hora (Lima)", "Fecha y hora (UTC, ISO 8601)", "ID de contacto", "Número", "Operador", "Evento", "Estado final", "Segmentos", "Enlace", "Regla de máquina (vacío: persona)", "Dispositivo", "Texto de la respuesta"],
  en: ["Time (Lima)", "Time (UTC, ISO 8601)", "Contact ID", "Number", "Operator", "Event", "Final status", "Segments", "Link", "Machine rule (empty: a person)", "Device", "Reply text"],
};

type Labels = Record<CsvLang, Record<string, string>>;

/** The dashboard's words for a message's status (web/src/i18n/es-sms.ts). */
const SMS_STATUS: Labels = {
  es: { queued: "En cola", sending: "Enviando", accepted: "Aceptado", delivered: "Entregado", failed: "Fallido", expired: "Vencido", rejected: "Rechazado", cancelled: "Cancelado" },
  en: { queued: "Queued", sending: "Sending", accepted: "Accepted", delivered: "Delivered", failed: "Failed", expired: "Expired", rejected: "Rejected", cancelled: "Cancelled" },
};

const OPERATOR: Labels = {
  es: { claro: "Claro", movistar: "Movistar", entel: "Entel", bitel: "Bitel", other: "Otro", unknown: "Desconocido" },
  en: { claro: "Claro", movistar: "Movistar", entel: "Entel", bitel: "Bitel", other: "Other", unknown: "Unknown" },
};

const SMS_KIND: Labels = {
  es: { sms_sent: "Envío", sms_delivered: "Entregado", sms_failed: "No entregado", click: "Clic", sms_reply: "Respuesta" },
  en: { sms_sent: "Sent", sms_delivered: "Delivered", sms_failed: "Not delivered", click: "Click", sms_reply: "Reply" },
};

const label = (table: Labels) => (lang: CsvLang, code: string | null | undefined) => (code == null ? null : (table[lang][code] ?? code));

/** @example smsStatusLabel("es", "delivered") // "Entregado" */
export const smsStatusLabel = label(SMS_STATUS);
/** @example operatorLabel("es", "other") // "Otro" */
export const operatorLabel = label(OPERATOR);
/** @example smsKindLabel("en", "sms_failed") // "Not delivered" */
export const smsKindLabel = label(SMS_KIND);

/** The heading line of an SMS campaign's recipients CSV (with the BOM: it starts the file). */
export function smsRecipientsCsvHeader(lang: CsvLang): string {
  return BOM + csvLine(SMS_RECIPIENT_HEADERS[lang]);
}

/**
 * One SMS recipient as a CSV line, columns as SMS_RECIPIENT_HEADERS. The operator is empty until
 * the message was routed (a row still queued has none).
 * @example smsRecipientCsvLine(r, "es") // "7,'+51987654321,Ana Quispe,Claro,1,Entregado,,2026-11-29 09:15:03,2026-11-29 09:15:09,,0,0,1\r\n"
 */
export function smsRecipientCsvLine(r: SmsRecipient, lang: CsvLang): string {
  return csvLine([
    r.contactId,
    r.number,
    r.name,
    operatorLabel(lang, r.operator),
    r.segments,
    smsStatusLabel(lang, r.status),
    r.error,
    limaDateTime(r.sentAt),
    limaDateTime(r.doneAt),
    limaDateTime(r.firstClickAt),
    r.clicks,
    r.machineClicks,
    r.replies,
  ]);
}

/** The heading line of an SMS campaign's events CSV (with the BOM). */
export function smsEventsCsvHeader(lang: CsvLang): string {
  return BOM + csvLine(SMS_EVENT_HEADERS[lang]);
}

/** A raw SMS event with its message's contact, number and operator, and a reply's text. */
export type SmsEventLine = EventRow & { contact_id: number; to_number: string; operator: string | null; reply: string | null };

/**
 * One raw SMS event as a CSV line, columns as SMS_EVENT_HEADERS: the final status of a receipt
 * event (`status` of sms_delivered / sms_failed), the segments of a send (`detail` of sms_sent).
 * @example smsEventCsvLine({ kind: "sms_failed", status: "expired", … }, "es") // "…,Claro,No entregado,Vencido,,,,,\r\n"
 */
export function smsEventCsvLine(e: SmsEventLine, lang: CsvLang): string {
  const receipt = e.kind === "sms_delivered" || e.kind === "sms_failed";
  return csvLine([
    limaDateTime(e.at),
    new Date(e.at).toISOString(),
    e.contact_id,
    e.to_number,
    operatorLabel(lang, e.operator),
    smsKindLabel(lang, e.kind),
    receipt ? smsStatusLabel(lang, e.status) : null,
    e.kind === "sms_sent" && e.detail !== null ? Number(e.detail) : null,
    e.url,
    e.machine,
    e.kind === "click" ? deviceLabel(lang, e.device) : null,
    e.reply,
  ]);
}
