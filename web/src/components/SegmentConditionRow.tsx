/**
 * One condition of the segment builder: its type, then the inputs that type needs (a field,
 * comparison and value; an activity and days; a list and membership; a verdict; a channel and
 * status), and "Quitar". Every input has its own label.
 */
import { Match, Show, Switch, createUniqueId } from "solid-js";
import { t } from "../i18n";
import type { FieldOut, ListOut } from "../lib/api";
import { CONDITION_TYPES, STANDARD_FIELDS, fieldLabel, fieldType, needsValue, opsFor, type Draft } from "../lib/segments";
import SelectField from "./SelectField";
import { CONTACT_STATUSES, VERDICTS, statusLabel, verdictLabel } from "../lib/audience";

type Option = { value: string; label: string };

export default function SegmentConditionRow(props: {
  n: number;
  draft: Draft;
  lists: ListOut[];
  fields: FieldOut[];
  error?: string | null;
  canRemove: boolean;
  onChange: (d: Draft) => void;
  onRemove: () => void;
}) {
  const id = `cond-${createUniqueId()}`;
  const set = (patch: Partial<Draft>) => props.onChange({ ...props.draft, ...patch });
  const fieldOptions = (): Option[] => [
    ...STANDARD_FIELDS.map((f) => ({ value: f, label: fieldLabel(f, props.fields) })),
    ...props.fields.map((f) => ({ value: `custom:${f.key}`, label: f.label })),
  ];
  const setField = (field: string) => {
    const ops = opsFor(field, props.fields);
    set({ field, op: ops.includes(props.draft.op) ? props.draft.op : ops[0]!, value: "" });
  };
  const type = () => fieldType(props.draft.field, props.fields);
  return (
    <fieldset class="condition" classList={{ "has-error": !!props.error }} data-testid="segment-condition">
      <legend class="legend">{t("segment.conditionN", { n: props.n })}</legend>
      <div class="condition-fields">
        <SelectField id={`${id}-type`} label={t("segment.type")} value={props.draft.type} options={CONDITION_TYPES.map((c) => ({ value: c, label: t(`segment.type.${c}`) }))} onChange={(v) => set({ type: v as Draft["type"] })} />
        <Switch>
          <Match when={props.draft.type === "field"}>
            <SelectField id={`${id}-field`} label={t("segment.field")} value={props.draft.field} options={fieldOptions()} onChange={setField} />
            <SelectField
              id={`${id}-op`}
              label={t("segment.op")}
              value={props.draft.op}
              options={opsFor(props.draft.field, props.fields).map((o) => ({ value: o, label: t(`segment.op.${o}`) }))}
              onChange={(v) => set({ op: v as Draft["op"] })}
            />
            <Show when={needsValue(props.draft.op)}>
              <Show
                when={type() === "boolean"}
                fallback={
                  <div class="field">
                    <label for={`${id}-value`}>{t("segment.value")}</label>
                    <input id={`${id}-value`} type={type() === "date" ? "date" : "text"} inputmode={type() === "number" ? "decimal" : undefined} value={props.draft.value} onInput={(e) => set({ value: e.currentTarget.value })} autocomplete="off" />
                  </div>
                }
              >
                <SelectField
                  id={`${id}-value`}
                  label={t("segment.value")}
                  value={props.draft.value}
                  options={[
                    { value: "", label: t("common.none") },
                    { value: "1", label: t("segment.boolTrue") },
                    { value: "0", label: t("segment.boolFalse") },
                  ]}
                  onChange={(v) => set({ value: v })}
                />
              </Show>
            </Show>
          </Match>
          <Match when={props.draft.type === "engagement"}>
            <SelectField
              id={`${id}-event`}
              label={t("segment.event")}
              value={props.draft.event}
              options={(["opened", "clicked", "not_opened", "never_opened"] as const).map((e) => ({ value: e, label: t(`segment.event.${e}`) }))}
              onChange={(v) => set({ event: v as Draft["event"] })}
            />
            <Show when={props.draft.event !== "never_opened"}>
              <div class="field field-short">
                <label for={`${id}-days`}>{t("segment.days")}</label>
                <input id={`${id}-days`} type="text" inputmode="numeric" value={props.draft.days} onInput={(e) => set({ days: e.currentTarget.value })} autocomplete="off" />
              </div>
            </Show>
          </Match>
          <Match when={props.draft.type === "list"}>
            <SelectField
              id={`${id}-member`}
              label={t("segment.member")}
              value={props.draft.member}
              options={[
                { value: "yes", label: t("segment.member.yes") },
                { value: "no", label: t("segment.member.no") },
              ]}
              onChange={(v) => set({ member: v as Draft["member"] })}
            />
            <SelectField
              id={`${id}-list`}
              label={t("segment.list")}
              value={props.draft.listId}
              options={[{ value: "", label: props.lists.length ? "—" : t("segment.noLists") }, ...props.lists.map((l) => ({ value: l.id, label: l.name }))]}
              onChange={(v) => set({ listId: v })}
            />
          </Match>
          <Match when={props.draft.type === "verdict"}>
            <SelectField id={`${id}-verdict`} label={t("segment.verdict")} value={props.draft.verdict} options={VERDICTS.map((v) => ({ value: v, label: verdictLabel(v) }))} onChange={(v) => set({ verdict: v as Draft["verdict"] })} />
          </Match>
          <Match when={props.draft.type === "status"}>
            <SelectField
              id={`${id}-channel`}
              label={t("segment.channel")}
              value={props.draft.channel}
              options={[
                { value: "email", label: t("channel.emailTitle") },
                { value: "sms", label: t("channel.smsTitle") },
              ]}
              onChange={(v) => set({ channel: v as Draft["channel"] })}
            />
            <SelectField id={`${id}-status`} label={t("segment.status")} value={props.draft.status} options={CONTACT_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} onChange={(v) => set({ status: v as Draft["status"] })} />
          </Match>
        </Switch>
        <Show when={props.canRemove}>
          <div class="condition-remove">
            <button type="button" class="btn btn-secondary btn-small" aria-label={t("segment.removeLabel", { n: props.n })} onClick={() => props.onRemove()}>
              {t("segment.remove")}
            </button>
          </div>
        </Show>
      </div>
      <Show when={props.error}>
        <p class="field-error">{props.error}</p>
      </Show>
    </fieldset>
  );
}
