/** "Programar envío", first step: a date and time read in Lima (datetime-local), then the summary. */
import { Show, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";
import { limaLocalNow } from "../lib/email";

export default function ScheduleForm(props: { initial?: string; onNext: (at: string) => void; onCancel: () => void }) {
  const id = `at-${createUniqueId()}`;
  const [at, setAt] = createSignal(props.initial ?? limaLocalNow(60));
  const [error, setError] = createSignal<string | null>(null);
  function submit(e: Event) {
    e.preventDefault();
    if (!at()) return setError(t("camp.scheduleRequired"));
    props.onNext(at());
  }
  return (
    <form class="form" onSubmit={submit} novalidate>
      <div class="field" classList={{ "has-error": !!error() }}>
        <label for={id}>{t("camp.scheduleAt")}</label>
        <input id={id} type="datetime-local" value={at()} min={limaLocalNow()} onInput={(e) => (setAt(e.currentTarget.value), setError(null))} aria-describedby={`${id}-hint`} required />
        <p class="hint" id={`${id}-hint`}>
          {t("camp.scheduleHint")}
        </p>
        <Show when={error()}>
          <p class="field-error">{error()}</p>
        </Show>
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary">
          {t("camp.scheduleContinue")}
        </button>
      </div>
    </form>
  );
}
