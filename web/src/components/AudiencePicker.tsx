/**
 * The lists and segments a campaign goes to, as two groups of checkboxes with their counts: a
 * list's members reachable by email, or with `channel="sms"` those reachable by SMS.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ListOut, SegmentOut } from "../lib/api";
import { formatNumber } from "../lib/format";

export default function AudiencePicker(props: {
  lists: ListOut[];
  segments: SegmentOut[];
  listIds: string[];
  segmentIds: string[];
  onChange: (listIds: string[], segmentIds: string[]) => void;
  error?: string | null;
  channel?: "email" | "sms";
}) {
  const toggle = (ids: string[], id: string, on: boolean) => (on ? [...ids, id] : ids.filter((x) => x !== id));
  return (
    <div class="field audience-picker" classList={{ "has-error": !!props.error }}>
      <p class="hint" id="audience-hint">
        {t("camp.form.audienceHint")}
      </p>
      <div class="form-row">
        <fieldset class="check-group" aria-describedby="audience-hint">
          <legend class="legend">{t("camp.form.lists")}</legend>
          <Show when={props.lists.length > 0} fallback={<p class="muted small">{t("camp.form.noLists")}</p>}>
            <For each={props.lists}>
              {(l) => (
                <label class="radio">
                  <input type="checkbox" checked={props.listIds.includes(l.id)} onChange={(e) => props.onChange(toggle(props.listIds, l.id, e.currentTarget.checked), props.segmentIds)} />
                  <span>
                    {props.channel === "sms"
                      ? t("smsCamp.form.listOption", { name: l.name, count: formatNumber(l.counts.sms) })
                      : t("camp.form.listOption", { name: l.name, count: formatNumber(l.counts.subscribed) })}
                  </span>
                </label>
              )}
            </For>
          </Show>
        </fieldset>
        <fieldset class="check-group">
          <legend class="legend">{t("camp.form.segments")}</legend>
          <Show when={props.segments.length > 0} fallback={<p class="muted small">{t("camp.form.noSegments")}</p>}>
            <For each={props.segments}>
              {(s) => (
                <label class="radio">
                  <input type="checkbox" checked={props.segmentIds.includes(s.id)} onChange={(e) => props.onChange(props.listIds, toggle(props.segmentIds, s.id, e.currentTarget.checked))} />
                  <span>{t("camp.form.segmentOption", { name: s.name, count: formatNumber(s.count) })}</span>
                </label>
              )}
            </For>
          </Show>
        </fieldset>
      </div>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
