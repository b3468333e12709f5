/**
 * The segment builder: name, whether contacts must meet all conditions or any, the conditions
 * (added and removed freely, each with the inputs its type needs) and a live count: the
 * definition is sent to POST /segments/preview a moment after the last change, and the answer
 * (count and a few names) replaces the old one in place. "Guardar segmento" checks everything.
 */
import { For, Index, Show, createEffect, createSignal, on, onCleanup } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type FieldOut, type ListOut, type SegmentDefinition, type SegmentOut, type SegmentPreview } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import { contactName } from "../lib/audience";
import { formatNumber } from "../lib/format";
import { newDraft, toCondition, toDraft, type Draft } from "../lib/segments";
import * as v from "../lib/validate";
import TextField from "./TextField";
import RadioGroup from "./RadioGroup";
import SegmentConditionRow from "./SegmentConditionRow";

const MAX_CONDITIONS = 30;

export default function SegmentBuilder(props: { segment?: SegmentOut; lists: ListOut[]; fields: FieldOut[]; onSaved: (s: SegmentOut) => void }) {
  const [name, setName] = createSignal(props.segment?.name ?? "");
  const [match, setMatch] = createSignal<"all" | "any">(props.segment?.definition.match ?? "all");
  const [drafts, setDrafts] = createSignal<Draft[]>(props.segment ? props.segment.definition.conditions.map(toDraft) : [newDraft()]);
  const [nameError, setNameError] = createSignal<string | null>(null);
  const [showErrors, setShowErrors] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [preview, setPreview] = createSignal<SegmentPreview | null>(null);
  const [previewing, setPreviewing] = createSignal(false);
  const [previewError, setPreviewError] = createSignal<string | null>(null);

  const results = () => drafts().map((d) => toCondition(d, props.fields));
  const definition = (): SegmentDefinition | null => {
    const r = results();
    if (r.some((x) => typeof x === "string")) return null;
    return { match: match(), conditions: r as SegmentDefinition["conditions"] };
  };
  const conditionError = (i: number) => {
    const r = results()[i];
    return showErrors() && typeof r === "string" ? t(r as MessageKey) : null;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(
      () => JSON.stringify(definition()),
      (json) => {
        clearTimeout(timer);
        const def = definition();
        if (!def) {
          setPreview(null);
          return;
        }
        setPreviewing(true);
        timer = setTimeout(async () => {
          const mine = ++asked;
          try {
            const p = await api.previewSegment(def);
            if (mine === asked && json === JSON.stringify(definition())) {
              setPreview(p);
              setPreviewError(null);
            }
          } catch (err) {
            if (mine === asked) setPreviewError(errorText(err));
          } finally {
            if (mine === asked) setPreviewing(false);
          }
        }, 400);
      },
    ),
  );

  const checkName = () => {
    const key = v.required(name());
    setNameError(key ? t(key) : null);
    return !key;
  };

  async function save(e: Event) {
    e.preventDefault();
    setFormError(null);
    setShowErrors(true);
    const okName = checkName();
    const def = definition();
    if (!okName || !def) return;
    setBusy(true);
    try {
      const saved = props.segment ? await api.updateSegment(props.segment.id, { name: name().trim(), definition: def }) : await api.createSegment({ name: name().trim(), definition: def });
      props.onSaved(saved);
    } catch (err) {
      if (errorField(err) === "name") setNameError(errorText(err));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const count = () => preview()?.count ?? 0;

  return (
    <form class="form segment-form" onSubmit={save} novalidate>
      <div class="segment-layout">
        <div class="segment-main">
          <TextField label={t("segment.name")} name="name" value={name()} onInput={setName} onBlur={checkName} error={nameError()} hint={t("segment.nameHint")} autocomplete="off" required />
          <RadioGroup
            legend={t("segment.match")}
            value={match()}
            onChange={(m) => setMatch(m as "all" | "any")}
            options={[
              { value: "all", label: t("segment.match.all") },
              { value: "any", label: t("segment.match.any") },
            ]}
          />
          <div class="conditions" role="group" aria-label={t("segment.conditions")}>
            <Index each={drafts()}>
              {(d, i) => (
                <SegmentConditionRow
                  n={i + 1}
                  draft={d()}
                  lists={props.lists}
                  fields={props.fields}
                  error={conditionError(i)}
                  canRemove={drafts().length > 1}
                  onChange={(next) => setDrafts((all) => all.map((x, j) => (j === i ? next : x)))}
                  onRemove={() => setDrafts((all) => all.filter((_, j) => j !== i))}
                />
              )}
            </Index>
          </div>
          <div>
            <button type="button" class="btn btn-secondary" disabled={drafts().length >= MAX_CONDITIONS} onClick={() => setDrafts((all) => [...all, newDraft()])}>
              {t("segment.add")}
            </button>
          </div>
        </div>
        <aside class="card segment-preview" aria-labelledby="segment-preview-title">
          <h2 id="segment-preview-title" class="card-title">
            {t("segment.preview")}
          </h2>
          <div role="status" aria-live="polite" data-testid="segment-preview">
            <Show when={definition()} fallback={<p class="muted">{t("segment.previewIncomplete")}</p>}>
              <Show when={preview()} fallback={<p class="muted">{t("segment.previewing")}</p>}>
                <p class="kpi-value" classList={{ stale: previewing() }} data-testid="segment-preview-count">
                  {formatNumber(count())}
                </p>
                <p>{count() === 1 ? t("segment.previewCount1") : t("segment.previewCount", { count: formatNumber(count()) })}</p>
                <Show when={previewing()}>
                  <p class="muted small">{t("segment.previewing")}</p>
                </Show>
              </Show>
            </Show>
            <Show when={previewError()}>
              <p class="field-error">{previewError()}</p>
            </Show>
          </div>
          <Show when={definition() && (preview()?.sample.length ?? 0) > 0}>
            <h3 class="subsection-title">{t("segment.sample")}</h3>
            <ul class="sample-list">
              <For each={preview()!.sample.slice(0, 5)}>
                {(c) => (
                  <li>
                    <span class="cell-strong">{contactName(c)}</span>
                    <span class="cell-sub">{c.email ?? c.phone}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </aside>
      </div>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("segment.saving") : t("segment.save")}
        </button>
      </div>
    </form>
  );
}
