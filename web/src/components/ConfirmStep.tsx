/**
 * The confirmation step of an irreversible action, shown inside its dialog: a summary of what
 * will happen, "Volver" and the action's own button. The summary takes focus so it is read out.
 */
import { For, Show, onMount } from "solid-js";
import { t } from "../i18n";

export default function ConfirmStep(props: {
  lines: string[];
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  error?: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  let summary: HTMLDivElement | undefined;
  onMount(() => summary?.focus());
  return (
    <div class="confirm">
      <div class="confirm-summary" tabindex="-1" ref={summary} data-testid="confirm-summary">
        <For each={props.lines}>{(line) => <p>{line}</p>}</For>
      </div>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onBack()} disabled={props.busy}>
          {t("common.back")}
        </button>
        <button type="button" class={props.danger ? "btn btn-danger" : "btn btn-primary"} onClick={() => props.onConfirm()} disabled={props.busy}>
          {props.busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </div>
  );
}
