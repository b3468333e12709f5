/**
 * The words of the monthly report's SMS sections, in Spanish and English, for the CSV
 * and the PDF alike: the SMS campaigns table (sent, delivered, failed, pending, clicks, replies,
 * credits as segments) and the operators table, with the dashboard's words (SmsLiveCounters,
 * SmsOperatorsTable: enviados, entregados, fallidos, pendientes, respuestas). Operator names are
 * the CSV exports' (sms-csv-rows.ts operatorLabel).
 */
import type { ReportLang } from "../api/schemas-reports";

type SmsWords = {
  campaigns: string;
  operators: string;
  operator: string;
  sent: string;
  delivered: string;
  deliveredRate: string;
  failed: string;
  pending: string;
  clicks: string;
  uniqueClicks: string;
  replies: string;
  credits: string;
  /** The PDF's headings ("\n" splits one over two lines). */
  campaignColumns: readonly string[];
  operatorColumns: readonly string[];
  note: string;
  /** The email campaigns table of a month with SMS campaigns only. */
  noEmailCampaigns: string;
};

export const SMS_WORDS: Record<ReportLang, SmsWords> = {
  es: {
    campaigns: "Campañas SMS",
    operators: "SMS por operador",
    operator: "Operador",
    sent: "Enviados",
    delivered: "Entregados",
    deliveredRate: "Entregados (%)",
    failed: "Fallidos",
    pending: "Pendientes",
    clicks: "Clics",
    uniqueClicks: "Clics únicos",
    replies: "Respuestas",
    credits: "Créditos (segmentos)",
    campaignColumns: ["Campaña", "Enviados", "Entregados", "Fallidos", "Pendientes", "Clics", "Respuestas", "Créditos\n(segmentos)"],
    operatorColumns: ["Operador", "Enviados", "Entregados", "Entregados\n(%)", "Fallidos", "Pendientes"],
    noEmailCampaigns: "Sin campañas de correo este mes (las campañas SMS van más abajo).",
    note: "SMS: enviados = aceptados por el proveedor; pendientes = sin recibo final en el mes; créditos = segmentos cobrados en el mes, menos devoluciones.",
  },
  en: {
    campaigns: "SMS campaigns",
    operators: "SMS by operator",
    operator: "Operator",
    sent: "Sent",
    delivered: "Delivered",
    deliveredRate: "Delivered (%)",
    failed: "Failed",
    pending: "Pending",
    clicks: "Clicks",
    uniqueClicks: "Unique clicks",
    replies: "Replies",
    credits: "Credits (segments)",
    campaignColumns: ["Campaign", "Sent", "Delivered", "Failed", "Pending", "Clicks", "Replies", "Credits\n(segments)"],
    operatorColumns: ["Operator", "Sent", "Delivered", "Delivered\n(%)", "Failed", "Pending"],
    noEmailCampaigns: "No email campaigns this month (SMS campaigns are further down).",
    note: "SMS: sent = accepted by the provider; pending = no final receipt in the month; credits = segments charged in the month, net of refunds.",
  },
};
