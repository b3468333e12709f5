/**
 * The words of the monthly report's CSV and PDF, in Spanish (the default: what the agency's
 * staff read) and English, using the dashboard's vocabulary (/work/shared/UI.md "Words"):
 * aperturas únicas, rebote duro / blando, desuscritos, bolsa de créditos, saldo, vigencia.
 * Both files take their headings from here, so they always name a figure the same way.
 */
import type { MonthlyCounts, ReportLang } from "../api/schemas-reports";
import type { Channel } from "../api/schemas";
import type { Provider } from "../campaigns/providers";

type Words = {
  title: string;
  account: string;
  user: string;
  wholeAccount: string;
  period: string;
  generated: string;
  limaTime: string;
  summary: string;
  indicator: string;
  value: string;
  campaigns: string;
  campaign: string;
  campaignId: string;
  started: string;
  peakHours: string;
  total: string;
  providers: string;
  provider: string;
  credits: string;
  channel: string;
  holder: string;
  mainPool: string;
  used: string;
  refunded: string;
  granted: string;
  expired: string;
  balance: string;
  bags: string;
  bag: string;
  bagGranted: string;
  remaining: string;
  expiresAt: string;
  bagExpired: string;
  yes: string;
  no: string;
  noCampaigns: string;
  noBags: string;
  page: (n: number, of: number) => string;
  notes: string;
  balanceNow: string;
  balanceEnd: string;
};

export const WORDS: Record<ReportLang, Words> = {
  es: {
    title: "Reporte mensual de consumo",
    account: "Cuenta",
    user: "Usuario",
    wholeAccount: "Toda la cuenta",
    period: "Periodo",
    generated: "Generado",
    limaTime: "hora de Lima",
    summary: "Resumen",
    indicator: "Indicador",
    value: "Valor",
    campaigns: "Campañas",
    campaign: "Campaña",
    campaignId: "ID de campaña",
    started: "Inicio",
    peakHours: "Horas pico",
    total: "Total",
    providers: "Proveedores de correo",
    provider: "Proveedor",
    credits: "Créditos",
    channel: "Canal",
    holder: "Titular",
    mainPool: "Cuenta principal",
    used: "Usados",
    refunded: "Devueltos",
    granted: "Recibidos",
    expired: "Vencidos",
    balance: "Saldo",
    bags: "Bolsas de créditos",
    bag: "Bolsa",
    bagGranted: "Otorgados",
    remaining: "Restantes",
    expiresAt: "Vigencia hasta",
    bagExpired: "Vencida",
    yes: "sí",
    no: "no",
    noCampaigns: "No hubo actividad de campañas en este mes.",
    noBags: "No hay bolsas vigentes en este mes.",
    page: (n, of) => `Página ${n} de ${of}`,
    notes: "Aperturas y clics de personas; los de máquinas (p. ej. Apple Mail Privacy Protection) se cuentan aparte. Entregados = enviados − rebotes.",
    balanceNow: "Saldo: disponible ahora.",
    balanceEnd: "Saldo: disponible al cierre del mes.",
  },
  en: {
    title: "Monthly consumption report",
    account: "Account",
    user: "User",
    wholeAccount: "Whole account",
    period: "Period",
    generated: "Generated",
    limaTime: "Lima time",
    summary: "Summary",
    indicator: "Figure",
    value: "Value",
    campaigns: "Campaigns",
    campaign: "Campaign",
    campaignId: "Campaign ID",
    started: "Started",
    peakHours: "Peak hours",
    total: "Total",
    providers: "Mailbox providers",
    provider: "Provider",
    credits: "Credits",
    channel: "Channel",
    holder: "Holder",
    mainPool: "Main account",
    used: "Used",
    refunded: "Refunded",
    granted: "Received",
    expired: "Expired",
    balance: "Balance",
    bags: "Credit bags",
    bag: "Bag",
    bagGranted: "Granted",
    remaining: "Remaining",
    expiresAt: "Valid until",
    bagExpired: "Expired",
    yes: "yes",
    no: "no",
    noCampaigns: "No campaign activity this month.",
    noBags: "No bags valid this month.",
    page: (n, of) => `Page ${n} of ${of}`,
    notes: "Opens and clicks by people; machine ones (e.g. Apple Mail Privacy Protection) are counted apart. Delivered = sent − bounces.",
    balanceNow: "Balance: available now.",
    balanceEnd: "Balance: available at the month's end.",
  },
};

/** The counters, in the order the CSV writes them; `rate` ones are fractions shown as percentages. */
export const COUNT_COLUMNS: readonly { key: keyof MonthlyCounts; rate?: true; es: string; en: string }[] = [
  { key: "sent", es: "Enviados", en: "Sent" },
  { key: "delivered", es: "Entregados", en: "Delivered" },
  { key: "deliveredRate", rate: true, es: "Entregados (%)", en: "Delivered (%)" },
  { key: "bounced", es: "Rebotes", en: "Bounces" },
  { key: "hardBounces", es: "Rebotes duros", en: "Hard bounces" },
  { key: "softBounces", es: "Rebotes blandos", en: "Soft bounces" },
  { key: "opens", es: "Aperturas totales", en: "Total opens" },
  { key: "uniqueOpens", es: "Aperturas únicas", en: "Unique opens" },
  { key: "notOpened", es: "No abiertos", en: "Not opened" },
  { key: "openRate", rate: true, es: "Tasa de apertura (%)", en: "Open rate (%)" },
  { key: "reopenRate", rate: true, es: "Reaperturas (%)", en: "Re-opens (%)" },
  { key: "clicks", es: "Clics totales", en: "Total clicks" },
  { key: "uniqueClicks", es: "Clics únicos", en: "Unique clicks" },
  { key: "clickRate", rate: true, es: "Tasa de clics (%)", en: "Click rate (%)" },
  { key: "unsubscribed", es: "Desuscritos", en: "Unsubscribed" },
  { key: "complaints", es: "Quejas (spam)", en: "Complaints (spam)" },
  { key: "machineOpens", es: "Aperturas de máquinas", en: "Machine opens" },
  { key: "machineClicks", es: "Clics de máquinas", en: "Machine clicks" },
];

export const PROVIDER_NAMES: Record<ReportLang, Record<Provider, string>> = {
  es: { gmail: "Gmail", outlook: "Outlook / Hotmail / Live", yahoo: "Yahoo", other: "Corporativos y otros" },
  en: { gmail: "Gmail", outlook: "Outlook / Hotmail / Live", yahoo: "Yahoo", other: "Corporate and others" },
};

export const CHANNEL_NAMES: Record<ReportLang, Record<Channel, string>> = {
  es: { email: "Correo", sms: "SMS" },
  en: { email: "Email", sms: "SMS" },
};

/** A holder as people know it: the main pool by name, a user by name (or id, if unknown). */
export const holderLabel = (c: { holder: string; holderName: string | null }, lang: ReportLang) => (c.holder === "main" ? WORDS[lang].mainPool : (c.holderName ?? c.holder));
