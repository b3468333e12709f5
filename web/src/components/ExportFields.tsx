/**
 * The fields of an export request, shared by "Nueva exportación" and "Programar exportación":
 * what to export (Reporte mensual, Eventos de una campaña, Destinatarios de una campaña), then
 * for the report its month (not for a schedule: each run takes the month before), its scope
 * (owner and admin) and PDF or CSV; for a campaign the campaign and, for its recipients, one of
 * the seven filters of the recipients table. Each field shows its error next to it.
 */
import { Show } from "solid-js";
import { t, type MessageKey } from "../i18n";
import type { RecipientFilter } from "../lib/api";
import type { ExportRequest } from "../lib/export-request";
import { KINDS, type ExportFormat, type ExportKind } from "../lib/exports";
import { FILTERS, filterLabel } from "../lib/recipients";
import RadioGroup from "./RadioGroup";
import SelectField from "./SelectField";

export default function ExportFields(props: {
  req: ExportRequest;
  mode: "export" | "schedule";
  months: { value: string; label: string }[];
  /** null when the caller may only have their own report (no scope picker). */
  scopes: { value: string; label: string }[] | null;
  campaigns: { value: string; label: string }[];
}) {
  const req = () => props.req;
  const err = (f: Parameters<ExportRequest["clear"]>[0]) => req().errors()[f];
  return (
    <>
      <RadioGroup
        legend={t("exports.form.kind")}
        value={req().kind()}
        options={KINDS.map((k) => ({ value: k, label: t(`exports.form.kind.${k}` as MessageKey) }))}
        onChange={(v) => req().setKind(v as ExportKind)}
      />
      <Show when={err("kind")}>
        <p class="field-error">{err("kind")}</p>
      </Show>
      <Show
        when={req().isCampaign()}
        fallback={
          <>
            <div class="form-row">
              <Show when={props.mode === "export"} fallback={<p class="form-context">{t("schedules.form.monthlyNote")}</p>}>
                <SelectField label={t("exports.form.month")} name="month" value={req().month()} options={props.months} onChange={req().setMonth} error={err("month")} />
              </Show>
              <Show when={props.scopes}>{(scopes) => <SelectField label={t("exports.form.scope")} name="userId" value={req().userId()} options={scopes()} onChange={req().setUserId} error={err("userId")} />}</Show>
            </div>
            <RadioGroup
              legend={t("exports.form.format")}
              value={req().format()}
              options={(["pdf", "csv"] as const).map((f) => ({ value: f, label: t(`exports.form.format.${f}`) }))}
              onChange={(v) => req().setFormat(v as ExportFormat)}
            />
            <Show when={err("format")}>
              <p class="field-error">{err("format")}</p>
            </Show>
          </>
        }
      >
        <Show when={props.campaigns.length > 0} fallback={<p class="form-context">{t("exports.form.noCampaigns")}</p>}>
          <SelectField
            label={t("exports.form.campaign")}
            name="campaignId"
            value={req().campaignId()}
            options={[{ value: "", label: t("exports.form.campaignPick") }, ...props.campaigns]}
            onChange={req().setCampaignId}
            error={err("campaignId")}
            hint={req().kind() === "campaign-events" ? t("exports.form.eventsHint") : undefined}
          />
        </Show>
        <Show when={req().kind() === "campaign-recipients"}>
          <SelectField label={t("exports.form.filter")} name="filter" value={req().filter()} options={FILTERS.map((f) => ({ value: f, label: filterLabel(f) }))} onChange={(v) => req().setFilter(v as RecipientFilter)} error={err("filter")} />
        </Show>
        <p class="hint">{t("exports.form.csvOnly")}</p>
      </Show>
    </>
  );
}
