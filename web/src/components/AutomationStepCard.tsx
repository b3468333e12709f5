/**
 * One step of the automation builder, framed with its number and kind ("Paso 2: Esperar"):
 * the inputs of its kind (an email's template, subject and sender; an SMS's text with the
 * segment counter; a wait's amount and unit; a condition on the contact or on an earlier email;
 * a tag; a webhook URL), then "Subir", "Bajar" and "Quitar". Server errors for `steps.<n>.<input>`
 * appear next to their input; any other error of the step at its foot.
 */
import { Match, Show, Switch, createMemo, createUniqueId, For } from "solid-js";
import { t } from "../i18n";
import type { StepDraft } from "../lib/automation-builder";
import type { AutomationRefs } from "../lib/automation-refs";
import { stepTypeLabel } from "../lib/automation-words";
import { composerStats } from "../lib/sms";
import SelectField from "./SelectField";
import TextField from "./TextField";
import SmsCounter from "./SmsCounter";
import SegmentConditionRow from "./SegmentConditionRow";

/** The inputs a step shows, by the last part of their error path. */
const INPUTS = new Set(["templateId", "subject", "fromName", "fromAddress", "text", "amount", "unit", "condition", "tag", "url"]);

export default function AutomationStepCard(props: {
  index: number;
  step: StepDraft;
  /** Every step, to offer the earlier email steps to an engagement condition. */
  steps: StepDraft[];
  refs: AutomationRefs;
  errors: Record<string, string>;
  onChange: (s: StepDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = `st-${createUniqueId()}`;
  const n = () => props.index + 1;
  const set = (patch: Partial<StepDraft>) => props.onChange({ ...props.step, ...patch });
  const err = (key: string) => props.errors[`steps.${props.index}.${key}`] ?? null;
  const others = () =>
    Object.entries(props.errors)
      .filter(([k]) => k.startsWith(`steps.${props.index}.`) && !INPUTS.has(k.slice(`steps.${props.index}.`.length)))
      .map(([, v]) => v);
  const sms = createMemo(() => composerStats(props.step.text, { linkBase: null }));
  const earlierEmails = () =>
    props.steps
      .slice(0, props.index)
      .map((s, i) => ({ s, i }))
      .filter(({ s }) => s.type === "email")
      .map(({ s, i }) => ({ value: s.id, label: t("au.cond.stepOption", { n: i + 1, subject: s.subject || stepTypeLabel("email") }) }));
  return (
    <fieldset class="condition automation-step" classList={{ "has-error": Object.keys(props.errors).some((k) => k.startsWith(`steps.${props.index}.`)) }} data-testid="automation-step">
      <legend class="legend">{t("au.stepN", { n: n(), type: stepTypeLabel(props.step.type) })}</legend>
      <div class="step-tools">
        <button type="button" class="btn btn-ghost btn-small" aria-label={t("au.moveUpLabel", { n: n() })} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
          <span aria-hidden="true">↑</span> {t("au.moveUp")}
        </button>
        <button type="button" class="btn btn-ghost btn-small" aria-label={t("au.moveDownLabel", { n: n() })} disabled={props.index === props.steps.length - 1} onClick={() => props.onMove(1)}>
          <span aria-hidden="true">↓</span> {t("au.moveDown")}
        </button>
        <button type="button" class="btn btn-secondary btn-small" aria-label={t("au.removeLabel", { n: n() })} onClick={() => props.onRemove()}>
          {t("au.remove")}
        </button>
      </div>
      <Switch>
        <Match when={props.step.type === "email"}>
          <div class="form-row">
            <SelectField
              id={`${id}-template`}
              label={t("au.email.template")}
              value={props.step.templateId}
              options={[{ value: "", label: t("au.choose") }, ...props.refs.templates.map((x) => ({ value: x.id, label: x.name }))]}
              onChange={(v) => set({ templateId: v })}
              hint={props.refs.templates.length ? undefined : t("au.email.noTemplates")}
              error={err("templateId")}
            />
            <TextField id={`${id}-subject`} label={t("au.email.subject")} value={props.step.subject} onInput={(v) => set({ subject: v })} error={err("subject")} />
          </div>
          <div class="form-row">
            <TextField id={`${id}-from-name`} label={t("au.email.fromName")} value={props.step.fromName} onInput={(v) => set({ fromName: v })} error={err("fromName")} />
            <TextField id={`${id}-from-address`} type="email" label={t("au.email.fromAddress")} value={props.step.fromAddress} hint={t("au.email.fromHint")} onInput={(v) => set({ fromAddress: v })} error={err("fromAddress")} />
          </div>
        </Match>
        <Match when={props.step.type === "sms"}>
          <div class="field" classList={{ "has-error": !!err("text") }}>
            <label for={`${id}-text`}>{t("au.sms.text")}</label>
            <textarea id={`${id}-text`} rows="3" value={props.step.text} onInput={(e) => set({ text: e.currentTarget.value })} aria-describedby={`${id}-counter${err("text") ? ` ${id}-text-error` : ""}`} aria-invalid={err("text") ? "true" : undefined} />
            <SmsCounter stats={sms()} recipients={1} id={`${id}-counter`} />
            <Show when={err("text")}>
              <p class="field-error" id={`${id}-text-error`}>
                {err("text")}
              </p>
            </Show>
          </div>
        </Match>
        <Match when={props.step.type === "wait"}>
          <div class="form-row">
            <TextField id={`${id}-amount`} label={t("au.wait.amount")} value={props.step.amount} inputMode="numeric" onInput={(v) => set({ amount: v })} error={err("amount")} />
            <SelectField
              id={`${id}-unit`}
              label={t("au.wait.unit")}
              value={props.step.unit}
              options={(["minutes", "hours", "days"] as const).map((u) => ({ value: u, label: t(`au.unit.${u}`) }))}
              onChange={(v) => set({ unit: v as StepDraft["unit"] })}
              error={err("unit")}
            />
          </div>
        </Match>
        <Match when={props.step.type === "condition"}>
          <SelectField
            id={`${id}-kind`}
            label={t("au.cond.kind")}
            value={props.step.conditionKind}
            options={[
              { value: "step", label: t("au.cond.kind.step") },
              { value: "contact", label: t("au.cond.kind.contact") },
            ]}
            onChange={(v) => set({ conditionKind: v as StepDraft["conditionKind"] })}
          />
          <Show
            when={props.step.conditionKind === "step"}
            fallback={<SegmentConditionRow n={n()} draft={props.step.condition} lists={props.refs.lists} fields={props.refs.fields} error={err("condition")} canRemove={false} onChange={(d) => set({ condition: d })} onRemove={() => undefined} />}
          >
            <div class="form-row">
              <SelectField
                id={`${id}-email`}
                label={t("au.cond.step")}
                value={props.step.engagementStep}
                options={[{ value: "", label: t("au.choose") }, ...earlierEmails()]}
                onChange={(v) => set({ engagementStep: v })}
                hint={earlierEmails().length ? undefined : t("au.cond.noEmailSteps")}
                error={err("condition")}
              />
              <SelectField
                id={`${id}-event`}
                label={t("au.cond.event")}
                value={props.step.engagementEvent}
                options={[
                  { value: "opened", label: t("au.cond.opened") },
                  { value: "clicked", label: t("au.cond.clicked") },
                ]}
                onChange={(v) => set({ engagementEvent: v as StepDraft["engagementEvent"] })}
              />
            </div>
          </Show>
          <p class="hint">{t("au.cond.outcome")}</p>
        </Match>
        <Match when={props.step.type === "tag" || props.step.type === "untag"}>
          <TextField id={`${id}-tag`} label={t("au.tag.tag")} value={props.step.tag} onInput={(v) => set({ tag: v })} error={err("tag")} />
        </Match>
        <Match when={props.step.type === "webhook"}>
          <TextField id={`${id}-url`} label={t("au.webhook.url")} value={props.step.url} hint={t("au.webhook.hint")} onInput={(v) => set({ url: v })} error={err("url")} />
        </Match>
      </Switch>
      <For each={others()}>{(e) => <p class="field-error">{e}</p>}</For>
    </fieldset>
  );
}
