/**
 * The builder's "Disparador": the kind of trigger, then the inputs that kind needs (a list, a
 * date field with days and a Lima time, a segment, an event name with a curl example, an SMS
 * keyword, a campaign and what the contact did). Each input has its label and shows the server's
 * error for its path (`trigger.listId`…) next to it.
 */
import { Match, Show, Switch, createUniqueId } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { TRIGGER_TYPES, type TriggerDraft } from "../lib/automation-builder";
import type { AutomationRefs } from "../lib/automation-refs";
import SelectField from "./SelectField";
import TextField from "./TextField";

export default function AutomationTriggerFields(props: { draft: TriggerDraft; refs: AutomationRefs; errors: Record<string, string>; onChange: (d: TriggerDraft) => void }) {
  const id = `tr-${createUniqueId()}`;
  const set = (patch: Partial<TriggerDraft>) => props.onChange({ ...props.draft, ...patch });
  const err = (key: string) => props.errors[`trigger.${key}`] ?? null;
  const choose = (items: { value: string; label: string }[]) => [{ value: "", label: t("au.choose") }, ...items];
  const dateFields = () => props.refs.fields.filter((f) => f.type === "date").map((f) => ({ value: `custom:${f.key}`, label: f.label }));
  const curl = () =>
    `curl -X POST ${typeof location === "undefined" ? "" : location.origin}/api/v1/events \\\n  -H "Authorization: Bearer $PREGON_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '{"name": "${props.draft.name.trim() || "registro_por_vencer"}", "contact": {"email": "ana@example.org"}}'`;
  return (
    <div class="form" data-testid="automation-trigger">
      <SelectField
        id={`${id}-type`}
        label={t("au.trigger.type")}
        value={props.draft.type}
        options={TRIGGER_TYPES.map((type) => ({ value: type, label: t(`au.trigger.type.${type}` as MessageKey) }))}
        onChange={(v) => set({ type: v as TriggerDraft["type"] })}
        error={err("type")}
      />
      <div class="form-row">
        <Switch>
          <Match when={props.draft.type === "subscribed" || props.draft.type === "optin_confirmed"}>
            <SelectField
              id={`${id}-list`}
              label={t("au.trigger.listOptional")}
              value={props.draft.listId}
              options={[{ value: "", label: t("au.trigger.anyList") }, ...props.refs.lists.map((l) => ({ value: l.id, label: l.name }))]}
              onChange={(v) => set({ listId: v })}
              hint={props.draft.type === "optin_confirmed" ? t("au.trigger.optinHint") : undefined}
              error={err("listId")}
            />
          </Match>
          <Match when={props.draft.type === "date"}>
            <SelectField
              id={`${id}-field`}
              label={t("au.trigger.field")}
              value={props.draft.field}
              options={choose(dateFields())}
              onChange={(v) => set({ field: v })}
              hint={dateFields().length ? undefined : t("au.trigger.noDateFields")}
              error={err("field")}
            />
            <SelectField
              id={`${id}-direction`}
              label={t("au.trigger.direction")}
              value={props.draft.direction}
              options={(["before", "after", "on"] as const).map((d) => ({ value: d, label: t(`au.trigger.direction.${d}`) }))}
              onChange={(v) => set({ direction: v as TriggerDraft["direction"] })}
              error={err("direction")}
            />
            <Show when={props.draft.direction !== "on"}>
              <TextField id={`${id}-days`} label={t("au.trigger.days")} value={props.draft.days} inputMode="numeric" onInput={(v) => set({ days: v })} error={err("days")} />
            </Show>
            <TextField id={`${id}-at`} label={t("au.trigger.at")} value={props.draft.at} inputMode="numeric" hint={t("au.trigger.atHint")} onInput={(v) => set({ at: v })} error={err("at")} />
          </Match>
          <Match when={props.draft.type === "segment"}>
            <SelectField
              id={`${id}-segment`}
              label={t("au.trigger.segment")}
              value={props.draft.segmentId}
              options={choose(props.refs.segments.map((s) => ({ value: s.id, label: s.name })))}
              onChange={(v) => set({ segmentId: v })}
              error={err("segmentId")}
            />
          </Match>
          <Match when={props.draft.type === "event"}>
            <TextField id={`${id}-event`} label={t("au.trigger.eventName")} value={props.draft.name} hint={t("au.trigger.eventHint")} onInput={(v) => set({ name: v })} error={err("name")} />
          </Match>
          <Match when={props.draft.type === "sms_keyword"}>
            <SelectField
              id={`${id}-keyword`}
              label={t("au.trigger.keyword")}
              value={props.draft.keyword}
              options={choose(props.refs.keywords.map((k) => ({ value: k.keyword, label: k.keyword.toUpperCase() })))}
              onChange={(v) => set({ keyword: v })}
              hint={props.refs.keywords.length ? undefined : t("au.trigger.noKeywords")}
              error={err("keyword")}
            />
          </Match>
          <Match when={props.draft.type === "engagement"}>
            <SelectField
              id={`${id}-campaign`}
              label={t("au.trigger.campaign")}
              value={props.draft.campaignId}
              options={choose(props.refs.campaigns.map((c) => ({ value: c.id, label: c.name })))}
              onChange={(v) => set({ campaignId: v })}
              error={err("campaignId")}
            />
            <SelectField
              id={`${id}-on`}
              label={t("au.trigger.on")}
              value={props.draft.on}
              options={(["not_opened", "opened", "clicked"] as const).map((o) => ({ value: o, label: t(`au.trigger.on.${o}`) }))}
              onChange={(v) => set({ on: v as TriggerDraft["on"] })}
              error={err("on")}
            />
            <Show when={props.draft.on === "not_opened"}>
              <TextField id={`${id}-days`} label={t("au.trigger.daysAfter")} value={props.draft.days} inputMode="numeric" onInput={(v) => set({ days: v })} error={err("days")} />
            </Show>
          </Match>
        </Switch>
      </div>
      <Show when={props.draft.type === "event"}>
        <div class="field">
          <p class="hint">{t("au.trigger.curl")}</p>
          <pre class="code-sample" data-testid="event-curl">
            {curl()}
          </pre>
        </div>
      </Show>
    </div>
  );
}
