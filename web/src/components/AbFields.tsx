/**
 * The A/B test part of the campaign form (B3): "Hacer una prueba A/B", then what is tested (the
 * subject or the content), version B's subject or template, the test share, the hours to wait
 * and the metric that picks the winner. Errors show next to their field.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import type { TemplateSummary } from "../lib/api";
import { newAbDraft, type AbDraft, type AbField } from "../lib/ab";
import CheckboxField from "./CheckboxField";
import RadioGroup from "./RadioGroup";
import SelectField from "./SelectField";
import TextField from "./TextField";

export default function AbFields(props: {
  value: AbDraft | null;
  templates: TemplateSummary[];
  templateId: string;
  errors: Partial<Record<AbField, string>>;
  onChange: (next: AbDraft | null) => void;
  onBlur: (field: AbField) => void;
}) {
  const set = <K extends keyof AbDraft>(k: K, v: AbDraft[K]) => props.onChange({ ...props.value!, [k]: v });
  return (
    <fieldset class="plain-fieldset" data-testid="ab-fields">
      <legend class="legend">{t("ab.title")}</legend>
      <CheckboxField label={t("ab.enable")} checked={!!props.value} onChange={(on) => props.onChange(on ? newAbDraft() : null)} hint={t("ab.enableHint")} />
      <Show when={props.value}>
        {(ab) => (
          <>
            <RadioGroup
              legend={t("ab.kind")}
              value={ab().kind}
              options={[
                { value: "subject", label: t("ab.kind.subject") },
                { value: "content", label: t("ab.kind.content") },
              ]}
              onChange={(v) => set("kind", v as AbDraft["kind"])}
            />
            <Show when={ab().kind === "subject"}>
              <TextField label={t("ab.subjectB")} name="subjectB" value={ab().subjectB} onInput={(v) => set("subjectB", v)} onBlur={() => props.onBlur("ab.subjectB")} error={props.errors["ab.subjectB"]} hint={t("ab.subjectBHint")} autocomplete="off" required />
            </Show>
            <Show when={ab().kind === "content"}>
              <SelectField
                label={t("ab.templateB")}
                name="templateIdB"
                value={ab().templateIdB}
                onChange={(v) => set("templateIdB", v)}
                hint={t("ab.templateBHint")}
                options={[{ value: "", label: t("camp.form.templatePick") }, ...props.templates.filter((tp) => tp.id !== props.templateId).map((tp) => ({ value: tp.id, label: tp.name }))]}
              />
              <Show when={props.errors["ab.templateIdB"]}>
                <p class="field-error" role="alert">
                  {props.errors["ab.templateIdB"]}
                </p>
              </Show>
            </Show>
            <div class="form-row">
              <TextField label={t("ab.testPercent")} name="testPercent" inputMode="numeric" value={ab().testPercent} onInput={(v) => set("testPercent", v)} onBlur={() => props.onBlur("ab.testPercent")} error={props.errors["ab.testPercent"]} hint={t("ab.testPercentHint")} autocomplete="off" />
              <TextField label={t("ab.waitHours")} name="waitHours" inputMode="numeric" value={ab().waitHours} onInput={(v) => set("waitHours", v)} onBlur={() => props.onBlur("ab.waitHours")} error={props.errors["ab.waitHours"]} hint={t("ab.waitHoursHint")} autocomplete="off" />
            </div>
            <SelectField
              label={t("ab.metric")}
              name="metric"
              value={ab().metric}
              onChange={(v) => set("metric", v as AbDraft["metric"])}
              options={[
                { value: "opens", label: t("ab.metric.opens") },
                { value: "clicks", label: t("ab.metric.clicks") },
              ]}
            />
          </>
        )}
      </Show>
    </fieldset>
  );
}
