/**
 * Words of the campaign CSV exports in Spanish (the default: the agency's staff open them in
 * Excel) and English: column headings and the labels of codes stored in D1 (delivery status,
 * event kind, machine rule, mailbox provider, device, e-mail client). A code without a label (a
 * value added later) is written as is rather than dropped.
 */

export type CsvLang = "es" | "en";
export const CSV_LANGS = ["es", "en"] as const;

type Labels = Record<CsvLang, Record<string, string>>;

export const RECIPIENT_HEADERS: Record<CsvLang, readonly string[]> = {
  es: [
    "ID de contacto",
    "Correo electrónico",
    "Nombre",
    "Estado del envío",
    "Enviado (hora de Lima)",
    "Rebote",
    "Código SMTP",
    "Detalle",
    "Primera apertura (hora de Lima)",
    "Aperturas",
    "Aperturas de máquinas",
    "Primer clic (hora de Lima)",
    "Clics",
    "Clics de máquinas",
    "Baja (hora de Lima)",
    "Queja (hora de Lima)",
  ],
  en: [
    "Contact ID",
    "Email",
    "Name",
    "Delivery status",
    "Sent (Lima time)",
    "Bounce",
    "SMTP code",
    "Detail",
    "First open (Lima time)",
    "Opens",
    "Machine opens",
    "First click (Lima time)",
    "Clicks",
    "Machine clicks",
    "Unsubscribed (Lima time)",
    "Complaint (Lima time)",
  ],
};

export const EVENT_HEADERS: Record<CsvLang, readonly string[]> = {
  es: ["Fecha y hora (Lima)", "Fecha y hora (UTC, ISO 8601)", "Correo electrónico", "Evento", "Enlace", "Regla de máquina (vacío: persona)", "Proveedor", "Dispositivo", "Cliente de correo", "Estado", "Detalle"],
  en: ["Time (Lima)", "Time (UTC, ISO 8601)", "Email", "Event", "Link", "Machine rule (empty: a person)", "Provider", "Device", "Email client", "Status", "Detail"],
};

const STATUS: Labels = {
  es: { queued: "Pendiente", sending: "Enviando", sent: "Enviado", deferred: "Reintentando", bounced: "Rebotado", failed: "Fallido", unknown: "Sin confirmar", cancelled: "Cancelado" },
  en: { queued: "Pending", sending: "Sending", sent: "Sent", deferred: "Retrying", bounced: "Bounced", failed: "Failed", unknown: "Unconfirmed", cancelled: "Cancelled" },
};

const BOUNCE: Labels = { es: { hard: "Duro", soft: "Blando" }, en: { hard: "Hard", soft: "Soft" } };

const KIND: Labels = {
  es: { sent: "Envío", rejected: "Rechazado al enviar", open: "Apertura", click: "Clic", view: "Versión web", unsubscribe: "Baja", bounce_hard: "Rebote duro", bounce_soft: "Rebote blando", complaint: "Queja (spam)" },
  en: { sent: "Sent", rejected: "Refused at send time", open: "Open", click: "Click", view: "Web version", unsubscribe: "Unsubscribe", bounce_hard: "Hard bounce", bounce_soft: "Soft bounce", complaint: "Complaint (spam)" },
};

const PROVIDER: Labels = {
  es: { gmail: "Gmail", outlook: "Outlook / Hotmail / Live", yahoo: "Yahoo", other: "Otros (corporativos)" },
  en: { gmail: "Gmail", outlook: "Outlook / Hotmail / Live", yahoo: "Yahoo", other: "Others (corporate)" },
};

const DEVICE: Labels = {
  es: { desktop: "Computadora", mobile: "Celular", tablet: "Tableta", unknown: "Desconocido" },
  en: { desktop: "Desktop", mobile: "Mobile", tablet: "Tablet", unknown: "Unknown" },
};

const CLIENT: Labels = {
  es: { gmail: "Gmail", yahoo: "Yahoo", apple_mail: "Apple Mail", outlook: "Outlook", thunderbird: "Thunderbird", chrome: "Chrome", safari: "Safari", firefox: "Firefox", edge: "Edge", other: "Otro" },
  en: { gmail: "Gmail", yahoo: "Yahoo", apple_mail: "Apple Mail", outlook: "Outlook", thunderbird: "Thunderbird", chrome: "Chrome", safari: "Safari", firefox: "Firefox", edge: "Edge", other: "Other" },
};

const label = (table: Labels) => (lang: CsvLang, code: string | null | undefined) => (code == null ? null : (table[lang][code] ?? code));

/** @example statusLabel("es", "sent") // "Enviado" */
export const statusLabel = label(STATUS);
/** @example bounceLabel("es", "soft") // "Blando" */
export const bounceLabel = label(BOUNCE);
/** @example kindLabel("en", "bounce_hard") // "Hard bounce" */
export const kindLabel = label(KIND);
/** @example providerLabel("es", "other") // "Otros (corporativos)" */
export const providerLabel = label(PROVIDER);
/** @example deviceLabel("es", "mobile") // "Celular" */
export const deviceLabel = label(DEVICE);
/** @example clientLabel("es", "apple_mail") // "Apple Mail" */
export const clientLabel = label(CLIENT);
