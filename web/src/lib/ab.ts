/**
 * The A/B test (B3) in the dashboard: the form's draft of a test (text fields as typed), its
 * checks before it goes to the server (the same rules the server applies), the body it becomes,
 * and rates as the reader reads them ("12,5 %").
 */
import { locale, t } from "../i18n";
import type { CampaignOut, CreateCampaignBody } from "./api";
import { formatNumber, parseWholeNumber } from "./format";

export type AbDraft = { kind: "subject" | "content"; subjectB: string; templateIdB: string; testPercent: string; metric: "opens" | "clicks"; waitHours: string };
export type AbField = "ab.subjectB" | "ab.templateIdB" | "ab.testPercent" | "ab.waitHours";
export const AB_FIELDS: readonly AbField[] = ["ab.subjectB", "ab.templateIdB", "ab.testPercent", "ab.waitHours"];

/** A new test with the usual choices: the subject, 20 %, by opens, after 4 hours. */
export function newAbDraft(): AbDraft {
  return { kind: "subject", subjectB: "", templateIdB: "", testPercent: "20", metric: "opens", waitHours: "4" };
}

/** The campaign's test as a draft to edit, or null. */
export function abDraftOf(ab: CampaignOut["ab"] | undefined): AbDraft | null {
  if (!ab) return null;
  return { kind: ab.kind, subjectB: ab.subjectB ?? "", templateIdB: ab.templateIdB ?? "", testPercent: String(ab.testPercent), metric: ab.metric, waitHours: String(ab.waitHours) };
}

const whole = (text: string, min: number, max: number) => {
  const n = parseWholeNumber(text);
  return n !== null && n >= min && n <= max ? n : null;
};

/**
 * What is wrong with a draft, by field, in the reader's language.
 * @example abCheck({ ...newAbDraft(), subjectB: "" }, { subject: "Hola", templateId: "t1" }) // { "ab.subjectB": "Escribe el asunto de la versión B." }
 */
export function abCheck(d: AbDraft, a: { subject: string; templateId: string }): Partial<Record<AbField, string>> {
  const e: Partial<Record<AbField, string>> = {};
  if (whole(d.testPercent, 10, 50) === null) e["ab.testPercent"] = t("ab.percentInvalid");
  if (whole(d.waitHours, 1, 72) === null) e["ab.waitHours"] = t("ab.hoursInvalid");
  if (d.kind === "subject") {
    if (!d.subjectB.trim()) e["ab.subjectB"] = t("ab.subjectBRequired");
    else if (d.subjectB.trim() === a.subject.trim()) e["ab.subjectB"] = t("ab.subjectBSame");
  } else if (!d.templateIdB) e["ab.templateIdB"] = t("ab.templateBRequired");
  else if (d.templateIdB === a.templateId) e["ab.templateIdB"] = t("ab.templateBSame");
  return e;
}

/** The draft as the API takes it (checked first with abCheck). */
export function abBody(d: AbDraft): NonNullable<CreateCampaignBody["ab"]> {
  return {
    kind: d.kind,
    ...(d.kind === "subject" ? { subjectB: d.subjectB.trim() } : { templateIdB: d.templateIdB }),
    testPercent: parseWholeNumber(d.testPercent) ?? 0,
    metric: d.metric,
    waitHours: parseWholeNumber(d.waitHours) ?? 0,
  };
}

/**
 * A rate as a percentage with one decimal: "12,5 %" in Spanish, "12.5%" in English; "—" with nothing sent.
 * @example formatRate(1, 8) // "12,5 %"
 */
export function formatRate(hits: number, sent: number): string {
  if (sent <= 0) return "—";
  const pct = formatNumber(Math.round((hits / sent) * 1000) / 10);
  return locale() === "en" ? `${pct}%` : `${pct}\u00a0%`;
}
