/**
 * The state behind "Nueva exportación" and "Programar exportación": what to export (kind), the
 * monthly report's month, scope and format, or a campaign and its recipients filter; the errors
 * by field (the form's own checks and the server's, which name `params.month`, `params.filter`…);
 * and the request body. A schedule names no month: each run reports on the month before it.
 * Headings and labels of the file follow the dashboard's language.
 */
import { createSignal } from "solid-js";
import { locale, t } from "../i18n";
import { errorField, errorText } from "./errors";
import { formField, type ExportFormat, type ExportKind } from "./exports";
import type { CreateExportBody, RecipientFilter } from "./api";

export type RequestField = "kind" | "format" | "month" | "userId" | "campaignId" | "filter" | "cadence" | "hour";
type Errors = Partial<Record<RequestField, string>>;

/**
 * @example const req = createExportRequest({ month: "2026-11", userId: "" }); req.setKind("campaign-recipients"); req.check() // false until a campaign is chosen
 */
export function createExportRequest(defaults: { month: string; userId: string }) {
  const [kind, setKindSignal] = createSignal<ExportKind>("monthly-report");
  const [month, setMonth] = createSignal(defaults.month);
  const [userId, setUserId] = createSignal(defaults.userId);
  const [format, setFormat] = createSignal<ExportFormat>("pdf");
  const [campaignId, setCampaignId] = createSignal("");
  const [filter, setFilter] = createSignal<RecipientFilter>("all");
  const [errors, setErrors] = createSignal<Errors>({});
  const [formError, setFormError] = createSignal<string | null>(null);

  const clear = (field: RequestField) => setErrors((e) => ({ ...e, [field]: undefined }));
  const isCampaign = () => kind() !== "monthly-report";

  /** The form's own check (on change and on submit): a campaign export needs its campaign. */
  function check(): boolean {
    const missing = isCampaign() && !campaignId();
    setErrors((e) => ({ ...e, campaignId: missing ? t("exports.form.campaignRequired") : undefined }));
    return !missing;
  }

  /** A failed request: next to its field when the form has it, else under the form. */
  function fail(err: unknown): void {
    const field = formField(errorField(err)) as RequestField | null;
    if (field) setErrors((e) => ({ ...e, [field]: errorText(err) }));
    else setFormError(errorText(err));
  }

  /** What to send; `mode` "schedule" leaves the month out. */
  function body(mode: "export" | "schedule"): CreateExportBody {
    const lang = locale() === "en" ? ("en" as const) : undefined;
    if (!isCampaign()) {
      return { kind: kind(), format: format(), params: { month: mode === "export" ? month() : undefined, userId: userId() || undefined, lang } };
    }
    return { kind: kind(), format: "csv", params: { campaignId: campaignId(), filter: kind() === "campaign-recipients" ? filter() : undefined, lang } };
  }

  return {
    kind,
    setKind: (k: ExportKind) => (setKindSignal(k), setErrors({}), setFormError(null)),
    month,
    setMonth: (m: string) => (setMonth(m), clear("month")),
    userId,
    setUserId: (u: string) => (setUserId(u), clear("userId")),
    format,
    setFormat: (f: ExportFormat) => (setFormat(f), clear("format")),
    campaignId,
    setCampaignId: (c: string) => (setCampaignId(c), check()),
    filter,
    setFilter: (f: RecipientFilter) => (setFilter(f), clear("filter")),
    isCampaign,
    errors,
    clear,
    formError,
    setFormError,
    check,
    fail,
    body,
  };
}

export type ExportRequest = ReturnType<typeof createExportRequest>;
