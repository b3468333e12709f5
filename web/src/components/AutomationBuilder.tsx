/**
 * The automation builder: its name, the trigger, and the steps as an ordered list (add a step of
 * a kind, move it up or down, remove it). "Guardar" creates the draft or saves the changes; an
 * error the server names (`steps.1.subject`, `trigger.listId`) appears next to that input. While
 * the automation is active the whole form is disabled (the API refuses edits then). Steps are
 * rendered with <Index> so typing in one never rebuilds it (focus stays in the input).
 */
import { Index, Show, createSignal, createUniqueId } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type AutomationOut } from "../lib/api";
import { STEP_TYPES, moveStep, newStep, newTrigger, nextStepId, toBody, type BuilderState, type StepType } from "../lib/automation-builder";
import { errorSlot } from "../lib/automation-saved";
import type { AutomationRefs } from "../lib/automation-refs";
import { fieldErrorText, stepTypeLabel } from "../lib/automation-words";
import { errorField } from "../lib/errors";
import AutomationStepCard from "./AutomationStepCard";
import AutomationTriggerFields from "./AutomationTriggerFields";
import SelectField from "./SelectField";
import TextField from "./TextField";

export default function AutomationBuilder(props: {
  automationId: string | null;
  initial: BuilderState | null;
  refs: AutomationRefs;
  locked: boolean;
  onSaved: (a: AutomationOut) => void;
  /** Told when the form starts or stops differing from what is saved (the page warns before activating). */
  onDirty?: (dirty: boolean) => void;
}) {
  const id = `ab-${createUniqueId()}`;
  // The initial state is read once: the builder owns the form from then on.
  const start = props.initial ?? { name: "", trigger: newTrigger(), steps: [] };
  const [state, setState] = createSignal<BuilderState>(start);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [addType, setAddType] = createSignal<StepType>("email");
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  /** Shows errors and takes the person to the first input they name. */
  const fail = (e: Record<string, string>) => {
    setErrors(e);
    requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const patch = (p: Partial<BuilderState>) => {
    setState((s) => ({ ...s, ...p }));
    props.onDirty?.(true);
  };
  const restructure = (steps: BuilderState["steps"]) => {
    // Errors are by position: a moved or removed step makes them point elsewhere.
    setErrors({});
    patch({ steps });
  };

  function addStep() {
    const s = state();
    restructure([...s.steps, newStep(addType(), nextStepId(s.steps.map((x) => x.id)), props.refs.sender)]);
  }

  async function save(e: Event) {
    e.preventDefault();
    if (busy() || props.locked) return;
    const built = toBody(state(), props.refs.fields);
    if (built.errors) {
      fail(Object.fromEntries(Object.entries(built.errors).map(([k, v]) => [k, t(v as MessageKey)])));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = props.automationId ? await api.updateAutomation(props.automationId, built.body) : await api.createAutomation(built.body);
      props.onDirty?.(false);
      props.onSaved(saved);
    } catch (err) {
      fail({ [errorSlot(errorField(err))]: fieldErrorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const general = () => errors()["general"];
  const hasErrors = () => Object.keys(errors()).length > 0;
  return (
    <form ref={form} class="form automation-builder" onSubmit={(e) => void save(e)} novalidate aria-labelledby={`${id}-title`}>
      <fieldset class="plain-fieldset" disabled={props.locked}>
        <h2 id={`${id}-title`} class="visually-hidden">
          {t("au.title")}
        </h2>
        <div class="form-narrow-wide">
          <TextField id={`${id}-name`} label={t("au.name")} value={state().name} hint={t("au.nameHint")} onInput={(v) => patch({ name: v })} error={errors()["name"] ?? null} />
        </div>

        <section class="section card" aria-labelledby={`${id}-trigger`}>
          <h2 id={`${id}-trigger`} class="card-title">
            {t("au.trigger.section")}
          </h2>
          <p class="hint section-hint">{t("au.trigger.hint")}</p>
          <AutomationTriggerFields draft={state().trigger} refs={props.refs} errors={errors()} onChange={(trigger) => patch({ trigger })} />
        </section>

        <section class="section" aria-labelledby={`${id}-steps`}>
          <h2 id={`${id}-steps`} class="section-title">
            {t("au.steps.section")}
          </h2>
          <p class="hint section-hint">{t("au.steps.hint")}</p>
          <Show when={state().steps.length === 0}>
            <p class="muted">{t("au.steps.empty")}</p>
          </Show>
          <Show when={errors()["steps"]}>
            <p class="field-error">{errors()["steps"]}</p>
          </Show>
          <ol class="automation-steps">
            <Index each={state().steps}>
              {(step, i) => (
                <li>
                  <AutomationStepCard
                    index={i}
                    step={step()}
                    steps={state().steps}
                    refs={props.refs}
                    errors={errors()}
                    onChange={(s) => patch({ steps: state().steps.map((x, j) => (j === i ? s : x)) })}
                    onMove={(by) => restructure(moveStep(state().steps, i, by))}
                    onRemove={() => restructure(state().steps.filter((_, j) => j !== i))}
                  />
                </li>
              )}
            </Index>
          </ol>
          <div class="add-step">
            <SelectField id={`${id}-add`} label={t("au.addStepType")} value={addType()} options={STEP_TYPES.map((s) => ({ value: s, label: stepTypeLabel(s) }))} onChange={(v) => setAddType(v as StepType)} />
            <button type="button" class="btn btn-secondary" onClick={addStep}>
              {t("au.addStep")}
            </button>
          </div>
        </section>

        <Show when={general()}>
          <p class="field-error" role="alert">
            {general()}
          </p>
        </Show>
        <Show when={hasErrors() && !general()}>
          <p class="field-error" role="alert">
            {t("au.err.fix")}
          </p>
        </Show>
        <div class="form-actions">
          {/* A saved automation's primary action is "Activar", top right: one primary button a screen. */}
          <button type="submit" class={props.automationId ? "btn btn-secondary" : "btn btn-primary"} disabled={busy() || props.locked}>
            {busy() ? t("au.saving") : t("au.save")}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
