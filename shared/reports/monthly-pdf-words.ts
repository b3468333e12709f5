/**
 * The PDF's own words for the monthly report, Spanish and English: the KPI cards' labels and
 * captions, and table headings short enough for a column of an A4 page ("\n" splits a heading
 * over two lines). The words both the CSV and the PDF use are in monthly-labels.ts.
 */
import type { ReportLang } from "../api/schemas-reports";

type TableWords = {
  kpi: {
    sent: string;
    campaigns: (n: string) => string;
    delivered: string;
    of: (a: string, b: string) => string;
    uniqueOpens: string;
    openRate: (pct: string) => string;
    reopens: string;
    totalOpens: (n: string) => string;
    uniqueClicks: string;
    clickRate: (pct: string, total: string) => string;
    bounces: string;
    hardSoft: (hard: string, soft: string) => string;
    unsubscribed: string;
    complaints: (n: string) => string;
    creditsUsed: string;
    balance: (n: string) => string;
    peakHours: string;
    machine: (opens: string, clicks: string) => string;
  };
  /** The PDF's campaigns table: name, then the figures; "\n" breaks a heading in two lines. */
  campaignColumns: readonly string[];
  providerColumns: readonly string[];
  continued: string;
  state: string;
  valid: string;
  notesTitle: string;
  notes2: string;
};

/** The PDF's shorter words: KPI cards and table headings that must fit a column. */
export const TABLE_WORDS: Record<ReportLang, TableWords> = {
  es: {
    kpi: {
      sent: "Enviados",
      campaigns: (n) => `en ${n} ${n === "1" ? "campaña" : "campañas"}`,
      delivered: "Entregados",
      of: (a, b) => `${a} de ${b}`,
      uniqueOpens: "Aperturas únicas",
      openRate: (pct) => `tasa de apertura ${pct}`,
      reopens: "Reaperturas",
      totalOpens: (n) => `${n} aperturas totales`,
      uniqueClicks: "Clics únicos",
      clickRate: (pct, total) => `tasa ${pct} · ${total} clics`,
      bounces: "Rebotes",
      hardSoft: (hard, soft) => `${hard} duros · ${soft} blandos`,
      unsubscribed: "Desuscritos",
      complaints: (n) => `${n} ${n === "1" ? "queja" : "quejas"} (spam)`,
      creditsUsed: "Créditos de correo usados",
      balance: (n) => `saldo ${n}`,
      peakHours: "Horas pico de apertura (hora de Lima)",
      machine: (opens, clicks) => `Aperturas de máquinas: ${opens} · clics de máquinas: ${clicks} (no incluidos en las cifras)`,
    },
    campaignColumns: ["Campaña", "Enviados", "Entregados\n(%)", "Aperturas\ntotales", "Aperturas\núnicas", "Reaperturas\n(%)", "Clics", "Rebotes", "Desuscritos", "Horas pico\n(Lima)"],
    providerColumns: ["Proveedor", "Enviados", "Entregados", "Entregados\n(%)", "Rebotes", "Aperturas\núnicas", "Tasa de\napertura", "Clics\núnicos", "Desuscritos"],
    continued: "(continuación)",
    state: "Estado",
    valid: "Vigente",
    notesTitle: "Cómo se cuenta",
    notes2: "Tasa de apertura = aperturas únicas / entregados; reaperturas = (aperturas − únicas) / únicas. Solo cuenta lo ocurrido dentro del mes (hora de Lima).",
  },
  en: {
    kpi: {
      sent: "Sent",
      campaigns: (n) => `in ${n} ${n === "1" ? "campaign" : "campaigns"}`,
      delivered: "Delivered",
      of: (a, b) => `${a} of ${b}`,
      uniqueOpens: "Unique opens",
      openRate: (pct) => `open rate ${pct}`,
      reopens: "Re-opens",
      totalOpens: (n) => `${n} total opens`,
      uniqueClicks: "Unique clicks",
      clickRate: (pct, total) => `rate ${pct} · ${total} clicks`,
      bounces: "Bounces",
      hardSoft: (hard, soft) => `${hard} hard · ${soft} soft`,
      unsubscribed: "Unsubscribed",
      complaints: (n) => `${n} ${n === "1" ? "complaint" : "complaints"} (spam)`,
      creditsUsed: "Email credits used",
      balance: (n) => `balance ${n}`,
      peakHours: "Peak open hours (Lima time)",
      machine: (opens, clicks) => `Machine opens: ${opens} · machine clicks: ${clicks} (not in the figures)`,
    },
    campaignColumns: ["Campaign", "Sent", "Delivered\n(%)", "Total\nopens", "Unique\nopens", "Re-opens\n(%)", "Clicks", "Bounces", "Unsub-\nscribed", "Peak hours\n(Lima)"],
    providerColumns: ["Provider", "Sent", "Delivered", "Delivered\n(%)", "Bounces", "Unique\nopens", "Open\nrate", "Unique\nclicks", "Unsub-\nscribed"],
    continued: "(continued)",
    state: "State",
    valid: "Valid",
    notesTitle: "How it is counted",
    notes2: "Open rate = unique opens / delivered; re-opens = (opens − unique) / unique. Only what happened within the month (Lima time) counts.",
  },
};
